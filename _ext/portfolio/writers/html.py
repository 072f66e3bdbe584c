"""HTML for cards: ``<article>`` with a ``<header>``, a real heading and ``<time>``.

Text children are written by Sphinx's own translator, so everything the
author typed is escaped; here we only open and close the semantic elements.
Parts without a visitor here (tags, details, links, photo) are drawn by the
visitor of the docutils node they derive from. Website features register
the visitors of their own nodes (``website/``).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from docutils import nodes
from sphinx.util.osutil import relative_uri
from sphinx.writers.html5 import HTML5Translator

from ..config import portfolio_settings
from ..i18n import _
from ..nodes import cv_entry
from .icons import icon_for

Visitor = Callable[[HTML5Translator, nodes.Element], None]


def _heading_level(node: nodes.Element) -> int:
    """One below the enclosing section's heading, so the outline stays correct."""
    depth = 0
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            depth += 1
        parent = parent.parent
    return min(depth + 1, 6)


def _enclosing_card(node: nodes.Element) -> cv_entry | None:
    parent = node.parent
    while parent is not None and not isinstance(parent, cv_entry):
        parent = parent.parent
    return parent


def _element(tag: str, cls: str, after_open: str = "", after_close: str = "") -> tuple[Visitor, Visitor]:
    """A visitor pair that wraps a node's content in ``<tag class="cls">``."""

    def visit(self: HTML5Translator, node: nodes.Element) -> None:
        self.body.append(self.starttag(node, tag, after_open, CLASS=cls))

    def depart(self: HTML5Translator, node: nodes.Element) -> None:
        self.body.append(f"</{tag}>{after_close}")

    return visit, depart


def _through(self: HTML5Translator, node: nodes.Element) -> None:
    """Nothing to open or close: the children carry the content."""


def visit_entry(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "article"))


def depart_entry(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</article>\n")


def _named_by_page_heading(card: cv_entry | None) -> bool:
    """Whether a card stands right under a heading that already says its title, as the profile under
    the landing page's name: the card does not say it again (a hidden heading would be one more
    stop for the keyboard and a second heading of the same name for screen readers)."""
    if card is None or not isinstance(card.parent, nodes.section) or card.parent.index(card) != 1:
        return False
    heading = card.parent[0]
    return isinstance(heading, nodes.title) and heading.astext().strip() == card["entry"].title.strip()


def visit_title(self: HTML5Translator, node: nodes.Element) -> None:
    card = _enclosing_card(node)
    if _named_by_page_heading(card):
        raise nodes.SkipNode
    level = _heading_level(card) if card is not None else 3
    self.body.append(self.starttag(node, f"h{level}", "", CLASS="cv-title"))


def depart_title(self: HTML5Translator, node: nodes.Element) -> None:
    card = _enclosing_card(node)
    if card is not None and card["ids"]:
        anchor = escape(card["ids"][0], quote=True)
        title = escape(str(_("Link to this entry")))
        self.body.append(f'<a class="headerlink" href="#{anchor}" title="{title}">¶</a>')
    level = _heading_level(card) if card is not None else 3
    self.body.append(f"</h{level}>\n")


def visit_time(self: HTML5Translator, node: nodes.Element) -> None:
    if node.get("datetime"):
        self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))
    else:
        self.body.append(self.starttag(node, "span", "", CLASS="cv-present"))


def depart_time(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</time>" if node.get("datetime") else "</span>")


def visit_sep(self: HTML5Translator, node: nodes.Element) -> None:
    """A " · " stays with what follows it: a line breaks before the dot, never leaves it dangling at
    its end (the space after it is a no-break space, a character: EPUB's XHTML knows no &nbsp;)."""
    text = node.astext()
    glued = text.rstrip(" ") + "\u00a0" if text.strip() == "·" else text
    self.body.append(f'<span class="cv-sep">{escape(glued)}</span>')
    raise nodes.SkipNode


def visit_download(self: HTML5Translator, node: nodes.Element) -> None:
    """Buttons to the PDFs, which sit in the site's root: the CV first, then its other variants
    (``portfolio_pdf_variants``). Which PDFs there are is a write-time setting, read here."""
    builder = self.builder
    settings = portfolio_settings(builder.config)
    if not settings.pdf:
        raise nodes.SkipNode
    here = builder.get_target_uri(builder.current_docname)
    buttons = []
    for i, variant in enumerate(settings.written):
        href = escape(relative_uri(here, variant.name), quote=True)
        style, label = ("sd-btn-primary", node.astext()) if i == 0 else ("sd-btn-outline-primary", variant.title)
        buttons.append(
            f'<a class="cv-download reference sd-sphinx-override sd-btn {style}" href="{href}" '
            f"download>{icon_for(builder, 'download')}{escape(label)}</a>"
        )
    self.body.append(f'<p class="cv-download-line">{"".join(buttons)}</p>\n')
    raise nodes.SkipNode


def visit_account(self: HTML5Translator, node: nodes.Element) -> None:
    """A contact link with its icon; the text stays, for screen readers and for the eye."""
    classes = " ".join(["cv-account", *node["classes"]])
    mark = icon_for(self.builder, node["option"])
    self.body.append(f'<a class="{escape(classes)}" href="{escape(node["refuri"])}">{mark}<span>')


def depart_account(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</span></a>")


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


HTML: dict[str, tuple[Visitor, Visitor]] = {
    "cv_entry": (visit_entry, depart_entry),
    "cv_header": _element("header", "cv-header", "\n", "\n"),
    "cv_title": (visit_title, depart_title),
    "cv_meta": _element("p", "cv-meta", "", "\n"),
    "cv_orgs": (_through, _through),
    "cv_org": _element("span", "cv-org"),
    "cv_place": _element("span", "cv-place"),
    "cv_dates": _element("span", "cv-dates"),
    "cv_time": (visit_time, depart_time),
    "cv_sep": (visit_sep, _through),
    "cv_body": _element("div", "cv-body", "\n", "\n"),
    "cv_download": (visit_download, _through),
    "cv_account": (visit_account, depart_account),
    "cv_tag": _element("span", "cv-tag sd-sphinx-override sd-badge sd-outline-primary sd-text-primary"),
    "cv_pub_title": _element("span", "cv-pub-title"),
    "cv_pub_authors": _element("span", "cv-pub-authors"),
    "cv_pub_links": _element("span", "cv-pub-links"),
}
