"""The PDF CVs: a Typst builder, the same PDFs written beside every HTML build, and the
website's list of them."""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders import Builder

from ..config import portfolio_settings
from ..nodes import WEBSITE_BUILDERS
from ..outputs import Output
from ..state import build_state
from ..warnings import Subtype, warn
from .builder import PDFs, TypstPDFBuilder, write_pdf
from .links import setup_links


def _failed(app: Sphinx, err: Exception) -> None:
    """The site is written: a PDF bug must not undo it with a traceback."""
    warn(
        f"the PDF could not be written ({type(err).__name__}: {err}); the website is complete",
        Subtype.PDF_ERROR,
        (app.config.root_doc, 1),
    )


def start_beside_html(app: Sphinx, builder: Builder) -> None:
    """Once the pages are read, before the website is written: the PDFs from the same environment
    (no second read of the sources), translated now and compiled by Typst while the pages are
    written; where Sphinx writes them in parallel, which forks, after them. Only the website
    publishes the PDFs: other builders of HTML (EPUB, help files) do no PDF work."""
    if builder.name not in WEBSITE_BUILDERS or not portfolio_settings(app.config).pdf:
        return
    try:
        pdfs = PDFs(app, builder, Path(app.outdir), quiet=True)
        pdfs.start(background=not builder.parallel_ok)
    except Exception as err:
        _failed(app, err)
        return
    build_state(builder).pdfs = pdfs


class PDFFiles(Output):
    """The PDFs beside the website (``<name>.pdf``, and ``<name>.typ`` with
    ``portfolio_pdf_keep_typst``), started before the pages are written (``start_beside_html``)."""

    name = "pdf"

    def wanted(self, app: Sphinx) -> bool:
        return build_state(app).pdfs is not None

    def made_from(self, app: Sphinx) -> str | None:
        """Each PDF is recorded on its own (``PDFs``): made from the environment's generation, the
        settings, the day of the sources, the themes, fonts and Typst."""
        return None

    def write(self, app: Sphinx) -> list[str]:
        state = build_state(app)
        pdfs, state.pdfs = state.pdfs, None
        if pdfs is None:
            return []
        try:
            return [str(path.relative_to(pdfs.outdir)) for path in pdfs.finish()]
        except Exception as err:
            _failed(app, err)
            return []

    def abandon(self, app: Sphinx) -> None:
        state = build_state(app)
        pdfs, state.pdfs = state.pdfs, None
        if pdfs is not None:
            pdfs.abandon()

    def claims(self, relative: str) -> bool:
        return os.sep not in relative and relative.endswith((".pdf", ".typ"))

    def own_files(self, app: Sphinx) -> set[str]:
        settings = portfolio_settings(app.config)
        if not settings.pdf:
            return set()
        found = set()
        for variant in settings.written:
            found.add(variant.name)
            if settings.pdf_keep_typst:
                found.add(str(Path(variant.name).with_suffix(".typ")))
        return found


def setup_pdf(app: Sphinx) -> None:
    app.add_builder(TypstPDFBuilder)
    app.connect("write-started", start_beside_html)
    setup_links(app)


__all__ = ["PDFFiles", "PDFs", "TypstPDFBuilder", "setup_pdf", "write_pdf"]
