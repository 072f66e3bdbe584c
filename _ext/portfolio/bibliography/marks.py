"""Parts of a formatted publication that the website draws its own way: a venue badge (al-folio's
``abbr``) and inline maths.

Both derive from ``inline``, so the PDF and the text builders write their children as text: the
badge as "[JMLR] ", maths as Unicode with sub- and superscripts. The website writes the badge
without its brackets as a sphinx-design badge, and maths as MathML (docutils' converter; where it
cannot read the maths, the text is written).
"""

from __future__ import annotations

from html import escape

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from .latex import mathml

#: sphinx-design's outlined badge, as the cards' tags have it
BADGE = "cv-pub-badge sd-sphinx-override sd-badge sd-outline-secondary sd-text-secondary"


class cv_pub_badge(nodes.inline):  # noqa: N801 (docutils naming)
    """A publication's venue badge (``abbr``); its text is "[JMLR] " for builders without a visitor."""


class cv_math(nodes.inline):  # noqa: N801
    """Inline maths in a bib field: ``tex`` is its source, the children its readable text."""


def badge_text(text: str) -> str:
    """ "[JMLR] " -> "JMLR": the badge's words without the brackets that set it apart on paper."""
    return text.strip().removeprefix("[").removesuffix("]").strip()


def badge_html(text: str) -> str:
    """A badge of escaped text (``text`` is the badge's words, escaped)."""
    return f'<span class="{BADGE}">{text}</span> '


def visit_badge(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(badge_html(escape(badge_text(node.astext()))))
    raise nodes.SkipNode


def math_html(tex: str, text_html: str) -> str:
    """MathML for inline maths, or the escaped readable text where docutils cannot read it."""
    found = mathml(tex)
    return f'<span class="cv-math">{found}</span>' if found else f'<span class="cv-math">{text_html}</span>'


def visit_math(self: HTML5Translator, node: nodes.Element) -> None:
    found = mathml(node.get("tex", ""))
    if found is None:
        self.body.append('<span class="cv-math">')
        return
    self.body.append(f'<span class="cv-math">{found}</span>')
    raise nodes.SkipNode


def depart_math(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</span>")


def _ignore(self: HTML5Translator, node: nodes.Element) -> None:
    pass


def setup_marks(app: Sphinx) -> None:
    app.add_node(cv_pub_badge, html=(visit_badge, _ignore))
    app.add_node(cv_math, html=(visit_math, depart_math))
