"""The shared card directive: typed options, validation with warnings, the card's doctree.

Options arrive as plain strings (``directives.unchanged``) and are typed here,
so a bad value costs a warning and that one value, never the whole entry,
which docutils' own option converters would drop with an error.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import ClassVar, Literal

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..dates import CVDate, DateError, format_days, parse_date
from ..domain import CVDomain
from ..nodes import cv_body, cv_dates, cv_entry, cv_header, cv_meta, cv_org, cv_place, cv_time, cv_title, joined
from ..validate import MAX_LENGTH, cut, has_markup, is_email, is_link
from ..warnings import Subtype, warn

FieldType = Literal["text", "date", "end", "dates", "kinds", "url", "email"]

_SLUG_WORDS = 8
UNTITLED = "(untitled)"


@dataclass(frozen=True)
class Field:
    """How one option is read: its type, whether it is required, its label in a card."""

    type: FieldType = "text"
    required: bool = False
    label: str = ""


@dataclass
class Values:
    """An entry's options after validation: invalid ones are absent."""

    text: dict[str, str]
    dates: dict[str, list[CVDate]]
    kinds: list[str]

    def date(self, name: str) -> CVDate | None:
        found = self.dates.get(name)
        return found[0] if found else None


def slug(text: str, words: int = _SLUG_WORDS) -> str:
    """An ASCII id fragment from the first words of a text; a short hash of the text where it
    has no Latin letters or digits (a title in Chinese, say), so the id still follows content."""
    return nodes.make_id(" ".join(text.split()[:words])) or hashlib.sha1(text.encode()).hexdigest()[:10]


class CardDirective(SphinxDirective):
    """Base of every card: ``kind`` names it, ``fields`` declares and types its options."""

    kind: ClassVar[str]
    fields: ClassVar[dict[str, Field]] = {}
    #: the options shown on the meta line: employer, institution, event, host, ...
    org_fields: ClassVar[tuple[str, ...]] = ()
    #: allowed values of a ``kinds`` option
    allowed_kinds: ClassVar[tuple[str, ...]] = ()
    required_arguments = 0  # a missing title warns (``empty_title``); the entry still shows
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.option_spec = {name: directives.unchanged for name in cls.fields}
        cls.option_spec["name"] = directives.unchanged
        cls.option_spec["class"] = directives.class_option

    # -- parsing ---------------------------------------------------------------------

    @property
    def location(self) -> tuple[str, int]:
        return (self.env.docname, self.lineno)

    @property
    def title(self) -> str:
        return self.arguments[0].strip() if self.arguments else ""

    def warn(self, message: str, subtype: Subtype, location: tuple[str, int] | None = None) -> None:
        """A warning naming the entry; at the directive's line unless a body line is meant."""
        warn(f"{self.kind} {self.title or UNTITLED!r}: {message}", subtype, location or self.location)

    def read_options(self) -> Values:
        """Type every option; warn about and leave out each bad one."""
        values = Values(text={}, dates={}, kinds=[])
        for name, spec in self.fields.items():
            raw = self.options.get(name)
            if raw is None or not raw.strip():
                if spec.required:
                    self.warn(f"missing required option :{name}:", Subtype.MISSING_OPTION)
                continue
            raw = " ".join(raw.split())
            if len(raw) > MAX_LENGTH:
                self.warn(f":{name}: is {len(raw)} characters long; cut to {MAX_LENGTH}", Subtype.TOO_LONG)
                raw = cut(raw)
            if has_markup(raw):
                self.warn(f":{name}: contains HTML markup, which is shown as text", Subtype.MARKUP)
            if spec.type in ("date", "end", "dates"):
                parts = raw.split(",") if spec.type == "dates" else [raw]
                try:
                    values.dates[name] = [parse_date(p, allow_present=spec.type == "end") for p in parts]
                except DateError as err:
                    self.warn(f":{name}: {err}", Subtype.DATE)
            elif spec.type == "kinds":
                values.kinds = self.read_kinds(raw)
            elif spec.type == "url" and not is_link(raw):
                self.warn(f":{name}: {cut(raw, 80)!r} is not an http(s) URL", Subtype.URL)
            elif spec.type == "email" and not is_email(raw):
                self.warn(f":{name}: {cut(raw, 80)!r} is not an email address", Subtype.EMAIL)
            else:
                values.text[name] = raw
        start, end = values.date("start"), values.date("end")
        if start and end and end < start:
            self.warn(f"ends ({end.label}) before it starts ({start.label})", Subtype.DATE_ORDER)
            del values.dates["end"]
        return values

    def read_kinds(self, raw: str) -> list[str]:
        kinds = []
        for kind in (k.strip().lower() for k in raw.split(",")):
            if kind in self.allowed_kinds:
                kinds.append(kind)
            elif kind:
                allowed = ", ".join(self.allowed_kinds)
                self.warn(f"unknown :kind: {cut(kind, 80)!r} (one of: {allowed})", Subtype.KIND)
        return kinds

    # -- the card --------------------------------------------------------------------

    def run(self) -> list[nodes.Node]:
        title = self.title
        if not title:
            self.warn("no title (the directive's argument)", Subtype.EMPTY_TITLE)
            title = UNTITLED
        if len(title) > MAX_LENGTH:
            self.warn(f"the title is {len(title)} characters long; cut to {MAX_LENGTH}", Subtype.TOO_LONG)
            title = cut(title)
        if has_markup(title):
            self.warn("the title contains HTML markup, which is shown as text", Subtype.MARKUP)
        self.values = values = self.read_options()
        entry = cv_entry(kind=self.kind, classes=["cv-entry", f"cv-{self.kind}", *self.options.get("class", [])])
        self.set_source_info(entry)
        entry["sortkey"] = self.sort_key(values)
        entry += self.header(title, values)
        body = cv_body()
        body.extend(self.before_body(values))
        body.extend(self.body_nodes())
        body.extend(self.after_body(values))
        if len(body):
            entry += body
        domain = self.env.domains[CVDomain.name]
        anchor = self.given_id() or self.anchor(title, values)
        when = next(iter(entry.findall(cv_dates)), None)
        org = ", ".join(o.astext() for o in entry.findall(cv_org))
        entry["ids"].append(domain.note_entry(
            self.kind, anchor, title, self.location, papers=self.papers(values), sortkey=entry["sortkey"],
            when=when.astext() if when is not None else "", org=org))
        return [entry]

    def given_id(self) -> str:
        """The ``:name:`` option as an id; a value that is not one already is cleaned, with a warning."""
        given = self.options.get("name", "").strip()
        name = nodes.make_id(given)
        if given and name != given:
            self.warn(f":name: {cut(given, 80)!r} is not a valid id (lower-case letters, digits, '-'); "
                      f"using {name or 'an id from the title'!r}", Subtype.NAME)
        return name

    def papers(self, values: Values) -> tuple[str, ...]:
        """Bib keys of the papers this entry is described in (software cards have some)."""
        return ()

    def anchor(self, title: str, values: Values) -> str:
        """An id from what the entry says, so edits elsewhere never move it."""
        when = values.dates.get("date") or values.dates.get("start") or []
        suffix = f"-{when[0].iso}" if when else ""
        return f"{self.kind}-{slug(title)}{suffix}"

    def sort_key(self, values: Values) -> str:
        """Newest first: by end (present is newest), then start, then date."""
        end = values.date("end") or values.date("date") or values.date("start")
        start = values.date("start") or end
        dates = values.dates.get("date") or []
        return "|".join(d.key for d in (end, start, dates[-1] if dates else None) if d)

    def header(self, title: str, values: Values) -> cv_header:
        header = cv_header()
        header += cv_title(title, title)
        meta = cv_meta()
        parts: list[nodes.Node] = []
        for name in self.org_fields:
            if org := values.text.get(name):
                parts.append(cv_org(org, org, classes=[f"cv-{name}"]))
        if place := values.text.get("location"):
            parts.append(cv_place(place, place))
        if when := self.when(values):
            parts.append(when)
        meta.extend(joined(parts))
        if len(meta):
            header += meta
        return header

    def when(self, values: Values) -> cv_dates | None:
        """The dates of the card: a range "Jan 2021 – present", one date or a list of days."""
        node = cv_dates()
        if days := values.dates.get("date"):
            text = format_days(days)
            node += cv_time(text, text, datetime=days[0].iso)
            return node
        start, end = values.date("start"), values.date("end")
        if not start and not end:
            return None
        node.extend(joined([cv_time(d.label, d.label, datetime=d.iso) for d in (start, end) if d], " – "))
        return node

    def before_body(self, values: Values) -> list[nodes.Node]:
        """Kinds as tags, then labelled details as a field list."""
        result: list[nodes.Node] = []
        if values.kinds:
            tags = nodes.paragraph(classes=["cv-tags"])
            for kind in values.kinds:
                tags += nodes.inline(kind, kind, classes=["cv-tag"])
                tags += nodes.Text(" ")
            result.append(tags)
        details = nodes.field_list(classes=["cv-details"])
        for name, spec in self.fields.items():
            if spec.label and spec.type == "text" and (text := values.text.get(name)):
                details += nodes.field("", nodes.field_name(spec.label, spec.label),
                                       nodes.field_body(text, nodes.paragraph(text, text)))
        if len(details):
            result.append(details)
        return result

    def body_nodes(self) -> list[nodes.Node]:
        """The directive's content, parsed as Markdown or reST."""
        return list(self.parse_content_to_nodes()) if self.content else []

    def after_body(self, values: Values) -> list[nodes.Node]:
        """Links (slides, video, ...) as one paragraph of references."""
        links = [nodes.reference(spec.label or name, spec.label or name, refuri=url, classes=[f"cv-link-{name}"])
                 for name, spec in self.fields.items() if spec.type == "url" and (url := values.text.get(name))]
        return [nodes.paragraph("", "", *joined(links), classes=["cv-links"])] if links else []
