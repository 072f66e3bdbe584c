"""For other projects' authors: ``cv-inventory`` (a table of every name they can link to, with
its title, and a filter box) and ``cv-files`` (the files the site publishes for them).

Both are drawn when the page is written: the names come from every page, and the table's
page is rewritten whenever one of them changes (the domain's listings).
"""

from __future__ import annotations

from html import escape
from typing import Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri
from sphinx.writers.html5 import HTML5Translator

from ..domain import CVDomain, cv_domain
from ..i18n import _
from ..interop.jsonresume import FILENAME as RESUME
from ..nodes import cv_files, cv_inventory, cv_table_filter
from ..records import KINDS
from .bibfiles import ALL_PAPERS

#: what each published file is, in the build's language
FILES = {
    "bib": _("every paper, as BibTeX"),
    "resume": _("the CV in the JSON Resume format"),
    "inventory": _("the names other projects link to (Sphinx's inventory)"),
}
#: every kind of entry, in the listing's sense (``domain.listings``)
ALL = "*"


class InventoryDirective(SphinxDirective):
    """``{cv-inventory}``: the table of names."""

    def run(self) -> list[nodes.Node]:
        domain = cv_domain(self.env)
        domain.listings.setdefault(self.env.docname, []).append(ALL)
        filter_box = cv_table_filter(label=str(_("Filter the names")))
        node = cv_inventory()
        self.set_source_info(node)
        return [filter_box, node]


class FilesDirective(SphinxDirective):
    """``{cv-files}``: links to ``refs.bib``, ``resume.json`` and ``objects.inv``."""

    def run(self) -> list[nodes.Node]:
        node = cv_files()
        self.set_source_info(node)
        return [node]


def row(*cells: nodes.Node) -> nodes.row:
    return nodes.row("", *(nodes.entry("", nodes.paragraph("", "", cell)) for cell in cells))


def xref(kind: str, target: str, title: str) -> pending_xref:
    return pending_xref(
        "", nodes.inline(title, title), refdomain=CVDomain.name, reftype=kind, reftarget=target, refexplicit=True
    )


class FillInventory(SphinxPostTransform):
    """Every std label the site publishes: entries by id, papers as ``paper-<key>`` and ``cite-<key>``."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        domain = cv_domain(self.env)
        for node in list(self.document.findall(cv_inventory)):
            names = [(f"paper-{key.lower()}", "paper", key, p.title) for key, p in domain.papers.items()]
            names += [(f"cite-{key.lower()}", "paper", key, p.short) for key, p in domain.papers.items()]
            names += [(i, e.kind, i, e.title) for i, e in domain.by_id().items()]
            body = nodes.tbody()
            for name, kind, target, title in sorted(names):
                body += row(nodes.literal("", name), nodes.Text(str(KINDS[kind])), xref(kind, target, title))
            group = nodes.tgroup("", *(nodes.colspec(colwidth=w) for w in (35, 15, 50)), cols=3)
            group += nodes.thead("", row(nodes.Text(_("Name")), nodes.Text(_("What")), nodes.Text(_("Link text"))))
            group += body
            node.replace_self(nodes.table("", group, classes=["cv-inventory"]))


def visit_table_filter(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(f'<div class="cv-table-filter" data-cv-table-filter="{escape(node["label"])}"></div>\n')
    raise nodes.SkipNode


def visit_files(self: HTML5Translator, node: nodes.Element) -> None:
    """Links from wherever the page is to the files in the site's root."""
    here = self.builder.get_target_uri(self.builder.current_docname)
    items = [
        (ALL_PAPERS, FILES["bib"]),
        (RESUME, FILES["resume"]),
        ("objects.inv", FILES["inventory"]),
    ]
    self.body.append('<ul class="cv-files">\n')
    for filename, what in items:
        href = escape(relative_uri(here, filename))
        self.body.append(
            f'<li><a class="reference" href="{href}"><code>{filename}</code></a>: {escape(str(what))}</li>\n'
        )
    self.body.append("</ul>\n")
    raise nodes.SkipNode


def setup_linking(app: Sphinx) -> None:
    app.add_node(cv_inventory)
    app.add_node(cv_table_filter, html=(visit_table_filter, None))
    app.add_node(cv_files, html=(visit_files, None))
    app.add_directive("cv-inventory", InventoryDirective)
    app.add_directive("cv-files", FilesDirective)
    app.add_post_transform(FillInventory)
