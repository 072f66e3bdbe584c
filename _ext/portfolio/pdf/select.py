"""One variant's document: the assembled CV cut down to the pages, kinds and papers it asks for.

The builder assembles the whole CV once (every page inlined, references resolved); each variant
works on its own copy. What a variant leaves out takes its heading along: a section that held
entries or papers and holds none any more is left out, prose and all, and so is a section left
with nothing but its title. No PDF has an empty heading or bookmark.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from docutils import nodes
from sphinx import addnodes
from sphinx.environment import BuildEnvironment
from sphinx.util.tags import Tags

from ..bibliography.selected import is_selected
from ..compat import bibtex as compat
from ..config import portfolio_settings
from ..domain import cv_domain
from ..i18n import _
from ..nodes import cv_body, cv_entry, cv_header, cv_tag, cv_title, joined
from .settings import SELECTED, Variant

Report = Callable[[str, str], None]
"""``report(message, key)``: a warning about one of the variant's keys."""

_YEAR_RE = re.compile(r"\d{4}")
_LABEL_RE = re.compile(r"^(.*?)(\d+)$")
#: the heading over a selection of papers, in the build's language
SELECTED_TITLE = _("Selected publications")
#: a section whose title the variant's ``titles`` set: no default title replaces it
RETITLED = "portfolio_retitled"


class pdf_only(nodes.container):  # noqa: N801 (docutils naming)
    """An ``{only}`` block whose fate waits for a variant's tags (``expr`` holds its condition);
    Sphinx's own ``only`` would be decided by the builder's tags when references are resolved."""


class pdf_qualifiers(nodes.inline):  # noqa: N801
    """An entry drawn short (``"descriptions": False``): what qualifies its title, taken out of the
    body that is left out. Each child is one qualifier: a tag (a talk's kind) or a field declared to
    qualify ("finalist", "leading role", "summa cum laude"), as the page says it (translated)."""


def defer_only(tree: nodes.Node) -> None:
    for only in list(tree.findall(addnodes.only)):
        only.replace_self(pdf_only("", *only.children, expr=only["expr"]))


def decide_only(tree: nodes.Node, tags: Tags) -> list[nodes.Element]:
    """Keep or drop each ``{only}`` block; the parents of those dropped."""
    emptied: list[nodes.Element] = []
    for only in list(tree.findall(pdf_only)):
        try:
            keep = tags.eval_condition(only["expr"])
        except Exception:  # Sphinx warns about the expression where it builds; keep the content, as it does
            keep = True
        if keep:
            only.replace_self(only.children)
        else:
            emptied.append(_remove(only))
    return emptied


def _remove(node: nodes.Node) -> nodes.Element:
    parent = node.parent
    assert parent is not None
    parent.remove(node)
    return parent


def _root(doc: nodes.document) -> nodes.section | None:
    return doc.next_node(nodes.section)


class Pages:
    """Where a page or section named in ``conf.py`` is in the assembled document."""

    def __init__(self, doc: nodes.document, root_doc: str) -> None:
        self.root_doc = root_doc
        self.root = _root(doc)
        self.pages = {page["docname"]: page for page in doc.findall(addnodes.start_of_file)}
        if self.root is not None:
            _hoist_pages(self.root)
        children = [c for c in self.root.children if isinstance(c, nodes.Element)] if self.root is not None else []
        #: the profile card and the root page's title: the header of every PDF
        self.head = [c for c in children if isinstance(c, nodes.title) or _is_profile(c)]
        #: the root page's own content (a bio), without its header and the other pages
        self.own = [c for c in children if c not in self.head and not isinstance(c, addnodes.start_of_file)]

    def find(self, item: str) -> list[nodes.Element]:
        """ "sections/talks" (a page), "index#short-bio" (a section), "index" (the root page's own
        content); [] if there is no such thing."""
        docname, _, anchor = item.partition("#")
        if docname == self.root_doc:
            scope: list[nodes.Element] = list(self.own)
        elif docname in self.pages:
            scope = [self.pages[docname]]
        else:
            return []
        if not anchor:
            return scope
        for node in scope:
            for section in node.findall(nodes.section):
                if anchor in section["ids"]:
                    return [section]
        return []


def _hoist_pages(root: nodes.section) -> None:
    """The root page's toctree usually stands in its last section ("## Short bio"); its pages move
    out to follow that section, so the section can be chosen without them. The PDF reads the
    same: each page's headings start again at the top level."""
    for i, child in reversed(list(enumerate(root.children))):
        if isinstance(child, addnodes.start_of_file):
            continue
        inside = [page for page in child.findall(addnodes.start_of_file) if _outermost(page, child)]
        for page in inside:
            _remove(page)
        for wrapper in list(child.findall(nodes.compound)):  # the toctree's wrapper, now empty
            if not wrapper.children and wrapper.parent is not None:
                wrapper.parent.remove(wrapper)
        root[i + 1 : i + 1] = inside


def _outermost(page: nodes.Node, within: nodes.Node) -> bool:
    """No other page between ``page`` and ``within``."""
    node = page.parent
    while node is not None and node is not within:
        if isinstance(node, addnodes.start_of_file):
            return False
        node = node.parent
    return True


def _is_profile(node: nodes.Node) -> bool:
    return isinstance(node, cv_entry) and node["entry"].kind == "profile"


def arrange(doc: nodes.document, env: BuildEnvironment, variant: Variant, report: Report) -> list[nodes.Element]:
    """Pages and sections in the variant's order (or the toctree's, without ``cv-pdf: exclude``
    pages), then its exclusions and new titles; the parents of what was taken out."""
    where = Pages(doc, env.config.root_doc)
    emptied: list[nodes.Element] = []
    if where.root is None:
        return emptied
    if variant.sections:
        chosen: list[nodes.Element] = list(where.head)
        for item in variant.sections:
            found = where.find(item)
            if not found:
                report(f"{item!r} is neither a page of the PDF nor a section of one; left out", "sections")
            for node in found:
                if node.parent is not None and all(node is not c for c in chosen):
                    node.parent.remove(node)
                    chosen.append(node)
        for child in where.root.children:
            child.parent = None
        where.root.children = []
        where.root.extend(chosen)
    else:
        for docname, page in where.pages.items():
            if str(env.metadata.get(docname, {}).get("cv-pdf", "")).strip() == "exclude" and page.parent is not None:
                page.parent.remove(page)
    for item in variant.exclude:
        found = where.find(item)
        if not found:
            report(f"{item!r} is neither a page of the PDF nor a section of one; nothing to leave out", "exclude")
        emptied += [_remove(node) for node in found if node.parent is not None]
    for item, title in variant.titles:
        section = next((s for node in where.find(item) for s in node.findall(nodes.section)), None)
        if section is None or not section.children or not isinstance(section[0], nodes.title):
            report(f"{item!r} is neither a page of the PDF nor a section of one; its title is unchanged", "titles")
            continue
        section[0].children = []
        section[0] += nodes.Text(title)
        section[RETITLED] = True
    return emptied


def _year(fields: dict[str, str]) -> int:
    match = _YEAR_RE.search(fields.get("year", ""))
    return int(match.group()) if match else 0


def papers(doc: nodes.document, env: BuildEnvironment, variant: Variant, report: Report) -> list[nodes.Element]:
    """The variant's publications (all, selected, since a year, the newest N); the parents of the
    others, which are taken out."""
    domain = cv_domain(env)
    entries = compat.entries(env)
    listed = [
        (citation, dict(entries[key].fields) if key in entries else {}) for citation, key in domain.listed_papers(doc)
    ]
    keyword = portfolio_settings(env.config).selected_keyword
    chosen = [pair for pair in listed if variant.publications == "all" or is_selected(pair[1], keyword, keyword)]
    if variant.publications == SELECTED and listed and not chosen:
        report(
            f"publications: {SELECTED!r} keeps no paper: no bib entry has selected = {{true}} or {keyword!r} in its "
            "keywords (mark your highlights, or choose 'all')",
            "publications",
        )
    kept = [
        (citation, fields) for citation, fields in chosen if variant.since is None or _year(fields) >= variant.since
    ]
    if variant.limit is not None:  # the newest; the lists keep their order
        kept = sorted(kept, key=lambda pair: -_year(pair[1]))[: variant.limit]
    keep = {id(citation) for citation, _fields in kept}
    holders = _list_holders(doc, [citation for citation, _fields in listed]) if variant.publications == SELECTED else []
    before = {i: _label(citation) for citation, _fields in listed for i in citation["ids"]}
    removed = [_remove(citation) for citation, _fields in listed if id(citation) not in keep]
    if variant.publications == SELECTED:
        selection(holders, [citation for citation, _fields in kept])
    after = {i: _label(citation) for citation, _fields in kept for i in citation["ids"]}
    shorts = {paper.id: paper.short for paper in domain.papers.values()}
    for reference in list(doc.findall(nodes.reference)):
        paper = target(reference)
        if paper in before and reference.astext() == before[paper] and after.get(paper) != before[paper]:
            # "[J9]" in the bio: the paper's label in this PDF, or its author-year form where it is not listed
            reference.children = [nodes.Text(after.get(paper) or shorts.get(paper) or before[paper])]
    return removed


def _label(citation: nodes.Element) -> str:
    return citation[0].astext() if citation.children and isinstance(citation[0], nodes.label) else ""


def _list_holders(doc: nodes.document, citations: list[nodes.Element]) -> list[nodes.section]:
    """Per page, the section that holds all its publication lists ("Publications" over "Journal
    articles" and "Preprints"; the list's own section where a page has one list)."""
    root = _root(doc)
    pages: dict[int, list[list[nodes.section]]] = {}
    for citation in citations:
        chain = [s for s in reversed(list(_ancestors(citation))) if isinstance(s, nodes.section) and s is not root]
        if chain:
            pages.setdefault(id(chain[0]), []).append(chain)
    holders = []
    for chains in pages.values():
        common = [sections[0] for sections in zip(*chains, strict=False) if all(s is sections[0] for s in sections)]
        holders.append(common[-1])
    return holders


def selection(holders: list[nodes.section], kept: list[nodes.Element]) -> None:
    """A selection of papers reads as one: each list numbered on its own ([J1], [J2], ... where the
    full list has [J1], [J9], ...), and the section that holds a page's lists headed "Selected
    publications" (unless the variant's ``titles`` names it)."""
    lists: dict[int, list[nodes.Element]] = {}
    for citation in kept:
        lists.setdefault(id(citation.parent), []).append(citation)
    for citations in lists.values():
        for number, citation in enumerate(citations, start=1):
            if match := _LABEL_RE.match(_label(citation)):
                citation[0].children = [nodes.Text(f"{match.group(1)}{number}")]
    for section in holders:
        if section.get(RETITLED) or not section.children or not isinstance(section[0], nodes.title):
            continue
        section[0].children = []
        section[0] += nodes.Text(str(SELECTED_TITLE))
        section[RETITLED] = True


def entries(doc: nodes.document, variant: Variant) -> list[nodes.Element]:
    """The variant's kinds of card, in full or short; the parents of cards taken out."""
    lost: list[nodes.Element] = []
    for card in list(doc.findall(cv_entry)):
        if _is_profile(card):
            continue
        if variant.kinds is not None and card["entry"].kind not in variant.kinds:
            lost.append(_remove(card))
        elif not variant.descriptions:
            short_form(card)
    return lost


def short_form(card: cv_entry) -> None:
    """The card without its body (prose, details, links), but with what qualifies its title: its
    tags and the details whose field qualifies (``Field.qualifies``), beside the title. A fact such
    as "finalist" is part of the entry, however short it is drawn."""
    qualifiers: list[nodes.Node] = []
    for body in [c for c in card.children if isinstance(c, cv_body)]:
        qualifiers += [nodes.inline("", "", *tag.deepcopy().children) for tag in body.findall(cv_tag)]
        details = next(
            (c for c in body.children if isinstance(c, nodes.field_list) and "cv-details" in c["classes"]), None
        )
        fields = [f for f in details.children if isinstance(f, nodes.field)] if details is not None else []
        for detail, field in zip(card["entry"].details, fields, strict=False):
            if detail.qualifies and isinstance(field[-1], nodes.field_body):
                text = [child for para in field[-1].findall(nodes.paragraph) for child in para.children]
                qualifiers.append(nodes.inline("", "", *(child.deepcopy() for child in text)))
        card.remove(body)
    header = next((c for c in card.children if isinstance(c, cv_header)), None)
    if qualifiers and header is not None:
        title = next((i for i, c in enumerate(header.children) if isinstance(c, cv_title)), -1)
        header.insert(title + 1, pdf_qualifiers("", "", *qualifiers))


def prose(doc: nodes.document) -> None:
    """Only sections with entries or papers, and in the root page only its header."""
    root = _root(doc)
    for section in reversed(list(doc.findall(nodes.section))):
        if section is not root and _attached(section, doc) and not _holds_items(section):
            _remove(section)
    if root is not None:
        for child in list(root.children):
            if not isinstance(child, nodes.title | addnodes.start_of_file | nodes.section) and not _is_profile(child):
                if not _holds_items(child):
                    root.remove(child)


def _holds_items(node: nodes.Node) -> bool:
    return any(True for _ in node.findall(lambda n: isinstance(n, cv_entry | nodes.citation)))


def prune(doc: nodes.document, lost: Iterable[nodes.Element], emptied: Iterable[nodes.Element]) -> None:
    """Sections that lost entries or papers and hold none any more, and sections left with only
    their title, are left out (deepest first, so a page emptied that way goes too)."""
    root = _root(doc)

    def sections(parents: Iterable[nodes.Element]) -> dict[int, nodes.section]:
        found: dict[int, nodes.section] = {}
        for parent in parents:
            node: nodes.Node | None = parent
            while node is not None:
                if isinstance(node, nodes.section) and node is not root:
                    found[id(node)] = node
                node = node.parent
        return found

    def depth(node: nodes.Node) -> int:
        return sum(1 for _ in _ancestors(node))

    lost_sections = sections(lost)
    candidates = {**lost_sections, **sections(emptied)}
    for key, section in sorted(candidates.items(), key=lambda pair: -depth(pair[1])):
        if not _attached(section, doc):
            continue
        holds_items = _holds_items(section)
        title_only = all(isinstance(c, nodes.title) for c in section.children)
        if title_only or (key in lost_sections and not holds_items):
            section.parent.remove(section)


def _ancestors(node: nodes.Node) -> Iterable[nodes.Node]:
    while node.parent is not None:
        node = node.parent
        yield node


def _attached(node: nodes.Node, doc: nodes.document) -> bool:
    """Whether ``node`` is still in ``doc`` (a node taken out may keep its ``parent``)."""
    while node.parent is not None:
        if all(child is not node for child in node.parent.children):
            return False
        node = node.parent
    return node is doc


def target(reference: nodes.Element) -> str:
    """The id inside the document that a reference leads to; "" for an address elsewhere."""
    uri = reference.get("refuri", "")
    if reference.get("refid"):
        return str(reference["refid"])
    return uri.split("#", 1)[1] if "#" in uri and not uri.startswith(("http:", "https:", "mailto:")) else ""


def dangling_backlinks(doc: nodes.document) -> None:
    """A paper's "Software: Engine" where this PDF has no Engine card (a short CV, a publication
    list) points nowhere: those names are left out, and the label with the last of them."""
    ids = {i for node in doc.findall(nodes.Element) for i in node["ids"]}
    label = str(_("Software:"))
    for para in list(doc.findall(nodes.paragraph)):
        if "cv-software-links" not in para["classes"]:
            continue
        at = max(
            (i for i, c in enumerate(para.children) if isinstance(c, nodes.Text) and c.rstrip().endswith(label)),
            default=-1,
        )
        if at < 0:
            continue
        references = [c for c in para.children[at + 1 :] if isinstance(c, nodes.reference)]
        kept = [r for r in references if target(r) in ids]
        if len(kept) == len(references):
            continue
        start = para[at]
        del para[at:]
        if kept:
            para += start
            para.extend(joined(kept, ", "))


def select(tree: nodes.document, env: BuildEnvironment, variant: Variant, tags: Tags, report: Report) -> nodes.document:
    """A copy of the assembled CV with only what ``variant`` asks for."""
    doc = tree.deepcopy()
    emptied = decide_only(doc, Tags([*tags, *variant.tags]))
    emptied += arrange(doc, env, variant, report)
    lost = entries(doc, variant) + papers(doc, env, variant, report)
    prune(doc, lost, emptied)
    if not variant.prose:
        prose(doc)
    dangling_backlinks(doc)
    return doc
