"""Website features: paper pages, BibTeX, filter, listings, JSON-LD, the browser script."""

from __future__ import annotations

from sphinx.application import Sphinx

from .contact import setup_contact
from .filter import setup_filter
from .latest import setup_latest
from .papers import setup_papers
from .person import setup_person
from .sitemap import setup_sitemap


def setup_website(app: Sphinx) -> None:
    setup_papers(app)
    setup_contact(app)
    setup_filter(app)
    setup_latest(app)
    setup_person(app)
    setup_sitemap(app)
    app.add_js_file("portfolio.js", loading_method="defer")
