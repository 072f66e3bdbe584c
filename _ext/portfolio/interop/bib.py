"""The one bib writer of every importer: publications as ``refs.bib`` entries that pybtex reads back
exactly as they were given.

Values are plain text, escaped when written (BibTeX's specials, braces dropped); links stay
usable (DOI, URL, arXiv id written as they are, once checked); the month is a macro. Keys are
``lastname2020firstword``, unique against the new entries and against those a project has
already (pybtex matches keys case-insensitively).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..text import slug_word
from ..validate import MAX_ABSTRACT_LENGTH, MAX_LENGTH, arxiv_url, doi_url, is_web_url
from . import markdown as md
from .cards import angles, capped, shown_value
from .dates import bib_date_fields, iso_date
from .report import Report

STOP_WORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "on",
        "of",
        "in",
        "for",
        "to",
        "and",
        "from",
        "with",
        "at",
        "by",
        "is",
        "are",
        "how",
        "what",
        "why",
        "when",
        "do",
        "does",
        "via",
    }
)
#: fields written as they are: links must stay usable, the month is a macro
RAW_FIELDS = frozenset({"doi", "url", "month", "date", "eprint"})
BIB_ESCAPES = {
    "\\": r"{\textbackslash}",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "~": r"{\textasciitilde}",
    "{": "",
    "}": "",
}
#: the field that names the venue, by entry type; a type that needs one is @misc without it
VENUE_FIELDS = {
    "article": "journal",
    "inproceedings": "booktitle",
    "incollection": "booktitle",
    "book": "publisher",
    "phdthesis": "school",
    "mastersthesis": "school",
    "techreport": "institution",
    "misc": "howpublished",
}
#: types the bib lint and the style need a venue for
NEEDS_VENUE = frozenset({"article", "inproceedings", "incollection", "phdthesis", "mastersthesis", "techreport"})
#: fields that the style or a link reads with a meaning: an input's own key never becomes one
MEANINGFUL = frozenset(
    {"author", "editor", "title", "year", "month", "date", "doi", "url", "eprint", "archiveprefix", "eprinttype"}
    | {"pdf", "code", "file", "crossref", "key", "keywords", "selected", "abbr", "html", "preview", "bibtex_show"}
    | set(VENUE_FIELDS.values())
)
#: how many of a CV's publications, the first in its order, an import that replaces the content marks
#: ``selected = {true}``: a selection for the short PDFs that fits their pages, which the report asks
#: the owner to review
SELECTED_ON_IMPORT = 5
#: the longest bib value an import writes (an abstract)
MAX_FIELD = MAX_ABSTRACT_LENGTH


def bib_text(text: str) -> str:
    """Plain text as a BibTeX value that pybtex shows exactly (braces cannot be shown: dropped)."""
    return "".join(BIB_ESCAPES.get(c, c) for c in text)


def is_initials(token: str) -> bool:
    """ "S", "K-R", "CJ", "J." are initials; "Doe" is not."""
    letters = token.replace(".", "").replace("-", "")
    return 1 <= len(letters) <= 3 and letters.isalpha() and letters.isupper()


def dotted(token: str) -> str:
    """ "K-R" -> "K.-R.", "CJ" -> "C. J.", "J." -> "J."."""
    return "-".join(" ".join(f"{c}." for c in part.replace(".", "")) for part in token.split("-"))


def bib_name(display: str) -> tuple[str, bool]:
    """An author as a CV writes one ("J. Doe", "**Jane Doe**", "Doe J", "Doe, Jane") as BibTeX's
    "Last, First", and whether it was emphasised (RenderCV's way of marking the CV's owner)."""
    emphasised = bool(re.search(r"(\*|(?<!\w)_)\S", display))
    name = md.plain(display)
    if name.lower().rstrip(".") in ("et al", "others", "..", ""):
        return "others", False
    if "," in name:
        surname, given = (part.strip() for part in name.split(",", 1))
        return (f"{surname}, {given}" if given else surname), emphasised
    tokens = name.split()
    if len(tokens) == 1:
        return name, emphasised
    split = len(tokens)
    while split > 1 and is_initials(tokens[split - 1]):
        split -= 1
    if split < len(tokens) and not is_initials(tokens[0]):  # "Example A", "Müller A-L"
        last, first = tokens[:split], [dotted(t) for t in tokens[split:]]
    else:  # "Jane Doe", "J. Doe", "Ludwig van Beethoven"
        split = len(tokens) - 1
        while split > 1 and tokens[split - 1][:1].islower():
            split -= 1
        last, first = tokens[split:], [dotted(t) if is_initials(t) else t for t in tokens[:split]]
    return f"{' '.join(last)}, {' '.join(first)}", emphasised


def one_name(bibtex_name: str) -> str:
    """A name BibTeX reads as one: a name with the word "and" in it is braced, which BibTeX would
    otherwise take for the start of the next name."""
    return "{" + bibtex_name + "}" if re.search(r"(?i)(^|\s)and(\s|$)", bibtex_name) else bibtex_name


def short_name(bibtex_name: str) -> str:
    """ "Doe, Jane" -> "Doe, J.": the form ``portfolio_owner_names`` lists."""
    last, _, first = bibtex_name.partition(", ")
    return f"{last}, {first[0]}." if first else last


def normalised_title(title: str) -> str:
    """A title compared with another: letters and digits of its words, case-folded, TeX braces and
    accents' commands dropped ("{BERT}: Pre-training" and "BERT: pre-training" agree)."""
    text = re.sub(r"\\[a-zA-Z]+\s*|[{}\\]", "", title)
    return " ".join(re.sub(r"[^\w\s]|_", " ", text.casefold()).split())


#: a DOI as an import writes it: no character that BibTeX, a link or a shell would read as syntax
_SAFE_DOI_RE = re.compile(r"^10\.\d{4,9}/[^\s{}\\\"'<>^`|]+$")
_DOI_PREFIX_RE = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


def doi_of(value: str) -> str | None:
    """A DOI as it is written: without its https://doi.org/ or doi: prefix; None if the value is not
    one, or holds a character that is syntax somewhere (compare DOIs lower-cased: they ignore case)."""
    doi = _DOI_PREFIX_RE.sub("", value.strip())
    return doi if _SAFE_DOI_RE.match(doi) and doi_url(doi) else None


@dataclass
class Publication:
    """A publication as an import reads it, before it is a bib entry."""

    title: str
    #: as the source writes them: "J. Doe", "**Jane Doe**", "Doe, Jane"
    authors: list[str] = field(default_factory=list)
    #: the bib entry type wanted: "article", "inproceedings", ...
    kind: str = "misc"
    venue: str | None = None
    #: as written (free text such as "Fall 2023" is kept in ``note``)
    date: str | None = None
    doi: str | None = None
    url: str | None = None
    #: an arXiv identifier
    eprint: str | None = None
    note: str | None = None
    abstract: str | None = None
    #: further fields, kept as fields of the entry
    extra: dict[str, Any] = field(default_factory=dict)
    #: the text fields are Markdown (RenderCV, JSON Resume) rather than plain text (an API's)
    markdown: bool = True


@dataclass
class BibEntry:
    """One ``refs.bib`` entry; values are plain text, escaped when written."""

    key: str
    type: str
    fields: dict[str, str]

    def bibtex(self) -> str:
        lines = [f"@{self.type}{{{self.key},"]
        for name, value in self.fields.items():
            if name == "month":
                shown = value
            elif name in RAW_FIELDS:
                shown = "{" + value.replace("{", "").replace("}", "") + "}"
            else:
                shown = "{" + (value if name == "author" else bib_text(value)) + "}"
            lines.append(f"  {name} = {shown},")
        return "\n".join([*lines, "}"])


class Bibliography:
    """The publications of an import: unique keys, the owner's spellings."""

    def __init__(self, taken: Iterable[str] = (), fallback_author: str = "", select_first: int = 0) -> None:
        self.entries: list[BibEntry] = []
        #: how many of the first entries are marked ``selected = {true}`` (``SELECTED_ON_IMPORT``)
        self.select_first = select_first
        #: the name a key starts with where an entry names no author (the CV's owner, say)
        self.fallback_author = fallback_author
        self.owner_names: list[str] = []
        self.prefixes: set[str] = set()
        #: keys of the project's own refs.bib, lower case
        self.taken = {key.lower() for key in taken}

    def key(self, authors: list[str], year: str, title: str) -> str:
        """``lastname2020firstword``, with b, c, ... where that is taken."""
        last = slug_word((authors[0] if authors else self.fallback_author).split(",")[0]) or "anonymous"
        word = next((w for w in (slug_word(t) for t in md.plain(title).split()) if w and w not in STOP_WORDS), "")
        base = f"{last or 'anonymous'}{year if year.isdigit() else 'nd'}{word}"
        taken = self.taken | {e.key.lower() for e in self.entries}
        suffixes = ("", *(chr(c) for c in range(ord("b"), ord("z") + 1)))
        return next(
            (k for k in (base + s for s in suffixes) if k.lower() not in taken),
            f"{base}{len(self.entries) + len(self.taken)}",
        )

    def add(self, pub: Publication, where: str, report: Report) -> BibEntry:
        """The entry of one publication; every value checked, every change from the input reported."""
        kind = pub.kind if pub.kind in VENUE_FIELDS else "misc"
        names = [
            bib_name(safe) if pub.markdown else (bib_name(md.escape(safe, line_start=False))[0], False)
            for safe in (a.replace("<", "‹").replace(">", "›") for a in pub.authors)  # no name holds a tag
        ]
        authors = [n for n, _ in names]
        for name, owner in names:
            if owner and short_name(name) not in self.owner_names:
                self.owner_names.append(short_name(name))
        fields: dict[str, str] = {}
        if authors:
            fields["author"] = " and ".join(one_name(bib_text(a)) for a in authors)
        fields["title"] = self.text(pub.title or "(untitled)", "title", pub.markdown, where, report)
        venue = VENUE_FIELDS[kind]
        if pub.venue:
            fields[venue] = self.text(pub.venue, venue, pub.markdown, where, report)
        elif kind in NEEDS_VENUE:
            report.warn(where, f"no {venue} for the @{kind}: written as @misc")
            kind = "misc"
        fields.update(self.date_fields(pub.date, where, report))
        self.links(pub, fields, where, report)
        if pub.note:
            note = self.text(pub.note, "note", pub.markdown, where, report)
            fields["note"] = "; ".join(filter(None, (fields.get("note"), note)))
        if pub.abstract:
            fields["abstract"] = self.text(pub.abstract, "abstract", pub.markdown, where, report, MAX_FIELD)
        for name, value in pub.extra.items():
            report.warn(where, f"field {str(name)[:80]!r} has no counterpart in BibTeX: kept as a field of the entry")
            field_name = re.sub(r"[^a-z0-9_-]", "", str(name).lower())[:40] or "extra"
            if field_name in fields or field_name in MEANINGFUL:  # a field read as a link, a date, a name
                field_name = f"x-{field_name}"
            fields[field_name] = angles(shown_value(value))
        if len(self.entries) < self.select_first:  # the CV's first: the two-page CV's selection until you choose
            fields.setdefault("selected", "true")
        entry = BibEntry(self.key(authors, fields.get("year", ""), fields["title"]), kind, fields)
        self.entries.append(entry)
        return entry

    @staticmethod
    def links(pub: Publication, fields: dict[str, str], where: str, report: Report) -> None:
        """DOI, arXiv id and URL where each is what it says; anything else is left out, reported."""
        if pub.doi and (doi := doi_of(pub.doi)):
            fields["doi"] = doi
        elif pub.doi:
            report.warn(where, f"doi {pub.doi[:80]!r} is not a DOI: left out of refs.bib")
        if pub.eprint and arxiv_url(pub.eprint):
            fields["eprint"] = pub.eprint.strip().removeprefix("arXiv:")
            fields["archiveprefix"] = "arXiv"
        elif pub.eprint:
            report.warn(where, f"arXiv id {pub.eprint[:80]!r} is not one: left out of refs.bib")
        if pub.url and is_web_url(pub.url) and pub.url != doi_url(fields.get("doi", "")):
            fields["url"] = pub.url
        elif pub.url and not is_web_url(pub.url):
            report.warn(where, f"url {pub.url[:80]!r} is not an http(s) address: left out of refs.bib")

    @staticmethod
    def text(value: str, name: str, markdown: bool, where: str, report: Report, limit: int = MAX_LENGTH) -> str:
        """A field's text: BibTeX has no Markdown, so links keep their URL in parentheses; plain text
        (an API's) is taken as it is."""
        value = capped(value, limit, where, report)
        if not markdown:
            return angles(" ".join(md.controls_dropped(value).split()))
        md.scan(value, lambda what: report.warn(where, what))
        text = md.plain(value, urls=True)
        if text != " ".join(value.split()) or "{" in value or "}" in value:
            report.warn(where, f"Markdown or braces in {name} written as plain text in refs.bib")
        return angles(text)

    @staticmethod
    def date_fields(date: str | None, where: str, report: Report) -> dict[str, str]:
        """year (needed by the bib lint), month as a macro, and the full date where it has a day."""
        iso = iso_date(date) if date else None
        if iso is None:
            year = re.search(r"\b(\d{4})\b", date or "")
            problem = f"date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD" if date else "no date"
            report.warn(
                where,
                problem
                + (
                    f": year {year.group(1)} kept, the text in note"
                    if year
                    else ": year written as n.d. (the bib lint needs one)"
                ),
            )
            return {"year": year.group(1) if year else "n.d."} | ({"note": date} if date else {})
        return bib_date_fields(iso)

    def label_prefix(self, section: str, kind: str) -> str:
        """J, C, B, P as in the project's own publication page; else the title's initials."""
        letters = {"article": "J", "inproceedings": "C", "incollection": "B"}.get(kind) or (
            "P" if re.search("preprint", section, re.IGNORECASE) else ""
        )
        words = [w for w in (slug_word(w) for w in section.split()) if w]
        candidates = [
            letters,
            *(w[0].upper() for w in words[:1]),
            "".join(w[0] for w in words[:2]).upper(),
            "".join(w[0] for w in words[:3]).upper(),
        ]
        prefix = next((c for c in candidates if c and c not in self.prefixes), "")
        if not prefix:
            prefix = next(f"S{n}-" for n in range(1, 1000) if f"S{n}-" not in self.prefixes)
        self.prefixes.add(prefix)
        return prefix

    def file_text(self) -> str:
        """``refs.bib`` with every entry, in the order they were added."""
        return "\n\n".join(e.bibtex() for e in self.entries) + "\n"


def bibliography_block(keys: list[str], prefix: str) -> str:
    """A ``bibliography`` directive showing exactly these entries (the filter sees keys lower-cased)."""
    chosen = ", ".join(json.dumps(k.lower()) for k in keys)
    return f"```{{bibliography}}\n:filter: key in {{{chosen}}}\n:labelprefix: {prefix}\n```"
