"""``cv-latest``: the newest entries of one kind from every page, e.g. the last three talks.

The directive only marks the place (entries of other pages are not known
while one page is read); ``FillListings`` writes the list when the page is
written, and the domain rewrites the page whenever a listed entry changes.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ..domain import KINDS, CVDomain
from ..nodes import cv_latest, joined
from ..warnings import Subtype, warn


class LatestDirective(SphinxDirective):
    """``{cv-latest} talk`` with ``:limit: 3``; the argument is a kind of entry."""

    required_arguments = 1
    option_spec = {"limit": directives.nonnegative_int}

    def run(self) -> list[nodes.Node]:
        kind = self.arguments[0].strip()
        if kind not in KINDS or kind == "paper":
            warn(f"cv-latest: unknown kind {kind!r} (one of: {', '.join(k for k in KINDS if k != 'paper')})",
                 Subtype.KIND, (self.env.docname, self.lineno))
            return []
        node = cv_latest(kind=kind, limit=self.options.get("limit", 3))
        self.set_source_info(node)
        domain = self.env.domains[CVDomain.name]
        domain.listings.setdefault(self.env.docname, [])  # type: ignore[attr-defined]
        domain.listings[self.env.docname].append(kind)  # type: ignore[attr-defined]
        return [node]


class FillListings(SphinxPostTransform):
    """Replace each ``cv_latest`` with links to the newest entries of its kind."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        domain = self.env.domains[CVDomain.name]
        for node in list(self.document.findall(cv_latest)):
            found = sorted((o for o in domain.entries.values() if o.kind == node["kind"]),  # type: ignore[attr-defined]
                           key=lambda o: (o.sortkey, o.anchor), reverse=True)[: node["limit"]]
            items = nodes.bullet_list(classes=["cv-latest"])
            for obj in found:
                para = nodes.paragraph()
                para += pending_xref("", nodes.inline(obj.title, obj.title), refdomain=CVDomain.name,
                                     reftype=obj.kind, reftarget=obj.anchor, refexplicit=True)
                details = [nodes.inline(p, p, classes=["cv-latest-detail"]) for p in (obj.org, obj.when) if p]
                para.extend(joined([para.pop(), *details]))
                items += nodes.list_item("", para)
            node.replace_self(items if found else [])


def setup_latest(app: Sphinx) -> None:
    app.add_directive("cv-latest", LatestDirective)
    app.add_post_transform(FillListings)
