"""Website features: paper pages, BibTeX, filter, listings, JSON-LD, the browser script, the
landing page's description, and an output folder without stale files.

The stylesheet and script are static files of the site (``html_static_path``),
added first so that a project's own ``_static/`` files of the same name win,
and linked with Sphinx's checksums.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from .builder import setup_builder
from .contact import setup_contact
from .filter import setup_filter
from .headings import setup_headings
from .highlights import setup_highlights
from .languages import setup_languages
from .latest import setup_latest
from .linking import setup_linking
from .opengraph import setup_opengraph
from .papers import setup_papers
from .person import setup_person
from .script import setup_script
from .search import setup_search
from .sharing import setup_sharing
from .stale import setup_stale
from .untouched import setup_untouched

STATIC = Path(__file__).with_name("static")


def add_static_files(app: Sphinx, config: Config) -> None:
    config.html_static_path = [str(STATIC), *config.html_static_path]
    app.add_css_file("portfolio.css")
    app.add_js_file("portfolio.js", loading_method="defer")


def setup_website(app: Sphinx) -> None:
    """sphinx-design draws the buttons, badges and grids; its components and our cards share one look."""
    app.setup_extension("sphinx_design")
    app.connect("config-inited", add_static_files)
    setup_builder(app)
    setup_papers(app)
    setup_contact(app)
    setup_filter(app)
    setup_headings(app)
    setup_latest(app)
    setup_highlights(app)
    setup_linking(app)
    setup_person(app)
    setup_search(app)
    setup_script(app)
    setup_sharing(app)
    setup_languages(app)
    setup_stale(app)
    setup_untouched(app)
    setup_opengraph(app)
