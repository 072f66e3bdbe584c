"""The real portfolio: builds with no warning, every section has cards, -j 2 equals serial."""

from __future__ import annotations

import html as htmllib
import re
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from conftest import build_cv
from sphinx.testing.util import SphinxTestApp

SECTIONS = {
    "experience": ("position", 6),
    "education": ("education", 4),
    "funding": ("grant", 6),
    "awards": ("award", 6),
    "talks": ("talk", 24),
    "patents": ("patent", 3),
    "skills": ("skill", 5),
    "software": ("software", 14),
}


@pytest.fixture(scope="module")
def serial(tmp_path_factory) -> SphinxTestApp:
    return build_cv(tmp_path_factory.mktemp("serial"))


def test_builds_without_warning(serial):
    assert serial.warning.getvalue() == ""


@pytest.mark.parametrize(("page", "expected"), SECTIONS.items())
def test_every_section_has_its_cards(serial, page, expected):
    kind, count = expected
    html = (serial.outdir / "sections" / f"{page}.html").read_text()
    assert len(re.findall(rf'<article class="cv-entry cv-{kind}[ "]', html)) == count


def test_patent_numbers_all_there(serial):
    html = (serial.outdir / "sections" / "patents.html").read_text()
    assert html.count('class="cv-patent-number"') == 12


def test_landing_page_profile_without_private_contact(serial):
    html = (serial.outdir / "index.html").read_text()
    profile = BeautifulSoup(html, "html.parser").select_one("article.cv-profile")
    assert profile.select_one("a.cv-email").get_text() == "sebastian (at) lapuschkin (dot) com"
    assert "483-2754" not in html and "Kaiserin-Augusta" not in html


def test_email_not_harvestable_from_any_file_of_the_site(serial):
    """Not in any page, script or sitemap, whether plain, entity- or percent-encoded."""
    for path in serial.outdir.rglob("*"):
        if path.suffix in (".html", ".js", ".xml", ".txt", ".json"):
            text = unquote(htmllib.unescape(path.read_text(errors="replace")))
            assert "sebastian@lapuschkin.com" not in text, path


def test_scholar_metrics_table(serial):
    html = (serial.outdir / "sections" / "publications.html").read_text()
    assert "9442" in html and "9002" in html and "25 January 2023" in html


def test_parallel_build_equals_serial(serial, tmp_path):
    parallel = build_cv(tmp_path, parallel=2)
    assert parallel.warning.getvalue() == ""
    pages = sorted(p.relative_to(serial.outdir) for p in serial.outdir.rglob("*.html"))
    assert pages == sorted(p.relative_to(parallel.outdir) for p in parallel.outdir.rglob("*.html"))
    for page in pages:
        assert (serial.outdir / page).read_text() == (parallel.outdir / page).read_text(), page


def squash(text: str) -> str:
    """Compare text without white space: PDF extraction breaks lines anywhere."""
    return "".join(text.split())


def test_pdf_holds_every_section_card_and_paper(serial):
    from test_pdf import pdf_text

    pdf = serial.outdir / "sebastian-lapuschkin-cv.pdf"
    text = squash(pdf_text(pdf))
    for page in ("index", *(f"sections/{name}" for name in [*SECTIONS, "publications"])):
        html = BeautifulSoup((serial.outdir / f"{page}.html").read_text(), "html.parser")
        article = html.select_one("article[role=main]")
        for heading in article.select("h2, h3, h4"):
            website_only = (
                heading.parent.name == "section"
                and heading.parent.select(".cv-filter")
                and not heading.parent.select("p, article, .citation")
            )
            if website_only:  # a heading over the filter form alone is left out of the PDF
                assert squash(heading.get_text().rstrip("¶#")) not in text, (page, heading.get_text())
            elif "cv-title" in heading.get("class", []) or page != "index":
                assert squash(heading.get_text().rstrip("¶#")) in text, (page, heading.get_text())
        for title in article.select("div.citation .cv-pub-title"):
            assert squash(title.get_text()) in text
    for char in "üøöäč–“”ˣ":
        assert char in text


def test_nox_build_layout_has_pdf_link(serial):
    html = (serial.outdir / "index.html").read_text()
    link = BeautifulSoup(html, "html.parser").select_one("a.cv-download")
    assert link["href"] == "sebastian-lapuschkin-cv.pdf" and link.has_attr("download")
    assert link.get_text() == "Download CV (PDF)"


def test_funded_projects_in_the_cvs_order(serial):
    """The CV lists them by start date, newest first (sections/funding.md: cv-order: start)."""
    html = BeautifulSoup((serial.outdir / "sections" / "funding.html").read_text(), "html.parser")
    titles = [card.select_one(".cv-title").get_text().rstrip("¶") for card in html.select("article.cv-grant")]
    assert titles == ["TEMA", "DAKI-FWS", "iToBoS", "BerDiBa", "Patho234", "TraMeExCo"]


def test_selected_publications_on_the_landing_page(serial):
    """The six papers refs.bib marks keywords = {selected}, newest first, each linked to the full list."""
    html = BeautifulSoup((serial.outdir / "index.html").read_text(), "html.parser")
    links = [li.select_one("a")["href"] for li in html.select("ul.cv-selected li")]
    assert links == [
        f"sections/publications.html#paper-{key}"
        for key in (
            "hedstroem2023quantus",
            "achtibat2022where",
            "samek2021explaining",
            "lapuschkin2019clever",
            "montavon2017explaining",
            "bach2015pixel",
        )
    ]


def test_landing_page_description_from_conf(serial):
    html = BeautifulSoup((serial.outdir / "index.html").read_text(), "html.parser")
    assert html.find("meta", attrs={"name": "description"})["content"].startswith("Dr. Sebastian Lapuschkin heads")
