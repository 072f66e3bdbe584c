"""Changes to whole pages: cards ordered newest first, papers linked back to their software.

Ordering runs at ``doctree-read`` after Sphinx's metadata collector, so a page
can keep its source order with the front-matter (or field list) ``cv-order: source``,
or sort by start date (newest first) with ``cv-order: start``, as CVs list funded projects.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import get_args

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from .compat.sphinx import builder_class
from .config import Order, portfolio_settings
from .dates import CVDate
from .domain import CVDomain, cv_domain
from .i18n import _
from .nodes import WEBSITE_BUILDERS, WebsiteOnly, cv_entry, joined
from .records import Entry
from .warnings import Subtype, warn

#: what a page's ``cv-order`` may be: what ``portfolio_order`` may be
ORDERS: tuple[str, ...] = get_args(Order)
#: ``cv-layout``: cards as cards, or as a compact list (many short entries, such as talks)
LAYOUTS = ("cards", "compact")
#: ``cv-group``: cards as they come, or under a heading per year
GROUPS = ("none", "year")


def page_option(app: Sphinx, docname: str, name: str, allowed: tuple[str, ...], default: str) -> str:
    """A page's front-matter option (or ``default``), checked against what it may be; an unknown
    value warns, and the first allowed value is used."""
    value = str(app.env.metadata.get(docname, {}).get(name, default)).strip()
    if value not in allowed:
        subtype = Subtype.ORDER if name == "cv-order" else Subtype.PAGE_OPTION
        warn(f"unknown {name} {value!r} (one of: {', '.join(allowed)}); using {allowed[0]!r}", subtype, (docname, 1))
        return allowed[0]
    return value


def page_order(app: Sphinx, docname: str) -> str:
    """The page's order (``cv-order``) or the project's default (``portfolio_order``)."""
    return page_option(app, docname, "cv-order", ORDERS, portfolio_settings(app.config).order)


def newest(entry: Entry) -> tuple[CVDate, ...]:
    """By end date (present is newest), then start."""
    return entry.sortkey


def started(entry: Entry) -> tuple[CVDate, ...]:
    """By start date (an end or a day where there is none), then as ``newest``."""
    return (entry.sortkey[1], *entry.sortkey)


def sort_entries(app: Sphinx, doctree: nodes.document) -> None:
    """Sort every maximal run of sibling cards by their records, newest first; ties keep source order."""
    order = page_order(app, app.env.docname)
    if order == "source":
        return
    key: Callable[[Entry], tuple[CVDate, ...]] = started if order == "start" else newest
    parents = {id(e.parent): e.parent for e in doctree.findall(cv_entry) if e.parent is not None}
    for parent in parents.values():
        children = list(parent.children)
        i = 0
        while i < len(children):
            if not isinstance(children[i], cv_entry):
                i += 1
                continue
            j = i
            while j < len(children) and isinstance(children[j], cv_entry):
                j += 1
            children[i:j] = sorted(children[i:j], key=lambda card: key(card["entry"]), reverse=True)
            i = j
        parent.children = children


def runs_of_cards(doctree: nodes.document) -> list[list[cv_entry]]:
    """Each maximal run of sibling cards, in document order."""
    runs: list[list[cv_entry]] = []
    for card in doctree.findall(cv_entry):
        previous = card.previous_sibling()
        if runs and previous is runs[-1][-1]:
            runs[-1].append(card)
        else:
            runs.append([card])
    return runs


def year_of(card: cv_entry) -> int:
    """The year a card is listed under: its (first) day, else its end, else its start."""
    when = card["entry"].when
    date = when.days[0] if when.days else (when.end if when.end and not when.end.is_present else when.start)
    return date.year if date else 0


def present_cards(app: Sphinx, doctree: nodes.document) -> None:
    """``cv-layout: compact`` draws the page's cards as a compact list; ``cv-group: year`` puts a
    heading before the first card of each year. After sorting, so the years come in order."""
    docname = app.env.docname
    compact = page_option(app, docname, "cv-layout", LAYOUTS, LAYOUTS[0]) == "compact"
    by_year = page_option(app, docname, "cv-group", GROUPS, GROUPS[0]) == "year"
    for run in runs_of_cards(doctree):
        year = None
        for card in run:
            if compact:
                card["classes"].append("cv-compact")
            if by_year and year_of(card) and year_of(card) != year:
                year = year_of(card)
                card.parent.insert(card.parent.index(card), nodes.rubric(str(year), str(year), classes=["cv-year"]))


class SoftwareBacklinks(SphinxPostTransform):
    """After sphinxcontrib-bibtex fills a bibliography (priority 5), link each paper to its
    software cards; before references are resolved (10), so the links resolve like any other."""

    default_priority = 7

    def run(self, **kwargs: object) -> None:
        domain = cv_domain(self.env)
        for citation, key in domain.listed_papers(self.document):
            tools = domain.software_for(key)
            paragraphs = [c for c in citation.children if isinstance(c, nodes.paragraph)]
            if not tools or not paragraphs or "cv-software-links" in paragraphs[-1]["classes"]:
                continue
            para = paragraphs[-1]
            para["classes"].append("cv-software-links")
            label = _("Software:")
            para += nodes.Text(f" · {label} ")
            para.extend(
                joined(
                    [
                        pending_xref(
                            "",
                            nodes.inline(tool.title, tool.title),
                            refdomain=CVDomain.name,
                            reftype="software",
                            reftarget=tool.id,
                            refexplicit=True,
                        )
                        for tool in tools
                    ],
                    ", ",
                )
            )


def strip_website_only(document: nodes.document) -> None:
    """Remove every ``WebsiteOnly`` node, and each section that this leaves with nothing but
    its title (a "Find a publication" heading over the filter form)."""
    sections: list[nodes.Element] = []
    for node in list(document.findall(lambda n: isinstance(n, WebsiteOnly))):
        parent: nodes.Element | None = node.parent
        assert parent is not None
        parent.remove(node)
        while parent is not None and not isinstance(parent, nodes.section):
            parent = parent.parent
        if parent is not None:
            sections.append(parent)
    for section in sections:
        if section.parent is not None and all(isinstance(child, nodes.title) for child in section.children):
            section.parent.remove(section)


class StripWebsiteOnly(SphinxPostTransform):
    """Every builder but the website's: no PDF link, filter form or paper buttons. The gettext
    builder keeps them, so that a heading over the filter form is translated too."""

    default_priority = 999

    def is_supported(self) -> bool:
        return builder_class(self.env).name not in (*WEBSITE_BUILDERS, "gettext")

    def run(self, **kwargs: object) -> None:
        strip_website_only(self.document)


def setup_transforms(app: Sphinx) -> None:
    app.add_post_transform(SoftwareBacklinks)
    app.add_post_transform(StripWebsiteOnly)
    app.connect("doctree-read", sort_entries, priority=600)
    app.connect("doctree-read", present_cards, priority=610)
