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

PREFIX = "pub-"


def paper_id(key: str) -> str:
    return nodes.make_id(PREFIX + key)


def default_ids(app: Sphinx, config: Config) -> None:
    """Unique provisional ids per bibliography, stable bibliography ids (not ``idN``)."""
    if not config.bibtex_cite_id:
        config.bibtex_cite_id = "pub-{bibliography_count}-{key}"
    if not config.bibtex_bibliography_id:
        config.bibtex_bibliography_id = "bibliography-{bibliography_count}"


def canonical_ids(app: Sphinx, env: BuildEnvironment) -> Iterable[str]:
    """Give the first bibliography that shows a paper the id ``pub-<key>``."""
    domain = env.get_domain("cite")
    taken: set[str] = set()
    updated = []
    for citation in domain.citations:  # type: ignore[attr-defined]
        target = paper_id(citation.key)
        if target not in taken:
            taken.add(target)
            domain.bibliographies[citation.bibliography_key].citation_nodes[citation.key]["ids"] = [target]  # type: ignore[attr-defined]
            citation = citation._replace(citation_id=target)
        updated.append(citation)
    domain.data["citations"] = updated
    return []
