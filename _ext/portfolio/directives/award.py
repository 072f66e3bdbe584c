"""``award``: a prize or distinction; a year is date enough."""

from __future__ import annotations

from sphinx.application import Sphinx

from ..i18n import _
from .base import CardDirective, Field


class AwardDirective(CardDirective):
    """An award; ``:note:`` carries a rank such as "1st place" or "finalist"."""

    kind = "award"
    org_fields = ("issuer",)
    fields = {
        "date": Field("date", required=True),
        "issuer": Field(),
        "note": Field(label=_("Note")),
        "url": Field("url", label=_("Announcement")),
    }


def setup_award(app: Sphinx) -> None:
    app.add_directive("award", AwardDirective)
