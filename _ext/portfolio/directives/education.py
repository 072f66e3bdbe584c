"""``education``: a degree or school leaving certificate, with thesis and supervision."""

from __future__ import annotations

import re
from dataclasses import replace

from sphinx.application import Sphinx

from ..i18n import _, pgettext
from ..records import Detail
from .base import CardDirective, Field, Values

#: a degree that is a doctorate, by its name: its thesis is a dissertation
DOCTORATE = re.compile(r"\b(?:Ph\.?\s?D|D\.?\s?Phil|Doctor|Dr\.|Promotion|Doktor)", re.IGNORECASE)


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

    def details(self, values: Values) -> tuple[Detail, ...]:
        """A doctorate's thesis is labelled in the doctorate's words ("Dissertation" in German)."""
        found = super().details(values)
        if not DOCTORATE.search(self.title):
            return found
        thesis = pgettext("doctorate", "Thesis")
        return tuple(replace(detail, label=thesis) if detail.name == "thesis" else detail for detail in found)


def setup_education(app: Sphinx) -> None:
    app.add_directive("education", EducationDirective)
