"""The EPUB: the website's pages as a book that epubcheck accepts, with no setting of its own.

The pages differ from the website's where a reader has no script and an EPUB's package would
have to declare inline SVG (``icons.py``, ``website/contact.py``); what is set here is what
Sphinx's EPUB builder reads from ``conf.py``.
"""

from __future__ import annotations

import os

from sphinx.application import Sphinx
from sphinx.config import Config

from ..dates import source_date

#: files ``sphinx.ext.githubpages`` writes beside any HTML, which are no part of a book
HOSTING_FILES = (".nojekyll", "CNAME")


def book_settings(app: Sphinx, config: Config) -> None:
    """An EPUB 3 needs a version (its ``ibooks:version``): where ``conf.py`` sets none, the day of
    the sources, as the PDFs are dated (``SOURCE_DATE_EPOCH`` or the last commit), so the same
    sources give the same book. GitHub Pages' files stay out of the book."""
    if not config.version and (day := source_date(app.confdir, os.environ)) is not None:
        config.version = day.iso
    if "sphinx.ext.githubpages" in config.extensions:
        config.epub_exclude_files = [*config.epub_exclude_files, *HOSTING_FILES]


def setup_epub(app: Sphinx) -> None:
    app.connect("config-inited", book_settings)
