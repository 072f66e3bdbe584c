"""The links of a publication, from its bib fields: DOI, PDF, arXiv, code, project page.

Only web addresses come out of here: a DOI or arXiv id becomes its https
address (percent-encoded), and any other value, ``javascript:`` or not, is
not a link. ``sanitize`` has already warned about and removed such fields.
"""

from __future__ import annotations

from typing import NamedTuple

from pybtex.database import Entry

from ..i18n import _
from ..validate import arxiv_url, doi_url, is_web_url

#: the fields that hold links, checked when the bib files are read
LINK_FIELDS = ("doi", "pdf", "eprint", "code", "url")


class Link(NamedTuple):
    """One link of an entry, in the order the list and the paper page show them."""

    #: what the button says: "DOI", "PDF", "arXiv", "Code", "Project page"
    label: str
    #: an https address
    url: str
    #: the field it came from
    field: str


def field_links(field: str, value: str, archive: str = "arXiv") -> list[Link]:
    """The links one field's value makes; an empty list if it makes none."""
    if field == "doi":
        urls = [doi_url(value)]
        label = "DOI"
    elif field == "eprint":
        urls = [arxiv_url(value) if archive.lower() == "arxiv" else None]
        label = "arXiv"
    elif field == "code":
        urls = list(value.split())
        label = str(_("Code"))
    else:
        urls = [value.strip()]
        label = "PDF" if field == "pdf" else str(_("Project page"))
    return [Link(label, url, field) for url in urls if url and is_web_url(url)]


def entry_links(entry: Entry) -> list[Link]:
    """Every link of an entry, in a fixed order."""
    archive = entry.fields.get("archiveprefix", "arXiv")
    return [
        link
        for field in LINK_FIELDS
        if (value := entry.fields.get(field))
        for link in field_links(field, value, archive)
    ]
