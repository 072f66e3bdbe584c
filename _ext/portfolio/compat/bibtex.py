"""Every use of sphinxcontrib-bibtex's internals, in one place (with pybtex-docutils' tags).

sphinxcontrib-bibtex 2.x has no public API for its parsed data or its
citation records; when a release changes them, this module is what changes.
All functions are inert (empty results) where the extension is not loaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pybtex_docutils
from docutils import nodes
from pybtex.database import Entry
from pybtex.style import FormattedEntry
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

EXTENSION = "sphinxcontrib.bibtex"


def loaded(app: Sphinx) -> bool:
    return EXTENSION in app.extensions


def _domain(env: BuildEnvironment) -> Any:
    return env.domains.get("cite")


def in_env(env: BuildEnvironment) -> bool:
    """``loaded`` where only the environment is at hand (a transform)."""
    return _domain(env) is not None


def entries(env: BuildEnvironment) -> dict[str, Entry]:
    """The parsed entries of all bib files, by key (pybtex's ``BibliographyData.entries``)."""
    domain = _domain(env)
    return domain.bibdata.data.entries if domain is not None else {}


def bibfiles(env: BuildEnvironment) -> dict[Path, Any]:
    """The parsed bib files with their modification times (sphinxcontrib-bibtex's ``BibFile``)."""
    domain = _domain(env)
    return domain.bibdata.bibfiles if domain is not None else {}


def remove_entry(env: BuildEnvironment, key: str) -> None:
    """Forget an entry as if it were not in its bib file."""
    domain = _domain(env)
    domain.bibdata.data.entries.pop(key, None)
    for bibfile in domain.bibdata.bibfiles.values():
        bibfile.keys.pop(key, None)


def citations(env: BuildEnvironment) -> list[Any]:
    """One record per (bibliography, entry) shown, filled after all pages are read (``env-updated``)."""
    domain = _domain(env)
    return list(domain.citations) if domain is not None else []


def formatted(env: BuildEnvironment) -> dict[str, FormattedEntry]:
    """The formatted entry of every listed paper, by key."""
    return {citation.key: citation.formatted_entry for citation in citations(env)}


def rename_citations(env: BuildEnvironment, ids: dict[tuple[Any, str], str]) -> None:
    """Give citation records (and their bibliography's node) new ids; ``ids`` maps
    (bibliography key, entry key) -> id."""
    domain = _domain(env)
    updated = []
    for citation in domain.citations:
        if (new := ids.get((citation.bibliography_key, citation.key))) is not None:
            domain.bibliographies[citation.bibliography_key].citation_nodes[citation.key]["ids"] = [new]
            citation = citation._replace(citation_id=new)
        updated.append(citation)
    domain.data["citations"] = updated


def pages_with_citations(env: BuildEnvironment) -> set[str]:
    """The pages with a bibliography or a citation: what sphinxcontrib-bibtex formats entries for."""
    domain = _domain(env)
    if domain is None:
        return set()
    return {key.docname for key in domain.bibliographies} | {ref.docname for ref in domain.citation_refs}


def formatting_inputs(env: BuildEnvironment) -> list[Any]:
    """Besides those pages, what the formatted entries depend on: the bib files (their times) and
    the order of the pages (the first bibliography that lists a paper is where it is cited)."""
    from sphinxcontrib.bibtex.domain import get_docnames

    files = sorted((str(path), bibfile.mtime) for path, bibfile in bibfiles(env).items())
    return [files, list(get_docnames(env))]


def env_updated_handler(handler: Any) -> bool:
    """Whether an ``env-updated`` handler is sphinxcontrib-bibtex's, which formats every entry."""
    return getattr(handler, "__module__", None) == EXTENSION and getattr(handler, "__name__", None) == "env_updated"


def has_env_updated_handler() -> bool:
    """Whether the installed sphinxcontrib-bibtex formats every entry in that handler, and keeps
    what ``pages_with_citations`` and ``formatting_inputs`` read."""
    import sphinxcontrib.bibtex
    from sphinxcontrib.bibtex import domain

    kept = ("bibliographies", "citations", "citation_refs")
    handler = getattr(sphinxcontrib.bibtex, "env_updated", None)
    return (
        env_updated_handler(handler)
        and all(isinstance(getattr(domain.BibtexDomain, name, None), property) for name in kept)
        and callable(getattr(domain, "get_docnames", None))
    )


def docname(citation: Any) -> str:
    return citation.bibliography_key.docname


def empty_citation_nodes(env: BuildEnvironment) -> None:
    """sphinxcontrib-bibtex fills the citation nodes kept in its domain on every resolve;
    a second resolve in one process (the PDF after the website) must start from empty ones."""
    domain = _domain(env)
    for bibliography in getattr(domain, "bibliographies", {}).values():
        for citation in bibliography.citation_nodes.values():
            citation.children = []


#: set on pybtex's parsed data once it is checked; the data is cached (and pickled) between builds
_CHECKED = "_portfolio_checked"


def needs_check(env: BuildEnvironment) -> bool:
    """True for data that sphinxcontrib-bibtex parsed in this build (not from its cache)."""
    domain = _domain(env)
    return domain is not None and not getattr(domain.bibdata.data, _CHECKED, False)


def mark_checked(env: BuildEnvironment) -> None:
    setattr(_domain(env).bibdata.data, _CHECKED, True)


#: set on pybtex's parsed data when it is checked: where each entry is written ("path:line")
_LOCATIONS = "_portfolio_locations"


def set_locations(env: BuildEnvironment, where: dict[str, str]) -> None:
    setattr(_domain(env).bibdata.data, _LOCATIONS, where)


def locations(env: BuildEnvironment) -> dict[str, str]:
    """Where each entry of the parsed data is written, by key: for warnings after the check."""
    domain = _domain(env)
    found: dict[str, str] = getattr(domain.bibdata.data, _LOCATIONS, {}) if domain is not None else {}
    return found


def register_tags(tags: Mapping[str, type[nodes.TextElement]]) -> None:
    """Let pybtex styles mark parts of an entry (``Tag("cv-pub-title", ...)``) as our own nodes:
    pybtex-docutils' backend, which sphinxcontrib-bibtex uses, maps tag names to node classes."""
    pybtex_docutils.Backend.tags.update(tags)


def bibliographies(document: nodes.document) -> list[nodes.Element]:
    """The ``bibliography`` nodes of a page read just now (before sphinxcontrib-bibtex fills them)."""
    from sphinxcontrib.bibtex.nodes import bibliography

    return list(document.findall(bibliography))


def may_list(env: BuildEnvironment, node: nodes.Element) -> bool:
    """Whether a bibliography could list an entry of its bib files: it names keys, or its ``:filter:``
    takes an entry whether that entry is cited or not (which is known only after every page is read)."""
    from sphinxcontrib.bibtex.directives import BibliographyKey
    from sphinxcontrib.bibtex.domain import _FilterVisitor

    domain = _domain(env)
    value = domain.bibliographies.get(BibliographyKey(docname=node["docname"], id_=node["ids"][0]))
    if value is None or value.keys:
        return True
    for entry in domain.get_entries(value.bibfiles):
        for cited in (frozenset(), frozenset({node["docname"]})):
            try:
                if _FilterVisitor(entry=entry, docname=node["docname"], cited_docnames=cited).visit(value.filter_):
                    return True
            except ValueError:  # sphinxcontrib-bibtex warns about the filter itself
                return True
    return False


def bibliography_directive() -> type[Any]:
    """sphinxcontrib-bibtex's ``bibliography`` directive, to extend with options of our own."""
    from sphinxcontrib.bibtex.directives import BibliographyDirective

    return BibliographyDirective
