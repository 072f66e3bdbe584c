"""The landing page's description, from ``conf.py`` (``portfolio_description``).

Search engines show a page's ``<meta name="description">`` and link previews its
``og:description``; for the landing page both come from the personal block, so a
fork sets them once, next to the name. A page that sets its own (``html_meta`` or
``og:description`` in its front matter) keeps it.
"""

from __future__ import annotations

from html import escape
from typing import Any

from sphinx.application import Sphinx


def add_description(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Before sphinxext-opengraph (priority 500), which then takes ``og:description`` from the
    page's metadata and adds no description of its own."""
    description = " ".join(app.config.portfolio_description.split())
    if not description or pagename != app.config.root_doc:
        return
    metatags = context.get("metatags", "")
    if 'name="description"' not in metatags:
        context["metatags"] = f'{metatags}\n<meta name="description" content="{escape(description, quote=True)}" />'
    meta = dict(context.get("meta") or {})  # a copy: the environment's metadata stays as read
    meta.setdefault("og:description", description)
    context["meta"] = meta


def setup_description(app: Sphinx) -> None:
    app.connect("html-page-context", add_description, priority=400)
