"""``cv-highlights``: a row of sphinx-design cards with a number each (publications, talks,
software, funded projects), each linking to its page. Drawn when the page is written, from the
stored records of every page; the page is rewritten when the numbers change."""

from __future__ import annotations

from html import escape

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator

from ..domain import cv_domain
from ..i18n import _
from ..nodes import cv_highlights
from ..records import KINDS
from ..warnings import Subtype, warn

DEFAULT = ("paper", "talk", "software", "grant")
#: what a number counts, by kind
PLURALS = {
    "paper": _("Publications"),
    "talk": _("Talks and lectures"),
    "software": _("Code repositories"),  # a software card is a repository: a tool, or a paper's code
    "grant": _("Funded projects"),
    "award": _("Awards"),
    "patent": _("Patent families"),
    "position": _("Positions"),
    "education": _("Degrees"),
    "skill": _("Skill areas"),
    "entry": _("Other entries"),
    "profile": _("Profiles"),
}


class HighlightsDirective(SphinxDirective):
    """``{cv-highlights}`` with ``:kinds: paper, talk, software, grant``."""

    option_spec = {"kinds": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        kinds = [k.strip() for k in self.options.get("kinds", ", ".join(DEFAULT)).split(",") if k.strip()]
        for kind in [k for k in kinds if k not in KINDS]:
            warn(
                f"cv-highlights: unknown kind {kind!r} (one of: {', '.join(KINDS)})", Subtype.KIND, self.get_location()
            )
        kinds = [k for k in kinds if k in KINDS]
        domain = cv_domain(self.env)
        domain.listings.setdefault(self.env.docname, []).extend(kinds if "paper" not in kinds else [*kinds, "*"])
        node = cv_highlights(kinds=kinds)
        self.set_source_info(node)
        return [node]


def visit_highlights(self: HTML5Translator, node: nodes.Element) -> None:
    """sphinx-design's grid of cards, with its own classes, so it looks like its grids do."""
    domain = cv_domain(self.builder.env)
    here = self.builder.current_docname
    cells = []
    for kind in node["kinds"]:
        if kind == "paper":
            count, docname = len(domain.papers), min((p.docname for p in domain.papers.values()), default="")
        else:
            found = domain.of_kind(kind)
            count, docname = len(found), min((e.docname for e in found), default="")
        if not count:
            continue
        href = escape(self.builder.get_relative_uri(here, docname))
        what = escape(str(PLURALS[kind]))
        cells.append(
            '<div class="sd-col sd-d-flex-row"><div class="sd-card sd-sphinx-override sd-w-100 sd-shadow-sm '
            f'sd-card-hover"><div class="sd-card-body"><span class="cv-count">{count}</span>'
            f'<span class="cv-what">{what}</span></div><a class="sd-stretched-link sd-hide-link-text reference '
            f'internal" href="{href}"><span>{what}</span></a></div></div>'
        )
    self.body.append(
        '<div class="cv-highlights sd-container-fluid sd-sphinx-override sd-mb-4"><div class="sd-row sd-row-cols-2 '
        "sd-row-cols-xs-2 sd-row-cols-sm-2 sd-row-cols-md-4 sd-row-cols-lg-4 sd-g-2 sd-g-xs-2 sd-g-sm-2 sd-g-md-2 "
        f'sd-g-lg-2">{"".join(cells)}</div></div>\n'
    )
    raise nodes.SkipNode


def setup_highlights(app: Sphinx) -> None:
    app.add_node(cv_highlights, html=(visit_highlights, None))
    app.add_directive("cv-highlights", HighlightsDirective)
