"""``software``: a tool or code repository, linked to the papers that describe it.

``:paper:`` takes bib keys; the card links to each paper (a ``cv:paper``
reference, so an unknown key warns like any broken reference) and
``transforms.SoftwareBacklinks`` links each paper back to the card.
"""

from __future__ import annotations

import re
from typing import Any

from sphinx.application import Sphinx

from ..i18n import _
from ..warnings import Subtype
from .base import CardDirective, Field, Values

_KEY_RE = re.compile(r"^[^\s,{}]+$")


class SoftwareDirective(CardDirective):
    """A software project; the body says what it does."""

    kind = "software"
    org_fields = ("languages",)
    fields = {
        "repository": Field("url", required=True, label=_("Code")),
        "url": Field("url", label=_("Website")),
        "languages": Field(),
        "role": Field(label=_("Role"), qualifies=True),
        "start": Field("date"),
        "end": Field("end"),
        "paper": Field(),
    }

    def extra(self, values: Values) -> dict[str, Any]:
        keys = []
        for key in (k.strip() for k in values.text.get("paper", "").split(",")):
            if key and _KEY_RE.match(key):
                keys.append(key)
            elif key:
                self.warn(f":paper: {key!r} is not a bib key", Subtype.PAPER)
        return {"papers": tuple(keys)}


def setup_software(app: Sphinx) -> None:
    app.add_directive("software", SoftwareDirective)
