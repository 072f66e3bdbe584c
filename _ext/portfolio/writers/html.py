"""HTML for cards: ``<article>`` with a ``<header>``, a real heading and ``<time>``.

Text children are written by Sphinx's own translator, so everything the
author typed is escaped; here we only open and close the semantic elements.
"""

from __future__ import annotations

import base64
from html import escape

from docutils import nodes
from sphinx.util.osutil import relative_uri
from sphinx.writers.html5 import HTML5Translator

from ..nodes import cv_entry
from ..website.contact import spelled_out
from ..website.papers import render_paper_extras


def _heading_level(node: nodes.Element) -> int:
    """One below the enclosing section's heading, so the outline stays correct."""
    depth = 0
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            depth += 1
        parent = parent.parent
    return min(depth + 1, 6)


def visit_entry(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "article"))


def depart_entry(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</article>\n")


def visit_header(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "header", CLASS="cv-header"))


def depart_header(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</header>\n")


def visit_title(self: HTML5Translator, node: nodes.Element) -> None:
    entry = node.parent.parent
    level = _heading_level(entry) if isinstance(entry, cv_entry) else 3
    self.body.append(self.starttag(node, f"h{level}", "", CLASS="cv-title"))


def depart_title(self: HTML5Translator, node: nodes.Element) -> None:
    entry = node.parent.parent
    if isinstance(entry, cv_entry) and entry["ids"]:
        anchor = entry["ids"][0]
        self.body.append(f'<a class="headerlink" href="#{escape(anchor, quote=True)}" title="Link to this entry">¶</a>')
    level = _heading_level(entry) if isinstance(entry, cv_entry) else 3
    self.body.append(f"</h{level}>\n")


def visit_meta(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "p", "", CLASS="cv-meta"))


def depart_meta(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</p>\n")


def _span(cls: str) -> tuple:
    def visit(self: HTML5Translator, node: nodes.Element) -> None:
        self.body.append(self.starttag(node, "span", "", CLASS=cls))

    def depart(self: HTML5Translator, node: nodes.Element) -> None:
        self.body.append("</span>")

    return visit, depart


def visit_time(self: HTML5Translator, node: nodes.Element) -> None:
    if node.get("datetime"):
        self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))
    else:
        self.body.append(self.starttag(node, "span", "", CLASS="cv-present"))


def depart_time(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</time>" if node.get("datetime") else "</span>")


def visit_sep(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append('<span class="cv-sep">')


def depart_sep(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</span>")


def visit_body(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "div", CLASS="cv-body"))


def depart_body(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</div>\n")


def visit_download(self: HTML5Translator, node: nodes.Element) -> None:
    """The PDF sits in the site's root; link to it from wherever this page is."""
    href = relative_uri(self.builder.get_target_uri(self.builder.current_docname), node["filename"])
    self.body.append(f'<a class="cv-download reference" href="{escape(href)}" download>')


def depart_download(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</a>")


def visit_email(self: HTML5Translator, node: nodes.Element) -> None:
    """No address in the page source: the script decodes ``data-cv-email`` into a mailto link."""
    address = node.get("address", node.astext())
    encoded = base64.b64encode(address[::-1].encode()).decode()
    fallback = spelled_out(address)
    self.body.append(f'<a class="cv-email" data-cv-email="{encoded}" href="#contact">'
                     f"{escape(fallback)}</a>")
    raise nodes.SkipNode


def visit_paper_extras(self: HTML5Translator, node: nodes.Element) -> None:
    page = node["page"] and self.builder.get_relative_uri(self.builder.current_docname, node["page"])
    self.body.append(render_paper_extras(node, page))
    raise nodes.SkipNode


def visit_filter(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append('<div class="cv-filter" data-cv-filter role="search" aria-label="Filter publications"></div>\n')
    raise nodes.SkipNode


def visit_skip(self: HTML5Translator, node: nodes.Element) -> None:
    raise nodes.SkipNode


def depart_nothing(self: HTML5Translator, node: nodes.Element) -> None:
    """SkipNode ends these visits; nothing to close."""


def visit_citation(self: HTML5Translator, node: nodes.Element) -> None:
    """docutils marks entries ``doc-biblioentry`` inside ``role="list"``, which ARIA 1.2
    rejects (a list needs list items); the same markup with ``listitem``."""
    if not isinstance(node.previous_sibling(), type(node)):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def depart_citation(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</div>\n")
    if not isinstance(node.next_node(descend=False, siblings=True), type(node)):
        self.body.append("</div>\n")


HTML = {
    "cv_entry": (visit_entry, depart_entry),
    "cv_header": (visit_header, depart_header),
    "cv_title": (visit_title, depart_title),
    "cv_meta": (visit_meta, depart_meta),
    "cv_org": _span("cv-org"),
    "cv_place": _span("cv-place"),
    "cv_dates": _span("cv-dates"),
    "cv_time": (visit_time, depart_time),
    "cv_sep": (visit_sep, depart_sep),
    "cv_body": (visit_body, depart_body),
    "cv_download": (visit_download, depart_download),
    "cv_email": (visit_email, depart_nothing),
    "cv_paper_extras": (visit_paper_extras, depart_nothing),
    "cv_filter": (visit_filter, depart_nothing),
    "cv_latest": (visit_skip, depart_nothing),
}
