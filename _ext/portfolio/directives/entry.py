"""``entry``: any other CV item (a project, a membership, a certificate): title, place, dates, link."""

from __future__ import annotations

from sphinx.application import Sphinx

from ..i18n import _
from .base import CardDirective, Field


class EntryDirective(CardDirective):
    """A generic card for what no specific kind fits; every option is optional."""

    kind = "entry"
    org_fields = ("org",)
    fields = {
        "org": Field(),
        "location": Field(),
        "date": Field("date"),
        "start": Field("date"),
        "end": Field("end"),
        "url": Field("url", label=_("Link")),
    }


def setup_entry(app: Sphinx) -> None:
    app.add_directive("entry", EntryDirective)
