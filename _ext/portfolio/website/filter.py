"""``publication-filter``: the place of the search form on the publications page.

The form is built by ``portfolio.js`` from the listed papers; without
JavaScript the place stays empty and the whole list stays readable.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..nodes import cv_filter


class PublicationFilter(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        node = cv_filter()
        self.set_source_info(node)
        return [node]


def setup_filter(app: Sphinx) -> None:
    app.add_directive("publication-filter", PublicationFilter)
