"""RenderCV's entries as cards: each entry type to the directive that holds it, and the person
to the ``profile``. Text goes through the shared card writer (``..cards``)."""

from __future__ import annotations

import re
from typing import Any

from ...validate import MARKUP_RE, MAX_LENGTH, cut, is_email, is_link
from .. import markdown as md
from ..cards import (
    Card,
    body_markdown,
    extra_lines,
    list_item,
    option_text,
    plain,
    set_options,
    title_text,
)
from ..dates import iso_date
from ..profile import network_lines
from ..project import without_titles
from ..report import NullReport, Report
from .dates import When, map_dates, resolve
from .read import (
    Dates,
    EducationEntry,
    ExperienceEntry,
    NormalEntry,
    OneLineEntry,
    Person,
    degree_title,
    scalar,
)

#: Typst math (``$$...$$``) and function calls (``#emph[...]``), which RenderCV passes to Typst
TYPST_RE = re.compile(r"\$\$|#[a-z][a-z.-]*[\[(]")


def rendercv_markdown(markdown: str, where: str, report: Report) -> str:
    """RenderCV's Markdown for a body (``..cards.body_markdown``); Typst markup, which RenderCV passes
    through to Typst, is reported: it has no Markdown equivalent."""
    if TYPST_RE.search(markdown):
        report.warn(where, "Typst markup ($$math$$ or #function) has no Markdown equivalent: kept as text")
    return body_markdown(markdown, where, report)


def highlights_list(items: list[str], where: str, report: Report) -> str:
    """RenderCV highlights as a bullet list; `` - `` inside one starts a nested item, as in RenderCV."""
    lines = []
    for item in items:
        head, *subs = item.split(" - ")
        lines.append(list_item("- ", rendercv_markdown(head, where, report)))
        lines += ["  " + list_item("- ", rendercv_markdown(sub, where, report)).replace("\n", "\n  ") for sub in subs]
    return "\n".join(lines)


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
        blocks.append(rendercv_markdown(summary, where, report))
    if highlights:
        blocks.append(highlights_list(highlights, where, report))
    if lines := extra_lines(extra, where, report):
        blocks.append("\\\n".join(lines))
    card.body[:0] = blocks


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


# -- the person ------------------------------------------------------------------------------


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
        body += network_lines(network.network, network.username, card, f"{where} / social_networks", report)
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
