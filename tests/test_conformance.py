"""Sphinx conformance: incremental builds equal clean ones, every builder gets a correct document.

Each test is a real build (often two: a first one, then an edit and an incremental rebuild).
"""

from __future__ import annotations

import re
import shutil
import zipfile
import zlib
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, build_site, copy_site, run_sphinx
from sphinx.util.inventory import InventoryFile

STATIC = Path(__file__).parent.parent / "_ext" / "portfolio" / "website" / "static"


def copy_root(name: str, target: Path) -> Path:
    shutil.copytree(ROOTS / f"test-{name}", target, dirs_exist_ok=True)
    return target


def inventory(outdir: Path) -> dict[str, dict[str, Any]]:
    with (outdir / "objects.inv").open("rb") as f:
        inv = InventoryFile.load(f, "", lambda *parts: "/".join(parts))
    return {kind: dict(items) for kind, items in (inv.data if hasattr(inv, "data") else inv).items()}


# -- settings read while parsing, and settings read while writing ------------------------------


def test_changed_pdf_name_reaches_the_page(tmp_path):
    src = copy_root("cards", tmp_path / "src")
    run_sphinx(src, builddir=tmp_path / "out")
    app = run_sphinx(src, builddir=tmp_path / "out", confoverrides={"portfolio_pdf_name": "renamed.pdf"})
    html = (app.outdir / "index.html").read_text()
    assert 'href="renamed.pdf" download' in html and "cards-cv.pdf" not in html
    assert (app.outdir / "renamed.pdf").is_file()


def test_pdf_switched_off_removes_the_link(tmp_path):
    src = copy_root("cards", tmp_path / "src")
    run_sphinx(src, builddir=tmp_path / "out")
    app = run_sphinx(src, builddir=tmp_path / "out", confoverrides={"portfolio_pdf": False})
    assert "Download CV" not in (app.outdir / "index.html").read_text()


def test_changed_site_address_reaches_the_linking_page(tmp_path):
    src = copy_site(tmp_path / "src")
    run_sphinx(src, builddir=tmp_path / "out")
    app = run_sphinx(src, builddir=tmp_path / "out", confoverrides={"html_baseurl": "https://moved.example.org/"})
    text = BeautifulSoup((app.outdir / "sections" / "linking.html").read_text(), "html.parser").get_text()
    assert '"https://moved.example.org/"' in text and "ada.example.org" not in text


# -- two entries, one id ----------------------------------------------------------------------


def test_duplicate_ids_survive_removing_one_page(tmp_path):
    src = copy_root("duplicates", tmp_path / "src")
    first = run_sphinx(src, builddir=tmp_path / "out")
    assert re.search(
        r"b\.md:3: WARNING: duplicate entry id 'award-same-prize-2020' \(also at a:3\)", first.warning.getvalue()
    ), first.warning.getvalue()
    assert inventory(first.outdir)["std:label"]["award-same-prize-2020"].uri.endswith("a.html#award-same-prize-2020")
    (src / "a.md").unlink()
    again = run_sphinx(src, builddir=tmp_path / "out")
    fresh = run_sphinx(src, builddir=tmp_path / "fresh")
    label = inventory(again.outdir)["std:label"]["award-same-prize-2020"]
    assert label.uri.endswith("b.html#award-same-prize-2020")
    listing = (again.outdir / "index.html").read_text()
    assert 'href="b.html#award-same-prize-2020"' in listing and "Issuer B" in listing
    assert listing == (fresh.outdir / "index.html").read_text()
    assert (again.outdir / "objects.inv").read_bytes() == (fresh.outdir / "objects.inv").read_bytes()


# -- a reference follows its target -----------------------------------------------------------


def test_reference_text_follows_a_retitled_entry(tmp_path):
    src = copy_site(tmp_path / "src")
    run_sphinx(src, builddir=tmp_path / "out")
    talks = src / "sections" / "talks.md"
    talks.write_text(talks.read_text().replace("Opening the Black Box", "Inside the Black Box"))
    app = run_sphinx(src, builddir=tmp_path / "out")
    index = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    link = index.select_one('a[href="sections/talks.html#keynote-2023"]')
    assert link is not None and link.get_text() == "Inside the Black Box"


# -- static files -----------------------------------------------------------------------------


def test_static_files_have_checksums_on_the_first_build_and_after_an_edit(tmp_path):
    src = copy_root("cards", tmp_path / "src")
    expected = {name: f"{zlib.crc32((STATIC / name).read_bytes()):08x}" for name in ("portfolio.css", "portfolio.js")}
    for _ in range(2):
        app = run_sphinx(src, builddir=tmp_path / "out")
        html = (app.outdir / "index.html").read_text()
        for name, crc in expected.items():
            assert f"_static/{name}?v={crc}" in html
            assert (app.outdir / "_static" / name).read_bytes() == (STATIC / name).read_bytes()
        (src / "index.md").write_text((src / "index.md").read_text() + "\nAn edit.\n")


def test_a_projects_own_static_file_wins(tmp_path):
    src = copy_root("static", tmp_path / "src")
    app = run_sphinx(src, builddir=tmp_path / "out")
    assert (app.outdir / "_static" / "portfolio.css").read_text() == (src / "_static" / "portfolio.css").read_text()


# -- every builder ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The fictional site built once per builder."""
    cache: dict[str, object] = {}

    def _built(buildername: str):
        if buildername not in cache:
            cache[buildername] = build_site(tmp_path_factory.mktemp(buildername), buildername=buildername)
        return cache[buildername]

    return _built


def test_epub_is_well_formed_and_self_contained(built):
    app = built("epub")
    assert "WARNING" not in app.warning.getvalue(), app.warning.getvalue()
    book = next(app.outdir.glob("*.epub"))
    with zipfile.ZipFile(book) as epub:
        names = epub.namelist()
        pages = [n for n in names if n.endswith(".xhtml")]
        assert pages
        for name in pages:
            text = epub.read(name).decode()
            ElementTree.fromstring(text)  # well-formed XML
            assert not re.search(r"\sdownload[\s>]", text) and not re.search(r"\sdata-cv-filter[\s>]", text), name
            assert not re.search(r'href="[^"]*-cv\.pdf"', text), name  # the PDF CV is not in the book
        linked = "".join(epub.read(n).decode() for n in pages)
        assert "_static/portfolio.css" in linked
        # every stylesheet and script a page loads is inside the book (Sphinx's EPUB loads no script)
        for ref in re.findall(r'<(?:link[^>]*href|script[^>]*src)="([^"?#]+)', linked):
            if "://" not in ref:
                assert any(n.endswith(ref.removeprefix("../")) for n in names), ref


def test_singlehtml_links_no_paper_page(built):
    html = (built("singlehtml").outdir / "index.html").read_text()
    assert "papers/" not in html and "cv-paper-page" not in html
    assert "On Pixel-wise Explanations for Clever Classifiers" in html


def test_latex_anchors_cards_and_papers_where_they_are(built):
    app = built("latex")
    assert "WARNING" not in app.warning.getvalue(), app.warning.getvalue()
    tex = next(app.outdir.glob("*.tex")).read_text()
    anchor = r"\phantomsection\label{\detokenize{sections/talks:keynote-2023}}"
    assert anchor in tex
    assert tex.index(anchor) < tex.index("Opening the Black Box", tex.index(anchor))  # at the card
    assert r"\hyperref[\detokenize{sections/talks:keynote-2023}]" in tex
    assert r"\bibitem[J3]{sections/publications:paper-example2015pixel}" in tex
    assert r"\hyperlink{cite.sections/publications:paper-example2015pixel}{J3}" in tex


def test_texinfo_anchors_cards_and_papers(built):
    app = built("texinfo")
    assert "WARNING" not in app.warning.getvalue(), app.warning.getvalue()
    texi = next(app.outdir.glob("*.texi")).read_text()
    number = re.search(r"@anchor\{sections/talks keynote-2023\}@anchor\{(\w+)\}", texi)
    assert number, "no anchor at the card"
    assert f"@ref{{{number[1]},,Opening the Black Box}}" in texi
    paper = re.search(r"@anchor\{sections/publications paper-example2015pixel\}@anchor\{(\w+)\}", texi)
    assert paper and f"@ref{{{paper[1]},,J3}}" in texi


def test_text_separates_cards_and_prints_addresses(built):
    text = (built("text").outdir / "sections" / "talks.txt").read_text()
    assert "* Opening the Black Box\n" in text and "* Explaining Decisions\n" in text
    assert "Slides <https://ada.example.org/slides.pdf>" in text
    index = (built("text").outdir / "index.txt").read_text()
    assert "GitHub <https://github.com/ada-example>" in index


def test_man_page_separates_cards_and_prints_addresses(built):
    man = next(built("man").outdir.glob("*.1")).read_text()
    assert ".B Opening the Black Box\n" in man and ".B Explaining Decisions\n" in man
    assert "Slides <https://ada.example.org/slides.pdf>" in man  # the same with every docutils
    assert r"GitHub <https://github.com/ada\-example>" in man


def test_a_builder_without_our_visitors_shows_the_cards(tmp_path):
    src = copy_root("fallback", tmp_path / "src")
    app = run_sphinx(src, "othertext", builddir=tmp_path / "out")
    assert "WARNING" not in app.warning.getvalue(), app.warning.getvalue()
    text = (app.outdir / "index.txt").read_text()
    for words in (
        "Head of Research",
        "Example Institute",
        "Jan 2021 – present",
        "Opening the black box",
        "EP 3271863 B1",
        "invited",
        "Slides",
        "German (native), English",
    ):
        assert words in text, words
