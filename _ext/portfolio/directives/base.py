"""The shared card directive: typed options, validation with warnings, the entry's record.

Options arrive as plain strings (``directives.unchanged``) and are typed here,
so a bad value costs a warning and that one value, never the whole entry,
which docutils' own option converters would drop with an error. ``run``
builds the record (``records.Entry``), stores it in the domain and returns
the card drawn from it (``card.build_card``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..dates import CVDate, DateError, parse_date
from ..domain import CVDomain
from ..records import Detail, Entry, Link, Org, When
from ..text import anchor, text_of
from ..untrusted import hard_line_breaks
from ..validate import MAX_LENGTH, cut, has_markup, is_email, is_link
from ..warnings import Subtype, warn
from .card import build_card

FieldType = Literal["text", "date", "end", "dates", "tags", "url", "email"]

UNTITLED = "(untitled)"


@dataclass(frozen=True)
class Field:
    """How one option is read: its type, whether it is required, its label in a card."""

    #: how the value is read and checked
    type: FieldType = "text"
    #: a missing value warns
    required: bool = False
    #: a text option with a label is a labelled detail; a URL option's label is its link text
    #: (lazy: from the extension's catalog, in the build's language)
    label: Any = ""
    #: the detail qualifies the entry's title (a rank, a role, a distinction): a fact kept where the
    #: entry is drawn short, where its body (prose) is left out
    qualifies: bool = False


@dataclass
class Values:
    """An entry's options after validation: invalid ones are absent."""

    #: text, URL and email options
    text: dict[str, str]
    #: date options (a ``dates`` option holds several)
    dates: dict[str, list[CVDate]]
    #: the values of the ``tags`` option (a talk's kinds)
    tags: list[str]

    def date(self, name: str) -> CVDate | None:
        found = self.dates.get(name)
        return found[0] if found else None


class CardDirective(SphinxDirective):
    """Base of every card: ``kind`` names it, ``fields`` declares and types its options."""

    kind: ClassVar[str]
    fields: ClassVar[dict[str, Field]] = {}
    #: the options that name organisations, in the order the meta line shows them
    org_fields: ClassVar[tuple[str, ...]] = ()
    #: allowed values of a ``tags`` option, each with what the card shows for it
    allowed_tags: ClassVar[dict[str, Any]] = {}
    required_arguments = 0  # a missing title warns (``empty_title``); the entry still shows
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.option_spec = {name: directives.unchanged for name in cls.fields}
        cls.option_spec["name"] = directives.unchanged
        cls.option_spec["class"] = directives.class_option

    @property
    def location(self) -> tuple[str, int]:
        return (self.env.docname, self.lineno)

    @property
    def title(self) -> str:
        return self.arguments[0].strip() if self.arguments else ""

    def warn(self, message: str, subtype: Subtype, location: tuple[str, int] | None = None) -> None:
        """A warning naming the entry; at the directive's line unless a body line is meant."""
        warn(f"{self.kind} {cut(self.title, 80) or UNTITLED!r}: {message}", subtype, location or self.location)

    # -- reading -----------------------------------------------------------------------

    def read_title(self) -> str:
        title = self.title
        if not title:
            self.warn("no title (the directive's argument)", Subtype.EMPTY_TITLE)
            return UNTITLED
        if len(title) > MAX_LENGTH:
            self.warn(f"the title is {len(title)} characters long; cut to {MAX_LENGTH}", Subtype.TOO_LONG)
            title = cut(title)
        if has_markup(title):
            self.warn("the title contains HTML markup, which is shown as text", Subtype.MARKUP)
        return title

    def read_options(self) -> Values:
        """Type every option; warn about and leave out each bad one."""
        values = Values(text={}, dates={}, tags=[])
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
            elif spec.type == "tags":
                values.tags = self.read_tags(name, raw)
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

    def read_tags(self, name: str, raw: str) -> list[str]:
        tags = []
        for tag in (t.strip().lower() for t in raw.split(",")):
            if tag in self.allowed_tags:
                tags.append(tag)
            elif tag:
                allowed = ", ".join(self.allowed_tags)
                self.warn(f"unknown :{name}: {cut(tag, 80)!r} (one of: {allowed})", Subtype.KIND)
        return tags

    def given_id(self) -> str:
        """The ``:name:`` option as an id; a value that is not one already is cleaned, with a warning."""
        given = self.options.get("name", "").strip()
        name = nodes.make_id(given)
        if given and name != given:
            self.warn(
                f":name: {cut(given, 80)!r} is not a valid id (lower-case letters, digits, '-'); "
                f"using {name or 'an id from the title'!r}",
                Subtype.NAME,
            )
        return name

    def default_id(self, title: str, values: Values) -> str:
        """An id from what the entry says, so edits elsewhere never move it."""
        when = values.dates.get("date") or values.dates.get("start") or []
        suffix = f"-{when[0].iso}" if when else ""
        return f"{self.kind}-{anchor(title)}{suffix}"

    # -- the record ----------------------------------------------------------------------

    def when(self, values: Values) -> When:
        return When(values.date("start"), values.date("end"), tuple(values.dates.get("date", ())))

    def details(self, values: Values) -> tuple[Detail, ...]:
        return tuple(
            Detail(name, str(spec.label), text, spec.qualifies)
            for name, spec in self.fields.items()
            if spec.label and spec.type == "text" and (text := values.text.get(name))
        )

    def links(self, values: Values) -> tuple[Link, ...]:
        return tuple(
            Link(name, str(spec.label or name), url)
            for name, spec in self.fields.items()
            if spec.type == "url" and (url := values.text.get(name))
        )

    def extra(self, values: Values) -> dict[str, Any]:
        """Fields of the record that only some kinds have (contact, papers, patent numbers)."""
        return {}

    def body_nodes(self) -> list[nodes.Node]:
        """The directive's content, parsed as Markdown or reST."""
        body = list(self.parse_content_to_nodes()) if self.content else []
        for node in body:
            hard_line_breaks(node)  # before the summary is taken from it
        return body

    def run(self) -> list[nodes.Node]:
        title = self.read_title()
        values = self.read_options()
        body = self.body_nodes()
        domain: CVDomain = self.env.domains[CVDomain.name]  # type: ignore[assignment]
        entry_id = domain.claim_id(self.given_id() or self.default_id(title, values), self.location)
        entry = Entry(
            kind=self.kind,
            id=entry_id,
            title=title,
            docname=self.env.docname,
            lineno=self.lineno,
            orgs=tuple(Org(name, org) for name in self.org_fields if (org := values.text.get(name))),
            location=values.text.get("location", ""),
            when=self.when(values),
            tags=tuple(values.tags),
            details=self.details(values),
            links=self.links(values),
            summary=text_of(*body),
            **self.extra(values),
        )
        domain.note_entry(entry)
        card = build_card(entry, body, self.config, self.allowed_tags, classes=self.options.get("class", []))
        for node in card.findall(nodes.Element):
            if not node.source:
                self.set_source_info(node)
        return [card]
