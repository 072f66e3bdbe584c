"""A card's doctree, drawn from its entry's record: one node type per part (``nodes.py``).

Every text a reader sees is a ``Text`` child of a part node, so each writer
escapes it by its own rules. What the author wrote (title, organisations, place,
details, body) can be translated with gettext like any text of a page; what the
extension adds (labels, dates, "Described in") comes from its own catalog
(``i18n.py``) and is marked ``translatable=False`` so it stays out of the
owner's ``.pot`` files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.config import Config

from ..config import portfolio_settings
from ..dates import CVDate, format_date
from ..i18n import _
from ..nodes import (
    cv_account,
    cv_body,
    cv_contact,
    cv_dates,
    cv_download,
    cv_email,
    cv_entry,
    cv_header,
    cv_link,
    cv_links,
    cv_meta,
    cv_org,
    cv_orgs,
    cv_papers,
    cv_photo,
    cv_place,
    cv_sep,
    cv_tag,
    cv_tags,
    cv_time,
    cv_title,
    joined,
)
from ..records import Entry, Link, When


def build_card(
    entry: Entry,
    body: Sequence[nodes.Node],
    config: Config,
    tag_labels: Mapping[str, Any] | None = None,
    classes: Iterable[str] = (),
) -> cv_entry:
    """The card of ``entry``, with the author's parsed Markdown ``body`` inside; ``tag_labels``
    says how its tags read (a talk's kinds, in the build's language)."""
    card = cv_entry(classes=["cv-entry", f"cv-{entry.kind}", *classes], ids=[entry.id], entry=entry)
    card += header(entry, config)
    part = cv_body()
    if entry.photo:
        alt = _("Photo of {name}").format(name=entry.title)
        part += cv_photo(uri=entry.photo, alt=alt, classes=["cv-photo"])
    if shown_tags := [tag for tag in entry.tags if tag != entry.kind]:  # a "talk" tag on a talk says nothing
        tags = cv_tags(classes=["cv-tags"], translatable=False)
        for tag in shown_tags:
            text = str((tag_labels or {}).get(tag, tag))
            tags += cv_tag(text, text, classes=["cv-tag"])
            tags += nodes.Text(" ")
        part += tags
    if entry.details:
        details = nodes.field_list(classes=["cv-details"])
        for detail in entry.details:
            details += nodes.field(
                "",
                nodes.field_name(detail.label, detail.label, translatable=False),
                nodes.field_body(detail.text, nodes.paragraph(detail.text, detail.text)),
            )
        part += details
    part.extend(body)
    if entry.numbers:
        part += patent_numbers(entry, config.language)
    if entry.papers:
        refs = [
            pending_xref(
                "",
                nodes.inline(key, key),
                refdomain="cv",
                reftype="paper",
                reftarget=key,
                refexplicit=False,
                refwarn=True,
            )
            for key in entry.papers
        ]
        label = str(_("Described in:")) + " "
        part += cv_papers("", label, *joined(refs, "; "), classes=["cv-papers"], translatable=False)
    if entry.links and entry.contact is None:
        links = joined([link_node(link) for link in entry.links])
        part += cv_links("", "", *links, classes=["cv-links"], translatable=False)
    if entry.kind == "profile":
        label = str(_("Download CV (PDF)"))
        part += cv_download(label, label, translatable=False)
    if len(part):
        card += part
    return card


def header(entry: Entry, config: Config) -> cv_header:
    """Title, then a meta line of organisations, place and dates; a profile's contact line."""
    head = cv_header()
    head += cv_title(entry.title, entry.title)
    parts: list[nodes.Node] = []
    if entry.orgs:
        orgs = cv_orgs()
        orgs.extend(
            joined(
                [
                    cv_org(org.name, org.name, option=org.field, classes=[f"cv-{org.field}"], translatable=True)
                    for org in entry.orgs
                ]
            )
        )
        parts.append(orgs)
    if entry.location:
        parts.append(cv_place(entry.location, entry.location, translatable=True))
    if entry.when:
        parts.append(dates(entry.when, config.language))
    if parts:
        head += cv_meta("", "", *joined(parts), translatable=False)
    if entry.contact is not None and (items := contact_items(entry, config)):
        head += cv_contact("", "", *joined(items), classes=["cv-contact"], translatable=False)
    return head


def dates(when: When, language: str | None) -> cv_dates:
    """A range "Jan 2021 – present", one date, or several days "13, 14, 16 Dec 2021", in the
    build's language."""
    node = cv_dates()
    if when.days:
        text = when.text(language)
        node += cv_time(text, text, datetime=when.days[0].iso)
    else:
        node.extend(joined([time(d, language) for d in (when.start, when.end) if d], " – "))
    return node


def time(date: CVDate, language: str | None) -> cv_time:
    """One date: its text in the build's language, the date itself for writers that set it their own
    way (the PDF's date formats)."""
    text = format_date(date, language)
    return cv_time(text, text, datetime=date.iso, date=date)


def link_node(link: Link) -> cv_link:
    return cv_link(link.label, link.label, refuri=link.url, option=link.name, classes=[f"cv-link-{link.name}"])


def contact_items(entry: Entry, config: Config) -> list[nodes.Node]:
    """Email, private contact where ``portfolio_show_private_contact`` allows it, accounts."""
    assert entry.contact is not None
    items: list[nodes.Node] = []
    if entry.contact.email:
        items.append(cv_email(entry.contact.email, entry.contact.email))
    if portfolio_settings(config).show_private_contact:
        items += [
            nodes.inline(value, value, option=name, classes=[f"cv-{name}"])
            for name, value in (("phone", entry.contact.phone), ("address", entry.contact.address))
            if value
        ]
    items += [
        cv_account(link.label, link.label, refuri=link.url, option=link.name, classes=[f"cv-{link.name}"])
        for link in (*entry.contact.links, *entry.links)
    ]
    return items


#: a patent publication's status, as the card says it
STATUSES = {"granted": _("granted"), "published": _("published"), "filed": _("filed")}


def patent_numbers(entry: Entry, language: str | None) -> nodes.bullet_list:
    """One line per publication: number, status and date, and its own title where it differs."""
    items = nodes.bullet_list(classes=["cv-patent-numbers"])
    for pub in entry.numbers:
        para = nodes.paragraph(translatable=False)
        para += nodes.strong(pub.label, pub.label, classes=["cv-patent-number"])
        para += cv_sep(" — ", " — ")
        para += nodes.Text(f"{STATUSES[pub.status]} ")
        para += time(pub.date, language)
        if pub.title != entry.title:
            para += cv_sep(" — ", " — ")
            para += nodes.emphasis(pub.title, pub.title)
        items += nodes.list_item("", para)
    return items
