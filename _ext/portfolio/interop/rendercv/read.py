"""Reading a RenderCV 2.x file: its ``cv`` as typed records, in RenderCV's own terms.

RenderCV's schema is declared here in small (ten entry classes and RenderCV's rule of
detecting an entry's type by the keys only it has) rather than taken from RenderCV's pydantic
models, which would bring RenderCV and its Typst toolchain into the import; keys this schema
does not name are kept in each record's ``extra``, and reported where they are written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...validate import MAX_LENGTH
from .. import markdown as md
from ..cards import plain
from ..load import read_yaml

# -- entries as typed records -----------------------------------------------------


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


def degree_title(entry: EducationEntry) -> str:
    """ "PhD in Machine Learning", as RenderCV's "DEGREE in AREA"."""
    return " in ".join(t for t in (plain(entry.degree or ""), plain(entry.area or "")) if t)


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
