"""Cards for LaTeX, Texinfo, text and man pages.

Most parts need no visitor of their own: each derives from a docutils node
(paragraph, inline, field list, reference) that these translators already
write. What is added here: a card's anchor where the card is (so LaTeX's
``\\hyperref`` and Texinfo's ``@ref`` reach it), cards set apart from each
other in text and man pages, and link addresses printed where a page cannot
be clicked. In LaTeX, each page starts at the top of the outline and a paper
in the bibliography is a target for links to it.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.writers.latex import LaTeXTranslator
from sphinx.writers.manpage import ManualPageTranslator
from sphinx.writers.texinfo import TexinfoTranslator
from sphinx.writers.text import TextTranslator

Pair = tuple[Any, Any]


def visit_latex_entry(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append("\n" + "".join(self.hypertarget(node_id) for node_id in node["ids"]))
    self.visit_container(node)


def depart_latex_entry(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.depart_container(node)


def visit_latex_page(self: LaTeXTranslator, node: nodes.Element) -> None:
    """A page a toctree brings in starts at the top of the outline wherever the toctree sits in its
    page, as it does on the website and in the PDF CV: its title is a chapter, not a subsection of
    the section around the toctree (the root page's "Short bio")."""
    LaTeXTranslator.visit_start_of_file(self, node)
    node["portfolio_outer_level"] = self.sectionlevel
    self.sectionlevel = self.top_sectionlevel - 1


def depart_latex_page(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.sectionlevel = node["portfolio_outer_level"]
    LaTeXTranslator.depart_start_of_file(self, node)


def visit_latex_citation(self: LaTeXTranslator, node: nodes.Element) -> None:
    """A paper's ``\\bibitem`` is also a label: Sphinx moves the bibliography to the end, where a
    ``\\hyperref`` to the paper's id (a software card's "Described in") would find none."""
    LaTeXTranslator.visit_citation(self, node)
    docname = node["docname"]
    self.body.append("".join(self.hypertarget(f"{docname}:{i}", withdoc=False, anchor=False) for i in node["ids"]))


def depart_latex_citation(self: LaTeXTranslator, node: nodes.Element) -> None:
    LaTeXTranslator.depart_citation(self, node)


def visit_texinfo_entry(self: TexinfoTranslator, node: nodes.Element) -> None:
    for node_id in node["ids"]:
        self.add_anchor(node_id, node)
    self.visit_container(node)


def depart_texinfo_entry(self: TexinfoTranslator, node: nodes.Element) -> None:
    self.depart_container(node)


def visit_text_entry(self: TextTranslator, node: nodes.Element) -> None:
    """A card reads as one item of a list: a bullet, and its lines indented under it."""
    self.new_state(2)


def depart_text_entry(self: TextTranslator, node: nodes.Element) -> None:
    self.end_state(first="* ")


def visit_text_link(self: TextTranslator, node: nodes.Element) -> None:
    self.visit_reference(node)


def depart_text_link(self: TextTranslator, node: nodes.Element) -> None:
    """On a page that cannot be clicked the address is what helps: "Slides <https://...>"."""
    self.add_text(f" <{node['refuri']}>")
    self.depart_reference(node)


def visit_man_entry(self: ManualPageTranslator, node: nodes.Element) -> None:
    self.body.append("\n.sp\n")


def depart_man_entry(self: ManualPageTranslator, node: nodes.Element) -> None:
    self.body.append("\n")


def visit_man_title(self: ManualPageTranslator, node: nodes.Element) -> None:
    self.body.append(".B ")


def depart_man_title(self: ManualPageTranslator, node: nodes.Element) -> None:
    self.body.append("\n.br\n")


def visit_man_link(self: ManualPageTranslator, node: nodes.Element) -> None:
    """A man page is read where a link cannot be followed: its words and its address, as in text,
    whichever docutils writes the page (0.22 prints the address, older ones only a terminal link)."""
    self.visit_Text(nodes.Text(f"{node.astext()} <{node['refuri']}>"))
    raise nodes.SkipNode


def visit_man_meta(self: ManualPageTranslator, node: nodes.Element) -> None:
    """The meta line right under the title, then a gap before the card's body."""


def depart_man_meta(self: ManualPageTranslator, node: nodes.Element) -> None:
    self.body.append("\n.sp\n")


LATEX: dict[str, Pair] = {"cv_entry": (visit_latex_entry, depart_latex_entry)}
TEXINFO: dict[str, Pair] = {"cv_entry": (visit_texinfo_entry, depart_texinfo_entry)}
TEXT: dict[str, Pair] = {
    "cv_entry": (visit_text_entry, depart_text_entry),
    "cv_link": (visit_text_link, depart_text_link),
    "cv_account": (visit_text_link, depart_text_link),
}
MAN: dict[str, Pair] = {
    "cv_entry": (visit_man_entry, depart_man_entry),
    "cv_title": (visit_man_title, depart_man_title),
    "cv_meta": (visit_man_meta, depart_man_meta),
    "cv_link": (visit_man_link, None),
    "cv_account": (visit_man_link, None),
}
