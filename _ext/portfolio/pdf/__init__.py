"""The PDF CV: a Typst builder, and the same PDF written beside every HTML build."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from ..warnings import Subtype, warn
from .builder import TypstPDFBuilder, write_pdf


def write_beside_html(app: Sphinx, exception: Exception | None) -> None:
    """After an HTML build, the PDF from the same environment: no second read of the sources."""
    if exception is None and app.builder.format == "html" and app.config.portfolio_pdf:
        try:
            write_pdf(app.builder, Path(app.outdir), quiet=True)
        except Exception as err:  # the site is written: a PDF bug must not undo it with a traceback
            warn(
                f"the PDF could not be written ({type(err).__name__}: {err}); the website is complete",
                Subtype.PDF_ERROR,
                (app.config.root_doc, 1),
            )


def setup_pdf(app: Sphinx) -> None:
    app.add_builder(TypstPDFBuilder)
    app.connect("build-finished", write_beside_html)


__all__ = ["TypstPDFBuilder", "setup_pdf", "write_pdf"]
