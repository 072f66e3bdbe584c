"""The words of ``portfolio.js``, in the build's language, given to it by the page.

The script holds no text of its own: every page carries a JSON block
(``<script type="application/json" id="cv-strings">``) with the extension's
catalog's words for the filter, the copy button and their messages.
"""

from __future__ import annotations

import gettext
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from ..i18n import COMPILED, SPHINX_CATALOG, _
from ..nodes import WEBSITE_BUILDERS
from .jsonld import json_script

#: Sphinx's search summary, which some of Sphinx's catalogs leave untranslated (German, where its
#: catalog gives the English sentence): the script fills the gap with the forms for one page and for
#: several from the extension's ``locale/<lang>/LC_MESSAGES/sphinx.po``
SEARCH_SUMMARY = (
    "Search finished, found one page matching the search query.",
    "Search finished, found ${resultCount} pages matching the search query.",
)


def search_summary(app: Sphinx) -> list[str]:
    """The search summary for one page and for several, from the extension's own catalog (Sphinx's
    would answer first, with its English fallback); [] where it has none for the language."""
    folder = Path(app.doctreedir, COMPILED)
    ours = gettext.translation(SPHINX_CATALOG, str(folder), [str(app.config.language)], fallback=True)
    forms = [ours.ngettext(*SEARCH_SUMMARY, n) for n in (1, 2)]
    return [] if forms == list(SEARCH_SUMMARY) else forms


def strings(app: Sphinx) -> dict[str, Any]:
    """Placeholders in braces are filled in by the script."""
    return {
        "searchSummary": search_summary(app),
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
        # the button's name begins with what it says (WCAG 2.5.3), then names the entry
        "copyEntry": str(_("{label}: {key}")),
    }


def add_strings(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if app.builder.name not in WEBSITE_BUILDERS:
        return
    context["metatags"] = (
        context.get("metatags", "") + "\n" + json_script(strings(app), "application/json", "cv-strings")
    )


def setup_script(app: Sphinx) -> None:
    app.connect("html-page-context", add_strings)
