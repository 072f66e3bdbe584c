"""Where cards are drawn: one visitor table per output format."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from .. import nodes as cv_nodes
from .html import HTML, depart_citation, visit_citation
from .plain import PLAIN


def setup_writers(app: Sphinx) -> None:
    for node in cv_nodes.ALL_NODES:
        name = node.__name__
        app.add_node(node, html=HTML[name], latex=PLAIN[name], text=PLAIN[name],
                     man=PLAIN[name], texinfo=PLAIN[name])
    app.add_node(nodes.citation, override=True, html=(visit_citation, depart_citation))
