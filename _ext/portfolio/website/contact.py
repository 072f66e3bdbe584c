"""Email addresses on the website: never in the page source as an address.

``HideEmails`` swaps the address for a readable "user (at) domain (dot) org"
before the page is written, so neither the page, its search index nor the
description that Open Graph derives from the text carries it; the HTML
visitor puts the address, encoded, into an attribute that ``portfolio.js``
turns into a mailto link.
"""

from __future__ import annotations

import base64
from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator

from ..nodes import WEBSITE_BUILDERS, cv_email
from ..writers.icons import icon


def spelled_out(address: str) -> str:
    user, _, domain = address.partition("@")
    return f"{user} (at) {domain.replace('.', ' (dot) ')}"


class HideEmails(SphinxPostTransform):
    default_priority = 5
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for node in self.document.findall(cv_email):
            if "address" not in node:
                node["address"] = node.astext()
                node.children = [nodes.Text(spelled_out(node["address"]))]


def visit_email(self: HTML5Translator, node: nodes.Element) -> None:
    """No address in the page source: the script decodes ``data-cv-email`` into a mailto link."""
    address = node.get("address", node.astext())
    if self.builder.name not in WEBSITE_BUILDERS:  # an EPUB runs no script: the words, and no dead link
        self.body.append(f'<span class="cv-email cv-account"><span>{escape(spelled_out(address))}</span></span>')
        raise nodes.SkipNode
    encoded = base64.b64encode(address[::-1].encode()).decode()
    self.body.append(
        f'<a class="cv-email cv-account" data-cv-email="{encoded}" href="#contact">{icon("email")}'
        f"<span>{escape(spelled_out(address))}</span></a>"
    )
    raise nodes.SkipNode


def setup_contact(app: Sphinx) -> None:
    app.add_node(cv_email, html=(visit_email, None))
    app.add_post_transform(HideEmails)
