"""Import a RenderCV 2.x YAML file: it replaces this project's content in place.

A RenderCV user keeps the whole CV in one YAML file; this turns it into the pages,
directives, ``refs.bib`` entries and ``conf.py`` personal block this project is written
in, so nothing has to be retyped. What has no exact counterpart here is kept as
Markdown in the output and reported as a warning line, never dropped.

    python -m portfolio.interop.rendercv [--force] CV.yaml [--project DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..dates import PRESENT, DateError, parse_date
from ..directives.base import slug
from ..untrusted import image_problem
from ..validate import MARKUP_RE, MAX_ABSTRACT_LENGTH, MAX_LENGTH, cut, doi_url, is_email, is_link, is_web_url
from . import markdown as md
from .project import (
    EXIT_INPUT,
    PRIVATE_FILE,
    Personal,
    WriteError,
    ascii_word,
    ignoring_private,
    previous_content,
    private_text,
    refusal,
    replace_content,
    with_personal_block,
    without_titles,
)

# -- what the import did ---------------------------------------------------------------------


@dataclass
class Report:
    """What the import did and could not do exactly; printed at the end, never silent."""

    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    directives: Counter[str] = field(default_factory=Counter)
    pages: list[str] = field(default_factory=list)
    publications: int = 0

    def warn(self, where: str, what: str) -> None:
        self.warnings.append(f"warning: {where}: {what}")

    def lines(self) -> list[str]:
        """The notes and warnings, then the summary."""
        counts = ", ".join(f"{kind} {n}" for kind, n in sorted(self.directives.items()))
        return [
            *self.notes,
            *self.warnings,
            f"pages written: {len(self.pages)} ({', '.join(self.pages)})",
            f"entries per directive: {counts or 'none'}",
            f"publications: {self.publications} in refs.bib"
            + (
                f" (the first {min(self.publications, SELECTED_ON_IMPORT)} marked selected = {{true}}: "
                "choose the selection for the short PDFs there)"
                if self.publications
                else ""
            ),
            f"warnings: {len(self.warnings)}",
        ]


# -- RenderCV's entries as typed records -----------------------------------------------------


@dataclass(frozen=True)
class Dates:
    """RenderCV's ``date``, ``start_date`` and ``end_date``, as written."""

    date: str | None = None
    start: str | None = None
    end: str | None = None


@dataclass(kw_only=True)
class Entry:
    """Base of every entry: ``extra`` holds the keys no directive has a place for."""

    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """How a warning names the entry."""
        return ""


@dataclass(kw_only=True)
class EducationEntry(Entry):
    institution: str | None = None
    area: str | None = None
    degree: str | None = None
    location: str | None = None
    dates: Dates = field(default_factory=Dates)
    summary: str | None = None
    highlights: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return degree_title(self)


@dataclass(kw_only=True)
class ExperienceEntry(Entry):
    company: str | None = None
    position: str | None = None
    location: str | None = None
    dates: Dates = field(default_factory=Dates)
    summary: str | None = None
    highlights: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return plain(self.position or self.company or "")


@dataclass(kw_only=True)
class NormalEntry(Entry):
    name: str | None = None
    location: str | None = None
    dates: Dates = field(default_factory=Dates)
    summary: str | None = None
    highlights: list[str] = field(default_factory=list)
    url: str | None = None

    @property
    def label(self) -> str:
        return plain(self.name or "")


@dataclass(kw_only=True)
class PublicationEntry(Entry):
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    doi: str | None = None
    url: str | None = None
    journal: str | None = None
    date: str | None = None
    summary: str | None = None

    @property
    def label(self) -> str:
        return plain(self.title or "")


@dataclass(kw_only=True)
class OneLineEntry(Entry):
    label_text: str | None = None
    details: str | None = None

    @property
    def label(self) -> str:
        return plain(self.label_text or "")


@dataclass(kw_only=True)
class BulletEntry(Entry):
    bullet: str = ""

    @property
    def label(self) -> str:
        return plain(self.bullet)


@dataclass(kw_only=True)
class NumberedEntry(Entry):
    number: str = ""

    @property
    def label(self) -> str:
        return plain(self.number)


@dataclass(kw_only=True)
class ReversedNumberedEntry(Entry):
    reversed_number: str = ""

    @property
    def label(self) -> str:
        return plain(self.reversed_number)


@dataclass(kw_only=True)
class TextEntry(Entry):
    text: str = ""

    @property
    def label(self) -> str:
        return plain(self.text)


@dataclass(kw_only=True)
class UnknownEntry(Entry):
    """An entry of a type this importer does not know (a newer RenderCV's, say): kept as a list."""

    @property
    def label(self) -> str:
        return ", ".join(self.extra)


#: each entry type with the keys only it has, in RenderCV's order of detection
ENTRY_TYPES: tuple[tuple[type[Entry], frozenset[str]], ...] = (
    (OneLineEntry, frozenset({"label", "details"})),
    (NormalEntry, frozenset({"name"})),
    (ExperienceEntry, frozenset({"company", "position"})),
    (EducationEntry, frozenset({"institution", "area", "degree"})),
    (PublicationEntry, frozenset({"title", "authors", "doi", "journal"})),
    (BulletEntry, frozenset({"bullet"})),
    (NumberedEntry, frozenset({"number"})),
    (ReversedNumberedEntry, frozenset({"reversed_number"})),
)
#: RenderCV keys whose record field has another name
RENAMED = {"label": "label_text"}
DATE_KEYS = ("date", "start_date", "end_date")


@dataclass
class Section:
    """One entry of ``cv.sections``: its title as RenderCV shows it, and its entries."""

    title: str
    entries: list[Entry]


@dataclass
class Network:
    """One of ``cv.social_networks``."""

    network: str
    username: str


@dataclass
class Person:
    """The header of the CV: everything in ``cv`` but the sections."""

    name: str = ""
    headline: str | None = None
    location: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    websites: list[str] = field(default_factory=list)
    photo: str | None = None
    networks: list[Network] = field(default_factory=list)
    connections: list[dict[str, Any]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    #: addresses the profile does not show: kept in private.toml
    private_emails: list[str] = field(default_factory=list)


@dataclass
class RenderCV:
    """A parsed RenderCV file: the person, the sections, and the top-level keys left aside."""

    person: Person
    sections: list[Section]
    ignored: list[str]


# -- reading the YAML --------------------------------------------------------------------------


def scalar(value: Any) -> str | None:
    """A YAML scalar as text: numbers and dates as written, empty as None."""
    if value is None or isinstance(value, dict | list):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def scalars(value: Any) -> list[str]:
    """A list of strings (highlights, authors); newer RenderCV highlights may be ``{content: ...}``."""
    items = value if isinstance(value, list) else [value]
    texts = [scalar(item.get("content") if isinstance(item, dict) else item) for item in items]
    return [t for t in texts if t]


def entry_type(raw: Any) -> type[Entry]:
    """RenderCV's own detection: the first type one of whose own keys the entry has."""
    if isinstance(raw, str | int | float):
        return TextEntry
    if isinstance(raw, dict):
        keys = {k for k, v in raw.items() if v is not None}
        for cls, own in ENTRY_TYPES:
            if own & keys:
                return cls
    return UnknownEntry


def parse_entry(raw: Any) -> Entry:
    """One entry as a typed record; keys without a field go to ``extra``."""
    cls = entry_type(raw)
    if cls is TextEntry:
        return TextEntry(text=str(raw).strip())
    if not isinstance(raw, dict):
        return UnknownEntry(extra={"value": raw})
    names = {f.name for f in dataclasses.fields(cls)} - {"extra"}
    values: dict[str, Any] = {}
    used: set[str] = set()
    for key, value in raw.items():
        name = RENAMED.get(key, key)
        if name in names and name not in ("dates",):
            if name in ("highlights", "authors"):
                values[name] = scalars(value)
            elif (text := scalar(value)) is not None or value is None:
                values[name] = text
            else:
                continue  # a list or mapping where RenderCV has text: kept in extra
            used.add(key)
    if "dates" in names:
        values["dates"] = Dates(*(scalar(raw.get(k)) for k in DATE_KEYS))
        used.update(DATE_KEYS)
    for name in ("bullet", "number", "reversed_number"):
        if name in names:
            values[name] = values.get(name) or ""
    extra = {k: v for k, v in raw.items() if k not in used and v not in (None, "", [], {})}
    return cls(**values, extra=extra)


def key_text(key: Any) -> str:
    """A YAML key as one line of text: no control characters, at most the length of an option."""
    return " ".join(md.controls_dropped(str(key)[:MAX_LENGTH]).split())


def section_title(key: str) -> str:
    """RenderCV's rule: a key with a space or a capital is the title; ``snake_case`` is title-cased."""
    if " " in key or any(c.isupper() for c in key):
        return key
    small = {
        "a",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "if",
        "in",
        "into",
        "like",
        "near",
        "nor",
        "of",
        "off",
        "on",
        "onto",
        "or",
        "over",
        "so",
        "than",
        "that",
        "to",
        "upon",
        "when",
        "with",
        "yet",
    }
    return " ".join(w if w in small else w.capitalize() for w in key.replace("_", " ").split(" "))


def parse_person(cv: dict[str, Any]) -> Person:
    """The header fields; RenderCV 2.x allows a list for email, phone and website."""
    known = {
        "name",
        "headline",
        "label",
        "location",
        "email",
        "phone",
        "website",
        "photo",
        "social_networks",
        "custom_connections",
        "sections",
    }
    networks = [
        Network(str(n.get("network", "")).strip(), str(n.get("username", "")).strip())
        for n in cv.get("social_networks") or []
        if isinstance(n, dict)
    ]
    return Person(
        name=scalar(cv.get("name")) or "",
        headline=scalar(cv.get("headline")) or scalar(cv.get("label")),
        location=scalar(cv.get("location")),
        emails=scalars(cv.get("email")),
        phones=[p.removeprefix("tel:") for p in scalars(cv.get("phone"))],
        websites=scalars(cv.get("website")),
        photo=scalar(cv.get("photo")),
        networks=networks,
        connections=[c for c in cv.get("custom_connections") or [] if isinstance(c, dict)],
        extra={k: v for k, v in cv.items() if k not in known and v not in (None, "", [], {})},
    )


#: the largest RenderCV file read (a long CV is some tens of kB)
MAX_YAML_BYTES = 2_000_000
#: how large a RenderCV file may become once its aliases are expanded: as large as it may be written out
MAX_YAML_EXPANDED = MAX_YAML_BYTES


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def expanded_size(root: yaml.Node, limit: int = MAX_YAML_EXPANDED) -> int:
    """How large the YAML document is with every alias expanded (one per value and one per character
    of text; at most ``limit + 1``), in time linear in its nodes: nine levels of aliases in a few
    hundred bytes stand for billions of values (an "alias bomb"). A recursive alias is refused."""
    sizes: dict[int, int] = {}
    ancestors: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            ancestors.discard(key)
            own = len(node.value) if isinstance(node, yaml.ScalarNode) else 0
            sizes[key] = min(limit + 1, 1 + own + sum(sizes[id(child)] for child in _children(node)))
        elif key in ancestors:
            raise ValueError("a YAML alias refers to a value that holds it (a recursive alias)")
        elif key not in sizes:
            ancestors.add(key)
            stack.append((node, True))
            stack += [(child, False) for child in _children(node)]
    return sizes[id(root)]


def read_yaml(path: Path) -> Any:
    """The YAML file's data, with its size and its aliases checked before anything is built from it."""
    if path.stat().st_size > MAX_YAML_BYTES:
        raise ValueError(f"larger than {MAX_YAML_BYTES // 1_000_000} MB; is this a CV?")
    loader = yaml.SafeLoader(path.read_text(encoding="utf-8"))
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if expanded_size(node) > MAX_YAML_EXPANDED:
            raise ValueError(f"its aliases expand to more than {MAX_YAML_EXPANDED:,} characters (an alias bomb?)")
        return loader.construct_document(node)
    finally:
        loader.dispose()


def load(path: Path) -> RenderCV:
    """Read a RenderCV file; only ``cv`` is content, every other top-level key is design or settings."""
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("cv"), dict):
        raise ValueError(f"{path}: no 'cv:' mapping; is this a RenderCV file?")
    cv = data["cv"]
    raw_sections = cv.get("sections") or {}
    if not isinstance(raw_sections, dict):
        raise ValueError(f"{path}: cv.sections is not a mapping of section titles to entries")
    sections = [
        Section(section_title(key_text(key)), [parse_entry(e) for e in entries if e not in (None, {}, "")])
        for key, entries in ((k, v if isinstance(v, list) else [v]) for k, v in raw_sections.items())
    ]
    return RenderCV(parse_person(cv), sections, [str(k) for k in data if k != "cv"])


# -- Markdown and plain text -----------------------------------------------------------------

#: Typst math (``$$...$$``) and function calls (``#emph[...]``), which RenderCV passes to Typst
TYPST_RE = re.compile(r"\$\$|#[a-z][a-z.-]*[\[(]")
#: a social network's user name: what goes into an address, nothing that could leave it
USERNAME_RE = re.compile(r"^@?[\w.+-]+(?:@[\w.-]+)?$")


def plain(markdown: str) -> str:
    """Markdown as plain text for arguments and options: link text kept, markers dropped, one line."""
    return md.plain(markdown)


def links(markdown: str) -> list[tuple[str, str]]:
    """Every Markdown link as (text, URL)."""
    return md.links(markdown)


def body_markdown(markdown: str, where: str, report: Report) -> str:
    """RenderCV's Markdown for a directive body: bold, italic, links and code kept, everything else
    escaped (``markdown.py``), each neutralised thing and each link without a scheme (written as
    https://) reported; over the length limit it is cut."""
    text = capped(markdown, MAX_ABSTRACT_LENGTH, where, report)
    if TYPST_RE.search(text):
        report.warn(where, "Typst markup ($$math$$ or #function) has no Markdown equivalent: kept as text")
    return md.markdown(text, lambda what: report.warn(where, what))


def capped(text: str, limit: int, where: str, report: Report) -> str:
    """The text, cut where it is over ``limit`` characters (a paste gone wrong, and slow to typeset)."""
    if len(text) <= limit:
        return text
    report.warn(where, f"text of {len(text)} characters cut to {limit}")
    return cut(text, limit)


def list_item(marker: str, text: str) -> str:
    """One list item; continuation lines indented under its text."""
    first, *rest = text.splitlines() or [""]
    pad = " " * len(marker)
    return "\n".join([marker + first, *(pad + line if line.strip() else "" for line in rest)])


def highlights_list(items: list[str], where: str, report: Report) -> str:
    """RenderCV highlights as a bullet list; `` - `` inside one starts a nested item, as in RenderCV."""
    lines = []
    for item in items:
        head, *subs = item.split(" - ")
        lines.append(list_item("- ", body_markdown(head, where, report)))
        lines += ["  " + list_item("- ", body_markdown(sub, where, report)).replace("\n", "\n  ") for sub in subs]
    return "\n".join(lines)


def shown_value(value: Any) -> str:
    """A value of a key no option takes, as one line of text."""
    if isinstance(value, dict):
        text = "; ".join(f"{k}: {v}" for k, v in value.items() if v is not None)
    elif isinstance(value, list):
        text = "; ".join(str(v) for v in value)
    else:
        text = str(value)
    return " ".join(md.controls_dropped(cut(text, MAX_LENGTH)).split())


def extra_lines(extra: dict[str, Any], where: str, report: Report) -> list[str]:
    """Keys no option takes (RenderCV's arbitrary keys, a newer version's fields): ``*key:* value``,
    both as text (no Markdown of theirs is read)."""
    lines = []
    for key, value in extra.items():
        name = " ".join(md.controls_dropped(cut(str(key), 100)).split())
        lines.append(f"*{md.escape(name, line_start=False)}:* {md.escape(shown_value(value), line_start=False)}")
        report.warn(where, f"field {name!r} has no counterpart here: kept in the text")
    return lines


# -- dates ---------------------------------------------------------------------------------

MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
ENGLISH_DATES = (
    re.compile(rf"^(?P<day>\d{{1,2}})\.?\s+(?P<month>{_MONTH})\.?,?\s+(?P<year>\d{{4}})$", re.IGNORECASE),
    re.compile(rf"^(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}}),\s*(?P<year>\d{{4}})$", re.IGNORECASE),
    re.compile(rf"^(?P<month>{_MONTH})\.?,?\s+(?P<year>\d{{4}})$", re.IGNORECASE),
)


def iso_date(text: str, *, allow_present: bool = False) -> str | None:
    """The option form of a RenderCV date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``present``),
    or None for free text ("Fall 2023"). Unambiguous English dates ("21 Oct 2022") are read too."""
    value = text.strip()
    if value.lower() == PRESENT:
        return PRESENT if allow_present else None
    for pattern in ENGLISH_DATES:
        if m := pattern.match(value):
            day = m.groupdict().get("day")
            value = f"{m['year']}-{MONTHS[m['month'].lower()]:02d}" + (f"-{int(day):02d}" if day else "")
            break
    try:
        parse_date(value)
    except DateError:
        return None
    return value


@dataclass
class When:
    """An entry's dates as directive options, and what only its text can say."""

    options: dict[str, str]
    text: str | None = None


def resolve(dates: Dates, where: str, report: Report) -> tuple[str | None, str | None, str | None]:
    """RenderCV's rules: ``date`` wins over a range; an end alone is a date; a start alone runs to present."""
    if dates.date:
        if dates.start or dates.end:
            report.warn(where, "start_date/end_date not used: RenderCV shows only date when both are given")
        return dates.date, None, None
    if dates.end and not dates.start:
        return dates.end, None, None
    if dates.start and not dates.end:
        return None, dates.start, PRESENT
    return None, dates.start, dates.end


def map_dates(dates: Dates, single: str, where: str, report: Report) -> When:
    """The options a directive takes (``single`` names where a lone date goes); free text is kept
    for the body (``*When:* Fall 2023``) and warned about."""
    one, start, end = resolve(dates, where, report)
    options: dict[str, str] = {}
    free = False
    for name, value in ((single, one), ("start", start), ("end", end)):
        if value is not None:
            iso = iso_date(value, allow_present=name == "end")
            if iso is None:
                free = True
            else:
                options[name] = iso
    shown = one if one is not None else f"{start} – {end}"
    if (
        {"start", "end"} <= options.keys()
        and options["end"] != PRESENT
        and parse_date(options["end"]) < parse_date(options["start"])
    ):
        del options["end"]
        report.warn(where, f"{shown!r} ends before it starts: the end kept in the text")
        return When(options, f"*When:* {md.escape(shown, line_start=False)}")
    if not free:
        return When(options)
    report.warn(where, f"date {shown!r} is not YYYY, YYYY-MM or YYYY-MM-DD: kept in the text")
    return When(options, f"*When:* {md.escape(shown, line_start=False)}")


# -- cards -----------------------------------------------------------------------------------


@dataclass
class Card:
    """One directive as written in a page: kind, argument, options, Markdown body blocks."""

    kind: str
    title: str
    options: dict[str, str] = field(default_factory=dict)
    body: list[str] = field(default_factory=list)

    def markdown(self) -> str:
        """A tilde fence, which the title may follow whatever it holds (a backtick ends a backtick
        fence's title), longer than any run of tildes in the body; options as MyST reads them back."""
        body = "\n\n".join(block for block in self.body if block.strip())
        fence = md.fence(body, "~")
        lines = [f"{fence}{{{self.kind}}} {self.title}".rstrip()]
        lines += [f":{name}: {md.option_value(value)}" for name, value in self.options.items()]
        if body:
            lines += ["", body]
        return "\n".join([*lines, fence])


@dataclass
class Page:
    """One page of the site being built from a section."""

    slug: str
    title: str
    blocks: list[str] = field(default_factory=list)

    def markdown(self) -> str:
        head = f"---\ncv-order: source\n---\n# {md.heading(self.title)}"
        return "\n\n".join([head, *self.blocks]) + "\n"


class Ids:
    """Card ids as the directives derive them, made unique across the project with ``:name:``."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def assign(self, card: Card) -> None:
        first = next((card.options[k] for k in ("date", "start") if k in card.options), "")
        when = f"-{parse_date(first).iso}" if first else ""
        anchor = f"{card.kind}-{slug(card.title)}{when}"
        final, n = anchor, 1
        while final in self.used:
            n += 1
            final = f"{anchor}-{n}"
        self.used.add(final)
        if final != anchor:
            card.options["name"] = final


def option_text(markdown: str | None, card: Card, url_option: str | None, where: str, report: Report) -> str:
    """Markdown as option text; a link in it becomes the card's URL option where one is free, else a
    line of the body (an argument or option shows no link)."""
    if not markdown:
        return ""
    md.scan(markdown, lambda what: report.warn(where, what))
    for text, url in links(markdown):
        if url_option and url_option not in card.options and is_link(url):
            card.options[url_option] = url
        elif checked := md.checked_url(url, lambda what: report.warn(where, what)):
            card.body.append(md.link(md.escape(text, line_start=False), checked))
            report.warn(where, f"link {url} in a title or option: kept in the text")
    return capped(plain(markdown), MAX_LENGTH, where, report)


def set_options(card: Card, values: dict[str, str | None], url_option: str | None, where: str, report: Report) -> None:
    """Options from Markdown values, in order, skipping empty ones."""
    for name, value in values.items():
        if not (text := option_text(value, card, url_option, where, report)):
            continue
        if MARKUP_RE.search(text):
            card.body.append(f"*{name}:* {md.escape(text, line_start=False)}")
            report.warn(where, f"{name} contains HTML markup, which an option shows as text: kept in the text")
        else:
            card.options[name] = text


def fill_body(
    card: Card,
    when: When,
    summary: str | None,
    highlights: list[str],
    extra: dict[str, Any],
    where: str,
    report: Report,
) -> None:
    """Free-text dates first, then summary, highlights and the fields without an option."""
    blocks = [when.text] if when.text else []
    if summary:
        blocks.append(body_markdown(summary, where, report))
    if highlights:
        blocks.append(highlights_list(highlights, where, report))
    if lines := extra_lines(extra, where, report):
        blocks.append("\\\n".join(lines))
    card.body[:0] = blocks


def degree_title(entry: EducationEntry) -> str:
    """ "PhD in Machine Learning", as RenderCV's "DEGREE in AREA"."""
    return " in ".join(t for t in (plain(entry.degree or ""), plain(entry.area or "")) if t)


def angles(text: str) -> str:
    """Text with the angle brackets of each HTML tag in it written as ‹ and ›: a title or a bib field
    shows markup as text, and warns about it at every build; the import reports it once instead."""
    return MARKUP_RE.sub(lambda m: m.group(0).replace("<", "‹").replace(">", "›"), text)


def title_text(text: str, where: str, report: Report) -> str:
    """A card's argument: plain text, never empty, no longer than the limit, and no tag the
    directive would warn about (``angles``, reported)."""
    text = capped(text, MAX_LENGTH, where, report)
    if MARKUP_RE.search(text):
        report.warn(where, "HTML markup in a title: its angle brackets written as ‹ and ›")
        text = angles(text)
    return text or "(untitled)"


def ranged_card(
    kind: str,
    title: str,
    org: str | None,
    location: str | None,
    dates: Dates,
    single: str,
    required: str,
    where: str,
    report: Report,
) -> tuple[Card, When]:
    """A position or education card, or an ``entry`` card where its required date is missing."""
    when = map_dates(dates, single, where, report)
    if required not in when.options:
        report.warn(where, f"no {required} date, which a {kind} card needs: written as an entry card")
        kind, when = "entry", map_dates(dates, "date", where, NullReport())
    card = Card(kind, title)
    set_options(
        card,
        {"org" if kind in ("position", "entry") else "institution": org, "location": location},
        "url" if kind == "entry" else None,
        where,
        report,
    )
    card.options.update(when.options)
    return card, when


class NullReport(Report):
    """Swallows warnings already given once."""

    def warn(self, where: str, what: str) -> None:
        pass


def education_card(e: EducationEntry, where: str, report: Report) -> Card:
    card, when = ranged_card(
        "education",
        title_text(degree_title(e), where, report),
        e.institution,
        e.location,
        e.dates,
        "end",
        "end",
        where,
        report,
    )
    fill_body(card, when, e.summary, e.highlights, e.extra, where, report)
    return card


def experience_card(e: ExperienceEntry, where: str, report: Report) -> Card:
    card, when = ranged_card(
        "position",
        title_text(plain(e.position or ""), where, report),
        e.company,
        e.location,
        e.dates,
        "start",
        "start",
        where,
        report,
    )
    fill_body(card, when, e.summary, e.highlights, e.extra, where, report)
    return card


AWARD_RE = re.compile(r"award|honou?r|prize|distinction", re.IGNORECASE)
TALK_RE = re.compile(r"talk|presentation", re.IGNORECASE)


def normal_card(e: NormalEntry, section: str, where: str, report: Report) -> Card:
    """An award or a talk where the section says so and the entry fits one, else an ``entry``."""
    one = resolve(e.dates, where, NullReport())[0]
    day = iso_date(one) if one else None
    award = bool(day and AWARD_RE.search(section) and not e.location)
    event = plain(e.summary or "")
    talk = bool(
        day
        and TALK_RE.search(section)
        and event
        and "\n" not in (e.summary or "").strip()
        and not MARKUP_RE.search(event)
    )
    if award or talk:
        resolve(e.dates, where, report)  # warns where a range is left unused, as RenderCV leaves it
    if award:
        card, when = Card("award", title_text(e.label, where, report), {"date": day or ""}), When({})
        summary = e.summary
    elif talk:
        card, when = Card("talk", title_text(e.label, where, report), {"date": day or ""}), When({})
        set_options(card, {"event": e.summary, "location": e.location}, "url", where, report)
        report.warn(where, "the summary became the talk's :event: (RenderCV has no event field)")
        summary = None
    else:
        card, when = Card("entry", title_text(e.label, where, report)), map_dates(e.dates, "date", where, report)
        set_options(card, {"location": e.location}, "url", where, report)
        card.options.update(when.options)
        summary = e.summary
    if e.url and "url" not in card.options and is_link(e.url):
        card.options["url"] = e.url
    elif e.url and e.url != card.options.get("url") and is_link(e.url):
        card.body.append(md.link(md.escape(e.url, line_start=False), e.url))
        report.warn(where, f"url {e.url!r} is a second link: kept in the text")
    elif e.url and e.url != card.options.get("url"):
        card.body.append(md.escape(md.controls_dropped(cut(e.url, MAX_LENGTH))))
        report.warn(where, f"url {e.url[:80]!r} is not an http(s) URL: kept as text")
    option_text(e.name, card, "url", where, report)
    fill_body(card, when, summary, e.highlights, e.extra, where, report)
    return card


def one_line_card(e: OneLineEntry, where: str, report: Report) -> Card:
    card = Card("skill", title_text(e.label, where, report))
    option_text(e.label_text, card, None, where, report)
    fill_body(card, When({}), e.details, [], e.extra, where, report)
    return card


# -- publications ----------------------------------------------------------------------------

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
MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
#: fields written as they are: links must stay usable, the month is a macro
RAW_FIELDS = frozenset({"doi", "url", "month", "date"})
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
    """A RenderCV author ("J. Doe", "**Jane Doe**", "Doe J") as BibTeX's "Last, First", and whether
    it was emphasised (RenderCV's way of marking the CV's owner)."""
    emphasised = bool(re.search(r"(\*|(?<!\w)_)\S", display))
    name = plain(display)
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
    if split < len(tokens) and not is_initials(tokens[0]):  # "Example A", "Müller K-R"
        last, first = tokens[:split], [dotted(t) for t in tokens[split:]]
    else:  # "Jane Doe", "J. Doe", "Ludwig van Beethoven"
        split = len(tokens) - 1
        while split > 1 and tokens[split - 1][:1].islower():
            split -= 1
        last, first = tokens[split:], [dotted(t) if is_initials(t) else t for t in tokens[:split]]
    return f"{' '.join(last)}, {' '.join(first)}", emphasised


def short_name(bibtex_name: str) -> str:
    """ "Doe, Jane" -> "Doe, J.": the form ``portfolio_owner_names`` lists."""
    last, _, first = bibtex_name.partition(", ")
    return f"{last}, {first[0]}." if first else last


def bib_type(section: str) -> tuple[str, str]:
    """The entry type and venue field a section's title asks for; ``@misc`` where it says nothing."""
    rules = (
        (r"journal", "article", "journal"),
        (r"conference|proceeding|workshop|symposium", "inproceedings", "booktitle"),
        (r"chapter|book", "incollection", "booktitle"),
        (r"preprint", "misc", "howpublished"),
    )
    for pattern, kind, venue in rules:
        if re.search(pattern, section, re.IGNORECASE):
            return kind, venue
    return "misc", "howpublished"


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


#: how many of the CV's publications, the first in its order, are marked ``selected = {true}``: a
#: selection for the short PDFs that fits their pages, which the report asks the owner to review
SELECTED_ON_IMPORT = 5


class Bibliography:
    """The publications of the whole CV: unique keys, the owner's spellings, one filter per section."""

    def __init__(self) -> None:
        self.entries: list[BibEntry] = []
        self.owner_names: list[str] = []
        self.prefixes: set[str] = set()

    def key(self, authors: list[str], year: str, title: str) -> str:
        """``lastname2020firstword``, with b, c, ... where that is taken."""
        last = ascii_word(authors[0].split(",")[0]) if authors else "anonymous"
        word = next((w for w in (ascii_word(t) for t in plain(title).split()) if w and w not in STOP_WORDS), "")
        base = f"{last or 'anonymous'}{year if year.isdigit() else 'nd'}{word}"
        taken = {e.key for e in self.entries}
        suffixes = ("", *(chr(c) for c in range(ord("b"), ord("z") + 1)))
        candidates = (base + s for s in suffixes)
        return next((k for k in candidates if k not in taken), f"{base}{len(self.entries)}")

    def add(self, e: PublicationEntry, section: str, where: str, report: Report) -> BibEntry:
        kind, venue = bib_type(section)
        names = [bib_name(a) for a in e.authors]
        authors = [n for n, _ in names]
        for name, owner in names:
            if owner and short_name(name) not in self.owner_names:
                self.owner_names.append(short_name(name))
        fields: dict[str, str] = {}
        if authors:
            fields["author"] = " and ".join(bib_text(a) for a in authors)
        fields["title"] = self.text(e.title or "(untitled)", "title", where, report)
        if e.journal:
            fields[venue] = self.text(e.journal, "journal", where, report)
        elif kind != "misc":
            report.warn(where, f"no journal for the {venue} a @{kind} needs: written as @misc")
            kind = "misc"
        fields.update(self.date_fields(e.date, where, report))
        if e.doi and doi_url(e.doi):
            fields["doi"] = e.doi
        elif e.doi:
            report.warn(where, f"doi {e.doi[:80]!r} is not a DOI: left out of refs.bib")
        if e.url and is_web_url(e.url):
            fields["url"] = e.url
        elif e.url:
            report.warn(where, f"url {e.url[:80]!r} is not an http(s) address: left out of refs.bib")
        if e.summary:
            summary = self.text(e.summary, "summary", where, report)
            fields["note"] = "; ".join(filter(None, (fields.get("note"), summary)))
        for name, value in e.extra.items():
            report.warn(where, f"field {str(name)[:80]!r} has no counterpart in BibTeX: kept as a field of the entry")
            fields[re.sub(r"[^a-z0-9_-]", "", str(name).lower())[:40] or "extra"] = bib_text(shown_value(value))
        if len(self.entries) < SELECTED_ON_IMPORT:  # the CV's first: the two-page CV's selection until you choose
            fields.setdefault("selected", "true")
        entry = BibEntry(self.key(authors, fields.get("year", ""), e.title or ""), kind, fields)
        self.entries.append(entry)
        return entry

    @staticmethod
    def text(markdown: str, name: str, where: str, report: Report) -> str:
        """A field's text: BibTeX has no Markdown, so links keep their URL in parentheses."""
        markdown = capped(markdown, MAX_LENGTH, where, report)
        md.scan(markdown, lambda what: report.warn(where, what))
        text = md.plain(markdown, urls=True)
        if text != " ".join(markdown.split()) or "{" in markdown or "}" in markdown:
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
        parts = iso.split("-")
        fields = {"year": parts[0]}
        if len(parts) > 1:
            fields["month"] = MONTH_MACROS[int(parts[1]) - 1]
        if len(parts) > 2:
            fields["date"] = iso
        return fields

    def label_prefix(self, section: str, kind: str) -> str:
        """J, C, B, P as in the project's own publication page; else the title's initials."""
        letters = {"article": "J", "inproceedings": "C", "incollection": "B"}.get(kind) or (
            "P" if re.search("preprint", section, re.IGNORECASE) else ""
        )
        words = [w for w in (ascii_word(w) for w in section.split()) if w]
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


def bibliography_block(keys: list[str], prefix: str) -> str:
    """A ``bibliography`` directive showing exactly these entries (the filter sees keys lower-cased)."""
    chosen = ", ".join(json.dumps(k.lower()) for k in keys)
    return f"```{{bibliography}}\n:filter: key in {{{chosen}}}\n:labelprefix: {prefix}\n```"


# -- pages -----------------------------------------------------------------------------------

BIO_RE = re.compile(r"\b(bio|biography|summary|about)\b", re.IGNORECASE)
#: the longest page name a section's title gives (a file name has at most 255 bytes)
MAX_SLUG = 60


class Importer:
    """Turns the parsed CV into pages, bib entries and the profile, collecting what it reports."""

    def __init__(self, cv: RenderCV, report: Report) -> None:
        self.cv = cv
        self.report = report
        self.ids = Ids()
        self.bib = Bibliography()
        self.pages: list[Page] = []
        self.bio: list[tuple[str, list[str]]] = []

    def run(self) -> None:
        used: set[str] = set()
        for section in self.cv.sections:
            if (
                section.entries
                and BIO_RE.search(section.title)
                and all(isinstance(e, TextEntry) for e in section.entries)
            ):
                texts = [e for e in section.entries if isinstance(e, TextEntry)]
                self.bio.append((section.title, [self.paragraph(e, section.title) for e in texts]))
                continue
            name = slug(section.title)[:MAX_SLUG].rstrip("-") or "section"
            unique, n = name, 1
            while unique in used:
                n += 1
                unique = f"{name}-{n}"
            used.add(unique)
            self.pages.append(self.page(section, unique))

    def paragraph(self, e: TextEntry, section: str) -> str:
        self.report.directives["paragraph"] += 1
        return body_markdown(e.text, f"{section} / {short(e.label)}", self.report)

    def page(self, section: Section, name: str) -> Page:
        """A section's page: cards, lists and paragraphs in RenderCV's order."""
        page = Page(name, section.title)
        papers: list[BibEntry] = []
        reversed_total = sum(isinstance(e, ReversedNumberedEntry) for e in section.entries)
        run: list[str] = []
        run_kind: type[Entry] | None = None
        counts: Counter[type[Entry]] = Counter()
        spot = -1
        for entry in section.entries:
            where = f"{section.title} / {short(entry.label) or type(entry).__name__}"
            if run and type(entry) is not run_kind:
                page.blocks.append("\n".join(run))
                run = []
            run_kind = type(entry)
            if isinstance(entry, PublicationEntry):
                if not papers:
                    page.blocks.append("")  # the bibliography's place, filled in below
                    spot = len(page.blocks) - 1
                papers.append(self.bib.add(entry, section.title, where, self.report))
            elif isinstance(entry, BulletEntry | NumberedEntry | ReversedNumberedEntry):
                text = body_markdown(getattr(entry, LIST_FIELD[type(entry)]), where, self.report)
                counts[type(entry)] += 1
                run.append(self.list_line(entry, text, counts[type(entry)], reversed_total))
                if entry.extra:
                    run.append("\n".join("  " + line for line in extra_lines(entry.extra, where, self.report)))
            elif isinstance(entry, TextEntry):
                page.blocks.append(self.paragraph(entry, section.title))
            else:
                page.blocks.append(self.card(entry, section.title, where))
        if run:
            page.blocks.append("\n".join(run))
        if papers:
            kind = papers[0].type if len({p.type for p in papers}) == 1 else "misc"
            page.blocks[spot] = bibliography_block([p.key for p in papers], self.bib.label_prefix(section.title, kind))
            self.report.publications += len(papers)
            self.report.directives["bibliography"] += 1
        return page

    def list_line(self, entry: Entry, text: str, index: int, total: int) -> str:
        """A bullet, a numbered item, or a reversed-numbered one with its number written out: each
        its own one-item list, alternating ``.`` and ``)`` (CommonMark then keeps every start)."""
        if isinstance(entry, BulletEntry):
            self.report.directives["bullet item"] += 1
            return list_item("- ", text)
        self.report.directives["numbered item"] += 1
        if isinstance(entry, NumberedEntry):
            return list_item(f"{index}. ", text)
        number = total - index + 1
        return list_item(f"{number}{'.' if index % 2 else ')'} ", text)

    def card(self, entry: Entry, section: str, where: str) -> str:
        report = self.report
        if isinstance(entry, EducationEntry):
            card = education_card(entry, where, report)
        elif isinstance(entry, ExperienceEntry):
            card = experience_card(entry, where, report)
        elif isinstance(entry, NormalEntry):
            card = normal_card(entry, section, where, report)
        elif isinstance(entry, OneLineEntry):
            card = one_line_card(entry, where, report)
        else:
            report.warn(where, f"entry of unknown type (keys: {', '.join(entry.extra)}): kept as a list")
            report.directives["unknown (list)"] += 1
            return "\n".join(list_item("- ", f"*{k}:* {v}") for k, v in entry.extra.items())
        self.ids.assign(card)
        report.directives[card.kind] += 1
        return card.markdown()


LIST_FIELD: dict[type[Entry], str] = {
    BulletEntry: "bullet",
    NumberedEntry: "number",
    ReversedNumberedEntry: "reversed_number",
}


def short(text: str, length: int = 60) -> str:
    """An entry's name for a warning line."""
    return text if len(text) <= length else text[: length - 1] + "…"


# -- the profile and index.md ----------------------------------------------------------------

#: networks with a profile option of their own
ACCOUNT_OPTIONS = {"github": "github", "linkedin": "linkedin", "orcid": "orcid"}
#: the other networks RenderCV knows, with its URL patterns
NETWORK_URLS = {
    "gitlab": "https://gitlab.com/{}",
    "imdb": "https://imdb.com/name/{}",
    "instagram": "https://instagram.com/{}",
    "stackoverflow": "https://stackoverflow.com/users/{}",
    "researchgate": "https://researchgate.net/profile/{}",
    "youtube": "https://youtube.com/@{}",
    "telegram": "https://t.me/{}",
    "leetcode": "https://leetcode.com/u/{}",
    "x": "https://x.com/{}",
    "twitter": "https://twitter.com/{}",
    "bluesky": "https://bsky.app/profile/{}",
    "whatsapp": "https://wa.me/{}",
}


def network_url(network: Network) -> str | None:
    """The profile URL RenderCV would link, for networks without an option here."""
    key = network.network.lower().replace(" ", "")
    if key == "mastodon" and network.username.count("@") == 2:
        _, user, host = network.username.split("@")
        return f"https://{host}/@{user}"
    pattern = NETWORK_URLS.get(key)
    return pattern.format(network.username) if pattern else None


def plain_name(name: str) -> str:
    """The name without titles ("Dr.", "Prof.", ", PhD"): how the site and the PDF show it."""
    return without_titles(plain(name))


def profile_card(person: Person, photo: str | None, report: Report) -> Card:
    """The ``profile`` directive; networks without an option become links in its body. Every user
    name, address and text is checked: what cannot be an account or a link is text."""
    where = "cv"
    if not person.name:
        report.warn(f"{where} / name", "no name: the profile says 'Your Name'")
    card = Card("profile", plain(person.name) or "Your Name")
    card.title = title_text(card.title, f"{where} / name", report)
    set_options(card, {"role": person.headline}, None, f"{where} / headline", report)
    set_options(card, {"location": person.location}, None, f"{where} / location", report)
    if photo:
        card.options["photo"] = photo
    for i, email in enumerate(person.emails):
        if i == 0 and is_email(email):
            card.options["email"] = email
        else:
            report.warn(
                f"{where} / email",
                f"{email[:80]!r} is {'not an email address' if i == 0 else 'a further address'}:"
                " written to private.toml, not to the site",
            )
            person.private_emails.append(email)
    body: list[str] = []
    for i, site in enumerate(person.websites):
        if i == 0 and is_link(site):
            card.options["website"] = site
            continue
        url = md.checked_url(site, lambda what: report.warn(f"{where} / website", what))
        body.append(md.link(md.escape(site, line_start=False), url) if url else md.escape(site))
        report.warn(f"{where} / website", f"{site[:80]!r}: only one website has an option; kept in the text")
    for network in person.networks:
        body += network_lines(network, card, report)
    for connection in person.connections:
        text, url = scalar(connection.get("placeholder")) or "", scalar(connection.get("url"))
        checked = md.checked_url(url, lambda what: report.warn(f"{where} / custom_connections", what)) if url else None
        shown = md.escape(" ".join(md.controls_dropped(cut(text or url or "", MAX_LENGTH)).split()))
        body.append(md.link(shown, checked) if checked else shown)
        report.warn(
            f"{where} / custom_connections",
            f"{(text or url or '')[:80]!r} has no profile option: kept as " + ("a link" if checked else "text"),
        )
    body += extra_lines(person.extra, where, report)
    if body:
        card.body.append("\\\n".join(body))
    return card


def network_lines(network: Network, card: Card, report: Report) -> list[str]:
    """One social network: an option of the profile, a link in its body, or text; a user name that
    could not be part of an address (``<img onerror>``, spaces, a path) is only ever text."""
    where = "cv / social_networks"
    key = network.network.lower().replace(" ", "")
    name, user = (" ".join(md.controls_dropped(cut(t, 200)).split()) for t in (network.network, network.username))
    if not USERNAME_RE.match(user):
        report.warn(where, f"{name}: user name {user[:80]!r} cannot be part of an address: kept as text")
        return [md.escape(f"{name}: {user}")]
    if key in ACCOUNT_OPTIONS and ACCOUNT_OPTIONS[key] not in card.options:
        card.options[ACCOUNT_OPTIONS[key]] = user
    elif key == "googlescholar" and "scholar" not in card.options:
        card.options["scholar"] = f"https://scholar.google.com/citations?user={user}"
    elif url := network_url(Network(network.network, user)):
        report.warn(where, f"{name} has no profile option: kept as a link")
        return [md.link(md.escape(f"{name}: {user}", line_start=False), url)]
    else:
        report.warn(where, f"{name} is not a network RenderCV knows: kept as text")
        return [md.escape(f"{name}: {user}")]
    return []


def index_markdown(profile: Card, bio: list[tuple[str, list[str]]], pages: list[Page]) -> str:
    """The landing page: profile, the bio sections, and every section page in RenderCV's order."""
    blocks = [f"# {md.heading(profile.title) or 'About'}", profile.markdown()]  # the owner's name
    for title, paragraphs in bio:
        blocks += [f"## {md.heading(title)}", *paragraphs]
    if pages:
        entries = "\n".join(f"sections/{p.slug}" for p in pages)
        blocks.append(f"```{{toctree}}\n:maxdepth: 1\n\n{entries}\n```")
    return "\n\n".join(blocks) + "\n"


# -- the project -----------------------------------------------------------------------------


#: the largest photo the import copies (a CV photo is a few hundred kB)
MAX_PHOTO_BYTES = 20_000_000
#: a file name the photo may keep in the project
PHOTO_NAME_RE = re.compile(r"^\w[\w.-]{0,100}$")


def read_photo(person: Person, source_dir: Path, report: Report) -> tuple[str, bytes] | None:
    """RenderCV's photo path is relative to the YAML file: only an image file in the YAML's folder
    (or below it) is taken, whatever the path says (``/etc/...``, ``../../x.png``, a symlink out),
    and only a real image (a scripted SVG is not one). Read before anything is written."""
    if not person.photo:
        return None
    source = source_dir / person.photo
    problem = ""
    if not source.resolve().is_relative_to(source_dir.resolve()):
        problem = "is not in the YAML file's folder"
    elif not source.is_file():
        problem = "is not a file"
    elif source.stat().st_size > MAX_PHOTO_BYTES:
        problem = f"is larger than {MAX_PHOTO_BYTES // 1_000_000} MB"
    else:
        problem = image_problem(source.resolve())
    if problem:
        report.warn("cv / photo", f"{person.photo[:80]!r} {problem}: no photo")
        return None
    name = source.name if PHOTO_NAME_RE.match(source.name) else f"photo{source.suffix.lower()}"
    return name, source.read_bytes()


# -- the command -----------------------------------------------------------------------------

#: the most the pages and refs.bib of an import may hold together
MAX_OUTPUT_BYTES = 10_000_000


def preflight(yaml_path: Path, project: Path, force: bool, report: Report) -> tuple[int, RenderCV | None]:
    """Read the CV and check the project before anything is touched: a bad input or uncommitted
    work stops the import with the project as it was."""
    try:
        cv = load(yaml_path)
    except (OSError, ValueError, yaml.YAMLError, RecursionError) as err:
        message = "nested too deeply" if isinstance(err, RecursionError) else str(err)
        report.notes.append(f"error: cannot read {yaml_path}: {message}")
        return EXIT_INPUT, None
    if refused := refusal(project, force):
        report.notes.append(refused[1])
        return refused[0], None
    return 0, cv


def note_ignored(keys: list[str], report: Report) -> None:
    """One report line for each top-level part that is not content."""
    why = {
        "design": "RenderCV's theme and layout (the site uses furo, the PDF its own template)",
        "locale": "RenderCV's language strings (set `language` in conf.py)",
    }
    for key in keys:
        reason = why.get(key, "RenderCV's own settings, not content")
        report.notes.append(f"ignored: {key[:80]}: {reason}")


def content_files(importer: Importer, profile: Card) -> dict[str, str]:
    """Pages, the landing page and refs.bib, by their path in the project."""
    files = {f"sections/{page.slug}.md": page.markdown() for page in importer.pages}
    files["index.md"] = index_markdown(profile, importer.bio, importer.pages)
    files["refs.bib"] = "\n\n".join(e.bibtex() for e in importer.bib.entries) + "\n"
    return files


def personal(person: Person, owners: list[str]) -> Personal:
    """conf.py's personal block: the name without titles, the site, the inventory name, the bib spellings."""
    name = plain_name(person.name)[:MAX_LENGTH] or "Your Name"
    site = next((w for w in person.websites[:1] if is_link(w)), "https://example.org/")
    headline = plain(person.headline or "")[:MAX_LENGTH]
    return Personal(
        name=name,
        full_name=plain(person.name)[:MAX_LENGTH] or name,
        site_url=site if site.endswith("/") else site + "/",
        inventory_name=ascii_word(name.split()[-1])[:40] or "portfolio",
        bib_names=owners or [short_name(bib_name(name)[0])],
        description=f"Curriculum vitae of {name}" + (f", {headline}." if headline else "."),
    )


def private_files(project: Path, person: Person, report: Report) -> dict[str, str]:
    """The phone (and addresses the site does not show) for git-ignored private.toml, never elsewhere;
    .gitignore with its line for private.toml."""
    private: dict[str, Any] = {"phone": person.phones[0]} if person.phones else {}
    private |= {"other_phones": person.phones[1:]} if len(person.phones) > 1 else {}
    private |= {"other_emails": person.private_emails} if person.private_emails else {}
    files: dict[str, str] = {}
    if private or (project / PRIVATE_FILE).is_file():
        files[PRIVATE_FILE] = private_text(project, private)
        if (ignore := ignoring_private(project)) is not None:
            files[".gitignore"] = ignore
    if private:
        report.notes.append(
            "private: cv.phone (and further phones/emails) written to private.toml [profile], "
            "which git ignores; not written to any tracked file"
        )
    return files


def import_cv(yaml_path: Path, project: Path, *, force: bool = False) -> tuple[int, Report]:
    """Replace the project's content with the CV; returns the exit code and the report. Everything
    is made and checked in memory, then written by ``replace_content``: the previous content goes
    only when all of the new one is in place."""
    report = Report()
    code, cv = preflight(yaml_path, project, force, report)
    if cv is None:
        return code, report
    note_ignored(cv.ignored, report)
    importer = Importer(cv, report)
    importer.run()
    photo = read_photo(cv.person, yaml_path.parent, report)
    profile = profile_card(cv.person, photo[0] if photo else None, report)
    report.directives["profile"] += 1
    files = content_files(importer, profile)
    files["conf.py"] = with_personal_block(project, personal(cv.person, importer.bib.owner_names))
    files |= private_files(project, cv.person, report)
    data = {name: text.encode("utf-8") for name, text in files.items()}
    if photo:
        data[photo[0]] = photo[1]
    size = sum(len(content) for name, content in data.items() if name.endswith((".md", ".bib")))
    if size > MAX_OUTPUT_BYTES:
        report.notes = [
            f"error: the import would write {size:,} bytes of pages and refs.bib, more than {MAX_OUTPUT_BYTES:,};"
            " is this a CV? Nothing was changed"
        ]
        return EXIT_INPUT, report
    try:
        replace_content(project, data, previous_content(project))
    except WriteError as err:
        report.notes = [f"error: cannot write the new content: {err}"]
        return EXIT_INPUT, report
    report.pages = ["index.md", *(f"sections/{p.slug}.md" for p in importer.pages)]
    return 0, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portfolio.interop.rendercv", description=__doc__.splitlines()[0])
    parser.add_argument("yaml", type=Path, help="the RenderCV 2.x YAML file")
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="the project to import into (default: .)")
    parser.add_argument("--force", action="store_true", help="import even over uncommitted changes")
    args = parser.parse_args(argv)
    code, report = import_cv(args.yaml, args.project, force=args.force)
    lines = report.notes if code else report.lines()
    print("\n".join(lines), file=sys.stderr if code else sys.stdout)
    return code


if __name__ == "__main__":
    sys.exit(main())
