"""The PDF CVs: the whole project assembled once, then one Typst document per variant, compiled
in-process.

``TypstPDFBuilder`` (``-b cvpdf``) writes every variant into its output folder; ``write_pdf``
is the same work from any builder's environment, which is how an HTML build also writes the
PDFs beside the site without reading anything twice.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Set
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import typst
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.util.console import darkgreen
from sphinx.util.logging import suppress_logging
from sphinx.util.nodes import inline_all_toctrees
from sphinx.util.tags import Tags

from ..bibliography import compat
from ..config import pdf_name
from ..incremental import Record, config_digest, digest, files_digest, generation, record
from ..outputs import write_if_changed
from ..transforms import strip_website_only
from ..warnings import Subtype, warn, warnings_issued
from .select import defer_only, select
from .settings import FONTS, Variant, location, source_date, written
from .source import THEMES, typst_source
from .translator import TypstTranslator

#: the tags an ``{only}`` directive sees in the PDF, whichever builder writes it, beside the
#: build's own (``-t``) and a variant's ``tags``
PDF_TAGS = ("pdf", "typst", "cvpdf")
#: a page object in Typst's PDF output (its page dictionaries are plain objects)
_PAGE_RE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def pdf_tags(builder: Builder) -> Tags:
    """The build's tags (``-t``, ``tags.add`` in conf.py) without those its builder adds for itself
    ("html", "format_html", ...), and the PDF's own."""
    own = {builder.format, builder.name, f"format_{builder.format}", f"builder_{builder.name}"}
    return Tags([*(tag for tag in builder.tags if tag not in own), *PDF_TAGS])


def assemble(
    builder: Builder, env: BuildEnvironment, named: Set[str] = frozenset(), quiet: bool = False
) -> nodes.document:
    """The root document with every toctree inlined and references resolved, like singlehtml.
    ``{only}`` blocks wait for each variant's tags; pages with ``cv-pdf: exclude`` are left out
    unless a variant names them (``named``).

    ``quiet`` silences what resolving says: after an HTML build it said so already.
    """
    root = builder.config.root_doc
    compat.empty_citation_nodes(env)
    tree = env.get_doctree(root)
    tree = inline_all_toctrees(builder, set(), root, tree, darkgreen, [root])
    tree["docname"] = root
    tree["portfolio_pdf"] = True  # website-only nodes are left out below: their transforms can skip it
    for page in list(tree.findall(addnodes.start_of_file)):
        excluded = str(env.metadata.get(page["docname"], {}).get("cv-pdf", "")).strip() == "exclude"
        if excluded and page["docname"] not in named:
            page.parent.remove(page)
    defer_only(tree)
    with suppress_logging() if quiet else nullcontext():
        env.resolve_references(tree, root, builder)
    strip_website_only(tree)
    return tree


def compiler(builder: Builder) -> typst.Compiler:
    """One compiler for every variant of a build: the fonts are loaded and the themes read once.
    Its fonts are Typst's embedded ones, the extension's (``fonts/``) and the project's
    (``portfolio_pdf_font_paths``), never the machine's: the same output on every machine."""
    font_paths = [str(Path(builder.confdir, p)) for p in builder.config.portfolio_pdf_font_paths]
    return typst.Compiler(root=str(builder.srcdir), font_paths=[str(FONTS), *font_paths], ignore_system_fonts=True)


def compile_pdf(typst_compiler: typst.Compiler, source: str, location: Any = None) -> bytes:
    """Typst -> PDF bytes. Raises ``typst.TypstError`` where Typst refuses the source."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    pdf, warnings = typst_compiler.compile_with_warnings(
        source.encode("utf-8"), format="pdf", timestamp=int(epoch) if epoch.isdigit() else None
    )
    for warning in warnings:
        warn(f"Typst: {warning}", Subtype.PDF_TYPST, location)
    assert isinstance(pdf, bytes)  # no output path: the PDF's bytes
    return pdf


def page_count(pdf: bytes) -> int:
    """How many pages Typst wrote (0 if that cannot be told)."""
    return len(_PAGE_RE.findall(pdf))


def inputs_digest(app: Sphinx, builder: Builder) -> str:
    """What the PDFs are made from, known before making them: the pages read (the environment's
    generation), the settings, the day of the sources, the themes, fonts and Typst."""
    fonts = [THEMES, FONTS, *(Path(builder.confdir, p) for p in builder.config.portfolio_pdf_font_paths)]
    day = source_date(builder.confdir, os.environ)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    version = getattr(typst, "__version__", "")
    return digest((generation(builder.env), config_digest(app), str(day), epoch, files_digest(fonts), version))


def write_variant(
    app: Sphinx, builder: Builder, tree: nodes.document, variant: Variant, outdir: Path, made: Made
) -> Path | None:
    """Translate, compile and write one variant; its path, or None.

    Compiled only where its Typst source differs from the one its file was made from. Where
    Typst refuses the CV, it is compiled once more without images (a file can look like an
    image and still not decode); only if that fails too is there no PDF, with a warning."""
    config = builder.config
    default = variant.name == pdf_name(config)
    source = typst_source(tree, builder, variant, default)
    target = outdir / variant.name
    if config.portfolio_pdf_keep_typst:
        write_if_changed(target.with_suffix(".typ"), source)
    made.source = digest((source, config.portfolio_pdf_font_paths, os.environ.get("SOURCE_DATE_EPOCH", "")))
    previous = made.outputs.get(made.name)
    if previous is not None and previous.get("source") == made.source:
        return target
    where = (config.root_doc, 1)
    try:
        pdf = compile_pdf(made.compiler, source, where)
    except typst.TypstError as err:
        warn(f"Typst could not compile {variant.name} ({err}); writing it without images", Subtype.PDF_COMPILE, where)
        try:
            pdf = compile_pdf(made.compiler, typst_source(tree, builder, variant, default, False), where)
        except typst.TypstError as again:
            warn(
                f"Typst could not compile {variant.name} without images either ({again}); it is not written",
                Subtype.PDF_COMPILE,
                where,
            )
            return None
    write_if_changed(target, pdf)
    pages = page_count(pdf)
    if variant.max_pages is not None and pages > variant.max_pages:
        warn(
            f"{variant.name} has {pages} pages, more than its max_pages of {variant.max_pages}",
            Subtype.PDF_PAGES,
            location(app, ("portfolio_pdf_variants", variant.id, "max_pages")),
        )
    return target


class Made:
    """What one variant is made from, for the record (``incremental.py``)."""

    def __init__(self, outputs: Record, name: str, inputs: str, typst_compiler: typst.Compiler) -> None:
        self.outputs = outputs
        self.name = name
        self.inputs = inputs
        self.compiler = typst_compiler
        #: the digest of its Typst source, once translated
        self.source = ""


def write_pdf(app: Sphinx, builder: Builder, outdir: Path, quiet: bool = False) -> list[Path]:
    """Every variant ``portfolio_pdf_write`` asks for, from one assembly of the sources, into ``outdir``.

    Nothing is assembled where every PDF was made from the same inputs by an earlier build
    (and is still as it was written), and nothing is compiled for a PDF whose Typst source is
    the same; a PDF whose making warned is made again, so that its warnings are repeated."""
    config = builder.config
    chosen = written(config, builder.confdir)
    outputs = record(builder)
    inputs = inputs_digest(app, builder)
    if all(outputs.unchanged(f"pdf:{variant.name}", inputs) for variant in chosen):
        return [outdir / variant.name for variant in chosen]
    named = {item.partition("#")[0] for variant in chosen for item in variant.sections}
    tree = assemble(builder, builder.env, named, quiet)
    tags = pdf_tags(builder)
    outdir.mkdir(parents=True, exist_ok=True)
    typst_compiler = compiler(builder)
    paths = []
    for variant in chosen:

        def report(message: str, key: str, variant: Variant = variant) -> None:
            path: tuple[str, ...] = (f"portfolio_pdf_{key}",)  # the default PDF: portfolio_pdf_sections
            if config.portfolio_pdf_variants:
                path = ("portfolio_pdf_variants", variant.id, key)
            warn(f"{path[0]}{''.join(f'[{k!r}]' for k in path[1:-1])}: {message}", Subtype.CONFIG, location(app, path))

        before = warnings_issued()
        made = Made(outputs, f"pdf:{variant.name}", inputs, typst_compiler)
        doc = select(tree, builder.env, variant, tags, report)
        if (path := write_variant(app, builder, doc, variant, outdir, made)) is not None:
            paths.append(path)
            if warnings_issued() == before:
                outputs.note(made.name, inputs, [path.relative_to(outdir)], source=made.source)
    return paths


class TypstPDFBuilder(Builder):
    """``sphinx-build -b cvpdf``: only the PDFs."""

    name = "cvpdf"
    format = "typst"
    epilog = "The PDF CV is in %(outdir)s."
    supported_image_types = ["image/svg+xml", "image/png", "image/jpeg", "image/gif"]
    default_translator_class = TypstTranslator

    def __init__(self, app: Sphinx, env: BuildEnvironment) -> None:
        super().__init__(app, env)
        self.sphinx = app  # for warnings that point at a line of conf.py

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
            write_pdf(self.sphinx, self, Path(self.outdir))
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
