"""Cards under a heading that names their organisation do not name it again: under "Royal
Institution of Great Britain", a position's line reads "Berlin, Germany · Jan 2021 – present", not the
institute once more for every card. The PDF leaves it out the same way (``text.same_name`` decides
for both)."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..nodes import WEBSITE_BUILDERS, cv_entry, cv_meta, cv_org, cv_orgs, cv_sep
from ..text import same_name


def _drop_with_separator(node: nodes.Element) -> None:
    """Remove ``node`` and the separator that joined it to its neighbour (after it, else before it)."""
    parent = node.parent
    after, before = node.next_node(descend=False, siblings=True), node.previous_sibling()
    for sep in (after, before):
        if isinstance(sep, cv_sep):
            parent.remove(sep)
            break
    parent.remove(node)


class OrgsNamedByHeading(SphinxPostTransform):
    default_priority = 20
    builders = WEBSITE_BUILDERS

    def run(self, **kwargs: Any) -> None:
        for card in list(self.document.findall(cv_entry)):
            section = card.parent
            if card["entry"].kind == "profile" or not isinstance(section, nodes.section):
                continue
            heading = section[0].astext() if isinstance(section[0], nodes.title) else ""
            for orgs in list(card.findall(cv_orgs)):
                for org in [org for org in orgs.findall(cv_org) if same_name(org.astext(), heading)]:
                    _drop_with_separator(org)
                if not any(True for _ in orgs.findall(cv_org)):
                    _drop_with_separator(orgs)
            for meta in list(card.findall(cv_meta)):
                if not len(meta):
                    meta.parent.remove(meta)


def setup_headings(app: Sphinx) -> None:
    app.add_post_transform(OrgsNamedByHeading)
