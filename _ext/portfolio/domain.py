"""The ``cv`` domain: where every entry's record is stored, found by reference and listed in
objects.inv.

Records are kept per document (``clear_doc``) and merged from parallel readers,
so an incremental or ``-j`` build holds exactly what a clean serial build holds.
Two entries may claim one id on different pages: both are kept, the first (by
page name) is the one an id finds, and the labels other projects see are
published anew after every read, so removing one page never loses the other.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Set
from typing import Any

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from .compat.sphinx import remove_label, set_label
from .records import KINDS, Entry, Paper
from .warnings import Subtype, warn

#: data of the domain, each a dict keyed so that ``clear_doc`` and merging stay simple
_DATA = ("entries", "papers", "listings", "references", "published", "signatures")


class CVDomain(Domain):
    """Holds the entries of all documents; one role per kind links to them."""

    name = "cv"
    label = "CV"
    object_types = {kind: ObjType(label, kind) for kind, label in KINDS.items()}
    roles = {kind: XRefRole() for kind in KINDS}
    initial_data = {name: {} for name in _DATA}
    data_version = 2

    # -- stored data -----------------------------------------------------------------

    @property
    def entries(self) -> dict[tuple[str, str], Entry]:
        """Every entry by (docname, id); two pages may hold the same id."""
        return self.data.setdefault("entries", {})

    @property
    def papers(self) -> dict[str, Paper]:
        """Papers by bib key; set whole after every read (``set_papers``), never per page."""
        return self.data.setdefault("papers", {})

    @property
    def listings(self) -> dict[str, list[str]]:
        """Pages that list entries of other pages (``cv-latest``), with the kinds they list
        (``"*"``: every entry and paper, for ``cv-inventory``)."""
        return self.data.setdefault("listings", {})

    @property
    def references(self) -> dict[str, list[str]]:
        """The ``{cv:*}`` targets each page refers to: it is rewritten when one of them changes."""
        return self.data.setdefault("references", {})

    def by_id(self) -> dict[str, Entry]:
        """Each id's entry: the first by page name and line where two pages claim it. Derived
        from ``entries`` and cached until they change (references resolve through it)."""
        if getattr(self, "_by_id", None) is None:
            found: dict[str, Entry] = {}
            for (_, entry_id), entry in sorted(self.entries.items(), key=lambda item: (item[0], item[1].lineno)):
                found.setdefault(entry_id, entry)
            self._by_id: dict[str, Entry] | None = found
        return self._by_id  # type: ignore[return-value]

    def _changed(self) -> None:
        self._by_id = None
        self._by_page: dict[str, list[Entry]] | None = None

    def of_kind(self, kind: str) -> list[Entry]:
        return [entry for entry in self.by_id().values() if entry.kind == kind]

    def on_page(self, docname: str) -> list[Entry]:
        """A page's entries in source order; every page is asked (its meta tags), so the pages'
        lists are made once, like ``by_id``, not by a walk over every entry for each page."""
        if getattr(self, "_by_page", None) is None:
            pages: dict[str, list[Entry]] = {}
            for (doc, _), entry in self.entries.items():
                pages.setdefault(doc, []).append(entry)
            self._by_page = {doc: sorted(found, key=lambda e: e.lineno) for doc, found in pages.items()}
        return list(self._by_page.get(docname, []))  # type: ignore[union-attr]

    def listed_papers(self, document: nodes.document) -> Iterator[tuple[nodes.citation, str]]:
        """Each bibliography entry of a page with its bib key (found by its ``paper-<key>`` id)."""
        by_anchor = {paper.id: key for key, paper in self.papers.items()}
        for citation in document.findall(nodes.citation):
            if key := next((by_anchor[i] for i in citation["ids"] if i in by_anchor), None):
                yield citation, key

    def software_for(self, key: str) -> list[Entry]:
        """The software cards that name the paper ``key``, in a stable order."""
        return sorted((e for e in self.by_id().values() if key in e.papers), key=lambda e: e.id)

    # -- filling it --------------------------------------------------------------------

    def claim_id(self, wanted: str, location: tuple[str, int]) -> str:
        """An id for a new entry of this page: ``wanted``, or ``wanted-2``... where the page
        already has it (with a warning)."""
        docname = location[0]
        final, n = wanted, 1
        while (docname, final) in self.entries:
            n += 1
            final = f"{wanted}-{n}"
        if n > 1:
            warn(f"duplicate entry id {wanted!r} on this page; this one is {final!r}", Subtype.DUPLICATE_ID, location)
        return final

    def note_entry(self, entry: Entry) -> None:
        self.entries[entry.docname, entry.id] = entry
        self._changed()

    def set_papers(self, found: dict[str, Paper]) -> None:
        self.data["papers"] = found

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        """Remember which entries the page refers to."""
        targets = {node["reftarget"] for node in document.findall(pending_xref) if node.get("refdomain") == self.name}
        if targets:
            self.references[docname] = sorted(targets)

    def clear_doc(self, docname: str) -> None:
        for key in [key for key in self.entries if key[0] == docname]:
            del self.entries[key]
        self._changed()
        self.listings.pop(docname, None)
        self.references.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self.entries.update((key, entry) for key, entry in otherdata["entries"].items() if key[0] in docnames)
        self._changed()
        for name in ("listings", "references"):
            self.data.setdefault(name, {}).update(
                (doc, value) for doc, value in otherdata.get(name, {}).items() if doc in docnames
            )

    def check_consistency(self) -> None:
        """Two pages with one id: the first keeps it, the other is warned about."""
        first = self.by_id()
        for (docname, entry_id), entry in sorted(self.entries.items()):
            if first[entry_id] is not entry:
                other = first[entry_id]
                warn(
                    f"duplicate entry id {entry_id!r} (also at {other.docname}:{other.lineno}); "
                    "give one of them a :name:",
                    Subtype.DUPLICATE_ID,
                    (docname, entry.lineno),
                )

    # -- finding it --------------------------------------------------------------------

    def find(self, target: str) -> tuple[str, str, str, str] | None:
        """(kind, docname, anchor, title) of an entry by id, or of a paper by bib key."""
        if (entry := self.by_id().get(target)) is not None:
            return entry.kind, entry.docname, entry.id, entry.title
        if (paper := self.papers.get(target)) is not None:
            return "paper", paper.docname, paper.id, paper.title
        return None

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        found = self.find(target)
        if found is None or (typ != "any" and found[0] != typ):
            return None
        _, docname, anchor, title = found
        if not node.get("refexplicit"):
            contnode = nodes.inline(title, title)
        return make_refnode(builder, fromdocname, docname, anchor, contnode, title)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        found = self.resolve_xref(env, fromdocname, builder, "any", target, node, contnode)
        return [] if found is None else [(f"{self.name}:{self.find(target)[0]}", found)]  # type: ignore[index]

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        """For the site's search: each entry and paper as ``<kind>:<id>``, a name apart from the
        std labels other projects link to (``publish_labels``), so that no name is in objects.inv
        twice and each search result lands on its card or paper page."""
        for key, paper in sorted(self.papers.items()):  # in the list: Sphinx's search knows documents only
            yield f"paper:{key}", paper.title, "paper", paper.docname, paper.id, 1
        for entry_id, entry in sorted(self.by_id().items()):
            yield f"{entry.kind}:{entry_id}", entry.title, entry.kind, entry.docname, entry.id, 1


def publish_labels(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After every read: the std labels of all entries and papers, which other projects link to,
    replace the last build's, so they always match the stored records. A paper has two: its
    title (``paper-<key>``) and its author-year form (``cite-<key>``), both leading to its own
    page where the build writes one."""
    domain: CVDomain = env.domains[CVDomain.name]  # type: ignore[assignment]
    std = env.domains.standard_domain
    for name in domain.data.get("published", {}):
        remove_label(std, name)
    published = {entry_id: (e.docname, e.id, e.title) for entry_id, e in domain.by_id().items()}
    for key, paper in domain.papers.items():  # lower case, as Sphinx's labels are and :ref: looks them up
        published[f"paper-{key.lower()}"] = (paper.page or paper.docname, paper.id, paper.title)
        published[f"cite-{key.lower()}"] = (paper.page or paper.docname, paper.id, paper.short)
    for name, (docname, anchor, title) in published.items():
        set_label(std, name, docname, anchor, title)
    domain.data["published"] = published
    return []


def rewrite_linked_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages that show other pages' entries are rewritten when those entries change, even if
    the pages themselves were not edited: a ``{cv:*}`` reference (its text is the title), a
    listing (``cv-latest``), a paper linked to its software and back."""
    domain: CVDomain = env.domains[CVDomain.name]  # type: ignore[assignment]
    by_id = domain.by_id()

    def describe(target: str) -> object:
        return domain.find(target)

    signatures: dict[str, object] = {}
    for docname, targets in domain.references.items():
        signatures[docname] = [describe(t) for t in targets]
    papers = sorted((key, p.title, p.short, p.docname) for key, p in domain.papers.items())
    for docname, kinds in domain.listings.items():
        everything = "*" in kinds
        listed = sorted(
            (e.sortkey, e.id, e.title, e.docname, e.orgs, e.when)
            for e in by_id.values()
            if everything or e.kind in kinds
        )
        signatures[docname] = (signatures.get(docname), listed, papers if everything else None)
    links = sorted((key, e.id, e.title, e.docname) for e in by_id.values() for key in e.papers)
    for docname in sorted({paper.docname for paper in domain.papers.values()}):  # once a page, however many papers
        signatures[docname] = (signatures.get(docname), links)
    old = domain.data.get("signatures", {})
    domain.data["signatures"] = signatures
    return sorted(doc for doc, signature in signatures.items() if old.get(doc) != signature and doc in env.all_docs)


def setup_domain(app: Sphinx) -> None:
    app.add_domain(CVDomain)
    app.connect("env-updated", publish_labels, priority=650)
    app.connect("env-updated", rewrite_linked_pages, priority=700)
