"""Portfolio: an academic CV as a Sphinx extension.

Cards are parsed in ``directives/``, stored in ``domain.py``, ordered in
``transforms.py`` and drawn by ``writers/``; ``setup()`` only collects the
``setup_<feature>`` functions of those modules.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .bibliography import setup_bibliography
from .config import setup_config
from .directives import setup_directives
from .domain import setup_domain
from .encoding import setup_encoding
from .pdf import setup_pdf
from .transforms import setup_transforms
from .untrusted import setup_untrusted
from .website import setup_website
from .writers import setup_writers

__version__ = "0.1.0"

STATIC = Path(__file__).parent / "static"


def setup_assets(app: Sphinx) -> None:
    """Ship our own CSS; it reads furo's colour variables, so dark mode follows."""
    app.connect("build-finished", _copy_static)
    app.add_css_file("portfolio.css")


def _copy_static(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        target = Path(app.outdir) / "_static"
        target.mkdir(parents=True, exist_ok=True)
        for source in sorted(STATIC.iterdir()):
            (target / source.name).write_bytes(source.read_bytes())


def setup(app: Sphinx) -> dict[str, Any]:
    setup_config(app)
    setup_encoding(app)
    setup_untrusted(app)
    setup_domain(app)
    setup_writers(app)
    setup_directives(app)
    setup_transforms(app)
    setup_assets(app)
    setup_bibliography(app)
    setup_pdf(app)
    setup_website(app)
    return {"version": __version__, "env_version": 3,
            "parallel_read_safe": True, "parallel_write_safe": True}
