"""The pybtex plugins behind the publication list.

- ``portfolio`` (names): "Hedström A" (or "Anna Hedström", ``portfolio_author_names``),
  with the owner's names in bold (``names``: every spelling of ``portfolio_owner_names``).
- ``portfolio`` (sorting): newest year first; the bib file's order within a year.
- ``portfolio`` (style): titles as written, the CV's layout for every standard BibTeX type and
  biblatex's ``online``, ``report`` and ``thesis`` (title, authors and year, then where it
  appeared), al-folio's venue badge (``abbr``), and a row of links from the entry's fields.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

from pybtex.database import Entry, Person
from pybtex.plugin import register_plugin
from pybtex.richtext import HRef, Tag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.formatting.unsrt import dashify
from pybtex.style.names import BaseNameStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import FieldIsMissing, join, names, node, optional, tag

from ..compat import bibtex as compat
from ..i18n import _
from ..nodes import cv_pub_authors, cv_pub_links, cv_pub_note, cv_pub_title, cv_sep
from .latex import MATH_TAG, rich
from .links import ROOT, LocalFiles, entry_links
from .marks import cv_math, cv_pub_badge
from .names import Owners, display_parts, is_owner

PLUGIN = "portfolio"

#: entry types with a layout of their own (BibTeX's standard types, biblatex's ``online``, ``report``
#: and ``thesis``); others are shown like ``misc``
KNOWN_TYPES = frozenset(
    {
        "article",
        "inproceedings",
        "conference",
        "incollection",
        "inbook",
        "book",
        "booklet",
        "proceedings",
        "misc",
        "phdthesis",
        "mastersthesis",
        "thesis",
        "techreport",
        "report",
        "manual",
        "unpublished",
        "online",
        "software",
    }
)


@node
def field(children: list[Any], context: dict[str, Any], name: str, apply_func: Any = None) -> Text:
    """pybtex's ``field``, reading through the ``rich`` cache."""
    entry = context["entry"]
    if name not in entry.fields:
        raise FieldIsMissing(name, entry)
    value = rich(entry.fields[name])
    return apply_func(value) if apply_func else value


@node
def first(children: list[Any], context: dict[str, Any], *names: str) -> Text:
    """The first of these fields that the entry has (biblatex's ``journaltitle`` for BibTeX's ``journal``)."""
    entry = context["entry"]
    for name in names:
        if entry.fields.get(name):
            return rich(entry.fields[name])
    raise FieldIsMissing(names[0], entry)


class OwnerNameStyle(BaseNameStyle):
    """Every author in one form (``portfolio_author_names``); the owner's spellings in ``<strong>``."""

    def format(self, person: Person, abbr: bool = False) -> Any:
        name = str(person)
        return _format_person(name, is_owner(name), Owners.form)


@lru_cache(maxsize=65536)
def _format_person(name: str, owner: bool, form: str) -> Text:
    """ "Höhne, M.-C. M." -> "Höhne M-C M" (or "M.-C. M. Höhne" in full) as rich text, in
    <strong> for the owner; cached by the name as written, since co-authors recur on many papers."""
    surname, given = display_parts(Person(unicodedata.normalize("NFC", name)), form)
    last = Text(*(rich(part) for part in surname))
    first = Text(*_spaced([rich(part) for part in given]))
    if not given:
        text = last
    else:
        text = Text(first, " ", last) if form == "full" else Text(last, " ", first)
    return Text(Tag("strong", text)) if owner else text


def _spaced(parts: list[Text]) -> list[Any]:
    return [piece for i, part in enumerate(parts) for piece in ([" "] if i else []) + [part]]


class NewestFirst(BaseSortingStyle):
    """Year descending; stable, so entries of one year keep the file's order."""

    def sorting_key(self, entry: Entry) -> int:
        year = entry.fields.get("year", "")
        return -int(year) if year.isdigit() else 0


#: parts of an entry marked for the writers (``compat.register_tags`` makes them our nodes)
TAGS = {
    "cv-pub-title": cv_pub_title,
    "cv-pub-authors": cv_pub_authors,
    "cv-pub-links": cv_pub_links,
    "cv-pub-note": cv_pub_note,
    "cv-sep": cv_sep,
    "cv-pub-badge": cv_pub_badge,
    MATH_TAG: cv_math,
}
#: what a thesis is called, by its BibTeX type or biblatex's ``type`` key
THESES = {"phdthesis": _("PhD thesis"), "mastersthesis": _("Master's thesis"), "mathesis": _("Master's thesis")}


def venue_prefix() -> str:
    """ "In: " before a venue, in the build's language."""
    return str(_("In:")) + " "


class PortfolioStyle(UnsrtStyle):
    """[Badge] Title. Authors (year). In: Venue volume(number):pages. Note. Award. Links.

    The badge, the title, the authors and the links are marked (``TAGS``), so that the website can
    set the title on a line of its own, the badge as a badge and the links as buttons, and the PDF
    print addresses. Each type says where it appeared in its own way (``get_<type>_template``)."""

    default_name_style = PLUGIN
    default_sorting_style = PLUGIN

    def format_names(self, role: str, as_sentence: bool = True) -> Any:
        joiner = " " + str(_("and")) + " "
        return names(role, sep=", ", sep2=joiner, last_sep=joiner)

    def who(self, e: Entry) -> Any:
        """The authors; for a book or proceedings with editors only, the editors."""
        if not e.persons.get("author") and e.persons.get("editor"):
            word = _("editors") if len(e.persons["editor"]) > 1 else _("editor")
            return join[self.format_names("editor"), ", ", str(word)]
        return optional[self.format_names("author")]

    def head(self, e: Entry) -> Any:
        return join[
            optional[tag("cv-pub-badge")["[", field("abbr"), "] "]],
            optional[tag("cv-pub-title")[field("title")], tag("cv-sep")[". "]],
            tag("cv-pub-authors")[self.who(e), optional[" (", field("year"), ")"]],
            tag("cv-sep")[". "],
        ]

    def entry(self, e: Entry, *where: Any) -> Any:
        """Head, then where it appeared, its note and its award, one sentence each."""
        return join[
            self.head(e),
            join(sep=". ")[
                join[*where, optional[field("additional_info")]],
                optional[tag("cv-pub-note")[field("note")]],
                self.award(e),
            ],
        ]

    def award(self, e: Entry) -> Any:
        """al-folio's ``award`` (what it was for), or its ``award_name`` alone."""
        award = "award" if e.fields.get("award") else "award_name"
        return optional[tag("cv-pub-note")[field(award)]]

    def numbers(self, e: Entry, alone: str = " ") -> Any:
        """ "24(34):1–11"; pages alone follow ``alone``, as in "193–209"."""
        pages_sep = ":" if "volume" in e.fields or "number" in e.fields else alone
        return join[
            optional[" ", field("volume")],
            optional["(", field("number"), ")"],
            optional[pages_sep, field("pages", apply_func=dashify)],
        ]

    def venue(self, *names: str) -> Any:
        return optional[venue_prefix(), tag("em")[first(*names)]]

    def published(self, e: Entry, lead: str = ". ") -> Any:
        """ "Publisher, Place" after ``lead``; nothing where the entry names neither."""
        if not any(e.fields.get(name) for name in ("publisher", "address", "location")):
            return ""
        return join[lead, join(sep=", ")[optional[field("publisher")], optional[first("address", "location")]]]

    def series(self, e: Entry) -> Any:
        """A series that is not the venue itself (ACM's "MM '23", "Lecture Notes in Computer Science")."""
        return optional[". ", field("series")] if e.fields.get("series", "") != e.fields.get("booktitle") else ""

    def edition(self) -> Any:
        return optional[str(_("Edition")), " ", field("edition")]

    def article_number(self, e: Entry) -> Any:
        """ACM's article number, where the entry has no pages (ACM gives ``articleno`` and ``numpages``)."""
        if "pages" in e.fields or not e.fields.get("articleno"):
            return ""
        return join[", ", str(_("Article")), " ", field("articleno")]

    def get_article_template(self, e: Entry) -> Any:
        return self.entry(e, self.venue("journal", "journaltitle"), self.numbers(e), self.article_number(e))

    def get_inproceedings_template(self, e: Entry) -> Any:
        return self.entry(
            e,
            self.venue("booktitle"),
            self.series(e),
            self.numbers(e, alone=", " if e.fields.get("series") else " "),
            self.article_number(e),
            self.published(e),
        )

    get_conference_template = get_inproceedings_template

    def get_incollection_template(self, e: Entry) -> Any:
        series = "series" in e.fields and e.fields["series"] != e.fields.get("booktitle")
        return self.entry(
            e,
            self.venue("booktitle"),
            optional[". ", field("series")] if series else "",
            self.numbers(e),
            optional[". ", field("publisher")],
            optional[", ", first("address", "location")],
        )

    def get_inbook_template(self, e: Entry) -> Any:
        """biblatex's (and Crossref's) chapter in a ``booktitle``; BibTeX's own has the book's title and a chapter."""
        chapter = join[str(_("Chapter")), " ", field("chapter")] if e.fields.get("chapter") else ""
        if not e.fields.get("booktitle"):
            pages = optional[field("pages", apply_func=dashify)]
            return self.entry(e, join(sep=", ")[chapter, pages], self.published(e))
        return self.entry(
            e,
            self.venue("booktitle"),
            join[", ", chapter] if chapter else "",
            self.series(e),
            self.numbers(e, alone=", "),
            self.published(e),
        )

    def get_book_template(self, e: Entry) -> Any:
        return self.entry(
            e,
            join(sep=". ")[
                optional[join[field("series"), optional[" ", field("volume")]]],
                self.edition(),
                join(sep=", ")[optional[first("publisher", "organization")], optional[first("address", "location")]],
            ],
        )

    get_proceedings_template = get_book_template

    def get_booklet_template(self, e: Entry) -> Any:
        return self.entry(e, join(sep=", ")[optional[field("howpublished")], optional[first("address", "location")]])

    def get_thesis_template(self, e: Entry) -> Any:
        kind = e.fields.get("type", "").strip()
        named = THESES.get(kind.lower()) if kind else THESES.get(e.type, _("Thesis"))
        return self.entry(
            e,
            join(sep=", ")[
                str(named) if named else field("type"),
                optional[first("school", "institution")],
                optional[first("address", "location")],
            ],
        )

    get_phdthesis_template = get_mastersthesis_template = get_thesis_template

    def get_techreport_template(self, e: Entry) -> Any:
        kind = field("type") if e.fields.get("type") else str(_("Technical report"))
        return self.entry(
            e,
            join(sep=", ")[
                join[kind, optional[" ", field("number")]],
                optional[field("institution")],
                optional[first("address", "location")],
            ],
        )

    get_report_template = get_techreport_template

    def get_manual_template(self, e: Entry) -> Any:
        return self.entry(
            e,
            join(sep=", ")[optional[field("organization")], optional[first("address", "location")], self.edition()],
        )

    def get_unpublished_template(self, e: Entry) -> Any:
        return self.entry(e)

    def get_online_template(self, e: Entry) -> Any:
        return self.entry(e, optional[first("organization", "publisher", "howpublished")])

    def get_misc_template(self, e: Entry) -> Any:
        if "howpublished" in e.fields:
            where: Any = join[venue_prefix(), field("howpublished"), optional[" abs/", field("eprint")]]
        elif e.fields.get("eprint") or e.fields.get("arxiv"):
            where = join["arXiv:", first("eprint", "arxiv")]
        else:
            where = optional[field("publisher")]
        return self.entry(e, where)

    def format_entry(self, label: str, entry: Entry, bib_data: Any = None) -> FormattedEntry:
        """Unknown entry types render like ``misc`` (the lint warns); links follow the text."""
        kind = entry.type if entry.type in KNOWN_TYPES and hasattr(self, f"get_{entry.type}_template") else "misc"
        text = getattr(self, f"get_{kind}_template")(entry).format_data(
            {"entry": entry, "style": self, "bib_data": bib_data}
        )
        if links := entry_links(entry, files=LocalFiles.site or ROOT):
            buttons: list[Any] = []
            for i, link in enumerate(links):
                buttons += [" · "] if i else []
                buttons.append(HRef(link.url, Tag("span", link.label)))
            text = Text(text, Tag("cv-sep", ". "), Tag("cv-pub-links", *buttons))
        return FormattedEntry(entry.key, text, label)


def register_plugins() -> None:
    """Make the three plugins known to pybtex under the name ``portfolio``, and their marks to
    pybtex-docutils."""
    compat.register_tags(TAGS)
    for group, plugin in (
        ("pybtex.style.names", OwnerNameStyle),
        ("pybtex.style.sorting", NewestFirst),
        ("pybtex.style.formatting", PortfolioStyle),
    ):
        register_plugin(group, PLUGIN, plugin, force=True)
