"""A section that holds nothing but website content (``{only} html``) is left out of the other
outputs: MyST's headings cannot stand inside ``{only}``, so the landing page's "Latest talks" heading
stands outside it, and a LaTeX or text build would show it with nothing under it. The PDF leaves out
empty sections of its own accord."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

#: a mark on such a section, from the page as read (every builder decides the ``only`` nodes later,
#: LaTeX's before any post-transform) to after the ``only`` nodes are decided
_ONLY_CONDITIONAL = "portfolio_only_conditional"


def mark_conditional_sections(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: mark each section whose content is ``only`` nodes alone."""
    for section in doctree.findall(nodes.section):
        content = [child for child in section.children[1:] if not isinstance(child, nodes.comment)]
        if content and all(isinstance(child, addnodes.only) for child in content):
            section[_ONLY_CONDITIONAL] = True


class DropEmptiedSections(SphinxPostTransform):
    """After they are decided: a marked section left with nothing under its heading goes."""

    default_priority = 51

    def run(self, **kwargs: Any) -> None:
        for section in reversed(list(self.document.findall(nodes.section))):
            if not section.get(_ONLY_CONDITIONAL) or section.parent is None:
                continue
            if all(isinstance(child, nodes.comment) for child in section.children[1:]):
                section.parent.remove(section)


def setup_sections(app: Sphinx) -> None:
    app.connect("doctree-read", mark_conditional_sections)
    app.add_post_transform(DropEmptiedSections)
