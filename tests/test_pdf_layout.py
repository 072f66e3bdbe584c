"""Page breaks, read from the pages themselves (text positions with pypdf, page images with
pdftoppm): no heading, year label or section lead at a page's foot without its first entry, in
either theme and in the full and the short variant; no last page of a few lines where a tighter
layout (``pdf/fit.py``) does without it (tests/roots/test-pdf-breaks: three pages of talks grouped
by year and eight groups of positions, each with a line of lead, entries of 1 to 8 lines)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typst
from docutils import nodes
from pdf_helpers import body_fill, lines, pages_text
from portfolio.nodes import cv_entry
from portfolio.pdf.fit import last_page_fill
from portfolio.pdf.settings import FONTS
from pypdf import PdfReader
from sphinx import addnodes

THEMES = ("classic", "modern")
NAMES = {"cv": "breaks-cv.pdf", "short": "breaks-cv-short.pdf"}
YEAR = re.compile(r"^\d{4}$")


@pytest.fixture(scope="module")
def builds(build):
    return {
        theme: build("pdf-breaks", "cvpdf", confoverrides={"portfolio_pdf_theme": theme, "portfolio_pdf_keep_typst": 1})
        for theme in THEMES
    }


def squashed(text: str) -> str:
    return "".join(text.split()).casefold()


def headings_and_leads(app) -> tuple[set[str], set[str]]:
    """Every section title, and the words only the leads use (the paragraphs between a title and
    the section's first entry: "Lead of Group 1: Omega sigma kappa.")."""
    titles: set[str] = set()
    leads: list[str] = []
    for docname in app.env.found_docs:
        for section in app.env.get_doctree(docname).findall(nodes.section):
            titles.add(squashed(section[0].astext()))
            for child in section.children[1:]:
                if not isinstance(child, nodes.paragraph) or isinstance(child, addnodes.toctree):
                    break
                leads.append(child.astext())
    entries = {
        w
        for page in app.env.found_docs
        for card in app.env.get_doctree(page).findall(cv_entry)
        for w in words(card.astext())
    }
    return titles, {w for lead in leads for w in words(lead)} - entries


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.casefold()))


def body_lines(path: Path, page: int) -> list[str]:
    """The page's lines without its footer (the last line: name, page number)."""
    return lines(path, page)[:-1]


@pytest.mark.parametrize("variant", NAMES)
@pytest.mark.parametrize("theme", THEMES)
def test_no_label_at_a_page_foot(builds, theme: str, variant: str):
    app = builds[theme]
    path = app.outdir / NAMES[variant]
    titles, leads = headings_and_leads(app)
    pages = len(PdfReader(path).pages)
    everything = [line for page in range(pages) for line in body_lines(path, page)]
    labels = [line for line in everything if YEAR.match(line) or squashed(line) in titles]
    assert len(labels) >= 40 and pages >= 4  # many labels, many pages: some fall near a page's foot
    assert len(leads) >= 8

    for page in range(pages - 1):
        last = body_lines(path, page)[-1]
        assert not YEAR.match(last), (theme, variant, page + 1, last)
        assert squashed(last) not in titles, (theme, variant, page + 1, last)
        assert not words(last) & leads, (theme, variant, page + 1, last)


def test_every_label_is_followed_by_its_entry_on_its_page(builds):
    """Each year label has an entry of that year below it on the same page."""
    path = builds["classic"].outdir / NAMES["cv"]
    for page in range(len(PdfReader(path).pages)):
        found = body_lines(path, page)
        for i, line in enumerate(found):
            if YEAR.match(line):
                assert any(line in later for later in found[i + 1 :]), (page + 1, line)


def designed(app, name: str) -> bytes:
    """The PDF as designed: the kept Typst source, compiled at its own spacing."""
    source = (app.outdir / name).with_suffix(".typ")
    return typst.compile(str(source), root=str(app.srcdir), font_paths=[str(FONTS)], ignore_system_fonts=True)


def count(pdf: Path | bytes) -> int:
    from io import BytesIO

    return len(PdfReader(BytesIO(pdf) if isinstance(pdf, bytes) else pdf).pages)


@pytest.mark.parametrize("variant", NAMES)
def test_a_last_page_of_a_few_lines_is_saved(builds, variant: str, tmp_path):
    """Classic theme: as designed, the last page holds a few lines; the PDF is a page shorter, its
    last page well filled, and it says all the same."""
    app = builds["classic"]
    path, as_designed = app.outdir / NAMES[variant], tmp_path / "designed.pdf"
    as_designed.write_bytes(designed(app, NAMES[variant]))
    pages = count(as_designed)
    assert body_fill(as_designed, pages - 1) < 0.25  # a few lines below the top margin
    assert count(path) == pages - 1
    assert body_fill(path, count(path) - 1) > 0.5
    assert body_text(path) == body_text(as_designed)


def body_text(path: Path) -> str:
    """Every page's text but its footer, without white space: what a PDF says."""
    return squashed(" ".join(line for page in range(count(path)) for line in body_lines(path, page)))


@pytest.mark.parametrize("variant", NAMES)
def test_a_full_last_page_stays_as_designed(builds, variant: str, tmp_path):
    """Modern theme: no tighter layout within bounds saves a page, so the PDF is as designed."""
    app = builds["modern"]
    path, as_designed = app.outdir / NAMES[variant], tmp_path / "designed.pdf"
    as_designed.write_bytes(designed(app, NAMES[variant]))
    assert [lines(path, page) for page in range(count(path))] == [
        lines(as_designed, page) for page in range(count(as_designed))
    ]


def test_entries_keep_their_cards(builds):
    """The short variant lists the same entries as the full one (page breaks lose nothing)."""
    app = builds["classic"]
    short = squashed(" ".join(pages_text(app.outdir / NAMES["short"])))
    for card in app.env.get_doctree("sections/groups").findall(cv_entry):
        assert squashed(card["entry"].title) in short


@pytest.mark.parametrize("theme", THEMES)
def test_the_last_pages_fill_is_read_from_the_pdf_as_it_looks(builds, theme: str, tmp_path):
    """``fit.last_page_fill`` (read from Typst's tagged PDF) says where the last page's content ends,
    as the page's image shows it, for a full page and for one of a few lines."""
    app = builds[theme]
    as_designed = tmp_path / "designed.pdf"
    for name in NAMES.values():
        as_designed.write_bytes(designed(app, name))
        for path in (app.outdir / name, as_designed):
            read = last_page_fill(path.read_bytes())
            assert read is not None and abs(read - body_fill(path, count(path) - 1)) < 0.03, (name, path)
