"""The words of ``portfolio.js``, in the build's language, given to it by the page.

The script holds no text of its own: every page carries a JSON block
(``<script type="application/json" id="cv-strings">``) with the extension's
catalog's words for the filter, the copy button and their messages.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from ..i18n import _
from ..nodes import WEBSITE_BUILDERS
from .jsonld import json_script


def strings() -> dict[str, str]:
    """Placeholders in braces are filled in by the script."""
    return {
        "search": str(_("Search")),
        "placeholder": str(_("Title, author, venue…")),
        "year": str(_("Year")),
        "type": str(_("Type")),
        "allYears": str(_("All years")),
        "allTypes": str(_("All types")),
        "shownOfTotal": str(_("{shown} of {total} publications")),
        "total": str(_("{total} publications")),
        "copy": str(_("Copy BibTeX")),
        "copied": str(_("Copied")),
        "copyEntry": str(_("Copy the BibTeX entry {key}")),
    }


def add_strings(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if app.builder.name not in WEBSITE_BUILDERS:
        return
    context["metatags"] = context.get("metatags", "") + "\n" + json_script(strings(), "application/json", "cv-strings")


def setup_script(app: Sphinx) -> None:
    app.connect("html-page-context", add_strings)
