"""The CV's text as a reader of the site sees it, in the build's language: what ``resume.json``
says in words.

A record (``records.Entry``) says what an entry is: its kind, dates, links and the structure
of its options. Its words, though, are translated after the records are made: Sphinx's
``Locale`` translates each card's title, organisations, place and details and each paragraph
of its body (``i18n.py``), so a German build shows German text. The texts are therefore read
from the build's own doctree of each page, references resolved: the semantic nodes of each
card (``cv_title``, ``cv_org`` with the option it came from, ``cv_place``, the details' field
list in the record's order) and its body, as paragraphs and list items. The landing page's bio
is the section of the root document whose id says bio, biography, about or summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.logging import suppress_logging

from ...nodes import (
    cv_body,
    cv_download,
    cv_entry,
    cv_header,
    cv_links,
    cv_org,
    cv_papers,
    cv_photo,
    cv_place,
    cv_tags,
    cv_title,
)
from ...text import text_of

#: the root document's section that holds the bio: its id ("short-bio", "about", "summary")
BIO_ID_RE = re.compile(r"(^|-)(bio|biography|about|summary)(-|$)")


@dataclass
class CardText:
    """One card's words as its page shows them."""

    title: str = ""
    #: organisations by the option they came from ("org", "institution", "event", "role")
    orgs: dict[str, str] = field(default_factory=dict)
    place: str = ""
    #: labelled details by option name ("thesis": text), and their labels as shown
    details: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    #: the body's paragraphs (and other blocks), as text
    paragraphs: list[str] = field(default_factory=list)
    #: the items of the body's lists, as text
    items: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return "\n\n".join(self.paragraphs)


#: parts of a card's body that the card adds, not the author's text
_DRAWN = (cv_photo, cv_tags, cv_papers, cv_links, cv_download)


def _is_drawn(node: nodes.Node) -> bool:
    if isinstance(node, _DRAWN):
        return True
    classes: list[str] = node.get("classes", []) if isinstance(node, nodes.Element) else []
    return "cv-details" in classes or "cv-patent-numbers" in classes


def card_text(card: cv_entry) -> CardText:
    """The words of one card."""
    found = CardText()
    entry = card["entry"]
    for header in card.findall(cv_header):
        for title in header.findall(cv_title):
            found.title = text_of(title)
        for org in header.findall(cv_org):
            found.orgs.setdefault(org.get("option", "org"), text_of(org))
        for place in header.findall(cv_place):
            found.place = text_of(place)
    for body in card.findall(cv_body):
        for part in body.children:
            if isinstance(part, nodes.field_list) and "cv-details" in part["classes"]:
                rows = list(part.findall(nodes.field))
                for detail, row in zip(entry.details, rows, strict=False):
                    found.labels[detail.name] = text_of(row[0])
                    found.details[detail.name] = text_of(row[1])
            elif _is_drawn(part):
                continue
            elif isinstance(part, nodes.bullet_list | nodes.enumerated_list):
                found.items += [text for item in part.children if (text := text_of(item))]
            elif text := text_of(part):
                found.paragraphs.append(text)
    return found


def page_texts(app: Sphinx, docnames: set[str]) -> dict[tuple[str, str], CardText]:
    """The words of every card of these pages, by (page, entry id); the bio of the root document
    under (root, "")."""
    found: dict[tuple[str, str], CardText] = {}
    root = app.config.root_doc
    with suppress_logging():  # the build said whatever resolving says
        for docname in sorted(docnames | {root}):
            if docname not in app.env.all_docs:
                continue
            tree = app.env.get_doctree(docname)  # a copy of its own: resolving changes it
            app.env.resolve_references(tree, docname, app.builder)
            for card in tree.findall(cv_entry):
                found[docname, card["entry"].id] = card_text(card)
            if docname == root:
                found[root, ""] = CardText(paragraphs=bio(tree))
    return found


def bio(tree: nodes.document) -> list[str]:
    """The paragraphs of the root document's bio section (not those of its subsections); the page's
    own title ("About") is not a section of it."""
    for section in tree.findall(nodes.section):
        if isinstance(section.parent, nodes.document):
            continue
        if any(BIO_ID_RE.search(i) for i in section["ids"]):
            return [text for part in section.children if isinstance(part, nodes.paragraph) and (text := text_of(part))]
    return []
