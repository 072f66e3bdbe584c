"""``talk``: a talk or lecture, on one day or several, with its kind and links."""

from __future__ import annotations

from sphinx.application import Sphinx

from ..warnings import Subtype
from .base import CardDirective, Field, Values

#: what a talk's ``:kind:`` may say; shown as tags on its card
TALK_KINDS = (
    "talk",
    "invited",
    "keynote",
    "lecture",
    "lecture series",
    "paper presentation",
    "workshop",
    "webinar",
    "interview",
    "seminar",
    "summer school",
    "tutorial",
    "panel",
    "poster",
)


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
        "note": Field(label="Note"),
        "slides": Field("url", label="Slides"),
        "video": Field("url", label="Video"),
        "url": Field("url", label="Event page"),
    }

    def read_options(self) -> Values:
        values = super().read_options()
        if not values.text.get("event") and not values.text.get("host"):
            self.warn("missing required option :event: (or :host:)", Subtype.MISSING_OPTION)
        return values


def setup_talk(app: Sphinx) -> None:
    app.add_directive("talk", TalkDirective)
