"""Merging into a project someone keeps (``nox -s import-orcid``): what it has stays as it is.

New cards go at the end of the page that already holds cards of their kind (a new page where
none does, added to ``index.md``'s toctree); a card the project has already (same kind, same
organisation and the same first year, or the same title) is left out and reported. New bib
entries go at the end of ``refs.bib`` (``bibfile``). Pages are read as text: a card is a
directive fence (```` ``` ````, ``~~~`` or ``:::``) with ``{kind}``, its argument and its
``:option:`` lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..text import spellings
from . import markdown as md
from .bib import normalised_title
from .cards import Card

#: a card's opening fence: the fence, its kind, its argument
_FENCE_RE = re.compile(r"^(`{3,}|~{3,}|:{3,})[ \t]*\{([a-z-]+)\}[ \t]*(.*)$")
_OPTION_RE = re.compile(r"^:([A-Za-z][\w-]*):[ \t]*(.*)$")
#: a bibliography's filter: the entry types it names
_BIBLIOGRAPHY_RE = re.compile(r"^(`{3,}|~{3,}|:{3,})[ \t]*\{bibliography\}")
_TYPE_RE = re.compile(r"""["']([a-z]+)["']""")
#: the folders a project's pages are not in
_NOT_PAGES = frozenset({"_build", ".nox", ".git", "node_modules", "tests", "locales", "_ext", ".venv"})
#: where a kind of card goes when the project has no page for it: file name and title
NEW_PAGES = {
    "position": ("experience", "Experience"),
    "education": ("education", "Education"),
    "grant": ("funding", "Funding"),
}


@dataclass
class PageCard:
    """A card as its page writes it."""

    kind: str
    title: str
    page: str
    options: dict[str, str] = field(default_factory=dict)

    @property
    def org(self) -> str:
        return self.options.get("org") or self.options.get("institution") or self.options.get("funder") or ""

    @property
    def first_year(self) -> str:
        return next((self.options[k][:4] for k in ("start", "date", "end") if self.options.get(k)), "")


def pages(project: Path) -> list[Path]:
    """The project's Markdown pages, in a stable order."""
    found = []
    for path in sorted(project.rglob("*.md")):
        parts = path.relative_to(project).parts
        if not any(part in _NOT_PAGES or part.startswith(".") for part in parts[:-1]) and path.name != "README.md":
            found.append(path)
    return found


def read_cards(project: Path) -> list[PageCard]:
    """Every card of every page, with its options."""
    found = []
    for path in pages(project):
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        page = path.relative_to(project).as_posix()
        for i, line in enumerate(lines):
            if not (m := _FENCE_RE.match(line)):
                continue
            card = PageCard(m.group(2), m.group(3).strip(), page)
            for option in lines[i + 1 :]:
                if not (o := _OPTION_RE.match(option)):
                    break
                card.options[o.group(1)] = o.group(2).strip()
            found.append(card)
    return found


def same_org(a: str, b: str) -> bool:
    """Two names of an organisation agree letter for letter once case, accents and punctuation go."""
    return bool(a and b) and bool(spellings(a) & spellings(b))


def existing_card(card: Card, cards: list[PageCard]) -> PageCard | None:
    """The project's card for what ``card`` says: the same kind, and the same title, or the same
    organisation and first year (a job title worded differently is still the same job)."""
    new = PageCard(card.kind, card.title, "", card.options)
    for old in cards:
        if old.kind != new.kind:
            continue
        if normalised_title(old.title) == normalised_title(new.title) and (
            not new.first_year or not old.first_year or new.first_year == old.first_year
        ):
            return old
        if new.kind == "grant" and normalised_title(old.options.get("title", "")) == normalised_title(
            new.options.get("title", "")
        ):
            return old
        if same_org(old.org, new.org) and old.first_year and old.first_year == new.first_year:
            return old
    return None


def page_for(kind: str, cards: list[PageCard]) -> str | None:
    """The page that holds the most cards of this kind (the first such page on a tie)."""
    counts: dict[str, int] = {}
    for card in cards:
        if card.kind == kind:
            counts[card.page] = counts.get(card.page, 0) + 1
    return max(counts, key=lambda page: counts[page]) if counts else None


def appended(text: str, blocks: list[str]) -> str:
    """A page with blocks after its last byte, each after a blank line."""
    newline = "\r\n" if "\r\n" in text else "\n"
    body = (newline * 2).join(block.replace("\n", newline) for block in blocks)
    separator = "" if not text or text.endswith("\n\n") else newline if text.endswith("\n") else newline * 2
    return f"{text}{separator}{body}{newline}"


def new_page(title: str, blocks: list[str]) -> str:
    return "\n\n".join([f"# {md.heading(title)}", *blocks]) + "\n"


_TOCTREE_RE = re.compile(r"^(`{3,}|:{3,})[ \t]*\{toctree\}[^\n]*\n((?:(?!\1)[^\n]*\n)*?)\1[ \t]*$", re.MULTILINE)


def with_toctree_entry(index: str, page: str) -> str | None:
    """``index.md`` with ``page`` (no suffix) as the last entry of its first toctree; None where it has none."""
    m = _TOCTREE_RE.search(index)
    if m is None:
        return None
    body = m.group(2)
    if any(line.strip() == page for line in body.splitlines()):
        return index
    return index[: m.end(2)] + page + "\n" + index[m.end(2) :]


@dataclass
class Listings:
    """What the pages' bibliographies list of new entries, and where a new one goes."""

    #: the entry types listed whatever their keys (a ``type`` filter); None where a bibliography may
    #: list any entry (``:all:``, a filter by year or keyword)
    types: set[str] | None
    #: the page with the most bibliographies, None where there is none
    page: str | None
    #: the label prefixes that page uses
    prefixes: set[str] = field(default_factory=set)


def listings(project: Path) -> Listings:
    """The pages' bibliographies. One with no filter lists only what is cited, and one by ``key``
    only its keys: neither lists a new entry."""
    listed: set[str] | None = set()
    pages_found: dict[str, list[dict[str, str]]] = {}
    for path in pages(project):
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        for i, line in enumerate(lines):
            if not _BIBLIOGRAPHY_RE.match(line):
                continue
            options: dict[str, str] = {}
            for option in lines[i + 1 :]:
                if not (o := _OPTION_RE.match(option)):
                    break
                options[o.group(1)] = o.group(2)
            pages_found.setdefault(path.relative_to(project).as_posix(), []).append(options)
            wanted = options.get("filter", "")
            if listed is None:
                continue
            if "all" in options:
                listed = None
            elif re.search(r"\btype\b", wanted):
                listed |= set(_TYPE_RE.findall(wanted))
            elif wanted and not re.match(r"^\s*key\s+in\b", wanted):
                listed = None
    page = max(pages_found, key=lambda name: len(pages_found[name])) if pages_found else None
    prefixes = {o.get("labelprefix", "") for o in pages_found.get(page or "", [])}
    return Listings(listed, page, prefixes)


#: a section of new entries that no bibliography lists, by their type: its heading and label prefix
UNLISTED_SECTIONS = {
    "article": ("Journal articles", "J"),
    "inproceedings": ("Conference papers", "C"),
    "incollection": ("Book chapters", "B"),
    "misc": ("Other publications", "P"),
}


def listing_section(keys: list[str], types: list[str], prefixes: set[str]) -> str:
    """A heading and a bibliography of exactly these entries (by key: nothing listed elsewhere is
    listed twice), with a label prefix the page does not use."""
    title, letter = UNLISTED_SECTIONS.get(types[0], ("Further publications", "F"))
    if len(set(types)) > 1:
        title, letter = "Further publications", "F"
    prefix = next(p for p in (letter, *(f"{letter}{n}-" for n in range(2, 1000))) if p not in prefixes)
    chosen = ", ".join(f'"{key.lower()}"' for key in keys)
    return f"## {md.heading(title)}\n\n```{{bibliography}}\n:filter: key in {{{chosen}}}\n:labelprefix: {prefix}\n```"
