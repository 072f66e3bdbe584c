"""``profile``: the person's header card, with role, affiliation, photo and contact links.

Phone and street address are read but only shown where ``conf.py`` sets
``portfolio_show_private_contact = True``: a site is public, a CV is sent.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..domain import CVDomain
from ..nodes import cv_download, cv_email, joined
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
        name = self.title
        image = nodes.image(uri=photo, alt=f"Photo of {name}", classes=["cv-photo"])
        self.set_source_info(image)
        return [image]

    def after_body(self, values: Values) -> list[nodes.Node]:
        contact = nodes.paragraph(classes=["cv-contact"])
        items: list[nodes.Node] = []
        if email := values.text.get("email"):
            items.append(cv_email(email, email))
        if self.config.portfolio_show_private_contact:
            items += [nodes.inline(values.text[k], values.text[k], classes=[f"cv-{k}"])
                      for k in PRIVATE if k in values.text]
        for name, (label, pattern) in ACCOUNTS.items():
            if user := values.text.get(name):
                items.append(nodes.reference(label, label, refuri=pattern.format(user), classes=[f"cv-{name}"]))
        contact.extend(joined(items))
        result = [contact] if items else []
        result += super().after_body(values)
        if self.config.portfolio_pdf:
            label = "Download CV (PDF)"
            download = cv_download(label, nodes.Text(label), filename=pdf_name(self.config))
            result.append(nodes.paragraph("", "", download, classes=["cv-download-line"]))
        return result

    def sort_key(self, values: Values) -> str:
        return ""

    def run(self) -> list[nodes.Node]:
        """Also keep the person for the page's schema.org JSON-LD (no email: not for harvesters)."""
        result = super().run()
        values = self.values.text
        person: dict[str, object] = {"name": self.title}
        if role := values.get("role"):
            person["jobTitle"] = role
        if affiliation := values.get("affiliation"):
            person["affiliation"] = {"@type": "Organization", "name": affiliation}
        if place := values.get("location"):
            person["address"] = {"@type": "PostalAddress", "addressLocality": place}
        same_as = [pattern.format(values[k]) for k, (_, pattern) in ACCOUNTS.items() if values.get(k)]
        same_as += [values[k] for k in ("website", "scholar") if values.get(k)]
        if same_as:
            person["sameAs"] = same_as
        self.env.domains[CVDomain.name].profiles[self.env.docname] = person  # type: ignore[attr-defined]
        return result


def setup_profile(app: Sphinx) -> None:
    app.add_directive("profile", ProfileDirective)
