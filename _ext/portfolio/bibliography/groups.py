"""``bibliography`` with ``:group: year``: the list under a heading per year, newest first; and a
group that lists nothing is left out.

sphinxcontrib-bibtex's directive is extended by one option, so a page chooses per list how it
is grouped: by type (one list per type, each with its own ``:filter:``, as the owner's page
does) or by year (one list with year headings).

A page of groups by type has a heading for every type one might publish; a bib file holds only
some. A section that holds nothing but bibliographies whose filters take none of the entries
(and comments) is left out when the page is read, so neither the page, its table of contents nor
the PDF has an empty heading. The page depends on its bib files, so it is read again when they change.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..compat import bibtex as compat
from ..domain import CVDomain
from ..nodes import cv_year_groups
from ..warnings import Subtype, warn

GROUPS = ("type", "year")


def grouped_directive() -> type[Any]:
    base = compat.bibliography_directive()

    class GroupedBibliography(base):  # type: ignore[misc, valid-type]
        """``bibliography`` and ``:group: year`` (or ``type``, the default: no headings)."""

        option_spec = {**base.option_spec, "group": directives.unchanged}

        def run(self) -> list[nodes.Node]:
            group = self.options.pop("group", "type").strip()
            if group not in GROUPS:
                warn(
                    f"bibliography: unknown :group: {group!r} (one of: {', '.join(GROUPS)})",
                    Subtype.PAGE_OPTION,
                    self.get_location(),
                )
            result: list[nodes.Node] = super().run()
            return [cv_year_groups(), *result] if group == "year" else result

    return GroupedBibliography


def add_group_option(app: Sphinx, config: Config) -> None:
    if compat.loaded(app):
        app.add_directive("bibliography", grouped_directive(), override=True)


class YearHeadings(SphinxPostTransform):
    """After sphinxcontrib-bibtex fills the list (priority 5): a heading before the first paper of
    each year."""

    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        domain: CVDomain = self.env.domains[CVDomain.name]  # type: ignore[assignment]
        entries = compat.entries(self.env)
        keys = dict((id(citation), key) for citation, key in domain.listed_papers(self.document))
        for marker in list(self.document.findall(cv_year_groups)):
            listing = marker.next_node(descend=False, siblings=True)
            marker.parent.remove(marker)
            if not isinstance(listing, nodes.Element):
                continue
            year = None
            for citation in list(listing.findall(nodes.citation)):
                key = keys.get(id(citation))
                found = entries[key].fields.get("year", "") if key in entries else ""
                if found and found != year:
                    year = found
                    heading = nodes.rubric(year, year, classes=["cv-year"])
                    citation.parent.insert(citation.parent.index(citation), heading)


class EmptyGroups(SphinxTransform):
    """Leave out each section that holds only bibliographies listing nothing, deepest first, before
    the table of contents is collected (``doctree-read``)."""

    default_priority = 850  # before Sphinx's DoctreeReadEvent (880)

    def apply(self, **kwargs: Any) -> None:
        if not compat.in_env(self.env):
            return
        empty = [node for node in compat.bibliographies(self.document) if not compat.may_list(self.env, node)]
        if not empty:
            return
        nothing = {id(node) for node in empty}
        for section in reversed(list(self.document.findall(nodes.section))):
            if section.parent is not None and all(_is_empty(child, nothing) for child in section.children[1:]):
                for node in section.findall(nodes.Element):
                    for node_id in node["ids"]:
                        self.document.ids.pop(node_id, None)
                section.parent.remove(section)


def _is_empty(node: nodes.Node, nothing: set[int]) -> bool:
    return id(node) in nothing or isinstance(node, nodes.comment)


def setup_groups(app: Sphinx) -> None:
    app.add_node(cv_year_groups)
    app.connect("config-inited", add_group_option)
    app.add_post_transform(YearHeadings)
    app.add_transform(EmptyGroups)
