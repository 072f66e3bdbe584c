"""The PDF CVs: a Typst builder, the same PDFs written beside every HTML build, and the
website's list of them."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from ..warnings import Subtype, warn
from .builder import TypstPDFBuilder, write_pdf
from .links import setup_links
from .settings import check_settings


def write_beside_html(app: Sphinx, exception: Exception | None) -> None:
    """After an HTML build, the PDFs from the same environment: no second read of the sources."""
    if exception is None and app.builder.format == "html" and app.config.portfolio_pdf:
        try:
            write_pdf(app, app.builder, Path(app.outdir), quiet=True)
        except Exception as err:  # the site is written: a PDF bug must not undo it with a traceback
            warn(
                f"the PDF could not be written ({type(err).__name__}: {err}); the website is complete",
                Subtype.PDF_ERROR,
                (app.config.root_doc, 1),
            )


def setup_pdf(app: Sphinx) -> None:
    app.add_builder(TypstPDFBuilder)
    app.connect("config-inited", check_settings, priority=700)  # before Sphinx's type check (800)
    app.connect("build-finished", write_beside_html)
    setup_links(app)


__all__ = ["TypstPDFBuilder", "setup_pdf", "write_pdf"]
