"""A project's own ``refs.bib``, read to merge into and edited in place.

The owner's file is theirs: its comments, the order of its entries and fields, its spacing
and line endings. So it is never written out again from parsed data: an edit is an insertion
at one place (a field before an entry's closing brace, new entries at the end), and every
other byte stays where it was. Each entry is located by a linear scan (``@type{key`` at the
start of a line, then its braces counted) and parsed on its own by pybtex, so one broken entry
costs only itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pybtex.errors
from pybtex.database import BibliographyData, Entry, Person, parse_string
from pybtex.scanner import PybtexError

from ..bibliography.latex import plain
from .bib import doi_of, normalised_title

#: ``@type{`` or ``@type(`` at the start of a line (BibTeX has no line comments: ``%`` before it
#: still makes an entry, which the scan marks as commented)
_ENTRY_RE = re.compile(r"^([ \t]*%[^\n@]*)?@[ \t]*([A-Za-z]+)[ \t]*([{(])", re.MULTILINE)
_SPECIAL = frozenset({"comment", "string", "preamble"})


@dataclass
class Existing:
    """One entry of the file, where it is and what it says."""

    key: str
    type: str
    #: offsets of its ``@`` and of the character after its closing brace
    start: int
    end: int
    #: its fields as pybtex reads them (LaTeX), names lower-case
    fields: dict[str, str] = field(default_factory=dict)
    #: its authors as plain text "Last, First", in order
    authors: list[str] = field(default_factory=list)
    #: the line is commented out with ``%``
    commented: bool = False

    @property
    def last_names(self) -> list[str]:
        return [name.split(", ")[0] for name in self.authors]

    @property
    def title(self) -> str:
        return plain(self.fields.get("title", ""))

    @property
    def year(self) -> str:
        return self.fields.get("year", "").strip()

    @property
    def doi(self) -> str | None:
        found = doi_of(self.fields.get("doi", ""))
        return found.lower() if found else None

    @property
    def arxiv(self) -> str | None:
        """The arXiv id, from ``eprint`` (with an arXiv ``archiveprefix``/``eprinttype`` or none) or an arXiv URL."""
        archive = (self.fields.get("archiveprefix") or self.fields.get("eprinttype") or "arxiv").lower()
        if (eprint := self.fields.get("eprint", "").strip()) and archive == "arxiv":
            return eprint.removeprefix("arXiv:")
        found = re.search(r"arxiv\.org/(?:abs|pdf)/([^\s/?#]+?)(?:\.pdf)?(?:[?#]|$)", self.fields.get("url", ""))
        return found.group(1) if found else None

    def same_work(self, doi: str | None, title: str, year: str) -> bool:
        """The same DOI, or the same title (normalised) and year."""
        if doi and self.doi and doi.lower() == self.doi:
            return True
        return bool(title) and normalised_title(title) == normalised_title(self.title) and year == self.year


def _closing(text: str, at: int, opener: str) -> int:
    """The offset after the entry's closing brace (or parenthesis) that opens at ``at``, or -1 where
    the entry is not closed before the next one starts (unbalanced braces)."""
    depth = 0
    for i in range(at + 1, len(text)):
        char = text[i]
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                return i + 1 if opener == "{" else -1
            depth -= 1
        elif char == ")" and opener == "(" and depth == 0:
            return i + 1
        elif char == "@" and depth == 0 and text[i - 1] == "\n":
            return -1
    return -1


def read_entries(text: str) -> list[Existing]:
    """Every entry of the file (commented ones included, marked), parsed one by one."""
    found = []
    for m in _ENTRY_RE.finditer(text):
        kind = m.group(2).lower()
        if kind in _SPECIAL:
            continue
        start = text.index("@", m.start() if m.group(1) is None else m.end(1))
        end = _closing(text, m.start(3), m.group(3))
        if end < 0:
            continue
        entry = _parsed(text[start:end])
        if entry is None:
            continue
        key, data = entry
        fields = {name.lower(): str(value) for name, value in data.fields.items()}
        names = [_name(person) for person in data.persons.get("author", [])]
        found.append(Existing(key, kind, start, end, fields, names, commented=m.group(1) is not None))
    return found


def _name(person: Person) -> str:
    """ "van Beethoven, Ludwig", as plain text."""
    last = plain(" ".join(person.prelast_names + person.last_names))
    first = plain(" ".join(person.first_names + person.middle_names))
    return f"{last}, {first}" if first else last


def _parsed(source: str) -> tuple[str, Entry] | None:
    """pybtex's reading of one entry, or None where it cannot read it (its errors collected, not raised)."""
    with pybtex.errors.capture():
        try:
            data: BibliographyData = parse_string(source, "bibtex")
        except (PybtexError, ValueError):
            return None
    if len(data.entries) != 1:
        return None
    return next(iter(data.entries.items()))


def newline_of(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def with_fields(text: str, entry: Existing, fields: dict[str, str]) -> str:
    """The file with ``fields`` (name: value, written ``name = {value}``) added at the end of one
    entry, in its own indentation and line endings; every other byte as it was."""
    close = entry.end - 1
    last = close
    while last > entry.start and text[last - 1] in " \t\r\n":
        last -= 1
    newline = newline_of(text)
    line_start = text.rfind("\n", entry.start, last) + 1
    own_line = line_start > entry.start  # the last field on a line of its own: its indentation
    indent = text[line_start:last][: len(text[line_start:last]) - len(text[line_start:last].lstrip(" \t"))]
    indent = indent if own_line else "  "
    lines = [f"{indent}{name} = {{{value}}}" for name, value in fields.items()]
    if text[last - 1] == ",":
        insertion = "".join(f"{newline}{line}," for line in lines)
    else:
        insertion = "," + ",".join(f"{newline}{line}" for line in lines)
    return text[:last] + insertion + text[last:]


def with_entries(text: str, entries: list[str]) -> str:
    """The file with new entries after its last byte (a blank line before each)."""
    if not entries:
        return text
    newline = newline_of(text)
    body = (newline * 2).join(e.replace("\n", newline) for e in entries)
    separator = "" if not text else (newline if text.endswith("\n") else newline * 2)
    return f"{text}{separator}{body}{newline}"
