"""The PDF CVs: a Typst builder, the same PDFs written beside every HTML build, and the
website's list of them."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders import Builder

from ..config import portfolio_settings
from ..nodes import WEBSITE_BUILDERS
from ..warnings import Subtype, warn
from .builder import PDFs, TypstPDFBuilder, write_pdf
from .links import setup_links

#: the builder's PDFs while the website is written
_PDFS = "_portfolio_pdfs"


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
    setattr(builder, _PDFS, pdfs)


def write_beside_html(app: Sphinx, exception: Exception | None) -> None:
    """After the website: the PDFs' files."""
    pdfs: PDFs | None = getattr(app.builder, _PDFS, None)
    if pdfs is None:
        return
    delattr(app.builder, _PDFS)
    if exception is not None:
        pdfs.abandon()
        return
    try:
        pdfs.finish()
    except Exception as err:
        _failed(app, err)


def setup_pdf(app: Sphinx) -> None:
    app.add_builder(TypstPDFBuilder)
    app.connect("write-started", start_beside_html)
    app.connect("build-finished", write_beside_html)
    setup_links(app)


__all__ = ["PDFs", "TypstPDFBuilder", "setup_pdf", "write_pdf"]
