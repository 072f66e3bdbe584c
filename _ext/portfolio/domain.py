"""The ``cv`` domain: where every entry is stored, found by reference and listed in objects.inv.

Entries are keyed by their content-derived id; the domain is rebuilt per
document (``clear_doc``) and merged from parallel readers, so an incremental or
``-j`` build holds exactly what a clean serial build holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Set
from functools import lru_cache
from typing import Any, NamedTuple

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from .warnings import warn

#: every kind of entry, with the label shown in objects.inv and search
KINDS: dict[str, str] = {
    "position": "Position",
    "education": "Education",
    "grant": "Funded project",
    "award": "Award",
    "talk": "Talk",
    "patent": "Patent",
    "skill": "Skill",
    "profile": "Profile",
    "software": "Software",
    "entry": "Entry",
    "paper": "Paper",
}


class CVObject(NamedTuple):
    """What the domain keeps of one entry."""

    kind: str
    anchor: str
    title: str
    docname: str
    lineno: int
    #: bib keys of the papers an entry (a software card) is described in
    papers: tuple[str, ...] = ()
    #: newest-first order, the dates as shown, and the organisation line, for listings
    sortkey: str = ""
    when: str = ""
    org: str = ""


class CVDomain(Domain):
    """Holds the entries of all documents; one role per kind links to them."""

    name = "cv"
    label = "CV"
    object_types = {kind: ObjType(label, kind) for kind, label in KINDS.items()}
    roles = {kind: XRefRole() for kind in KINDS}
    initial_data: dict[str, Any] = {"entries": {}, "papers": {}, "profiles": {}, "listings": {}}
    data_version = 1

    @property
    def entries(self) -> dict[str, CVObject]:
        return self.data.setdefault("entries", {})

    @property
    def papers(self) -> dict[str, CVObject]:
        """Papers by bib key; set whole after every read (``set_papers``), never per page."""
        return self.data.setdefault("papers", {})

    def listed_papers(self, document: nodes.document) -> Iterator[tuple[nodes.citation, str]]:
        """Each bibliography entry of a page with its bib key (found by its ``pub-<key>`` id)."""
        by_anchor = {paper.anchor: key for key, paper in self.papers.items()}
        for citation in document.findall(nodes.citation):
            if key := next((by_anchor[i] for i in citation["ids"] if i in by_anchor), None):
                yield citation, key

    def set_papers(self, found: dict[str, CVObject]) -> None:
        """Publish the papers, also as std labels ``paper-<key>``, replacing the last build's."""
        std = self.env.domains.standard_domain
        for key in self.papers:
            std.labels.pop(f"paper-{key}", None)
            std.anonlabels.pop(f"paper-{key}", None)
        self.data["papers"] = found
        for key, obj in found.items():
            std.labels[f"paper-{key}"] = (obj.docname, obj.anchor, obj.title)
            std.anonlabels[f"paper-{key}"] = (obj.docname, obj.anchor)

    def note_entry(self, kind: str, anchor: str, title: str, location: tuple[str, int],
                   **details: Any) -> str:
        """Store an entry and return its final id, unique across the project."""
        docname, lineno = location
        other = self.entries.get(anchor)
        if other is not None and other.docname != docname:
            warn(f"duplicate entry id {anchor!r} (also at {other.docname}:{other.lineno}); "
                 "give one of them a :name:", "duplicate_id", location)
            return anchor
        final, n = anchor, 1
        while final in self.entries:
            n += 1
            final = f"{anchor}-{n}"
        if n > 1:
            warn(f"duplicate entry id {anchor!r} on this page; this one is {final!r}",
                 "duplicate_id", location)
        self.entries[final] = CVObject(kind, final, title, docname, lineno, **details)
        self.env.domains.standard_domain.note_hyperlink_target(final, docname, final, title)
        return final

    @property
    def profiles(self) -> dict[str, dict[str, Any]]:
        """The person described on a page, by docname (for the page's JSON-LD)."""
        return self.data.setdefault("profiles", {})

    @property
    def listings(self) -> dict[str, list[str]]:
        """Pages that list entries of other pages (``cv-latest``), with the kinds they list."""
        return self.data.setdefault("listings", {})

    def clear_doc(self, docname: str) -> None:
        for anchor, obj in list(self.entries.items()):
            if obj.docname == docname:
                del self.entries[anchor]
        self.profiles.pop(docname, None)
        self.listings.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for name in ("profiles", "listings"):
            self.data.setdefault(name, {}).update(
                (doc, value) for doc, value in otherdata.get(name, {}).items() if doc in docnames)
        for anchor, obj in otherdata["entries"].items():
            if obj.docname not in docnames:
                continue
            if (mine := self.entries.get(anchor)) is not None and mine.docname != obj.docname:
                warn(f"duplicate entry id {anchor!r} (also at {mine.docname}:{mine.lineno})",
                     "duplicate_id", (obj.docname, obj.lineno))
                continue
            self.entries[anchor] = obj

    def find(self, target: str) -> CVObject | None:
        """An entry by id, or a paper by bib key."""
        return self.entries.get(target) or self.papers.get(target)

    def resolve_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder,
                     typ: str, target: str, node: pending_xref, contnode: Element) -> Element | None:
        obj = self.find(target)
        if obj is None or (typ != "any" and obj.kind != typ):
            return None
        if not node.get("refexplicit"):
            contnode = nodes.inline(obj.title, obj.title)
        return make_refnode(builder, fromdocname, obj.docname, obj.anchor, contnode, obj.title)

    def resolve_any_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder,
                         target: str, node: pending_xref, contnode: Element) -> list[tuple[str, Element]]:
        found = self.resolve_xref(env, fromdocname, builder, "any", target, node, contnode)
        if found is None:
            return []
        return [(f"cv:{self.find(target).kind}", found)]  # type: ignore[union-attr]

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        for name, obj in sorted({**self.papers, **self.entries}.items()):
            yield name, obj.title, obj.kind, obj.docname, obj.anchor, 1

    def software_for(self, key: str) -> list[CVObject]:
        """The software cards that name the paper ``key``, in a stable order."""
        return sorted((o for o in self.entries.values() if key in o.papers), key=lambda o: o.anchor)


@lru_cache(maxsize=65536)
def plain_title(latex: str) -> str:
    """A bib title without braces and LaTeX markup, for link texts and objects.inv."""
    from .bibliography.style import rich

    return rich(latex).render(_text_backend())


@lru_cache(maxsize=1)
def _text_backend() -> Any:
    """pybtex finds backends through entry points, milliseconds a lookup: once is enough."""
    from pybtex.plugin import find_plugin

    return find_plugin("pybtex.backends", "text")()


def rewrite_linked_pages(app: Any, env: BuildEnvironment) -> list[str]:
    """Pages that show links between papers and software cards are rewritten when those
    links change, even if the pages themselves were not edited."""
    domain = env.domains[CVDomain.name]
    links = sorted((key, o.anchor, o.title, o.docname) for o in domain.entries.values() for key in o.papers)
    titles = sorted((key, p.title, p.docname) for key, p in domain.papers.items())
    listed = sorted(o for o in domain.entries.values() if any(o.kind in kinds for kinds in domain.listings.values()))
    signature = repr((links, titles, listed))
    if domain.data.get("link_signature") == signature:
        return []
    domain.data["link_signature"] = signature
    pages = {p.docname for p in domain.papers.values()}
    pages |= {o.docname for o in domain.entries.values() if o.papers}
    pages |= set(domain.listings)
    return sorted(pages)


def setup_domain(app: Any) -> None:
    app.add_domain(CVDomain)
    app.connect("env-updated", rewrite_linked_pages, priority=700)
