"""Changes to whole pages: cards ordered newest first, papers linked back to their software.

Ordering runs at ``doctree-read`` after Sphinx's metadata collector, so a page
can keep its source order with the front-matter (or field list) ``cv-order: source``.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from .domain import CVDomain
from .nodes import cv_entry, joined
from .warnings import Subtype, warn

ORDERS = ("newest", "source")


def page_order(app: Sphinx, docname: str) -> str:
    """The page's order (``cv-order`` metadata) or the project's default."""
    order = str(app.env.metadata.get(docname, {}).get("cv-order", app.config.portfolio_order)).strip()
    if order not in ORDERS:
        warn(f"unknown cv-order {order!r} (one of: {', '.join(ORDERS)}); using 'newest'", Subtype.ORDER, (docname, 1))
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


class SoftwareBacklinks(SphinxPostTransform):
    """After sphinxcontrib-bibtex fills a bibliography (priority 5), link each paper to its
    software cards; before references are resolved (10), so the links resolve like any other."""

    default_priority = 7

    def run(self, **kwargs: object) -> None:
        domain = self.env.domains[CVDomain.name]
        for citation, key in domain.listed_papers(self.document):  # type: ignore[attr-defined]
            tools = domain.software_for(key)  # type: ignore[attr-defined]
            paragraphs = [c for c in citation.children if isinstance(c, nodes.paragraph)]
            if not tools or not paragraphs or "cv-software-links" in paragraphs[-1]["classes"]:
                continue
            para = paragraphs[-1]
            para["classes"].append("cv-software-links")
            para += nodes.Text(" · Software: ")
            para.extend(joined([pending_xref("", nodes.inline(tool.title, tool.title), refdomain=CVDomain.name,
                                             reftype="software", reftarget=tool.anchor, refexplicit=True)
                                for tool in tools], ", "))


def setup_transforms(app: Sphinx) -> None:
    app.add_post_transform(SoftwareBacklinks)
    app.connect("doctree-read", sort_entries, priority=600)
