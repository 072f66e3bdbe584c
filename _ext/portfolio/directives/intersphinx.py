"""``intersphinx-snippet``: the ``conf.py`` lines another project needs to link here.

Written when the page is written, from this project's settings
(``html_baseurl``, ``portfolio_inventory_name``), so a fork's page shows its own
address and a changed address reaches the page without a full rebuild. The
lines add to what a ``conf.py`` already has, so pasting them breaks nothing.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ..config import portfolio_settings
from ..nodes import cv_intersphinx_snippet
from ..text import slug
from ..warnings import Subtype, warn


def inventory_name(project: str, configured: str) -> str:
    """The intersphinx key: ``portfolio_inventory_name`` or the last word of the project's slug
    ("Jürgen Müller": "muller")."""
    return configured or slug(project).split("-")[-1] or "cv"


def snippet(name: str, base: str) -> str:
    return (
        'if "sphinx.ext.intersphinx" not in extensions:\n'
        '    extensions.append("sphinx.ext.intersphinx")\n'
        'intersphinx_mapping = globals().get("intersphinx_mapping", {})\n'
        f'intersphinx_mapping["{name}"] = ("{base.rstrip("/")}/", None)\n'
    )


class IntersphinxSnippet(SphinxDirective):
    """Marks the place of the snippet; ``FillSnippets`` writes it."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        block = cv_intersphinx_snippet("", "", language="python")
        self.set_source_info(block)
        return [block]


class FillSnippets(SphinxPostTransform):
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        for block in self.document.findall(cv_intersphinx_snippet):
            base = self.config.html_baseurl
            if not base:
                warn("intersphinx-snippet needs html_baseurl in conf.py (the site's address)", Subtype.CONFIG, block)
                base = "https://example.org/"
            code = snippet(inventory_name(self.config.project, portfolio_settings(self.config).inventory_name), base)
            block.children = [nodes.Text(code)]
            block.rawsource = code


def setup_intersphinx_snippet(app: Sphinx) -> None:
    app.add_node(cv_intersphinx_snippet)
    app.add_directive("intersphinx-snippet", IntersphinxSnippet)
    app.add_post_transform(FillSnippets)
