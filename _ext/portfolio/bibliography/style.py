"""The pybtex plugins behind the publication list.

- ``portfolio`` (names): "Hedström A" (or "Anna Hedström", ``portfolio_author_names``),
  with the owner's names in bold (``names``: every spelling of ``portfolio_owner_names``).
- ``portfolio`` (sorting): newest year first; the bib file's order within a year.
- ``portfolio`` (style): titles as written, the CV's venue layout, and a row of
  links (DOI, code, PDF, arXiv, project page) from the entry's fields.
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

from ..i18n import _
from ..nodes import cv_pub_authors, cv_pub_links, cv_pub_note, cv_pub_title, cv_sep
from . import compat
from .latex import rich
from .links import entry_links
from .names import Owners, display_parts, is_owner

PLUGIN = "portfolio"

#: entry types with a template of their own; others are shown like ``misc``
KNOWN_TYPES = frozenset(
    {
        "article",
        "inproceedings",
        "conference",
        "incollection",
        "inbook",
        "book",
        "misc",
        "phdthesis",
        "mastersthesis",
        "techreport",
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
}


def venue_prefix() -> str:
    """ "In: " before a venue, in the build's language."""
    return str(_("In:")) + " "


class PortfolioStyle(UnsrtStyle):
    """Title. Authors (year). In: Venue volume(number):pages. Note. Links.

    The title, the authors and the links are marked (``TAGS``), so that the website can set
    the title on a line of its own and the links as buttons, and the PDF print addresses."""

    default_name_style = PLUGIN
    default_sorting_style = PLUGIN

    def format_names(self, role: str, as_sentence: bool = True) -> Any:
        joiner = " " + str(_("and")) + " "
        return names(role, sep=", ", sep2=joiner, last_sep=joiner)

    def head(self) -> Any:
        return join[
            optional[tag("cv-pub-title")[field("title")], tag("cv-sep")[". "]],
            tag("cv-pub-authors")[optional[self.format_names("author")], optional[" (", field("year"), ")"]],
            tag("cv-sep")[". "],
        ]

    def numbers(self, e: Entry) -> Any:
        """ "24(34):1–11"; pages alone follow a space, as in "193–209"."""
        pages_sep = ":" if "volume" in e.fields or "number" in e.fields else " "
        return join[
            optional[" ", field("volume")],
            optional["(", field("number"), ")"],
            optional[pages_sep, field("pages", apply_func=dashify)],
        ]

    def tail(self) -> Any:
        return optional[". ", tag("cv-pub-note")[field("note")]]

    def get_article_template(self, e: Entry) -> Any:
        return join[self.head(), optional[venue_prefix(), tag("em")[field("journal")]], self.numbers(e), self.tail()]

    def get_inproceedings_template(self, e: Entry) -> Any:
        return join[self.head(), optional[venue_prefix(), tag("em")[field("booktitle")]], self.numbers(e), self.tail()]

    get_conference_template = get_inproceedings_template

    def get_incollection_template(self, e: Entry) -> Any:
        series = "series" in e.fields and e.fields["series"] != e.fields.get("booktitle")
        return join[
            self.head(),
            optional[venue_prefix(), tag("em")[field("booktitle")]],
            optional[". ", field("series")] if series else "",
            self.numbers(e),
            optional[". ", field("publisher")],
            optional[", ", field("address")],
            self.tail(),
        ]

    def get_misc_template(self, e: Entry) -> Any:
        where = (
            (venue_prefix(), field("howpublished"), optional[" abs/", field("eprint")])
            if "howpublished" in e.fields
            else (optional["arXiv:", field("eprint")],)
        )
        return join[self.head(), *where, self.tail()]

    def format_entry(self, label: str, entry: Entry, bib_data: Any = None) -> FormattedEntry:
        """Unknown entry types render like ``misc`` (the lint warns); links follow the text."""
        kind = entry.type if entry.type in KNOWN_TYPES and hasattr(self, f"get_{entry.type}_template") else "misc"
        text = getattr(self, f"get_{kind}_template")(entry).format_data(
            {"entry": entry, "style": self, "bib_data": bib_data}
        )
        if links := entry_links(entry):
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
