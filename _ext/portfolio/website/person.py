"""schema.org ``Person`` JSON-LD on the page that holds the ``profile`` card, from its record.

No email, phone or street address: structured data is made for harvesting.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from ..domain import cv_domain
from ..records import Entry
from .jsonld import json_ld


def person(entry: Entry, url: str) -> dict[str, Any]:
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "Person", "name": entry.title}
    if entry.former_name:  # the name on earlier papers, so that they are found as the person's
        data["alternateName"] = entry.former_name
    role, affiliation = (dict((org.field, org.name) for org in entry.orgs).get(f) for f in ("role", "affiliation"))
    if role:
        data["jobTitle"] = role
    if affiliation:
        data["affiliation"] = {"@type": "Organization", "name": affiliation}
    if entry.location:
        data["address"] = {"@type": "PostalAddress", "addressLocality": entry.location}
    same_as = [link.url for link in entry.contact.links] if entry.contact else []
    same_as += [link.url for link in entry.links]
    if same_as:
        data["sameAs"] = same_as
    if url:
        data["url"] = url
    return data


def add_person(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    domain = cv_domain(app.env)
    for entry in domain.on_page(pagename):
        if entry.kind == "profile":
            context["metatags"] = context.get("metatags", "") + "\n" + json_ld(person(entry, app.config.html_baseurl))
            return


def setup_person(app: Sphinx) -> None:
    app.connect("html-page-context", add_person)
