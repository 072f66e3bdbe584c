"""The PDF CV: a Typst builder, and the same PDF written beside every HTML build."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from ..warnings import warn
from .builder import TypstPDFBuilder, pdf_name, write_pdf


def write_beside_html(app: Sphinx, exception: Exception | None) -> None:
    """After an HTML build, the PDF from the same environment: no second read of the sources."""
    if exception is None and app.builder.format == "html" and app.config.portfolio_pdf:
        try:
            write_pdf(app.builder, Path(app.outdir), quiet=True)
        except Exception as err:  # the site is written: a PDF bug must not undo it with a traceback
            warn(f"the PDF could not be written ({type(err).__name__}: {err}); the website is complete",
                 "pdf_error", (app.config.root_doc, 1))


def setup_pdf(app: Sphinx) -> None:
    app.add_builder(TypstPDFBuilder)
    app.add_config_value("portfolio_pdf", True, "html", bool)
    app.add_config_value("portfolio_pdf_name", "", "html", str)
    app.add_config_value("portfolio_pdf_title", "", "html", str)
    app.add_config_value("portfolio_pdf_keywords", [], "html", list)
    app.add_config_value("portfolio_pdf_keep_typst", False, "html", bool)
    # fonts for scripts Libertinus Serif lacks (e.g. CJK): folders of font files, and families
    app.add_config_value("portfolio_pdf_font_paths", [], "html", list)
    app.add_config_value("portfolio_pdf_fonts", [], "html", list)
    app.connect("build-finished", write_beside_html)


__all__ = ["TypstPDFBuilder", "pdf_name", "setup_pdf", "write_pdf"]
