"""The real portfolio through the other builders: an EPUB that epubcheck accepts, LaTeX that compiles
with its own characters (a paper title's superscript ˣ) and each page a chapter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from builder_checks import compile_latex, epubcheck
from conftest import build_cv
from sphinx.testing.util import SphinxTestApp


@pytest.fixture(scope="module")
def epub(tmp_path_factory) -> SphinxTestApp:
    return build_cv(tmp_path_factory.mktemp("epub"), buildername="epub")


@pytest.fixture(scope="module")
def latex(tmp_path_factory) -> SphinxTestApp:
    return build_cv(tmp_path_factory.mktemp("latex"), buildername="latex")


def test_epub_is_valid(epub):
    """`-W -b epub` passes, epubcheck finds nothing, and no PDF was made for it."""
    assert epub.warning.getvalue() == ""
    (book,) = Path(epub.outdir).glob("*.epub")
    assert epubcheck(book) == []
    assert not list(Path(epub.outdir).rglob("*.pdf"))


def test_latex_compiles_every_character(latex):
    assert latex.warning.getvalue() == ""
    (tex,) = Path(latex.outdir).glob("*.tex")
    assert "ˣ" in tex.read_text()  # the character pdfLaTeX stops at
    pdf, log = compile_latex(Path(latex.outdir))
    assert pdf.is_file()
    assert "Missing character" not in log and "undefined references" not in log


def test_latex_sections_are_chapters(latex):
    """Professional experience, Education, ...: chapters beside the short bio, not inside it."""
    text = next(Path(latex.outdir).glob("*.tex")).read_text()
    chapters = re.findall(r"^\\chapter\{([^}]*)\}", text, re.M)
    titles = [latex.env.titles[doc].astext() for doc in latex.env.toctree_includes["index"]]
    assert chapters == [chapters[0], *titles] and len(titles) >= 5
