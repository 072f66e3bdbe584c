"""Newest first: reorder each run of adjacent cards by date after a page is read.

Runs at ``doctree-read`` after Sphinx's metadata collector, so a page can
keep its source order with the front-matter (or field list) ``cv-order: source``.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from .nodes import cv_entry
from .warnings import warn

ORDERS = ("newest", "source")


def page_order(app: Sphinx, docname: str) -> str:
    """The page's order (``cv-order`` metadata) or the project's default."""
    order = str(app.env.metadata.get(docname, {}).get("cv-order", app.config.portfolio_order)).strip()
    if order not in ORDERS:
        warn(f"unknown cv-order {order!r} (one of: {', '.join(ORDERS)}); using 'newest'", "order", (docname, 1))
        return "newest"
    return order


def sort_entries(app: Sphinx, doctree: nodes.document) -> None:
    """Sort every maximal run of sibling cards, newest first; ties keep source order."""
    if page_order(app, app.env.docname) == "source":
        return
    parents = {id(e.parent): e.parent for e in doctree.findall(cv_entry) if e.parent is not None}
    for parent in parents.values():
        children = list(parent.children)
        i = 0
        while i < len(children):
            if not isinstance(children[i], cv_entry):
                i += 1
                continue
            j = i
            while j < len(children) and isinstance(children[j], cv_entry):
                j += 1
            children[i:j] = sorted(children[i:j], key=lambda e: e.get("sortkey", ""), reverse=True)
            i = j
        parent.children = children


def setup_transforms(app: Sphinx) -> None:
    app.add_config_value("portfolio_order", "newest", "env", str)
    app.connect("doctree-read", sort_entries, priority=600)
