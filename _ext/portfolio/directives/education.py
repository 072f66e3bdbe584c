"""``education``: a degree or school leaving certificate, with thesis and supervision."""

from __future__ import annotations

from sphinx.application import Sphinx

from ..i18n import _
from .base import CardDirective, Field


class EducationDirective(CardDirective):
    """A degree; thesis, distinction and supervisors become labelled details. The distinction and a
    note ("pre-university secondary education") qualify the degree, so a short CV keeps them."""

    kind = "education"
    org_fields = ("institution",)
    fields = {
        "institution": Field(required=True),
        "location": Field(),
        "start": Field("date"),
        "end": Field("end", required=True),
        "distinction": Field(label=_("Distinction"), qualifies=True),
        "note": Field(label=_("Note"), qualifies=True),
        "thesis": Field(label=_("Thesis")),
        "supervisors": Field(label=_("Supervision")),
    }


def setup_education(app: Sphinx) -> None:
    app.add_directive("education", EducationDirective)
