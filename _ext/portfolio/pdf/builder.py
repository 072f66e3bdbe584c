"""The PDF CV: the whole project as one Typst document, compiled in-process.

``TypstPDFBuilder`` (``-b cvpdf``) writes ``<outdir>/<portfolio_pdf_name>``.
``write_pdf`` is the same work from any builder's environment, which is how
an HTML build also writes the PDF beside the site without reading anything
twice.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence, Set
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import typst
from docutils import nodes
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.util.console import darkgreen
from sphinx.util.logging import suppress_logging
from sphinx.util.nodes import inline_all_toctrees
from sphinx.util.tags import Tags

from ..bibliography import compat
from ..config import pdf_name
from ..transforms import strip_website_only
from ..warnings import Subtype, warn
from .translator import TypstTranslator, markup, string

TEMPLATE = Path(__file__).with_name("cv.typ")
#: the tags an ``{only}`` directive sees in the PDF, whichever builder writes it
PDF_TAGS = Tags(["pdf", "typst", "cvpdf"])


def assemble(builder: Builder, env: BuildEnvironment, quiet: bool = False) -> nodes.document:
    """The root document with every toctree inlined and references resolved, like singlehtml.

    ``quiet`` silences what resolving says: after an HTML build it said so already.
    """
    root = builder.config.root_doc
    compat.empty_citation_nodes(env)
    tree = env.get_doctree(root)
    tree = inline_all_toctrees(builder, set(), root, tree, darkgreen, [root])
    tree["docname"] = root
    tree["portfolio_pdf"] = True  # website-only nodes are left out below: their transforms can skip it
    for page in list(tree.findall(addnodes.start_of_file)):
        if str(env.metadata.get(page["docname"], {}).get("cv-pdf", "")).strip() == "exclude":
            page.parent.remove(page)
    for only in list(tree.findall(addnodes.only)):  # {only} is decided by PDF_TAGS, not the builder's
        keep = PDF_TAGS.eval_condition(only["expr"])
        only.replace_self(only.children if keep else [])
    with suppress_logging() if quiet else nullcontext():
        env.resolve_references(tree, root, builder)
    strip_website_only(tree)
    return tree


def typst_source(tree: nodes.document, builder: Builder, images: bool = True) -> str:
    """The template, the document settings and the translated body."""
    labels: set[str] = {i for node in tree.findall(nodes.Element) for i in node["ids"]}
    translator = TypstTranslator(tree, builder, labels, images)
    tree.walkabout(translator)
    config = builder.config
    keywords = ", ".join(string(k) for k in config.portfolio_pdf_keywords)
    fonts = ", ".join(string(f) for f in config.portfolio_pdf_fonts)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    date = "auto" if epoch.isdigit() else "none"
    title = config.portfolio_pdf_title or f"{config.author} – Curriculum Vitae"
    setup = (
        f"#show: cv.with(name: [{markup(config.author)}], title: {string(title)}, "
        f"author: {string(config.author)}, keywords: ({keywords}{',' if keywords else ''}), "
        f"date: {date}, fonts: ({fonts}{',' if fonts else ''}))\n\n"
    )
    return TEMPLATE.read_text(encoding="utf-8") + "\n" + setup + translator.astext()


def compile_pdf(srcdir: Path, source: str, location: Any = None, font_paths: Sequence[str] = ()) -> bytes:
    """Typst -> PDF bytes with the compiler's embedded fonts and the project's own
    (``portfolio_pdf_font_paths``), never the machine's: the same output on every machine.
    Raises ``typst.TypstError`` where Typst refuses the source."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    # typst's stubs want one type for input and root
    pdf, warnings = typst.compile_with_warnings(  # type: ignore[call-overload]
        source.encode("utf-8"),
        format="pdf",
        root=str(srcdir),
        ignore_system_fonts=True,
        font_paths=list(font_paths),
        timestamp=int(epoch) if epoch.isdigit() else None,
    )
    for warning in warnings:
        warn(f"Typst: {warning}", Subtype.PDF_TYPST, location)
    return pdf


def write_pdf(builder: Builder, outdir: Path, quiet: bool = False) -> Path | None:
    """Assemble, translate, compile and write the PDF into ``outdir``; its path, or None.

    Where Typst refuses the CV, it is compiled once more without images (a file can look like
    an image and still not decode); only if that fails too is there no PDF, with a warning."""
    config = builder.config
    tree = assemble(builder, builder.env, quiet)
    source = typst_source(tree, builder)
    outdir.mkdir(parents=True, exist_ok=True)
    if config.portfolio_pdf_keep_typst:
        (outdir / pdf_name(config)).with_suffix(".typ").write_text(source, encoding="utf-8")
    font_paths = [str(Path(builder.confdir, p)) for p in config.portfolio_pdf_font_paths]
    location = (config.root_doc, 1)
    try:
        pdf = compile_pdf(Path(builder.srcdir), source, location, font_paths)
    except typst.TypstError as err:
        warn(f"Typst could not compile the CV ({err}); writing it without images", Subtype.PDF_COMPILE, location)
        try:
            pdf = compile_pdf(Path(builder.srcdir), typst_source(tree, builder, images=False), location, font_paths)
        except typst.TypstError as again:
            warn(
                f"Typst could not compile the CV without images either ({again}); no PDF is written",
                Subtype.PDF_COMPILE,
                location,
            )
            return None
    target = outdir / pdf_name(config)
    target.write_bytes(pdf)
    return target


class TypstPDFBuilder(Builder):
    """``sphinx-build -b cvpdf``: only the PDF."""

    name = "cvpdf"
    format = "typst"
    epilog = "The PDF CV is in %(outdir)s."
    supported_image_types = ["image/svg+xml", "image/png", "image/jpeg", "image/gif"]
    default_translator_class = TypstTranslator

    def get_outdated_docs(self) -> Iterator[str]:
        yield from self.env.found_docs  # one output file made of all pages

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return ""  # one document: a reference is just "#<id>"

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        return ""

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_documents(self, docnames: Set[str]) -> None:
        try:
            write_pdf(self, Path(self.outdir))
        except Exception as err:  # a warning with its cause, as for any other bad input
            warn(
                f"the PDF could not be written ({type(err).__name__}: {err})",
                Subtype.PDF_ERROR,
                (self.config.root_doc, 1),
            )

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass

    def finish(self) -> None:
        pass
