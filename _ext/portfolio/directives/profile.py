"""``profile``: the person's header card, with role, affiliation, photo and contact links.

Phone and street address are kept in the record but only drawn where
``conf.py`` sets ``portfolio_show_private_contact = True``: a site is public,
a CV is sent.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from ..records import Contact, Link
from .base import CardDirective, Field, Values

#: profile options that take a user name, and the address each one becomes
ACCOUNTS = {
    "github": ("GitHub", "https://github.com/{}"),
    "linkedin": ("LinkedIn", "https://www.linkedin.com/in/{}"),
    "orcid": ("ORCID", "https://orcid.org/{}"),
}


class ProfileDirective(CardDirective):
    """The owner: name as argument; the body is a short introduction."""

    kind = "profile"
    org_fields = ("role", "affiliation")
    fields = {
        "role": Field(),
        "affiliation": Field(),
        "location": Field(),
        "photo": Field(),
        "email": Field("email"),
        "phone": Field(),
        "address": Field(),
        "website": Field("url", label="Website"),
        "scholar": Field("url", label="Google Scholar"),
        "github": Field(),
        "linkedin": Field(),
        "orcid": Field(),
    }

    def extra(self, values: Values) -> dict[str, Any]:
        text = values.text
        accounts = tuple(
            Link(name, label, pattern.format(text[name]))
            for name, (label, pattern) in ACCOUNTS.items()
            if text.get(name)
        )
        contact = Contact(
            email=text.get("email", ""), phone=text.get("phone", ""), address=text.get("address", ""), links=accounts
        )
        return {"contact": contact, "photo": text.get("photo", "")}


def setup_profile(app: Sphinx) -> None:
    app.add_directive("profile", ProfileDirective)
