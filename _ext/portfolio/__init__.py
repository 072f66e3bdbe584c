"""Portfolio: an academic CV as a Sphinx extension.

Entries are parsed in ``directives/`` into records (``records.py``), stored in
``domain.py``, ordered in ``transforms.py`` and drawn by ``writers/`` and
``pdf/``; ``website/`` adds what only the site has and ``bibliography/`` the
publications. ``setup()`` wires them all.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .bibliography import setup_bibliography
from .config import setup_config
from .directives import setup_directives
from .domain import setup_domain
from .encoding import setup_encoding
from .foreign import setup_foreign
from .i18n import setup_i18n
from .incremental import setup_incremental
from .interop import setup_interop
from .pdf import setup_pdf
from .rereads import setup_rereads
from .speedups import setup_speedups
from .transforms import setup_transforms
from .untrusted import setup_untrusted
from .website import setup_website
from .writers import setup_writers

__version__ = "0.2.0"
#: the oldest Sphinx the extension is tested with (pyproject.toml's lower bound, `nox -s tests-lowest`)
SPHINX_FLOOR = "8.2"


def setup(app: Sphinx) -> dict[str, Any]:
    app.require_sphinx(SPHINX_FLOOR)  # an older one stops with Sphinx's message, not a traceback of ours
    setup_config(app)
    setup_i18n(app)
    setup_encoding(app)
    setup_untrusted(app)
    setup_domain(app)
    setup_writers(app)
    setup_directives(app)
    setup_transforms(app)
    setup_rereads(app)
    setup_bibliography(app)
    setup_foreign(app)
    setup_pdf(app)
    setup_website(app)
    setup_interop(app)
    setup_incremental(app)
    setup_speedups(app)
    return {"version": __version__, "env_version": 5, "parallel_read_safe": True, "parallel_write_safe": True}
