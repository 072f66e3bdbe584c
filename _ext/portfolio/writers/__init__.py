"""Where cards are drawn: one visitor table per output format."""

from __future__ import annotations

from sphinx.application import Sphinx

from .. import nodes as cv_nodes
from .html import HTML
from .plain import PLAIN


def setup_writers(app: Sphinx) -> None:
    for node in cv_nodes.ALL_NODES:
        name = node.__name__
        app.add_node(node, html=HTML[name], latex=PLAIN[name], text=PLAIN[name],
                     man=PLAIN[name], texinfo=PLAIN[name])
