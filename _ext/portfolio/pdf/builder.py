"""The PDF CVs: the whole project assembled once, then one Typst document per variant, compiled
in-process.

``TypstPDFBuilder`` (``-b cvpdf``) writes every variant into its output folder; ``write_pdf``
is the same work from any builder's environment, which is how an HTML build also writes the
PDFs beside the site without reading anything twice.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Set
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

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

from ..compat import bibtex as compat
from ..config import conf_location, portfolio_settings
from ..dates import source_date
from ..incremental import config_digest, digest, files_digest, generation, record
from ..outputs import write_if_changed
from ..transforms import strip_website_only
from ..warnings import Subtype, warn, warnings_issued
from .fit import fitted, page_count
from .select import defer_only, select
from .settings import FONTS, Variant
from .source import THEMES, typst_source
from .translator import TypstTranslator

#: the tags an ``{only}`` directive sees in the PDF, whichever builder writes it, beside the
#: build's own (``-t``) and a variant's ``tags``
PDF_TAGS = ("pdf", "typst", "cvpdf")


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
    """Typst's compiler for this project. Its fonts are Typst's embedded ones, the extension's
    (``fonts/``) and the project's (``portfolio_pdf_font_paths``), never the machine's: the same
    output on every machine."""
    font_paths = [str(Path(builder.confdir, p)) for p in portfolio_settings(builder.config).pdf_font_paths]
    return _compiler(str(builder.srcdir), (str(FONTS), *font_paths))


@lru_cache(maxsize=4)
def _compiler(root: str, font_paths: tuple[str, ...]) -> typst.Compiler:
    """One for every variant of a build and every build of a process: it loads the fonts once, and
    compiles a source it compiled before with a small change in a fraction of the time (``nox -s
    serve``); it reads the project's files anew on every compile."""
    return typst.Compiler(root=root, font_paths=list(font_paths), ignore_system_fonts=True)


def compile_pdf(typst_compiler: typst.Compiler, source: str) -> tuple[bytes, list[str]]:
    """Typst -> PDF bytes and Typst's warnings, with no last page of a few lines that a tighter
    layout saves (``fit.py``). Raises ``typst.TypstError`` where Typst refuses the source. Typst
    lets go of Python while it works: this may run beside the website's writing."""
    epoch = _epoch()

    def once(text: str) -> tuple[bytes, list[str]]:
        pdf, warnings = typst_compiler.compile_with_warnings(
            text.encode("utf-8"), format="pdf", timestamp=int(epoch) if epoch.isdigit() else None
        )
        assert isinstance(pdf, bytes)  # no output path: the PDF's bytes
        return pdf, [str(warning) for warning in warnings]

    return fitted(once, source)


def inputs_digest(app: Sphinx, builder: Builder) -> str:
    """What the PDFs are made from, known before making them: the pages read (the environment's
    generation), the settings, the day of the sources, the themes, fonts and Typst."""
    fonts = [THEMES, FONTS, *(Path(builder.confdir, p) for p in portfolio_settings(builder.config).pdf_font_paths)]
    day = source_date(builder.confdir, os.environ)
    version = getattr(typst, "__version__", "")
    return digest((generation(builder.env), config_digest(app), str(day), _epoch(), files_digest(fonts), version))


@dataclass
class Made:
    """One variant of this build, from its translation to its file (and its line in the record)."""

    #: the variant
    variant: Variant
    #: its tree, as selected for it (kept for a second translation without images)
    tree: nodes.document
    #: the digest of its Typst source
    source: str
    #: whether making it warned: then it is not recorded, and made again with its warnings next time
    warned: bool
    #: the Typst source to compile ("": its file was made from the same source by an earlier build)
    pending: str = ""
    #: Typst at work on it in a thread of its own (None: compiled when the file is written)
    compiling: Future[tuple[bytes, list[str]]] | None = None


class PDFs:
    """Every variant ``portfolio_pdf_write`` asks for, from one assembly of the sources: translated by
    ``start()`` (once the environment is complete), compiled by Typst, written by ``finish()``. Beside
    an HTML build written in one process, Typst compiles in a thread while the pages are written; where
    Sphinx forks to write pages in parallel, it compiles in ``finish()``: Typst's threads outlive a
    compile, and a process that forks must have none.

    Nothing is assembled where every PDF was made from the same inputs by an earlier build (and is
    still as it was written), and nothing is compiled for a PDF whose Typst source is the same; a PDF
    whose making warned is made again on the next build, so that its warnings are repeated."""

    def __init__(self, app: Sphinx, builder: Builder, outdir: Path, quiet: bool = False) -> None:
        self.app, self.builder, self.outdir, self.quiet = app, builder, outdir, quiet
        self.outputs = record(builder)
        self.inputs = ""
        self.made: list[Made] = []
        self.kept: list[Variant] = []
        self.compiler: typst.Compiler | None = None

    def name(self, variant: Variant) -> str:
        return f"pdf:{variant.name}"

    def start(self, background: bool = True) -> None:
        builder, settings = self.builder, portfolio_settings(self.builder.config)
        chosen = list(settings.written)
        self.inputs = inputs_digest(self.app, builder)
        if all(self.outputs.unchanged(self.name(variant), self.inputs) for variant in chosen):
            self.kept = chosen
            return
        named = {item.partition("#")[0] for variant in chosen for item in variant.sections}
        tree = assemble(builder, builder.env, named, self.quiet)
        tags = pdf_tags(builder)
        self.compiler = compiler(builder)
        typst_thread = ThreadPoolExecutor(max_workers=1) if background else None
        for variant in chosen:
            before = warnings_issued()
            doc = select(tree, builder.env, variant, tags, partial(self.report, variant))
            source = typst_source(doc, builder, variant, variant.default)
            if settings.pdf_keep_typst:
                write_if_changed(self.outdir / Path(variant.name).with_suffix(".typ"), source)
            made = Made(variant, doc, digest((source, settings.pdf_font_paths, _epoch())), False)
            made.warned = warnings_issued() != before
            previous = self.outputs.get(self.name(variant))
            if previous is None or previous.get("source") != made.source:
                made.pending = source
                if typst_thread is not None:
                    made.compiling = typst_thread.submit(compile_pdf, self.compiler, source)
            self.made.append(made)
        if typst_thread is not None:
            typst_thread.shutdown(wait=False)
        compat.empty_citation_nodes(builder.env)  # the website's pages fill them again

    def report(self, variant: Variant, message: str, key: str) -> None:
        path: tuple[str, ...] = (f"portfolio_pdf_{key}",)  # the default PDF: portfolio_pdf_sections
        if portfolio_settings(self.builder.config).pdf_variants:
            path = ("portfolio_pdf_variants", variant.id, key)
        where = conf_location(self.app, *path)
        warn(f"{path[0]}{''.join(f'[{k!r}]' for k in path[1:-1])}: {message}", Subtype.CONFIG, where)

    def finish(self) -> list[Path]:
        """Wait for Typst; write each PDF that changed; the paths of all this build's PDFs."""
        paths = [self.outdir / variant.name for variant in self.kept]
        for made in self.made:
            if not made.pending:
                path: Path | None = self.outdir / made.variant.name
            else:
                path, warned = self.write(made)
                made.warned |= warned
            if path is not None:
                paths.append(path)
                if not made.warned:
                    files = [path.relative_to(self.outdir)]
                    self.outputs.note(self.name(made.variant), self.inputs, files, source=made.source)
        return paths

    def abandon(self) -> None:
        """The build failed: wait for Typst, write nothing."""
        for made in self.made:
            if made.compiling is not None:
                made.compiling.exception()

    def write(self, made: Made) -> tuple[Path | None, bool]:
        """One variant's file, once Typst is done (True: it warned). Where Typst refuses the CV, it
        is compiled once more without images (a file can look like an image and still not decode);
        only if that fails too is there no PDF, with a warning."""
        assert made.pending and self.compiler is not None
        variant, config = made.variant, self.builder.config
        where = (config.root_doc, 1)
        before = warnings_issued()
        try:
            pdf, messages = made.compiling.result() if made.compiling else compile_pdf(self.compiler, made.pending)
        except typst.TypstError as err:
            message = f"Typst could not compile {variant.name} ({err}); writing it without images"
            warn(message, Subtype.PDF_COMPILE, where)
            try:
                pdf, messages = compile_pdf(
                    self.compiler, typst_source(made.tree, self.builder, variant, variant.default, images=False)
                )
            except typst.TypstError as again:
                warn(
                    f"Typst could not compile {variant.name} without images either ({again}); it is not written",
                    Subtype.PDF_COMPILE,
                    where,
                )
                return None, True
        for message in messages:
            warn(f"Typst: {message}", Subtype.PDF_TYPST, where)
        target = self.outdir / variant.name
        write_if_changed(target, pdf)
        pages = page_count(pdf)
        if variant.max_pages is not None and pages > variant.max_pages:
            warn(
                f"{variant.name} has {pages} pages, more than its max_pages of {variant.max_pages}",
                Subtype.PDF_PAGES,
                conf_location(self.app, "portfolio_pdf_variants", variant.id, "max_pages"),
            )
        return target, warnings_issued() != before


def _epoch() -> str:
    return os.environ.get("SOURCE_DATE_EPOCH", "")


def write_pdf(app: Sphinx, builder: Builder, outdir: Path, quiet: bool = False) -> list[Path]:
    """Every variant ``portfolio_pdf_write`` asks for into ``outdir``, here and now."""
    outdir.mkdir(parents=True, exist_ok=True)
    pdfs = PDFs(app, builder, outdir, quiet)
    pdfs.start(background=False)
    return pdfs.finish()


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
