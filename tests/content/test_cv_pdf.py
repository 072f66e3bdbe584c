"""The owner's three PDFs: the full CV, the two-page CV for grant proposals, the publication list."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from conftest import build_cv
from pdf_helpers import fonts, outline_titles, pages_text, reading_order_errors
from pypdf import PdfReader
from sphinx.testing.util import SphinxTestApp

FULL, SHORT, PAPERS = (
    "sebastian-lapuschkin-cv.pdf",
    "sebastian-lapuschkin-cv-short.pdf",
    "sebastian-lapuschkin-cv-publications.pdf",
)
#: the group headings of the experience page, which name the employer of the positions below them
GROUPS = ("Fraunhofer Heinrich Hertz Institute", "Berlin Institute of Technology")


@pytest.fixture(scope="module")
def cv(tmp_path_factory) -> SphinxTestApp:
    return build_cv(tmp_path_factory.mktemp("cv"), buildername="cvpdf")


def text(app: SphinxTestApp, name: str) -> str:
    return " ".join(pages_text(app.outdir / name))


def pages(app: SphinxTestApp, name: str) -> int:
    return len(PdfReader(app.outdir / name).pages)


def test_three_pdfs_without_warning(cv):
    assert cv.warning.getvalue() == ""
    assert sorted(p.name for p in cv.outdir.iterdir()) == sorted([FULL, SHORT, PAPERS])


def test_page_counts(cv):
    assert 8 <= pages(cv, FULL) <= 10
    assert pages(cv, SHORT) == 2  # the budget grant agencies set
    assert pages(cv, PAPERS) <= 4


def test_all_a4(cv):
    for name in (FULL, SHORT, PAPERS):
        box = PdfReader(cv.outdir / name).pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842), name


def test_the_short_cv_is_modern_and_compact(cv):
    short = text(cv, SHORT)
    assert any("Lato" in name for name in fonts(cv.outdir / SHORT))
    for words in ("Short bio", "Professional experience", "Education", "Funded research projects", "Awards"):
        assert words in short, words
    assert "Selected publications" in short and "SCIENTIFIC IMPACT" in short  # the modern theme's groups: capitals
    assert "Talks and lectures" not in short and "Patents" not in short and "Skills" not in short
    assert "Software" not in short  # no software card, and no "Software: Quantus" pointing at none
    assert "Leads the Explainable AI research group" not in short  # positions without their descriptions
    labels = re.findall(r"\[([JCBP]\d+)\]", short)
    assert labels == ["J1", "J2", "J3", "J4", "J5", "P1"]  # keywords = {selected} in refs.bib, numbered on their own


def test_the_publication_list_has_every_paper(cv):
    papers = text(cv, PAPERS)
    labels = re.findall(r"\[([JCBP]\d+)\]", papers)
    assert len(labels) == 51 == len(set(labels))
    assert "Dr. Sebastian Lapuschkin" in papers
    assert "EXPERIENCE" not in papers and "Tenured Researcher" not in papers
    assert "SHORT BIO" not in papers and "Scientific impact" not in papers  # prose: False


def test_paper_links_print_their_addresses(cv):
    for name in (FULL, PAPERS):
        words = text(cv, name)
        assert "Code · Code" not in words and "arXiv · Code" not in words
        assert "arXiv:2106.13200" in words
        assert "github.com/chr5tphr/zennit" in words


def test_group_headings_are_not_repeated_as_organisations(cv):
    full = text(cv, FULL)
    assert "Fraunhofer Heinrich Hertz Institute (HHI) Berlin" not in full
    assert "Head of Explainable Artificial Intelligence Berlin, Germany · Jan 2021 – present" in full


def test_reading_order(cv):
    entries = [e for e in cv.env.domains["cv"].by_id().values() if e.kind not in ("profile", "skill")]
    assert reading_order_errors(text(cv, FULL), entries, GROUPS) == []
    listed = [e for e in entries if e.kind in ("position", "education", "grant", "award")]
    assert reading_order_errors(text(cv, SHORT), listed, GROUPS) == []


def test_bookmarks_have_no_empty_heading(cv):
    for name in (FULL, SHORT, PAPERS):
        titles = outline_titles(cv.outdir / name)
        assert "Find a publication" not in titles and all(t.strip() for t in titles), name


def test_the_landing_page_links_every_pdf(tmp_path):
    app = build_cv(tmp_path)
    soup = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    links = {a["href"]: a.get_text() for a in soup.select("p.cv-download-line a.cv-download")}
    assert links == {FULL: "Download CV (PDF)", SHORT: "Two-page CV", PAPERS: "Publication list"}
    assert all((app.outdir / href).is_file() for href in links)
