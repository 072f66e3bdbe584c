"""Where cards are drawn: one visitor table per output format (the PDF's is in ``pdf/``).

A node without a visitor in a table is drawn by the visitor of the docutils
node it derives from (Sphinx's translators look visitors up by class
hierarchy), which is also how builders we never wrote for show cards.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from .. import nodes as cv_nodes
from .epub import setup_epub
from .html import HTML, depart_citation, visit_citation
from .plain import (
    LATEX,
    MAN,
    TEXINFO,
    TEXT,
    depart_latex_citation,
    depart_latex_page,
    visit_latex_citation,
    visit_latex_page,
)
from .sections import setup_sections


def setup_writers(app: Sphinx) -> None:
    for node in cv_nodes.CARD_NODES:
        name = node.__name__
        formats: dict[str, Any] = {
            fmt: table[name]
            for fmt, table in (("html", HTML), ("latex", LATEX), ("texinfo", TEXINFO), ("text", TEXT), ("man", MAN))
            if name in table
        }
        app.add_node(node, **formats)
    app.add_node(
        nodes.citation,
        override=True,
        html=(visit_citation, depart_citation),
        latex=(visit_latex_citation, depart_latex_citation),
    )
    app.add_node(addnodes.start_of_file, override=True, latex=(visit_latex_page, depart_latex_page))
    setup_epub(app)
    setup_sections(app)
