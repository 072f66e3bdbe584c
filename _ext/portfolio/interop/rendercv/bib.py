"""RenderCV's publications as bib entries: the section's title says the entry type (a RenderCV
``PublicationEntry`` has no type), the shared bib writer (``..bib``) writes them."""

from __future__ import annotations

import re

from ..bib import BibEntry, Bibliography, Publication
from ..report import Report
from .read import PublicationEntry


def bib_type(section: str) -> str:
    """The entry type a section's title asks for; ``@misc`` where it says nothing."""
    rules = (
        (r"journal", "article"),
        (r"conference|proceeding|workshop|symposium", "inproceedings"),
        (r"chapter|book", "incollection"),
    )
    return next((kind for pattern, kind in rules if re.search(pattern, section, re.IGNORECASE)), "misc")


def add_publication(bib: Bibliography, e: PublicationEntry, section: str, where: str, report: Report) -> BibEntry:
    """One RenderCV publication in ``bib``; its summary is the entry's note, its other keys fields."""
    publication = Publication(
        title=e.title or "",
        authors=e.authors,
        kind=bib_type(section),
        venue=e.journal,
        date=e.date,
        doi=e.doi,
        url=e.url,
        note=e.summary,
        extra=e.extra,
    )
    return bib.add(publication, where, report)
