"""schema.org ``Person`` JSON-LD on the page that holds the ``profile`` card."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from ..domain import CVDomain
from .papers import json_ld


def add_person(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    profile = app.env.domains[CVDomain.name].profiles.get(pagename)  # type: ignore[attr-defined]
    if not profile:
        return
    person = {"@context": "https://schema.org", "@type": "Person", **profile}
    if base := app.config.html_baseurl:
        person["url"] = base
    context["metatags"] = context.get("metatags", "") + "\n" + json_ld(person)


def setup_person(app: Sphinx) -> None:
    app.connect("html-page-context", add_person)
