"""``profile``: the person's header card, with role, affiliation, photo and contact links.

The photo is checked here, not only where images are: an image file of the project (a
scripted SVG is not one), or it is left out of the record too, which ``resume.json`` reads.

Phone and street address are drawn only where ``conf.py`` sets
``portfolio_show_private_contact = True``: a site is public, a CV is sent. They
belong in the git-ignored ``private.toml`` (or ``PORTFOLIO_PHONE`` /
``PORTFOLIO_ADDRESS``), read only then (``private.py``); the options still work.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from ..config import portfolio_settings
from ..i18n import _
from ..private import private_file, read_private, setup_private
from ..records import Contact, Link
from ..untrusted import image_problem, inside
from ..warnings import Subtype
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
        "website": Field("url", label=_("Website")),
        "scholar": Field("url", label=_("Google Scholar")),
        "github": Field(),
        "linkedin": Field(),
        "orcid": Field(),
        # a name the person published under before ("Ada Byron"): it explains those papers
        "former-name": Field(label=_("Former name")),
    }

    def extra(self, values: Values) -> dict[str, Any]:
        text = values.text
        accounts = tuple(
            Link(name, label, pattern.format(text[name]))
            for name, (label, pattern) in ACCOUNTS.items()
            if text.get(name)
        )
        private: dict[str, str] = {}
        if portfolio_settings(self.config).show_private_contact:
            private = read_private(self.env)
            if private_file(self.env).is_file():
                self.env.note_dependency(private_file(self.env))
        contact = Contact(
            email=text.get("email", ""),
            phone=text.get("phone") or private.get("phone", ""),
            address=text.get("address") or private.get("address", ""),
            links=accounts,
        )
        return {"contact": contact, "photo": self.checked_photo(text.get("photo", ""))}

    def checked_photo(self, photo: str) -> str:
        """The photo where it is an image file of the project (a scripted SVG is not), or a web
        address; "" with a warning otherwise, so that no output (the site, ``resume.json``) names it."""
        if not photo or photo.startswith(("http://", "https://")):
            return photo
        _, found = self.env.relfn2path(photo, self.env.docname)
        path = Path(found)
        problem = "is outside the project" if not inside(path, Path(self.env.srcdir)) else ""
        if not problem and path.is_file():
            problem = image_problem(path)
        if problem:
            self.warn(f":photo: {photo!r} {problem}; left out", Subtype.IMAGE)
            return ""
        return photo


def setup_profile(app: Sphinx) -> None:
    app.add_directive("profile", ProfileDirective)
    setup_private(app)
