"""The one card writer of every importer: directives, pages and their text, written as MyST that
says exactly what the input said and nothing more.

Imported text is untrusted. In a card's body it goes through the safe Markdown subset
(``markdown.py``); in an argument or an option it is plain text, one line, no longer than an
option may be, and markup the directive would warn about at every build is turned into text
once here and reported. Ids are the ones the directives derive, made unique across the import.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..dates import parse_date
from ..text import anchor
from ..validate import MARKUP_RE, MAX_ABSTRACT_LENGTH, MAX_LENGTH, cut, is_link
from . import markdown as md
from .report import Report

#: options some card requires (a position's org, a degree's institution, a grant's title, a talk's
#: event): markup in them is made text in place, not moved into the body
REQUIRED_OPTIONS = frozenset({"org", "institution", "title", "event"})
#: the longest page name a section's title gives (a file name has at most 255 bytes)
MAX_SLUG = 60


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
    """One page of the site: a heading and its blocks, in the order of the source."""

    slug: str
    title: str
    blocks: list[str] = field(default_factory=list)

    def markdown(self) -> str:
        head = f"---\ncv-order: source\n---\n# {md.heading(self.title)}"
        return "\n\n".join([head, *self.blocks]) + "\n"


class Ids:
    """Card ids as the directives derive them, made unique across the project with ``:name:``."""

    def __init__(self, used: Iterable[str] = ()) -> None:
        self.used: set[str] = set(used)

    def assign(self, card: Card) -> None:
        first = next((card.options[k] for k in ("date", "start") if k in card.options), "")
        when = f"-{parse_date(first.split(',')[0]).iso}" if first else ""
        name = f"{card.kind}-{anchor(card.title)}{when}"
        final, n = name, 1
        while final in self.used:
            n += 1
            final = f"{name}-{n}"
        self.used.add(final)
        if final != name:
            card.options["name"] = final


class PageNames:
    """Page names from titles: the title's first words as a slug, unique in the project."""

    def __init__(self, used: Iterable[str] = ()) -> None:
        self.used: set[str] = set(used)

    def name(self, title: str) -> str:
        base = anchor(title)[:MAX_SLUG].rstrip("-") or "section"
        unique, n = base, 1
        while unique in self.used:
            n += 1
            unique = f"{base}-{n}"
        self.used.add(unique)
        return unique


# -- text --------------------------------------------------------------------------------------


def plain(markdown: str) -> str:
    """Markdown as plain text for arguments and options: link text kept, markers dropped, one line."""
    return md.plain(markdown)


def one_line(text: Any, limit: int = MAX_LENGTH) -> str:
    """Any value as one line of text: no control characters, no longer than ``limit``."""
    return " ".join(md.controls_dropped(cut(str(text), limit)).split())


def short(text: str, length: int = 60) -> str:
    """An entry's name for a warning line."""
    return text if len(text) <= length else text[: length - 1] + "…"


def capped(text: str, limit: int, where: str, report: Report) -> str:
    """The text, cut where it is over ``limit`` characters (a paste gone wrong, and slow to typeset)."""
    if len(text) <= limit:
        return text
    report.warn(where, f"text of {len(text)} characters cut to {limit}")
    return cut(text, limit)


def body_markdown(markdown: str, where: str, report: Report) -> str:
    """Imported Markdown for a directive body: bold, italic, links and code kept, everything else
    escaped (``markdown.py``), each neutralised thing and each link without a scheme (written as
    https://) reported; over the length limit it is cut."""
    text = capped(markdown, MAX_ABSTRACT_LENGTH, where, report)
    return md.markdown(text, lambda what: report.warn(where, what))


def list_item(marker: str, text: str) -> str:
    """One list item; continuation lines indented under its text."""
    first, *rest = text.splitlines() or [""]
    pad = " " * len(marker)
    return "\n".join([marker + first, *(pad + line if line.strip() else "" for line in rest)])


def bullet_list(items: Iterable[str], where: str, report: Report) -> str:
    """Markdown items as a bullet list, each through the safe subset."""
    return "\n".join(list_item("- ", body_markdown(item, where, report)) for item in items)


def shown_value(value: Any) -> str:
    """A value of a key no option takes, as one line of text."""
    if isinstance(value, dict):
        text = "; ".join(f"{k}: {v}" for k, v in value.items() if v is not None)
    elif isinstance(value, list):
        text = "; ".join(str(v) for v in value)
    else:
        text = str(value)
    return one_line(text)


def extra_lines(extra: dict[str, Any], where: str, report: Report) -> list[str]:
    """Keys no option takes (a format's arbitrary keys, a newer version's fields): ``*key:* value``,
    both as text (no Markdown of theirs is read)."""
    lines = []
    for key, value in extra.items():
        name = one_line(key, 100)
        lines.append(f"*{md.escape(name, line_start=False)}:* {md.escape(shown_value(value), line_start=False)}")
        report.warn(where, f"field {name!r} has no counterpart here: kept in the text")
    return lines


def labelled(label: str, text: str) -> str:
    """ "*Label:* text", the text escaped: a fact that has no option, kept in the body."""
    return f"*{label}:* {md.escape(one_line(text, MAX_ABSTRACT_LENGTH), line_start=False)}"


def link_line(text: str, url: str, where: str, report: Report) -> str:
    """A link in a body: the text escaped, the address checked (anything but http(s) and mailto
    is text)."""
    checked = md.checked_url(url, lambda what: report.warn(where, what))
    shown = md.escape(one_line(text), line_start=False)
    return md.link(shown, checked) if checked else shown


def angles(text: str) -> str:
    """Text with the angle brackets of each HTML tag in it written as ‹ and ›: a title or a bib field
    shows markup as text, and warns about it at every build; the import reports it once instead."""
    return MARKUP_RE.sub(lambda m: m.group(0).replace("<", "‹").replace(">", "›"), text)


def title_text(text: str, where: str, report: Report) -> str:
    """A card's argument: plain text, never empty, no longer than the limit, and no tag the
    directive would warn about (``angles``, reported)."""
    text = capped(" ".join(md.controls_dropped(text).split()), MAX_LENGTH, where, report)
    if MARKUP_RE.search(text):
        report.warn(where, "HTML markup in a title: its angle brackets written as ‹ and ›")
        text = angles(text)
    return text or "(untitled)"


def option_text(markdown: str | None, card: Card, url_option: str | None, where: str, report: Report) -> str:
    """Markdown as option text; a link in it becomes the card's URL option where one is free, else a
    line of the body (an argument or option shows no link)."""
    if not markdown:
        return ""
    md.scan(markdown, lambda what: report.warn(where, what))
    for text, url in md.links(markdown):
        if url_option and url_option not in card.options and is_link(url):
            card.options[url_option] = url
        elif checked := md.checked_url(url, lambda what: report.warn(where, what)):
            card.body.append(md.link(md.escape(text, line_start=False), checked))
            report.warn(where, f"link {url} in a title or option: kept in the text")
    return capped(plain(markdown), MAX_LENGTH, where, report)


def set_options(card: Card, values: dict[str, str | None], url_option: str | None, where: str, report: Report) -> None:
    """Options from Markdown values, in order, skipping empty ones; a value with HTML markup, which
    an option would show as text and warn about, goes into the body as text instead (a required
    one keeps its place, its tags' angle brackets written as ‹ and ›)."""
    for name, value in values.items():
        if not (text := option_text(value, card, url_option, where, report)):
            continue
        if MARKUP_RE.search(text) and name in REQUIRED_OPTIONS:
            report.warn(where, f"HTML markup in {name}: its angle brackets written as ‹ and ›")
            card.options[name] = angles(text)
        elif MARKUP_RE.search(text):
            card.body.append(f"*{name}:* {md.escape(text, line_start=False)}")
            report.warn(where, f"{name} contains HTML markup, which an option shows as text: kept in the text")
        else:
            card.options[name] = text


def set_text_options(card: Card, values: dict[str, str | None], where: str, report: Report) -> None:
    """Options from plain text (an API's fields, which are not Markdown): each character shown as it is."""
    set_options(
        card, {name: md.escape(v, line_start=False) if v else v for name, v in values.items()}, None, where, report
    )


def toctree(pages: Iterable[str]) -> str:
    """The landing page's list of pages."""
    entries = "\n".join(pages)
    return f"```{{toctree}}\n:maxdepth: 1\n\n{entries}\n```"
