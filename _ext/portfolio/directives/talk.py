"""``talk``: a talk or lecture, on one day or several, with its kind and links."""

from __future__ import annotations

from sphinx.application import Sphinx

from ..i18n import _
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


def setup_talk(app: Sphinx) -> None:
    app.add_directive("talk", TalkDirective)
