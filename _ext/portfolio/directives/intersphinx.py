"""``intersphinx-snippet``: the ``conf.py`` lines another project needs to link here.

Written from this project's own settings (``html_baseurl`` and
``portfolio_inventory_name``), so a fork's page shows its own address.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..warnings import Subtype, warn


def inventory_name(project: str, configured: str) -> str:
    """The intersphinx key: ``portfolio_inventory_name`` or the project's last name-like word."""
    return configured or re.sub(r"[^a-z0-9]+", "-", project.lower()).strip("-").split("-")[-1] or "cv"


class IntersphinxSnippet(SphinxDirective):
    """A Python code block with the ``intersphinx_mapping`` entry for this site."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        base = self.config.html_baseurl
        if not base:
            warn("intersphinx-snippet needs html_baseurl in conf.py (the site's address)", Subtype.CONFIG,
                 (self.env.docname, self.lineno))
            base = "https://example.org/"
        name = inventory_name(self.config.project, self.config.portfolio_inventory_name)
        code = ('extensions = ["sphinx.ext.intersphinx"]\n'
                f'intersphinx_mapping = {{"{name}": ("{base.rstrip("/")}/", None)}}\n')
        block = nodes.literal_block(code, code, language="python")
        self.set_source_info(block)
        return [block]


def setup_intersphinx_snippet(app: Sphinx) -> None:
    app.add_directive("intersphinx-snippet", IntersphinxSnippet)
