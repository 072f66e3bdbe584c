"""``award``: a prize or distinction; a year is date enough."""

from __future__ import annotations

from sphinx.application import Sphinx

from .base import CardDirective, Field


class AwardDirective(CardDirective):
    """An award; ``:note:`` carries a rank such as "1st place" or "finalist"."""

    kind = "award"
    org_fields = ("issuer",)
    fields = {
        "date": Field("date", required=True),
        "issuer": Field(),
        "note": Field(label="Note"),
        "url": Field("url", label="Announcement"),
    }


def setup_award(app: Sphinx) -> None:
    app.add_directive("award", AwardDirective)
