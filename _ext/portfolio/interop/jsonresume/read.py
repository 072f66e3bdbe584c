"""Reading a JSON Resume (schema v1.0.0, and the older names of some fields) as typed items.

The schema is declared here in small: for each section, the fields this importer writes
somewhere and the type each must have. A value of another type (a number for a name, a
mapping for a date) is reported and left out; a field the schema does not name is kept in the
item's ``extra`` and written as text where the item goes. The file itself is read with bounds
(``..load``): its size, and for YAML its aliases.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..cards import one_line
from ..load import read_data
from ..report import Report

FieldType = Literal["text", "list"]


def declared(text: str, lists: str = "") -> dict[str, FieldType]:
    """Fields by name: those in ``text`` hold text, those in ``lists`` lists of text."""
    found: dict[str, FieldType] = dict.fromkeys(text.split(), "text")
    found.update(dict.fromkeys(lists.split(), "list"))
    return found


#: the sections this importer reads, with their fields (those it writes somewhere)
SECTIONS: dict[str, dict[str, FieldType]] = {
    "work": declared("name location description position url startDate endDate summary", "highlights"),
    "volunteer": declared("organization position url startDate endDate summary", "highlights"),
    "education": declared("institution url area studyType startDate endDate score location summary", "courses"),
    "awards": declared("title date awarder summary"),
    "certificates": declared("name date url issuer"),
    "publications": declared("name publisher releaseDate url summary", "numbers authors"),
    "skills": declared("name level", "keywords"),
    "languages": declared("language fluency"),
    "interests": declared("name", "keywords"),
    "projects": declared(
        "name description startDate endDate url entity type location", "highlights keywords roles dates"
    ),
}
#: names older JSON Resume files (and some tools) use, and the schema's names for them
ALIASES = {
    "work": {"company": "name", "website": "url"},
    "volunteer": {"website": "url"},
    "education": {"gpa": "score"},
    "publications": {"website": "url"},
    "projects": {"website": "url"},
}
#: sections that are not content of this project, and why
IGNORED = {
    "references": "quotations of other people, theirs to publish: not imported",
    "meta": "the file's own version and date",
    "$schema": "the schema's address",
}
BASICS = declared("name label image email phone url summary formerName")
LOCATION = ("address", "postalCode", "city", "countryCode", "region")


@dataclass
class Item:
    """One item of a section: its fields by the schema's names, and the fields it does not name."""

    fields: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def text(self, name: str) -> str:
        return self.fields.get(name, "")

    def list(self, name: str) -> list[str]:
        return self.fields.get(name, [])


@dataclass
class Profile:
    """One of ``basics.profiles``."""

    network: str = ""
    username: str = ""
    url: str = ""


@dataclass
class Basics:
    """``basics``: the person."""

    item: Item = field(default_factory=Item)
    location: dict[str, str] = field(default_factory=dict)
    profiles: list[Profile] = field(default_factory=list)


@dataclass
class Resume:
    basics: Basics
    sections: dict[str, list[Item]]


def scalar(value: Any) -> str | None:
    """A JSON value as text: strings and numbers; anything else is None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str | int | float):
        return str(value).strip()
    return None


def read_item(
    raw: Any, fields: dict[str, FieldType], aliases: dict[str, str], where: str, report: Report
) -> Item | None:
    """One item, its fields checked against the declared types."""
    if not isinstance(raw, dict):
        report.warn(where, f"an item that is not an object ({type(raw).__name__}): left out")
        return None
    item = Item()
    for key, value in raw.items():
        name = aliases.get(str(key), str(key))
        kind = fields.get(name)
        if kind is None:
            if value not in (None, "", [], {}):
                item.extra[one_line(key, 100)] = value
            continue
        if kind == "text":
            text = scalar(value)
            if text is None and value is not None:
                report.warn(where, f"{name} is a {type(value).__name__}, not text: left out")
            elif text:
                item.fields[name] = text
        else:
            values = value if isinstance(value, list) else [value]
            texts = [t for v in values if (t := scalar(v))]
            if len(texts) < len([v for v in values if v not in (None, "")]):
                report.warn(where, f"{name} has items that are not text: those left out")
            if texts:
                item.fields[name] = texts
    return item


def read_basics(raw: Any, report: Report) -> Basics:
    basics = Basics()
    if raw is None:
        return basics
    if not isinstance(raw, dict):
        report.warn("basics", "not an object: left out")
        return basics
    person = {k: v for k, v in raw.items() if k not in ("location", "profiles")}
    item = read_item(person, BASICS, {"website": "url", "picture": "image"}, "basics", report)
    if item is None:
        return basics
    location = raw.get("location")
    if isinstance(location, dict):
        basics.location = {key: text for key in LOCATION if (text := scalar(location.get(key)))}
    elif location is not None:
        report.warn("basics / location", "not an object: left out")
    profiles = raw.get("profiles") or []
    if not isinstance(profiles, list):
        report.warn("basics / profiles", "not a list: left out")
        profiles = []
    for i, profile in enumerate(profiles):
        if not isinstance(profile, dict):
            report.warn(f"basics / profiles / {i + 1}", "not an object: left out")
            continue
        basics.profiles.append(Profile(*(scalar(profile.get(k)) or "" for k in ("network", "username", "url"))))
    basics.item = item
    return basics


def load(path: Path, report: Report) -> Resume:
    """Read a JSON Resume file; ValueError where it is not one."""
    data = read_data(path)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: not a JSON object; is this a JSON Resume?")
    if not any(key in data for key in ("basics", *SECTIONS)):
        raise ValueError(f"{path}: none of basics, work, education, publications...; is this a JSON Resume?")
    sections: dict[str, list[Item]] = {}
    for key, value in data.items():
        name = str(key)
        if name == "basics":
            continue
        if name in IGNORED:
            report.notes.append(f"ignored: {name}: {IGNORED[name]}")
            continue
        if name not in SECTIONS:
            report.notes.append(f"ignored: {one_line(name, 80)}: not a section of JSON Resume")
            continue
        if not isinstance(value, list):
            report.warn(name, "not a list: left out")
            continue
        found = [
            read_item(raw, SECTIONS[name], ALIASES.get(name, {}), f"{name} / {i + 1}", report)
            for i, raw in enumerate(value)
        ]
        sections[name] = [item for item in found if item is not None]
    return Resume(read_basics(data.get("basics"), report), sections)
