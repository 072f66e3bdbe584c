"""``profile``: the person's header card, with role, affiliation, photo and contact links.

Phone and street address are read but only shown where ``conf.py`` sets
``portfolio_show_private_contact = True``: a site is public, a CV is sent.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..nodes import cv_download, cv_sep
from ..pdf import pdf_name
from .base import CardDirective, Field, Values

#: profile options that take a user name, and the URL each one becomes
ACCOUNTS = {
    "github": ("GitHub", "https://github.com/{}"),
    "linkedin": ("LinkedIn", "https://www.linkedin.com/in/{}"),
    "orcid": ("ORCID", "https://orcid.org/{}"),
}
PRIVATE = ("phone", "address")


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

    def before_body(self, values: Values) -> list[nodes.Node]:
        if not (photo := values.text.get("photo")):
            return []
        name = self.arguments[0].strip()
        return [nodes.image(uri=photo, alt=f"Photo of {name}", classes=["cv-photo"])]

    def after_body(self, values: Values) -> list[nodes.Node]:
        contact = nodes.paragraph(classes=["cv-contact"])
        items: list[nodes.Node] = []
        if email := values.text.get("email"):
            items.append(nodes.reference(email, email, refuri=f"mailto:{email}", classes=["cv-email"]))
        if self.config.portfolio_show_private_contact:
            items += [nodes.inline(values.text[k], values.text[k], classes=[f"cv-{k}"])
                      for k in PRIVATE if k in values.text]
        for name, (label, pattern) in ACCOUNTS.items():
            if user := values.text.get(name):
                items.append(nodes.reference(label, label, refuri=pattern.format(user), classes=[f"cv-{name}"]))
        for i, item in enumerate(items):
            if i:
                contact += cv_sep(" · ", " · ")
            contact += item
        result = [contact] if items else []
        result += super().after_body(values)
        if self.config.portfolio_pdf:
            label = "Download CV (PDF)"
            download = cv_download(label, nodes.Text(label), filename=pdf_name(self.config))
            result.append(nodes.paragraph("", "", download, classes=["cv-download-line"]))
        return result

    def sort_key(self, values: Values) -> str:
        return ""


def setup_profile(app: Sphinx) -> None:
    app.add_config_value("portfolio_show_private_contact", False, "env", bool)
    app.add_directive("profile", ProfileDirective)
