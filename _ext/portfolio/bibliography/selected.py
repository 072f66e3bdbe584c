"""``selected-publications``: the papers marked as selected, as a short list.

A paper is selected by al-folio's field ``selected = {true}`` or by the keyword in its
``keywords`` (``keywords = {selected}``; ``:keyword:`` or ``portfolio_selected_keyword``). A list
that finds no paper warns (``portfolio.bib_selected``): the landing page would show an empty
heading. A second ``bibliography``
would cite each of them twice (a duplicate citation under ``-W``), so the directive only
marks the place, and ``FillSelected`` writes the list from the parsed bib data when the
page is written, like ``cv-latest``: newest first, each title linking to the paper in
the full list, the authors (the owner in bold), the venue and the year. The page is
rewritten whenever its list would change.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from pybtex.database import Entry
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ..compat import bibtex as compat
from ..config import portfolio_settings
from ..domain import CVDomain, cv_domain
from ..warnings import Subtype, warn
from .latex import plain
from .names import display_name, is_owner

#: the fields that name where a paper appeared, by preference
VENUE_FIELDS = (
    "journal",
    "journaltitle",
    "booktitle",
    "howpublished",
    "school",
    "institution",
    "publisher",
    "organization",
)


class cv_selected_publications(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """The place of a list; ``keyword`` ("" for the project's) and ``limit`` (None for all)."""


class SelectedPublicationsDirective(SphinxDirective):
    """``{selected-publications}`` with ``:keyword:`` and ``:limit:``."""

    option_spec = {"keyword": directives.unchanged, "limit": directives.nonnegative_int}

    def run(self) -> list[nodes.Node]:
        keyword = self.options.get("keyword", "").strip()
        node = cv_selected_publications(keyword=keyword, limit=self.options.get("limit"))
        self.set_source_info(node)
        lists = cv_domain(self.env).selected.setdefault(self.env.docname, [])
        lists.append((keyword, node["limit"], self.lineno))
        return [node]


def keyword_set(value: str) -> set[str]:
    """Keywords, comma or semicolon separated, case-folded."""
    return {k.strip().casefold() for k in value.replace(";", ",").split(",") if k.strip()}


def year(entry: Entry) -> int:
    value = entry.fields.get("year", "")
    return int(value) if value.isdigit() else 0


#: what al-folio's ``selected`` field holds for a selected paper
TRUE = frozenset({"true", "yes", "1"})


def is_selected(fields: Mapping[str, str], keyword: str, project_keyword: str) -> bool:
    """Marked with ``keyword`` in its keywords, or, for the project's own keyword, with al-folio's
    ``selected = {true}``."""
    wanted = keyword.strip().casefold()
    if wanted in keyword_set(fields.get("keywords", "")):
        return True
    return wanted == project_keyword.strip().casefold() and fields.get("selected", "").strip().casefold() in TRUE


def selected(env: BuildEnvironment, keyword: str, limit: int | None) -> list[tuple[str, Entry]]:
    """The entries marked with ``keyword``, newest year first, the bib file's order within a year."""
    project = portfolio_settings(env.config).selected_keyword
    found = [(key, entry) for key, entry in compat.entries(env).items() if is_selected(entry.fields, keyword, project)]
    found.sort(key=lambda item: -year(item[1]))
    return found if limit is None else found[:limit]


def venue(entry: Entry) -> str:
    name = next((entry.fields[f] for f in VENUE_FIELDS if entry.fields.get(f)), "")
    if not name and entry.fields.get("eprint"):
        return f"arXiv:{entry.fields['eprint']}"
    return plain(name) if name else ""


def item(key: str, entry: Entry, listed: bool) -> nodes.list_item:
    """ "Title. Authors (2023). *Venue*." with the title linked to the full list where it is there."""
    title = plain(entry.fields.get("title", "")) or key
    para = nodes.paragraph(classes=["cv-selected-paper"])
    if listed:
        para += pending_xref(
            "",
            nodes.inline(title, title),
            refdomain=CVDomain.name,
            reftype="paper",
            reftarget=key,
            refexplicit=True,
        )
    else:
        para += nodes.inline(title, title)
    para += nodes.Text(". ")
    people: list[nodes.Node] = []
    for person in entry.persons.get("author", []) or entry.persons.get("editor", []):
        name = display_name(person)
        people.append(nodes.strong(name, name) if is_owner(str(person)) else nodes.Text(name))
    for i, person_node in enumerate(people):
        para += [nodes.Text(", "), person_node] if i else [person_node]
    if entry.fields.get("year"):
        para += nodes.Text(f" ({entry.fields['year']})" if people else entry.fields["year"])
    if place := venue(entry):
        para += nodes.Text(". " if people or entry.fields.get("year") else "")
        para += nodes.emphasis(place, place)
    para += nodes.Text(".")
    return nodes.list_item("", para)


class FillSelected(SphinxPostTransform):
    """Replace each ``cv_selected_publications`` with its list; before references resolve (10)."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        papers = cv_domain(self.env).papers
        for node in list(self.document.findall(cv_selected_publications)):
            keyword = node["keyword"] or portfolio_settings(self.config).selected_keyword
            found = selected(self.env, keyword, node["limit"])
            items = nodes.bullet_list(classes=["cv-selected"])
            items.extend(item(key, entry, key in papers) for key, entry in found)
            node.replace_self(items if found else [])


def rewrite_changed(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages whose lists changed since they were written (a keyword, title, author or year in
    the bib file, or where the full list shows a paper): written again."""
    domain = cv_domain(env)
    papers = domain.papers
    signatures: dict[str, object] = {}
    project = portfolio_settings(app.config).selected_keyword
    for docname, lists in domain.selected.items():
        shown = []
        for keyword, limit, line in lists:
            found = selected(env, keyword or project, limit)
            if not found and compat.loaded(app):
                warn(
                    f"selected-publications lists no paper: no bib entry has selected = {{true}} or "
                    f"{keyword or project!r} in its keywords (mark your highlights, "
                    "or remove the list)",
                    Subtype.BIB_SELECTED,
                    (docname, line),
                )
            shown.append(
                [
                    (
                        key,
                        sorted(e.fields.items()),
                        [(role, [str(p) for p in ps]) for role, ps in e.persons.items()],
                        papers.get(key),
                    )
                    for key, e in found
                ]
            )
        signatures[docname] = shown
    old = domain.kept.selected_shown
    domain.kept.selected_shown = signatures
    return sorted(doc for doc, sig in signatures.items() if old.get(doc) != sig and doc in env.all_docs)


def setup_selected(app: Sphinx) -> None:
    """Each page's lists are in the ``cv`` domain's data; ``rewrite_changed`` runs in the pipeline."""
    app.add_node(cv_selected_publications)
    app.add_directive("selected-publications", SelectedPublicationsDirective)
    app.add_post_transform(FillSelected)
