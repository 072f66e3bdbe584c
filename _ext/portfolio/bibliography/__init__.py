"""Publications: pybtex plugins, bib file checks and cleaning, stable paper ids.

All of it is inert in projects that do not load ``sphinxcontrib.bibtex``;
every access to that extension's internals is in ``compat``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from ..compat import bibtex as compat
from ..config import portfolio_settings
from .groups import setup_groups
from .ids import default_ids
from .lint import check_bibfiles, start_capture
from .marks import setup_marks
from .names import Owners, check_owner_names
from .selected import setup_selected
from .style import register_plugins


def _owner_names(app: Sphinx, config: Config) -> None:
    """pybtex builds its styles without arguments: they read the owner's names from ``Owners``."""
    settings = portfolio_settings(config)
    Owners.configure(settings.owner_names, settings.author_names)


def _if_bibtex(handler: Callable[..., Any], default: Any = None) -> Callable[..., Any]:
    """Run ``handler`` only where sphinxcontrib-bibtex is loaded; else return ``default``."""

    def run(app: Sphinx, *args: Any) -> Any:
        return handler(app, *args) if compat.loaded(app) else default

    run.__doc__ = handler.__doc__
    return run


def setup_bibliography(app: Sphinx) -> None:
    register_plugins()
    app.connect("config-inited", _owner_names)
    app.connect("config-inited", _if_bibtex(default_ids))
    app.connect("builder-inited", _if_bibtex(start_capture), priority=400)
    app.connect("builder-inited", _if_bibtex(check_bibfiles), priority=600)
    app.connect("builder-inited", _if_bibtex(check_owner_names), priority=650)
    # publish, canonical_ids and report_unlinked run in pipeline.py
    setup_marks(app)
    setup_groups(app)
    setup_selected(app)
