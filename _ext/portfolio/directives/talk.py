"""``talk``: a talk or lecture, on one day or several, with its kind and links.

A talk's kind is shown where it adds something: not "talk" on a talk, and not a kind the heading
above already says (no "lecture" on each card under "Lectures", no "Vorlesung" under "Vorlesungen").
That is decided on the page as read, in the build's language, so the website and the PDF agree.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..i18n import _
from ..nodes import cv_entry, cv_tag, cv_tags
from ..text import folded_words
from ..warnings import Subtype
from .base import CardDirective, Field, Values

#: what a talk's ``:kind:`` may say, and how its card's tags say it: each tag reads as a kind of
#: talk on its own, so that "invited" beside "press interview" never reads "invited interview"
TALK_KINDS = {
    "talk": _("talk"),
    "invited": _("invited talk"),
    "keynote": _("keynote"),
    "lecture": _("lecture"),
    "lecture series": _("lecture series"),
    "paper presentation": _("paper presentation"),
    "workshop": _("workshop"),
    "webinar": _("webinar"),
    "interview": _("interview"),
    "press interview": _("press interview"),
    "seminar": _("seminar"),
    "summer school": _("summer school"),
    "tutorial": _("tutorial"),
    "panel": _("panel"),
    "poster": _("poster"),
}


class TalkDirective(CardDirective):
    """A talk; ``:kind:`` takes one or more of ``TALK_KINDS``, comma-separated."""

    kind = "talk"
    org_fields = ("event", "host")
    allowed_tags = TALK_KINDS
    fields = {
        "date": Field("dates", required=True),
        "event": Field(),
        "host": Field(),
        "location": Field(),
        "kind": Field("tags"),
        "note": Field(label=_("Note"), qualifies=True),
        "slides": Field("url", label=_("Slides")),
        "video": Field("url", label=_("Video")),
        "url": Field("url", label=_("Event page")),
    }

    def read_options(self) -> Values:
        values = super().read_options()
        if not values.text.get("event") and not values.text.get("host"):
            self.warn("missing required option :event: (or :host:)", Subtype.MISSING_OPTION)
        return values


#: letters an inflected form may add to a kind's word and still name it ("eingeladene" says "eingeladener")
INFLECTION = 2


def _names(heading_word: str, word: str) -> bool:
    inflected = word.startswith(heading_word) and len(word) - len(heading_word) <= INFLECTION
    return heading_word.startswith(word) or inflected


def said_by(heading: str, kind: str) -> bool:
    """Whether a heading names a kind: each of the kind's words is a word of the heading, inflected or
    not ("lecture" in "Lectures", "invited talk" in "Invited talks", "eingeladener Vortrag" in
    "Eingeladene Vorträge"; "lecture series" not in "Lectures")."""
    words, heading_words = folded_words(kind), folded_words(heading)  # accents too: "Vorträge"
    return bool(words) and all(any(_names(h, word) for h in heading_words) for word in words)


def drop_kinds_said_by_headings(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: the talks' kinds that the nearest heading above them already says."""
    for card in doctree.findall(cv_entry):
        if card["entry"].kind != "talk" or not isinstance(card.parent, nodes.section):
            continue
        heading = card.parent[0].astext() if isinstance(card.parent[0], nodes.title) else ""
        for tags in list(card.findall(cv_tags)):
            for tag in [tag for tag in tags.findall(cv_tag) if said_by(heading, tag.astext())]:
                following = tag.next_node(descend=False, siblings=True)
                if isinstance(following, nodes.Text) and not following.strip():
                    tags.remove(following)
                tags.remove(tag)
            if not any(True for _ in tags.findall(cv_tag)):
                tags.parent.remove(tags)
        for body in [child for child in card.children if isinstance(child, nodes.Element) and not len(child)]:
            card.remove(body)


def setup_talk(app: Sphinx) -> None:
    app.add_directive("talk", TalkDirective)
    app.connect("doctree-read", drop_kinds_said_by_headings)
