"""``cv-latest``: the newest entries of one kind from every page, e.g. the last three talks.

The directive only marks the place (entries of other pages are not known
while one page is read); ``FillListings`` writes the list from the stored
records when the page is written, and the domain rewrites the page whenever a
listed entry changes.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ..domain import CVDomain, cv_domain
from ..nodes import cv_latest, joined
from ..records import CARD_KINDS
from ..warnings import Subtype, warn


class LatestDirective(SphinxDirective):
    """``{cv-latest} talk`` with ``:limit: 3``; the argument is a kind of entry."""

    required_arguments = 1
    option_spec = {"limit": directives.nonnegative_int}

    def run(self) -> list[nodes.Node]:
        kind = self.arguments[0].strip()
        if kind not in CARD_KINDS:
            warn(
                f"cv-latest: unknown kind {kind!r} (one of: {', '.join(CARD_KINDS)})",
                Subtype.KIND,
                (self.env.docname, self.lineno),
            )
            return []
        node = cv_latest(kind=kind, limit=self.options.get("limit", 3))
        self.set_source_info(node)
        domain = cv_domain(self.env)
        domain.listings.setdefault(self.env.docname, []).append(kind)
        return [node]


class FillListings(SphinxPostTransform):
    """Replace each ``cv_latest`` with links to the newest entries of its kind."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        domain = cv_domain(self.env)
        for node in list(self.document.findall(cv_latest)):
            found = sorted(domain.of_kind(node["kind"]), key=lambda e: (e.sortkey, e.id), reverse=True)
            items = nodes.bullet_list(classes=["cv-latest"])
            for entry in found[: node["limit"]]:
                para = nodes.paragraph()
                para += pending_xref(
                    "",
                    nodes.inline(entry.title, entry.title),
                    refdomain=CVDomain.name,
                    reftype=entry.kind,
                    reftarget=entry.id,
                    refexplicit=True,
                )
                org = ", ".join(org.name for org in entry.orgs)
                details = [
                    nodes.inline(p, p, classes=["cv-latest-detail"])
                    for p in (org, entry.when.text(self.config.language))
                    if p
                ]
                para.extend(joined([para.pop(), *details]))
                items += nodes.list_item("", para)
            node.replace_self(items if found and node["limit"] else [])


def setup_latest(app: Sphinx) -> None:
    app.add_node(cv_latest)
    app.add_directive("cv-latest", LatestDirective)
    app.add_post_transform(FillListings)
