"""Other extensions' files, written only when they change.

Two extensions the site loads write a file on every build, with the same bytes each time:
furo its ``_static/pygments.css`` (after the build), ``sphinx.ext.githubpages`` the
``.nojekyll`` and ``CNAME`` files (after reading). Their handlers are replaced by ones that do
the same but leave a file as it is where it already holds what would be written, so that a
build that changes nothing touches no file. Where either extension is not loaded, or names its
handler differently, nothing is replaced.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..compat.furo import PYGMENTS_CSS_HANDLER
from ..compat.githubpages import NOJEKYLL_CNAME_HANDLER
from ..compat.sphinx import replace_handler
from ..outputs import write_if_changed


def furo_pygments_css(app: Sphinx, exception: Exception | None) -> None:
    """furo's handler (``PYGMENTS_CSS_HANDLER``): its own highlighting colours for light and dark mode."""
    from furo import get_pygments_stylesheet  # type: ignore[import-untyped]

    if exception is None:
        write_if_changed(Path(app.outdir, "_static", "pygments.css"), get_pygments_stylesheet())


def github_pages_files(app: Sphinx, env: BuildEnvironment) -> None:
    """sphinx.ext.githubpages' handler (``NOJEKYLL_CNAME_HANDLER``): ``.nojekyll``, and ``CNAME`` where the
    site's address is not on github.io."""
    if app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    if not (outdir / ".nojekyll").exists():
        (outdir / ".nojekyll").touch()
    url = app.config.html_baseurl
    domain = (urllib.parse.urlparse(url).hostname or "") if url else ""
    if domain and not domain.endswith(".github.io"):
        write_if_changed(outdir / "CNAME", domain)
    else:
        (outdir / "CNAME").unlink(missing_ok=True)


#: (module, handler name, event) of the handlers replaced, and what replaces each
REPLACED: dict[tuple[str, str, str], Callable[..., Any]] = {
    (*PYGMENTS_CSS_HANDLER, "build-finished"): furo_pygments_css,
    (*NOJEKYLL_CNAME_HANDLER, "env-updated"): github_pages_files,
}


def replace_handlers(app: Sphinx) -> None:
    """Once every extension and the theme are set up."""
    for (module, name, event), replacement in REPLACED.items():
        replace_handler(app, event, partial(named, module, name), partial(instead, replacement))


def instead(ours: Callable[..., Any], theirs: Callable[..., Any]) -> Callable[..., Any]:
    """Ours in place of theirs (not wrapping it)."""
    return ours


def named(module: str, name: str, handler: Any) -> bool:
    """Whether a handler is the function ``name`` of ``module``."""
    return getattr(handler, "__module__", None) == module and getattr(handler, "__name__", None) == name


def setup_untouched(app: Sphinx) -> None:
    app.connect("builder-inited", replace_handlers, priority=900)
