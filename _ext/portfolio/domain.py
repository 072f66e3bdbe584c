"""The ``cv`` domain: where every entry is stored, found by reference and listed in objects.inv.

Entries are keyed by their content-derived id; the domain is rebuilt per
document (``clear_doc``) and merged from parallel readers, so an incremental or
``-j`` build holds exactly what a clean serial build holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
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
}


class CVObject(NamedTuple):
    """What the domain keeps of one entry."""

    kind: str
    anchor: str
    title: str
    docname: str
    lineno: int


class CVDomain(Domain):
    """Holds the entries of all documents; one role per kind links to them."""

    name = "cv"
    label = "CV"
    object_types = {kind: ObjType(label, kind) for kind, label in KINDS.items()}
    roles = {kind: XRefRole() for kind in KINDS}
    initial_data: dict[str, Any] = {"entries": {}}
    data_version = 1

    @property
    def entries(self) -> dict[str, CVObject]:
        return self.data.setdefault("entries", {})

    def note_entry(self, kind: str, anchor: str, title: str, location: tuple[str, int]) -> str:
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
        self.entries[final] = CVObject(kind, final, title, docname, lineno)
        return final

    def clear_doc(self, docname: str) -> None:
        for anchor, obj in list(self.entries.items()):
            if obj.docname == docname:
                del self.entries[anchor]

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for anchor, obj in otherdata["entries"].items():
            if obj.docname not in docnames:
                continue
            if (mine := self.entries.get(anchor)) is not None and mine.docname != obj.docname:
                warn(f"duplicate entry id {anchor!r} (also at {mine.docname}:{mine.lineno})",
                     "duplicate_id", (obj.docname, obj.lineno))
                continue
            self.entries[anchor] = obj

    def resolve_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder,
                     typ: str, target: str, node: pending_xref, contnode: Element) -> Element | None:
        obj = self.entries.get(target)
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
        return [(f"cv:{self.entries[target].kind}", found)]

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        for anchor, obj in sorted(self.entries.items()):
            yield anchor, obj.title, obj.kind, obj.docname, obj.anchor, 1


def setup_domain(app: Any) -> None:
    app.add_domain(CVDomain)
