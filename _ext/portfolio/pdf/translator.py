"""Doctree to Typst markup.

All user text goes through ``typst_markup()`` (every character with a meaning in
Typst markup is backslash-escaped) or ``typst_string()`` (a Typst string literal),
so a title with ``#``, ``$``, ``*``, ``//`` or ``]`` prints as written and can
never run Typst code. A node this module does not know is written as its
plain text, with one warning per node type: the PDF always compiles.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from docutils import nodes
from sphinx.locale import admonitionlabels
from sphinx.util.docutils import SphinxTranslator

from ..dates import format_date
from ..i18n import _
from ..nodes import cv_email, cv_entry, cv_meta, cv_org, cv_orgs, cv_sep
from ..records import Entry
from ..text import same_name, typst_markup, typst_string
from ..untrusted import inside, is_image_file
from ..warnings import Subtype, warn
from .select import target

_LABEL_RE = re.compile(r"^[A-Za-z0-9_\-.:]+$")
_LANGUAGE_RE = re.compile(r"^[a-z]{2,3}$")
#: blocks that Typst nests (each a function call with show rules); it stops at some depth
NESTING = (
    nodes.block_quote,
    nodes.bullet_list,
    nodes.enumerated_list,
    nodes.definition_list,
    nodes.topic,
    nodes.sidebar,
    nodes.Admonition,
    nodes.table,
    nodes.field_list,
    nodes.figure,
)
MAX_DEPTH = 8
#: a section's lead (see ``lead``) that is kept with its first entry: a few lines at most
LEAD_LENGTH = 400
#: what ends a sentence already, so that a separator's full stop after it would double it
ENDINGS = (".", "!", "?", "…")
#: a profile's former name beside the name, in the build's language
FORMERLY = _("formerly {name}")
ADMONITIONS = ("attention", "caution", "danger", "error", "hint", "important", "note", "tip", "warning")


def short_address(uri: str) -> str:
    """ "https://www.github.com/user/" -> "github.com/user": an address as printed on paper."""
    return uri.split("://", 1)[-1].removeprefix("www.").rstrip("/")


def paper_address(uri: str) -> str:
    """A publication's link as printed on paper: "doi:10.1371/...", "arXiv:2106.13200", or the
    short address ("github.com/user/repo")."""
    address = short_address(uri)
    for host, prefix in (("doi.org/", "doi:"), ("dx.doi.org/", "doi:"), ("arxiv.org/abs/", "arXiv:")):
        if address.startswith(host):
            return prefix + unquote(address.removeprefix(host))
    return address


def language(node: nodes.Element) -> str:
    """The language a node's ``language-<code>`` class names ("en"), or ""."""
    classes: list[str] = node.get("classes", [])
    code = next((c.removeprefix("language-") for c in classes if c.startswith("language-")), "")
    return code if _LANGUAGE_RE.match(code) else ""


def _holds_items(node: nodes.Node) -> bool:
    return isinstance(node, cv_entry | nodes.citation) or any(
        True for _ in node.findall(lambda n: isinstance(n, cv_entry | nodes.citation))
    )


def lead(section: nodes.section) -> list[nodes.paragraph]:
    """The short paragraphs between a section's title and its first entry or paper ("Talks and
    lectures, most recent first."): they belong to what follows, so they stay on its page, with the
    heading. None where no entry follows (a bio) or where they are longer than a few lines."""
    children = [c for c in section.children if not isinstance(c, nodes.title | nodes.target | nodes.comment)]
    paragraphs: list[nodes.paragraph] = []
    for child in children:
        if not isinstance(child, nodes.paragraph) or _holds_items(child):
            break
        paragraphs.append(child)
    rest = children[len(paragraphs) :]
    if not any(_holds_items(child) for child in rest) or sum(len(p.astext()) for p in paragraphs) > LEAD_LENGTH:
        return []
    return paragraphs


def _wrap(open_: str, close: str = "];", strip: bool = False) -> tuple[Callable[..., None], Callable[..., None]]:
    """A visitor pair that puts a node's content inside Typst markup; ``strip`` drops the
    paragraph break its last paragraph left (inside list items, cells, terms)."""

    def visit(self: TypstTranslator, node: nodes.Node) -> None:
        self.body.append(open_)

    def depart(self: TypstTranslator, node: nodes.Node) -> None:
        if strip:
            self.strip_trailing()
        self.body.append(close)

    return visit, depart


def _argument(name: str) -> tuple[Callable[..., None], Callable[..., None]]:
    """The visitor pair of a part of a card's meta line: an argument of its own, or inline in a
    profile's role line."""

    def visit(self: TypstTranslator, node: nodes.Node) -> None:
        if not self.profile:
            self.body.append(f"{name}: [")

    def depart(self: TypstTranslator, node: nodes.Node) -> None:
        if not self.profile:
            self.body.append("], ")

    return visit, depart


class TypstTranslator(SphinxTranslator):
    """Writes ``self.body``; the builder wraps it in the template."""

    def __init__(
        self, document: nodes.document, builder: Any, labels: set[str], images: bool = True, date_format: str = "short"
    ) -> None:
        super().__init__(document, builder)
        self.date_format = date_format  # "short", "long", "numeric" or "iso"
        self.headings: list[str] = []  # the titles of the enclosing sections, innermost last
        self.entry: Entry | None = None  # the record of the card being written
        self.citations = 0  # inside a bibliography entry: links print their address
        self.body: list[str] = []
        self.labels = labels  # ids that exist in the output, the only valid link targets
        self.images = images  # False after Typst refused the CV once: images are what it cannot check
        self.depth = 0  # nesting of blocks, which Typst limits
        self.profile = False  # inside a profile card: its meta line is the role line
        self.section_level = 0
        self.levels: list[int] = []
        self.warned: set[str] = set()
        self.tables: list[dict[str, Any]] = []
        self.leads: set[int] = set()  # the paragraphs that lead to a section's first entry (``lead``)

    def astext(self) -> str:
        return "".join(self.body)

    def render(self, node: nodes.Node) -> str:
        """Typst for the children of ``node``, written aside (for function arguments)."""
        saved, self.body = self.body, []
        for child in node.children:
            child.walkabout(self)
        result, self.body = "".join(self.body).strip(), saved
        return result

    def anchor(self, node: nodes.Element) -> None:
        """Make the node's ids link targets."""
        ids: list[str] = node.get("ids", [])
        for node_id in ids:
            if _LABEL_RE.match(node_id):
                self.body.append(f"#metadata(none)<{node_id}>")

    # -- fallback ------------------------------------------------------------------------

    def unknown_visit(self, node: nodes.Node) -> None:
        name = node.__class__.__name__
        if name not in self.warned:
            self.warned.add(name)
            warn(f"the PDF has no layout for {name!r} nodes; writing their text", Subtype.PDF_NODE, node)
        self.body.append(typst_markup(node.astext()))
        raise nodes.SkipNode

    def unknown_departure(self, node: nodes.Node) -> None:
        pass

    def _skip(self, node: nodes.Node) -> None:
        raise nodes.SkipNode

    def _through(self, node: nodes.Node) -> None:
        pass

    visit_comment = visit_raw = visit_substitution_definition = visit_index = _skip
    visit_meta = visit_pending_xref = visit_toctree = visit_system_message = _skip
    visit_docinfo = visit_problematic = _skip
    visit_document = visit_container = visit_compound = _through
    visit_title_reference = visit_abbreviation = _through
    visit_number_reference = visit_citation_reference = visit_generated = _through
    depart_document = depart_container = depart_compound = _through

    def visit_inline(self, node: nodes.Element) -> None:
        """Text in another language than the page's (``language-en``, see ``foreign.py``): set in
        it, for its hyphenation and the PDF's tags."""
        if code := language(node):
            self.body.append(f"#text(lang: {typst_string(code)})[")

    def depart_inline(self, node: nodes.Element) -> None:
        if language(node):
            self.body.append("];")

    depart_title_reference = depart_abbreviation = _through
    depart_number_reference = depart_citation_reference = depart_generated = _through

    def visit_Text(self, node: nodes.Text) -> None:  # noqa: N802 (docutils naming)
        self.body.append(typst_markup(node.astext()))

    def depart_Text(self, node: nodes.Text) -> None:  # noqa: N802
        pass

    # -- structure -----------------------------------------------------------------------

    def visit_start_of_file(self, node: nodes.Element) -> None:
        """An included page: its title is a top-level heading wherever its toctree stood."""
        self.levels.append(self.section_level)
        self.section_level = 1

    def depart_start_of_file(self, node: nodes.Element) -> None:
        self.section_level = self.levels.pop()

    def visit_section(self, node: nodes.section) -> None:
        self.section_level += 1
        self.headings.append(node[0].astext() if node.children and isinstance(node[0], nodes.title) else "")
        self.leads |= {id(paragraph) for paragraph in lead(node)}
        self.anchor(node)

    def depart_section(self, node: nodes.section) -> None:
        self.section_level -= 1
        self.headings.pop()

    def visit_title(self, node: nodes.title) -> None:
        if isinstance(node.parent, nodes.Admonition):  # written by visit_admonition
            raise nodes.SkipNode
        if isinstance(node.parent, nodes.section):
            if self.section_level <= 1:  # the root page's title: the profile is the header
                raise nodes.SkipNode
            self.body.append("\n" + "=" * min(self.section_level - 1, 6) + " ")
        elif isinstance(node.parent, nodes.table):
            self.body.append("#align(center, strong[")
        else:
            self.body.append("#strong[")

    def depart_title(self, node: nodes.title) -> None:
        if isinstance(node.parent, nodes.section):
            self.body.append("\n\n")
        elif isinstance(node.parent, nodes.table):
            self.body.append("]);\n")
        else:
            self.body.append("];\n\n")

    def visit_paragraph(self, node: nodes.paragraph) -> None:
        if id(node) in self.leads:  # kept on the page of the section's first entry
            self.body.append("#cv-sticky[")
        self.anchor(node)

    def depart_paragraph(self, node: nodes.paragraph) -> None:
        if id(node) in self.leads:
            self.strip_trailing()
            self.body.append("];")
        self.body.append("\n\n")

    # a label over entries (a year): never the last line of a page
    visit_rubric, depart_rubric = _wrap("#cv-sticky(strong[", "]);\n\n")

    def visit_transition(self, node: nodes.transition) -> None:
        self.body.append("#line(length: 100%, stroke: 0.4pt)\n\n")
        raise nodes.SkipNode

    visit_block_quote, depart_block_quote = _wrap("#quote(block: true)[", "];\n\n")

    def visit_literal_block(self, node: nodes.literal_block) -> None:
        self.body.append(f"#raw(block: true, {typst_string(node.astext())});\n\n")
        raise nodes.SkipNode

    def visit_line_block(self, node: nodes.line_block) -> None:
        pass

    def depart_line_block(self, node: nodes.line_block) -> None:
        self.body.append("\n")

    def visit_line(self, node: nodes.line) -> None:
        pass

    def depart_line(self, node: nodes.line) -> None:
        self.body.append(" \\\n")

    visit_topic, depart_topic = _wrap("#block(inset: 0.5em, stroke: 0.4pt)[", "];\n\n")

    visit_sidebar = visit_topic
    depart_sidebar = depart_topic

    def visit_admonition(self, node: nodes.Element) -> None:
        title = ""
        if node.children and isinstance(node[0], nodes.title):
            title = self.render(node[0])
        elif (name := node.__class__.__name__) in ADMONITIONS:
            title = typst_markup(str(admonitionlabels[name]))  # Sphinx's own words, in the build's language
        self.body.append(f"#cv-admonition([{title}])[")

    def depart_admonition(self, node: nodes.Element) -> None:
        self.body.append("];\n\n")

    for _name in ADMONITIONS:
        locals()[f"visit_{_name}"] = visit_admonition
        locals()[f"depart_{_name}"] = depart_admonition
    del _name

    # -- inline --------------------------------------------------------------------------

    visit_emphasis, depart_emphasis = _wrap("#emph[")
    visit_strong, depart_strong = _wrap("#strong[")
    visit_subscript, depart_subscript = _wrap("#sub[")
    visit_superscript, depart_superscript = _wrap("#super[")
    visit_literal_strong, depart_literal_strong = _wrap("#strong[")
    visit_literal_emphasis, depart_literal_emphasis = _wrap("#emph[")

    def visit_cv_linebreak(self, node: nodes.Element) -> None:
        self.body.append(" \\\n")
        raise nodes.SkipNode

    def visit_literal(self, node: nodes.literal) -> None:
        self.body.append(f"#raw({typst_string(node.astext())});")
        raise nodes.SkipNode

    def visit_reference(self, node: nodes.reference) -> None:
        uri = node.get("refuri", "")
        external = uri.startswith(("http:", "https:", "mailto:"))
        anchor = target(node)
        if external and self.citations and uri.startswith(("http:", "https:")):
            # a paper's "DOI", "Code", "arXiv" button: on paper the address is what can be used
            self.body.append(f"#link({typst_string(uri)})[{typst_markup(paper_address(uri))}];")
            raise nodes.SkipNode
        if anchor and anchor in self.labels:
            self.body.append(f"#link(label({typst_string(anchor)}))[")
        elif external:
            self.body.append(f"#link({typst_string(uri)})[")
        else:
            self.body.append("#[")

    def depart_reference(self, node: nodes.reference) -> None:
        self.body.append("];")

    def visit_target(self, node: nodes.target) -> None:
        self.anchor(node)
        raise nodes.SkipNode

    def visit_image(self, node: nodes.image, width: str = "") -> None:
        srcdir = Path(self.builder.srcdir)
        path = srcdir / node.get("uri", "")
        if not self.images or not inside(path, srcdir) or not path.is_file() or not is_image_file(path):
            if self.images:
                warn(
                    f"image {node.get('uri')!r} is not an image file in the project; left out of the PDF",
                    Subtype.PDF_IMAGE,
                    node,
                )
            raise nodes.SkipNode
        relative = path.resolve().relative_to(srcdir.resolve())
        size = f", width: {width}" if width else ""
        self.body.append(f"#image({typst_string('/' + relative.as_posix())}{size});")
        raise nodes.SkipNode

    visit_figure, depart_figure = _wrap("#align(center)[", "];\n\n")

    visit_caption, depart_caption = _wrap(" \\ #emph[", "];")

    visit_legend = depart_legend = _through

    # -- lists ---------------------------------------------------------------------------

    visit_bullet_list, depart_bullet_list = _wrap("#list(tight: true,\n", ");\n\n")

    def visit_enumerated_list(self, node: nodes.enumerated_list) -> None:
        self.body.append(f"#enum(tight: true, start: {int(node.get('start', 1))},\n")

    depart_enumerated_list = depart_bullet_list

    def visit_list_item(self, node: nodes.list_item) -> None:
        self.anchor(node)
        self.body.append("[")

    def depart_list_item(self, node: nodes.list_item) -> None:
        self.strip_trailing()
        self.body.append("],\n")

    def strip_trailing(self) -> None:
        """Drop the paragraph break that ends a list item or cell."""
        while self.body and self.body[-1] in ("\n\n", "\n"):
            self.body.pop()

    visit_definition_list, depart_definition_list = _wrap("#terms(tight: true,\n", ");\n\n")

    visit_definition_list_item, depart_definition_list_item = _wrap("terms.item(", "),\n")

    visit_term, depart_term = _wrap("[", "], ")

    visit_classifier = _skip

    visit_definition, depart_definition = _wrap("[", "]", strip=True)

    def visit_field_list(self, node: nodes.Element) -> None:
        if self.profile and "cv-details" in node["classes"]:  # the former name: in the header
            raise nodes.SkipNode
        self.body.append("#cv-details(\n")

    def depart_field_list(self, node: nodes.Element) -> None:
        self.body.append(");\n\n")

    visit_field = depart_field = _through

    visit_field_name, depart_field_name = _wrap("strong[", "], ")

    visit_field_body, depart_field_body = _wrap("[", "],\n", strip=True)

    # -- tables --------------------------------------------------------------------------

    def visit_table(self, node: nodes.table) -> None:
        self.tables.append({"cols": 0, "align": []})

    def depart_table(self, node: nodes.table) -> None:
        self.tables.pop()
        self.body.append("\n")

    def visit_tgroup(self, node: nodes.tgroup) -> None:
        self.tables[-1]["cols"] = int(node.get("cols", 1))

    def depart_tgroup(self, node: nodes.tgroup) -> None:
        self.body.append(");\n")

    def visit_colspec(self, node: nodes.colspec) -> None:
        raise nodes.SkipNode

    def visit_thead(self, node: nodes.thead) -> None:
        cols = self.tables[-1]["cols"]
        self.body.append(
            f"#align(center, table(columns: {cols}, align: left, stroke: 0.4pt + luma(180), "
            "inset: (x: 0.6em, y: 0.35em),\ntable.header("
        )

    def depart_thead(self, node: nodes.thead) -> None:
        self.body.append("),\n")

    def visit_tbody(self, node: nodes.tbody) -> None:
        if not isinstance(node.parent[0], nodes.thead) and not any(isinstance(c, nodes.thead) for c in node.parent):
            cols = self.tables[-1]["cols"]
            self.body.append(
                f"#align(center, table(columns: {cols}, align: left, stroke: 0.4pt + luma(180), "
                "inset: (x: 0.6em, y: 0.35em),\n"
            )

    def depart_tbody(self, node: nodes.tbody) -> None:
        self.body.append(")")

    visit_row = depart_row = _through

    def visit_entry(self, node: nodes.entry) -> None:
        span = []
        if node.get("morecols"):
            span.append(f"colspan: {int(node['morecols']) + 1}")
        if node.get("morerows"):
            span.append(f"rowspan: {int(node['morerows']) + 1}")
        self.body.append(f"table.cell({', '.join(span)})[" if span else "[")

    def depart_entry(self, node: nodes.entry) -> None:
        self.strip_trailing()
        self.body.append("],")

    # -- bibliography --------------------------------------------------------------------

    def visit_footnote(self, node: nodes.Element) -> None:
        self.anchor(node)
        label = node[0].astext() if node.children and isinstance(node[0], nodes.label) else ""
        self.body.append(f"#cv-pub([{typst_markup('[' + label + ']') if label else ''}], [")

    def depart_footnote(self, node: nodes.Element) -> None:
        self.strip_trailing()
        self.body.append("]);\n")

    def visit_citation(self, node: nodes.Element) -> None:
        """A bibliography entry: laid out like a footnote; its links print their address."""
        self.citations += 1
        self.visit_footnote(node)

    def depart_citation(self, node: nodes.Element) -> None:
        self.citations -= 1
        self.depart_footnote(node)

    visit_label = _skip

    visit_footnote_reference, depart_footnote_reference = _wrap("#super[", "];")

    # -- CV cards --------------------------------------------------------------------------
    #
    # A card is one call: ``#cv-entry(title: [...], org: [...], place: [...], dates: [...])[body]``;
    # a profile's is ``#cv-profile(title: [...], role: [...], contact: [...])[body]``. Each part
    # node writes its own argument; the record says which layout the card gets.

    def visit_cv_entry(self, node: nodes.Element) -> None:
        self.anchor(node)
        self.entry = node["entry"]
        self.profile = node["entry"].kind == "profile"
        self.body.append("#cv-profile(" if self.profile else "#cv-entry(")
        if self.profile and (former := self.entry.former_name):
            self.body.append(f"former: [{typst_markup(str(FORMERLY).format(name=former))}], ")

    def depart_cv_entry(self, node: nodes.Element) -> None:
        self.strip_trailing()
        self.body.append("];\n\n")
        self.profile = False
        self.entry = None

    def depart_cv_header(self, node: nodes.Element) -> None:
        self.body.append(")[")

    visit_cv_title, depart_cv_title = _wrap("title: [", "], ")

    def visit_pdf_qualifiers(self, node: nodes.Element) -> None:
        """What qualifies the title of an entry drawn short ("finalist", "leading role"): the
        template sets it beside the title."""
        parts = [self.render(child) for child in node.children]
        self.body.append(f"note: [{', '.join(p for p in parts if p)}], ")
        raise nodes.SkipNode

    def visit_cv_meta(self, node: nodes.Element) -> None:
        """A profile's meta line is its role line; an entry's parts are arguments of their own."""
        if self.profile:
            self.body.append("role: [")

    def depart_cv_meta(self, node: nodes.Element) -> None:
        if self.profile:
            self.body.append("], ")

    def visit_cv_orgs(self, node: nodes.Element) -> None:
        """An entry's organisations, joined by commas; one that the enclosing heading names already
        ("Analytical Society" under "Analytical Society") is not repeated. A profile's stay on its role line."""
        if self.profile:
            return
        heading = self.headings[-1] if self.headings else ""
        orgs = [typst_markup(org.astext()) for org in node.findall(cv_org) if not same_name(org.astext(), heading)]
        if orgs:
            self.body.append(f"org: [{', '.join(orgs)}], ")
        raise nodes.SkipNode

    def depart_cv_orgs(self, node: nodes.Element) -> None:
        pass

    visit_cv_place, depart_cv_place = _argument("place")

    def visit_cv_dates(self, node: nodes.Element) -> None:
        """The entry's dates from its record, in the design's date format."""
        when = self.entry.when if self.entry is not None else None
        text = node.astext()
        if when and self.date_format != "short":
            text = when.text(self.builder.config.language, self.date_format)
        self.body.append(typst_markup(text) if self.profile else f"dates: [{typst_markup(text)}], ")
        raise nodes.SkipNode

    def visit_cv_time(self, node: nodes.Element) -> None:
        """A date outside the meta line (a patent's): its record's date, in the design's date format."""
        date = node.get("date")
        text = format_date(date, self.builder.config.language, self.date_format) if date else node.astext()
        self.body.append(typst_markup(text))
        raise nodes.SkipNode

    def visit_cv_sep(self, node: nodes.Element) -> None:
        """Between the arguments of an entry the template lays out the parts; between organisations
        on the PDF's italic line a comma reads better than a dot."""
        if isinstance(node.parent, cv_meta) and not self.profile:
            raise nodes.SkipNode
        if isinstance(node.parent, cv_orgs):
            self.body.append(", ")
            raise nodes.SkipNode
        before = node.previous_sibling()
        if node.astext().startswith(".") and before is not None and before.astext().rstrip().endswith(ENDINGS):
            # "Notes on the Engine!" ends its own sentence: no ". " after it
            self.body.append(typst_markup(node.astext().removeprefix(".")))
            raise nodes.SkipNode
        if node.astext().strip() == "·":  # a line breaks before the dot, never after it (Typst's ~: no break)
            self.body.append(" ·~")
            raise nodes.SkipNode

    def visit_cv_contact(self, node: nodes.Element) -> None:
        """The profile's contact line as ``(kind, [item])`` pairs: each theme joins and marks them
        its own way (dots, icons)."""
        items = [
            f"({typst_string(self.contact_kind(child))}, [{self.render_one(child)}])"
            for child in node.children
            if not isinstance(child, cv_sep)
        ]
        self.body.append("contact: (" + "".join(f"{item}, " for item in items) + "), ")
        raise nodes.SkipNode

    @staticmethod
    def contact_kind(node: nodes.Node) -> str:
        """ "email", "github", "linkedin", "orcid", "phone", "address", or "" for anything else: the
        option each item of the contact line was drawn from."""
        if isinstance(node, cv_email):
            return "email"
        return str(node.get("option", "")) if isinstance(node, nodes.Element) else ""

    def render_one(self, node: nodes.Node) -> str:
        """Typst for ``node`` itself, written aside."""
        saved, self.body = self.body, []
        node.walkabout(self)
        result, self.body = "".join(self.body).strip(), saved
        return result

    visit_cv_header = visit_cv_body = depart_cv_body = _through
    visit_cv_org = depart_cv_org = depart_cv_sep = _through

    def visit_cv_tags(self, node: nodes.Element) -> None:
        self.body.append("#block(below: 0.5em)[")

    def depart_cv_tags(self, node: nodes.Element) -> None:
        self.body.append("];\n")

    visit_cv_tag, depart_cv_tag = _wrap("#cv-tag[", "];")

    def visit_cv_link(self, node: nodes.Element) -> None:
        """ "Code", "Slides": on paper the address itself must be readable."""
        uri = node["refuri"]
        self.body.append(
            f"#link({typst_string(uri)})[{typst_markup(node.astext())}: {typst_markup(short_address(uri))}];"
        )
        raise nodes.SkipNode

    def visit_cv_account(self, node: nodes.Element) -> None:
        """A profile account prints as its address: github.com/user."""
        uri = node["refuri"]
        self.body.append(f"#link({typst_string(uri)})[{typst_markup(short_address(uri))}];")
        raise nodes.SkipNode

    def visit_cv_photo(self, node: nodes.Element) -> None:
        self.visit_image(node, width="3cm")  # type: ignore[arg-type]

    def visit_cv_email(self, node: nodes.Element) -> None:
        address = node.get("address", node.astext())
        self.body.append(f"#link({typst_string('mailto:' + address)})[{typst_markup(address)}];")
        raise nodes.SkipNode

    def dispatch_visit(self, node: nodes.Node) -> None:
        """Blocks nested deeper than Typst allows are written as their text."""
        if isinstance(node, NESTING):
            if self.depth >= MAX_DEPTH:
                warn(
                    f"content nested more than {MAX_DEPTH} levels deep is flattened in the PDF", Subtype.PDF_DEPTH, node
                )
                self.body.append(typst_markup(node.astext()) + "\n\n")
                raise nodes.SkipNode
            self.depth += 1
        super().dispatch_visit(node)

    def dispatch_departure(self, node: nodes.Node) -> None:
        if isinstance(node, NESTING):
            self.depth -= 1
        super().dispatch_departure(node)
