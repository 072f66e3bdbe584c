"""HTML for cards: ``<article>`` with a ``<header>``, a real heading and ``<time>``.

Text children are written by Sphinx's own translator, so everything the
author typed is escaped; here we only open and close the semantic elements.
"""

from __future__ import annotations

from html import escape

from docutils import nodes
from sphinx.util.osutil import relative_uri
from sphinx.writers.html5 import HTML5Translator

from ..nodes import cv_entry


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
        self.body.append(f'<a class="headerlink" href="#{anchor}" title="Link to this entry">¶</a>')
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
}
