"""Changes to whole pages: cards ordered newest first, papers linked back to their software.

Ordering runs at ``doctree-read`` after Sphinx's metadata collector, so a page
can keep its source order with the front-matter (or field list) ``cv-order: source``,
or sort by start date (newest first) with ``cv-order: start``, as CVs list funded projects.
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from .dates import CVDate
from .domain import CVDomain
from .nodes import WEBSITE_BUILDERS, WebsiteOnly, cv_entry, joined
from .records import Entry
from .warnings import Subtype, warn

ORDERS = ("newest", "start", "source")


def page_order(app: Sphinx, docname: str) -> str:
    """The page's order (``cv-order`` metadata) or the project's default."""
    order = str(app.env.metadata.get(docname, {}).get("cv-order", app.config.portfolio_order)).strip()
    if order not in ORDERS:
        warn(f"unknown cv-order {order!r} (one of: {', '.join(ORDERS)}); using 'newest'", Subtype.ORDER, (docname, 1))
        return "newest"
    return order


def newest(entry: Entry) -> tuple[CVDate, ...]:
    """By end date (present is newest), then start."""
    return entry.sortkey


def started(entry: Entry) -> tuple[CVDate, ...]:
    """By start date (an end or a day where there is none), then as ``newest``."""
    return (entry.sortkey[1], *entry.sortkey)


def sort_entries(app: Sphinx, doctree: nodes.document) -> None:
    """Sort every maximal run of sibling cards by their records, newest first; ties keep source order."""
    order = page_order(app, app.env.docname)
    if order == "source":
        return
    key: Callable[[Entry], tuple[CVDate, ...]] = started if order == "start" else newest
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
            children[i:j] = sorted(children[i:j], key=lambda card: key(card["entry"]), reverse=True)
            i = j
        parent.children = children


class SoftwareBacklinks(SphinxPostTransform):
    """After sphinxcontrib-bibtex fills a bibliography (priority 5), link each paper to its
    software cards; before references are resolved (10), so the links resolve like any other."""

    default_priority = 7

    def run(self, **kwargs: object) -> None:
        domain: CVDomain = self.env.domains[CVDomain.name]  # type: ignore[assignment]
        for citation, key in domain.listed_papers(self.document):
            tools = domain.software_for(key)
            paragraphs = [c for c in citation.children if isinstance(c, nodes.paragraph)]
            if not tools or not paragraphs or "cv-software-links" in paragraphs[-1]["classes"]:
                continue
            para = paragraphs[-1]
            para["classes"].append("cv-software-links")
            para += nodes.Text(" · Software: ")
            para.extend(
                joined(
                    [
                        pending_xref(
                            "",
                            nodes.inline(tool.title, tool.title),
                            refdomain=CVDomain.name,
                            reftype="software",
                            reftarget=tool.id,
                            refexplicit=True,
                        )
                        for tool in tools
                    ],
                    ", ",
                )
            )


def strip_website_only(document: nodes.document) -> None:
    """Remove every ``WebsiteOnly`` node, and each section that this leaves with nothing but
    its title (a "Find a publication" heading over the filter form)."""
    sections: list[nodes.Element] = []
    for node in list(document.findall(lambda n: isinstance(n, WebsiteOnly))):
        parent: nodes.Element | None = node.parent
        assert parent is not None
        parent.remove(node)
        if isinstance(parent, nodes.paragraph) and not parent.children:  # the line that held a PDF link
            parent, empty = parent.parent, parent
            if parent is not None:
                parent.remove(empty)
        while parent is not None and not isinstance(parent, nodes.section):
            parent = parent.parent
        if parent is not None:
            sections.append(parent)
    for section in sections:
        if section.parent is not None and all(isinstance(child, nodes.title) for child in section.children):
            section.parent.remove(section)


class StripWebsiteOnly(SphinxPostTransform):
    """Every builder but the website's: no PDF link, filter form or paper buttons."""

    default_priority = 999

    def is_supported(self) -> bool:
        return self.env._builder_cls.name not in WEBSITE_BUILDERS

    def run(self, **kwargs: object) -> None:
        strip_website_only(self.document)


def setup_transforms(app: Sphinx) -> None:
    app.add_post_transform(SoftwareBacklinks)
    app.add_post_transform(StripWebsiteOnly)
    app.connect("doctree-read", sort_entries, priority=600)
