"""Several PDFs from one source (``portfolio_pdf_variants``): what each holds, its page size and
count, its budget; the website's list of them; ``{only}`` with the build's and the variant's
tags; what ReadTheDocs' PDF job writes; reading order; the same bytes twice."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import REPO, ROOTS, assert_warned, run_sphinx
from pdf_helpers import outline_titles, pages_text, reading_order_errors, squash
from pypdf import PdfReader

ROOT = ROOTS / "test-pdf-variants"
NAMES = {
    "full": "variants-cv.pdf",
    "short": "variants-cv-short.pdf",
    "recent": "variants-cv-recent.pdf",
    "budget": "variants-cv-budget.pdf",
}
A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)
A6 = (297.64, 419.53)


@pytest.fixture(scope="module")
def html(build):
    return build("pdf-variants")


@pytest.fixture(scope="module")
def cvpdf(build):
    return build("pdf-variants", "cvpdf")


def text(app, variant: str) -> str:
    return " ".join(pages_text(app.outdir / NAMES[variant]))


def size(path: Path) -> tuple[float, float]:
    box = PdfReader(path).pages[0].mediabox
    return (round(float(box.width), 2), round(float(box.height), 2))


def test_every_build_writes_every_variant(html, cvpdf):
    assert sorted(p.name for p in html.outdir.glob("*.pdf")) == sorted(NAMES.values())
    assert sorted(p.name for p in cvpdf.outdir.iterdir()) == sorted(NAMES.values())
    for name in NAMES.values():  # the same PDF whichever builder writes it
        assert (html.outdir / name).read_bytes() == (cvpdf.outdir / name).read_bytes(), name


def test_page_counts_and_sizes(cvpdf):
    pages = {variant: len(PdfReader(cvpdf.outdir / name).pages) for variant, name in NAMES.items()}
    assert pages == {"full": 1, "short": 1, "recent": 1, "budget": 3}  # budget: 4 pages as designed, fitted to 3
    assert size(cvpdf.outdir / NAMES["full"]) == A4
    assert size(cvpdf.outdir / NAMES["short"]) == LETTER
    assert size(cvpdf.outdir / NAMES["budget"]) == A6


def test_the_page_budget_warns(cvpdf):
    assert_warned(
        cvpdf.warning.getvalue(),
        f"{cvpdf.srcdir / 'conf.py'}:41",  # the budget variant's max_pages
        "portfolio.pdf_pages",
        "variants-cv-budget.pdf has 3 pages, more than its max_pages of 1",
    )
    warnings = [line for line in cvpdf.warning.getvalue().splitlines() if "WARNING" in line]
    assert len(warnings) == 1, warnings  # the one-page CV keeps to its budget


def test_the_full_cv_holds_everything_but_excluded_pages(cvpdf):
    full = text(cvpdf, "full")
    assert "SHORT BIO" in full and "EXPERIENCE" in full  # the classic theme's page headings are capitals
    for words in ("Postdoctoral Researcher", "Programme Committee Member", "Beyond Heatmaps", "Best Paper Prize"):
        assert words in full, words
    for title in (
        "A Toolkit",
        "Explaining Deep Networks",
        "Clever Hans",
        "Pixel-wise",
        "Attribution Maps",
        "Anomalies",
    ):
        assert title in full, title
    assert "Website notes" not in full  # cv-pdf: exclude
    assert "Only the one-page CV" not in full and "Only the website" not in full


def test_the_short_cv_has_its_sections_kinds_and_selected_papers(cvpdf):
    short = text(cvpdf, "short")
    assert short.index("Short bio") < short.index("Experience") < short.index("Selected publications")
    assert "Group Leader" in short and "Research Associate" in short
    assert "PhD in Machine Learning" not in short  # kinds: position only
    assert "Programme Committee Member" not in short and "Service" not in short  # its heading goes with it
    assert "Talks" not in short and "Beyond Heatmaps" not in short  # not among its sections
    assert "nine researchers" not in short  # descriptions: False
    assert "A Toolkit for Evaluating Explanations" in short and "Unmasking Clever Hans" in short  # selected
    for title in ("Explaining Deep Networks", "Pixel-wise", "Attribution Maps", "Anomalies"):
        assert title not in short, title
    assert "Preprints" not in short  # no selected preprint: no empty heading
    assert "Only the one-page CV says this" in short  # the variant's own tag


def test_recent_papers_since_and_limit(cvpdf):
    recent = text(cvpdf, "recent")
    assert "A Toolkit" in recent and "Attribution Maps" in recent  # 2023 and 2022, the newest two since 2020
    for title in ("Explaining Deep Networks", "Clever Hans", "Pixel-wise", "Anomalies", "Postdoctoral", "SHORT BIO"):
        assert title not in recent, title
    assert "Dr. Vera Example" in recent  # every variant has the header


def test_no_empty_heading_or_bookmark(cvpdf):
    for variant, name in NAMES.items():
        assert "Latest news" not in text(cvpdf, variant), variant
        assert "Latest news" not in outline_titles(cvpdf.outdir / name), variant
    assert outline_titles(cvpdf.outdir / NAMES["short"]) == [
        "Short bio",
        "Experience",
        "Example Institute",
        "Example University",
        "Selected publications",
        "Journal articles",
    ]


def test_paper_links_print_short_addresses(cvpdf):
    full = text(cvpdf, "full")
    assert "doi:10.1371/journal.pone.0130140" in full
    assert "arXiv:2206.03208" in full and "arXiv:1409.8035" in full
    assert "github.com/vera-example/toolkit · github.com/vera-example/toolkit-data" in full
    assert "example.org/review.pdf" in full
    assert "Code" not in full and "DOI" not in full


def test_an_organisation_named_by_its_heading_is_not_repeated(cvpdf):
    full = text(cvpdf, "full")
    assert "Example Institute (EI)" not in full  # under the heading "Example Institute"
    assert "Group Leader Berlin, Germany · Jan 2021 – present" in full
    assert "Research Associate Potsdam, Germany · Apr 2014 – Sep 2018" in full  # under "Example University"
    assert "Programme Committee Member Example Conference 2019 – 2022" in full  # under "Service": title, org, dates


def test_reading_order(cvpdf):
    domain = cvpdf.env.domains["cv"]
    entries = [e for e in domain.by_id().values() if e.kind != "profile" and e.docname != "sections/private"]
    headings = ("Example Institute", "Example University")
    assert reading_order_errors(text(cvpdf, "full"), entries, headings) == []
    positions = [e for e in entries if e.kind == "position"]
    assert reading_order_errors(text(cvpdf, "short"), positions, headings) == []


def test_website_lists_the_pdfs(html):
    soup = BeautifulSoup((html.outdir / "index.html").read_text(), "html.parser")
    links = [(a["href"], a.get_text(), a.parent.get_text(" ", strip=True)) for a in soup.select("ul.cv-pdfs li a")]
    assert [(href, title) for href, title, _ in links] == [
        ("variants-cv.pdf", "Full CV"),
        ("variants-cv-short.pdf", "One-page CV"),
        ("variants-cv-recent.pdf", "Recent papers"),
        ("variants-cv-budget.pdf", "Over budget"),
    ]
    assert "for grant proposals" in links[1][2]
    assert all((html.outdir / href).is_file() for href, _, _ in links)
    assert all(a.has_attr("download") for a in soup.select("ul.cv-pdfs a"))


def test_pdf_titles(cvpdf):
    assert PdfReader(cvpdf.outdir / NAMES["full"]).metadata.title == "Dr. Vera Example – Curriculum Vitae"
    assert PdfReader(cvpdf.outdir / NAMES["short"]).metadata.title == "Dr. Vera Example – One-page CV"


def test_titles_per_language(tmp_path):
    """A variant's title and description may be given per language; a German build uses the
    German ones (this project has no ``portfolio_languages``, so its file names stay as they are)."""
    shutil.copytree(ROOT, tmp_path, dirs_exist_ok=True)
    app = run_sphinx(tmp_path, "html", confoverrides={"language": "de", "portfolio_pdf_write": "short"})
    assert PdfReader(app.outdir / NAMES["short"]).metadata.title == "Dr. Vera Example – Lebenslauf auf einer Seite"
    soup = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    (item,) = [a.parent.get_text(" ", strip=True) for a in soup.select("ul.cv-pdfs li a") if "short" in a["href"]]
    assert "Lebenslauf auf einer Seite" in item and "für Förderanträge" in item


def test_build_tags_reach_the_pdf(tmp_path):
    """``-t extra`` shows ``{only} extra`` in every PDF; the HTML builder's own tags never do."""
    shutil.copytree(ROOT, tmp_path, dirs_exist_ok=True)
    app = run_sphinx(tmp_path, "html", tags=["extra"])
    for variant in ("full", "short"):
        words = text(app, variant)
        assert "Only a build with -t extra says this." in words, variant
        assert "Only the website says this." not in words, variant
    assert "Only a build with -t extra" not in text(run_sphinx(tmp_path, "cvpdf", builddir=tmp_path / "b2"), "full")


def test_readthedocs_pdf_job_writes_one_file(tmp_path):
    """The command in .readthedocs.yaml's PDF job, run on this project: exactly the default PDF."""
    config = yaml.safe_load((REPO / ".readthedocs.yaml").read_text())
    (command,) = config["build"]["jobs"]["build"]["pdf"]
    command = command.replace("$READTHEDOCS_LANGUAGE", "en")
    args = shlex.split(command.replace("$READTHEDOCS_OUTPUT", str(tmp_path / "rtd")))
    overrides = dict(args[i + 1].split("=", 1) for i, arg in enumerate(args) if arg == "-D")
    shutil.copytree(ROOT, tmp_path / "src")
    app = run_sphinx(tmp_path / "src", args[args.index("-b") + 1], confoverrides=overrides)
    assert sorted(p.name for p in app.outdir.iterdir()) == ["variants-cv.pdf"]


def test_write_one_variant(tmp_path):
    shutil.copytree(ROOT, tmp_path, dirs_exist_ok=True)
    app = run_sphinx(tmp_path, "cvpdf", confoverrides={"portfolio_pdf_write": "recent"})
    assert sorted(p.name for p in app.outdir.iterdir()) == ["variants-cv-recent.pdf"]


def test_same_bytes_twice_with_a_dated_line(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14
    builds = []
    for name in ("a", "b"):
        shutil.copytree(ROOT, tmp_path / name)
        builds.append(run_sphinx(tmp_path / name, "cvpdf"))
    for pdf in NAMES.values():
        assert (builds[0].outdir / pdf).read_bytes() == (builds[1].outdir / pdf).read_bytes(), pdf
    assert "Last updated 14 Nov 2023" in text(builds[0], "full")
    assert "Last updated 14 Nov 2023" in text(builds[0], "short")
    assert PdfReader(builds[0].outdir / NAMES["full"]).metadata.creation_date.year == 2023


def test_no_dated_line_without_a_source_date(cvpdf, monkeypatch):
    """The test root is no git checkout and the tests set no SOURCE_DATE_EPOCH: no date, no clock."""
    assert "Last updated" not in text(cvpdf, "full")
    assert PdfReader(cvpdf.outdir / NAMES["full"]).metadata.creation_date is None


def test_the_website_link(cvpdf):
    assert "vera.example.org/cv" in text(cvpdf, "full")
    uris = set()
    for page in PdfReader(cvpdf.outdir / NAMES["short"]).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action and "/URI" in action:
                uris.add(str(action["/URI"]))
    assert "https://vera.example.org/cv/" in uris


def test_bookmarks_follow_the_headings(cvpdf):
    titles = outline_titles(cvpdf.outdir / NAMES["full"])
    assert titles[:3] == ["Short bio", "Experience", "Example Institute"]
    assert all(squash(title) for title in titles)
    assert not any(re.fullmatch(r"\s*", title) for title in titles)


def test_a_list_of_papers_alone(tmp_path):
    """``kinds: []`` and ``prose: False``: the header and the papers, whatever the pages are called."""
    shutil.copytree(ROOT, tmp_path, dirs_exist_ok=True)
    variants = {"papers": {"kinds": [], "prose": False}}
    app = run_sphinx(tmp_path, "cvpdf", confoverrides={"portfolio_pdf_variants": variants})
    assert app.warning.getvalue() == ""
    words = text(app, "full")  # the only variant is the default PDF
    assert "Dr. Vera Example" in words and "PUBLICATIONS" in words and "Journal articles" in words
    for gone in ("SHORT BIO", "EXPERIENCE", "TALKS", "Postdoctoral", "Positions at", "Only a"):
        assert gone not in words, gone
    assert len(re.findall(r"\[[JP]\d\]", words)) == 6
