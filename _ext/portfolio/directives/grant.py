"""``grant``: a third-party funded project, by acronym, with its full title and role."""

from __future__ import annotations

from sphinx.application import Sphinx

from ..i18n import _
from .base import CardDirective, Field


class GrantDirective(CardDirective):
    """A funded project; the acronym is the argument, ``:title:`` the full name."""

    kind = "grant"
    org_fields = ("title",)
    fields = {
        "title": Field(required=True),
        "start": Field("date", required=True),
        "end": Field("end", required=True),
        "role": Field(label=_("Role"), qualifies=True),
        "funder": Field(label=_("Funded by")),
        "url": Field("url", label=_("Project page")),
    }


def setup_grant(app: Sphinx) -> None:
    app.add_directive("grant", GrantDirective)
