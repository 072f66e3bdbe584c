"""``publication-filter``: the place of the search form on the publications page.

The form is built by ``portfolio.js`` from the listed papers; without
JavaScript the place stays empty and the whole list stays readable.
"""

from __future__ import annotations

from html import escape

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator

from ..i18n import _
from ..nodes import cv_filter


class PublicationFilter(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        node = cv_filter()
        self.set_source_info(node)
        return [node]


def visit_filter(self: HTML5Translator, node: nodes.Element) -> None:
    label = escape(str(_("Filter publications")))
    self.body.append(f'<div class="cv-filter" data-cv-filter role="search" aria-label="{label}"></div>\n')
    raise nodes.SkipNode


def setup_filter(app: Sphinx) -> None:
    app.add_node(cv_filter, html=(visit_filter, None))
    app.add_directive("publication-filter", PublicationFilter)
