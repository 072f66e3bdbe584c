"""``award``: a prize or distinction; a year is date enough."""

from __future__ import annotations

from sphinx.application import Sphinx

from ..i18n import _
from .base import CardDirective, Field


class AwardDirective(CardDirective):
    """An award; ``:category:`` names the prize where the title names its family or giver ("ERCIM":
    "Cor Baayen Young Researcher Award"), ``:note:`` carries a rank such as "1st place" or
    "finalist". Both qualify the title, so a short CV keeps them."""

    kind = "award"
    org_fields = ("issuer",)
    fields = {
        "date": Field("date", required=True),
        "issuer": Field(),
        "category": Field(label=_("Category"), qualifies=True),
        "note": Field(label=_("Note"), qualifies=True),
        "url": Field("url", label=_("Announcement")),
    }


def setup_award(app: Sphinx) -> None:
    app.add_directive("award", AwardDirective)
