"""Every warning of the extension: type ``portfolio`` and one subtype from ``Subtype``.

``suppress_warnings = ["portfolio.date"]`` silences one kind; ``-W`` fails on any.
The README's table of subtypes is checked against this enum by the tests.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sphinx.util import logging

logger = logging.getLogger("portfolio")

TYPE = "portfolio"


class Subtype(StrEnum):
    """What went wrong; the value is the subtype Sphinx prints and ``suppress_warnings`` takes."""

    #: a date that cannot be read, or a day that does not exist
    DATE = "date"
    #: an end before its start
    DATE_ORDER = "date_order"
    #: an unknown talk ``:kind:`` or an unknown kind of entry in a listing
    KIND = "kind"
    #: a required option is missing
    MISSING_OPTION = "missing_option"
    #: a card without its title (the directive's argument)
    EMPTY_TITLE = "empty_title"
    #: a URL option that is not http(s) or mailto
    URL = "url"
    #: an email option that is not an address
    EMAIL = "email"
    #: a bad line in a patent's body
    PATENT = "patent"
    #: a software card names something that is not a bib key
    PAPER = "paper"
    #: two entries with the same id
    DUPLICATE_ID = "duplicate_id"
    #: a ``:name:`` that is not a valid id (it is cleaned)
    NAME = "name"
    #: an unknown ``cv-order``
    ORDER = "order"
    #: an unknown ``cv-layout`` or ``cv-group``
    PAGE_OPTION = "page_option"
    #: an option or title over the length limit (it is cut)
    TOO_LONG = "too_long"
    #: HTML markup in an option or title (shown as text)
    MARKUP = "markup"
    #: raw HTML in a page body while ``portfolio_trust_raw_html`` is off (shown as text)
    RAW_HTML = "raw_html"
    #: ``include`` or ``literalinclude`` while ``portfolio_trust_raw_html`` is off (left out)
    FILE_INSERTION = "file_insertion"
    #: an image outside the project or not an image (left out)
    IMAGE = "image"
    #: a setting in ``conf.py`` that cannot be used as given
    CONFIG = "config"
    #: bytes that are not UTF-8 in a page
    ENCODING = "encoding"
    #: bytes that are not UTF-8 in a bib file
    BIB_ENCODING = "bib_encoding"
    #: a bib file that does not exist
    BIB_MISSING = "bib_missing"
    #: a malformed bib entry, or one pybtex could not read
    BIB_SYNTAX = "bib_syntax"
    #: a bib key used twice
    BIB_DUPLICATE = "bib_duplicate"
    #: a bib key that cannot be a file name or id as written
    BIB_KEY = "bib_key"
    #: an entry type the style has no layout for (shown like @misc)
    BIB_TYPE = "bib_type"
    #: a missing title, year or venue
    BIB_FIELD = "bib_field"
    #: HTML markup in a bib field (shown as text)
    BIB_MARKUP = "bib_markup"
    #: a link field (url, doi, pdf, eprint, code) that is not a safe address (left out)
    BIB_URL = "bib_url"
    #: a bib field over the length limit (cut)
    BIB_TOO_LONG = "bib_too_long"
    #: an entry commented out with ``%``, which BibTeX does not know (left out)
    BIB_COMMENTED = "bib_commented"
    #: a file field (``pdf = {paper.pdf}``) that names no publishable file of the paper folder (left out)
    BIB_FILE = "bib_file"
    #: a bib entry that no bibliography lists (it is on no page)
    BIB_UNLISTED = "bib_unlisted"
    #: two bib entries of the same work (same DOI, or same title and year); both are listed
    BIB_SAME_WORK = "bib_same_work"
    #: a list of selected publications (the landing page's, a PDF's) that finds none
    BIB_SELECTED = "bib_selected"
    #: the PDF could not be written at all (the website is complete)
    PDF_ERROR = "pdf_error"
    #: Typst refused the CV; it is written again without the failing part
    PDF_COMPILE = "pdf_compile"
    #: a warning from the Typst compiler
    PDF_TYPST = "pdf_typst"
    #: an image the PDF cannot show (left out)
    PDF_IMAGE = "pdf_image"
    #: a node the PDF has no layout for (its text is written)
    PDF_NODE = "pdf_node"
    #: content nested deeper than the PDF allows (flattened)
    PDF_DEPTH = "pdf_depth"
    #: a PDF variant has more pages than its ``max_pages`` budget
    PDF_PAGES = "pdf_pages"
    #: ``portfolio_owner_names`` matches no author of the bib files (nothing is set in bold)
    OWNER_UNMATCHED = "owner_unmatched"
    #: ``private.toml`` cannot be read (the profile shows no phone or address from it)
    PRIVATE = "private"
    #: a speed-up whose target changed in the installed versions (it is off; the output is the same)
    SPEEDUPS = "speedups"


#: how many warnings this process has given: an output whose making warned is made again on the next
#: build, so that its warnings are given again (``incremental.py``)
_issued = [0]


def warn(message: str, subtype: Subtype, location: Any) -> None:
    """Warn with file and line; ``location`` is a node, ``(docname, line)`` or ``"path:line"``."""
    _issued[0] += 1
    logger.warning(message, location=location, type=TYPE, subtype=str(subtype))


def warnings_issued() -> int:
    return _issued[0]
