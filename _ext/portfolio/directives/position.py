"""``position``: a job, with employer, place and a date range that may end ``present``."""

from __future__ import annotations

from sphinx.application import Sphinx

from .base import CardDirective, Field


class PositionDirective(CardDirective):
    """A job title; the body says what the work was."""

    kind = "position"
    org_fields = ("org",)
    fields = {
        "org": Field(required=True),
        "location": Field(),
        "start": Field("date", required=True),
        "end": Field("end"),
    }


def setup_position(app: Sphinx) -> None:
    app.add_directive("position", PositionDirective)
