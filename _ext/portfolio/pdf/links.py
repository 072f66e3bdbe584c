"""``cv-pdfs``: the website's list of the PDFs a build writes, with their titles.

The node is website-only and filled in when the page is written, like the profile's download
link: which PDFs there are is a write-time setting (``portfolio_pdf_variants``), so changing it
rewrites the page without reading the sources again.
"""

from __future__ import annotations

from html import escape

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri
from sphinx.writers.html5 import HTML5Translator

from ..config import portfolio_settings
from ..nodes import cv_pdfs


class PDFList(SphinxDirective):
    """```{cv-pdfs}```: no argument, no options."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        node = cv_pdfs(classes=["cv-pdfs"])
        self.set_source_info(node)
        return [node]


def visit_pdfs(self: HTML5Translator, node: nodes.Element) -> None:
    builder = self.builder
    settings = portfolio_settings(builder.config)
    if not settings.pdf:  # no PDF is written beside the site
        raise nodes.SkipNode
    here = builder.get_target_uri(builder.current_docname)
    items = []
    for variant in settings.written:
        href = escape(relative_uri(here, variant.name), quote=True)
        note = f" – {escape(variant.description)}" if variant.description else ""
        items.append(f'<li><a class="reference" href="{href}" download>{escape(variant.title)}</a> (PDF){note}</li>\n')
    self.body.append('<ul class="cv-pdfs">\n' + "".join(items) + "</ul>\n")
    raise nodes.SkipNode


def setup_links(app: Sphinx) -> None:
    app.add_node(cv_pdfs, html=(visit_pdfs, None))
    app.add_directive("cv-pdfs", PDFList)
