"""Stable publication ids: ``pub-<bibkey>`` whichever bibliography lists the paper.

sphinxcontrib-bibtex makes one citation node per entry for *every*
bibliography directive, so ``bibtex_cite_id`` alone cannot name a paper once
per page; after it has matched citations to bibliographies (``env-updated``),
the bibliography that shows a paper gets the canonical id, and citing roles
point to it.
"""

from __future__ import annotations

from collections.abc import Iterable

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from ..domain import CVDomain, CVObject, plain_title

PREFIX = "pub-"


def paper_id(key: str) -> str:
    return nodes.make_id(PREFIX + key)


def default_ids(app: Sphinx, config: Config) -> None:
    """Unique provisional ids per bibliography, stable bibliography ids (not ``idN``)."""
    if not config.bibtex_cite_id:
        config.bibtex_cite_id = PREFIX + "{bibliography_count}-{key}"
    if not config.bibtex_bibliography_id:
        config.bibtex_bibliography_id = "bibliography-{bibliography_count}"


def canonical_ids(app: Sphinx, env: BuildEnvironment) -> Iterable[str]:
    """Give the first bibliography that shows a paper the id ``pub-<key>``; publish the papers."""
    domain = env.get_domain("cite")
    found: dict[str, CVObject] = {}
    updated = []
    for citation in domain.citations:  # type: ignore[attr-defined]
        if citation.key not in found:
            target = paper_id(citation.key)
            domain.bibliographies[citation.bibliography_key].citation_nodes[citation.key]["ids"] = [target]  # type: ignore[attr-defined]
            citation = citation._replace(citation_id=target)
            title = plain_title(citation.entry.fields.get("title", citation.key))
            found[citation.key] = CVObject("paper", target, title, citation.bibliography_key.docname, 0)
        updated.append(citation)
    domain.data["citations"] = updated
    env.domains[CVDomain.name].set_papers(found)  # type: ignore[attr-defined]
    return []
