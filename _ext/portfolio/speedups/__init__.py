"""Every performance hack of the extension, in one package and behind one switch,
``portfolio_speedups`` (``switch.py``). Each makes a build faster and changes nothing it writes
(``tests/test_speedups.py`` builds a project with them on and off and compares every file):

- ``collector.py``: Python's garbage collector runs less often during a build;
- ``myst.py``: MyST's documents made with docutils' default settings worked out once;
- ``jinja.py``: the theme's templates compiled once and not checked again for every page;
- ``assets.py``: the style sheets' and scripts' tags made once per page depth, not for every page;
- ``bibtex.py``: sphinxcontrib-bibtex's formatted entries kept where nothing they depend on changed;
- ``fast_exit.py``: ``nox -s build``'s sphinx-build ended without taking its heap apart.

Other packages' private names that a feature needs are in ``compat/``.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config

from . import assets, bibtex, collector, fast_exit, jinja, myst
from .switch import Speedup, choose

#: every speed-up, in the order they are checked
SPEEDUPS: tuple[Speedup, ...] = (
    collector.SPEEDUP,
    myst.SPEEDUP,
    jinja.SPEEDUP,
    assets.SPEEDUP,
    bibtex.SPEEDUP,
    fast_exit.SPEEDUP,
)


def turn_on(app: Sphinx, config: Config) -> None:
    """As the settings say, before anything of the build (the pickled environment) is loaded."""
    choose(app, config, SPEEDUPS)
    myst.install()
    collector.relax(app, config)


def setup_speedups(app: Sphinx) -> None:
    app.connect("config-inited", turn_on, priority=100)
    app.connect("build-finished", collector.restore, priority=1000)  # after everything else the build does
    app.connect("builder-inited", assets.forget)
    app.connect("html-page-context", assets.shared_asset_tags)
    bibtex.setup_reuse(app)
