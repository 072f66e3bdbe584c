"""Cards for builders that only need readable text: latex, text, man, texinfo.

Title and meta line reuse each translator's own paragraph handling and the
rest passes through, so text is escaped the way that format escapes it.
"""

from __future__ import annotations

from docutils import nodes


def visit_paragraph(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    self.visit_paragraph(node)  # type: ignore[attr-defined]


def depart_paragraph(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    self.depart_paragraph(node)  # type: ignore[attr-defined]


def visit_through(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    """Nothing to open: the children carry the text."""


def depart_through(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    """Nothing to close."""


def visit_skip(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    """Not for this output (a link to the PDF in the PDF or a man page)."""
    raise nodes.SkipNode


PARAGRAPH = (visit_paragraph, depart_paragraph)
THROUGH = (visit_through, depart_through)

PLAIN = {
    "cv_entry": THROUGH,
    "cv_header": THROUGH,
    "cv_title": PARAGRAPH,
    "cv_meta": PARAGRAPH,
    "cv_org": THROUGH,
    "cv_place": THROUGH,
    "cv_dates": THROUGH,
    "cv_time": THROUGH,
    "cv_sep": THROUGH,
    "cv_body": THROUGH,
    "cv_download": (visit_skip, depart_through),
    "cv_email": THROUGH,
    "cv_paper_extras": (visit_skip, depart_through),
    "cv_filter": (visit_skip, depart_through),
    "cv_latest": (visit_skip, depart_through),
}
