"""The PDF CV: written beside the HTML and by ``-b cvpdf``; text, links, metadata, escaping."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader


def pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def link_uris(path: Path) -> set[str]:
    uris = set()
    for page in PdfReader(path).pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link" and "/A" in annot and "/URI" in annot["/A"]:
                uris.add(str(annot["/A"]["/URI"]))
    return uris


def test_html_build_writes_pdf_and_links_it(build):
    app = build("cards")
    pdf = app.outdir / "cards-cv.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    html = (app.outdir / "index.html").read_text()
    link = BeautifulSoup(html, "html.parser").select_one("a.cv-download")
    assert link["href"] == "cards-cv.pdf" and link.has_attr("download") and link.get_text() == "Download CV (PDF)"


def test_cvpdf_builder_writes_only_the_pdf(build):
    app = build("cards", "cvpdf")
    assert sorted(p.name for p in app.outdir.iterdir()) == ["cards-cv.pdf"]


def test_pdf_holds_every_entry(build):
    text = pdf_text(build("cards", "cvpdf").outdir / "cards-cv.pdf")
    for words in (
        "Ada Example",
        "Head of Research",
        "Example Institute",
        "Jan 2021 – present",
        "Opening the black box",
        "TEMA",
        "Best Paper Prize",
        "Beyond Heatmaps: Explaining with Concepts",
        "13, 14, 16 Dec 2021",
        "EP 3271863 B1",
        "US 2022/0114455 A1",
        "CN 107636693",
        "German (native), English",
    ):
        assert words in text, words
    assert "github.com/ada-example" in text and "linkedin.com/in/ada-example" in text  # readable on paper
    assert "Slides: example.org/slides.pdf" in text
    assert "Download CV" not in text
    assert "5678" not in text  # private contact stays private in the PDF too


def test_pdf_shows_the_photo(build):
    reader = PdfReader(build("cards", "cvpdf").outdir / "cards-cv.pdf")
    assert any(page.images for page in reader.pages)


def test_pdf_links_are_annotations(build):
    uris = link_uris(build("cards", "cvpdf").outdir / "cards-cv.pdf")
    assert {"mailto:ada@example.org", "https://github.com/ada-example", "https://example.org/slides.pdf"} <= uris


def test_pdf_metadata(build):
    app = build("escape", "cvpdf")
    meta = PdfReader(app.outdir / "escape-test-cv.pdf").metadata
    assert meta.title == "Eve Example – Curriculum Vitae"
    assert meta.author == "Eve Example"
    assert "testing" in (meta.get("/Keywords") or "")


def test_pdf_embeds_its_fonts(build):
    reader = PdfReader(build("cards", "cvpdf").outdir / "cards-cv.pdf")
    fonts = []
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                embedded = ("/FontFile", "/FontFile2", "/FontFile3")
                fonts.append(descriptor is not None and any(k in descriptor for k in embedded))
    assert fonts and all(fonts)


@pytest.mark.parametrize(
    "literal",
    [
        "Head of #strong[x] $x^2$ *bold* _it_ @ref <tag> [a] \\back // comment",
        '<script>alert("org")</script> Org',
        ']; #panic("boom") //',
        "#set page(width: 1cm)",
        "Title with # $ * _ @ < [ ] // and <b>tag</b>",
        'Journal of #panic() "quotes"',
    ],
)
def test_user_text_prints_literally(build, literal):
    app = build("escape", "cvpdf")
    warnings = [w for w in app.warning.getvalue().splitlines() if "WARNING" in w]
    assert warnings and all(re.search(r"\[portfolio\.(bib_)?markup\]", w) for w in warnings), warnings
    text = pdf_text(app.outdir / "escape-test-cv.pdf")
    straight = text.translate(str.maketrans("“”‘’", "\"\"''"))  # Sphinx's smart quotes aside
    assert literal in straight


def test_html_escapes_user_text(build):
    html = (build("escape").outdir / "index.html").read_text()
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>tag</b>" not in html
    assert "&lt;script&gt;alert(“org”)&lt;/script&gt; Org" in html
    assert "&lt;b&gt;tag&lt;/b&gt;" in html


def test_unknown_node_warns_and_keeps_its_text(build):
    app = build("unknown-node", "cvpdf")
    assert re.search(
        r"index\.md:3: WARNING: the PDF has no layout for 'mystery' nodes.*\[portfolio\.pdf_node\]",
        app.warning.getvalue(),
    ), app.warning.getvalue()
    text = pdf_text(app.outdir / "unknown-node-cv.pdf")
    assert "The mystery text survives." in text and "Still here" in text


def test_same_pdf_twice(build, tmp_path):
    from conftest import REPO, build_root

    first = (build("cards", "cvpdf").outdir / "cards-cv.pdf").read_bytes()
    again = build_root(REPO / "tests" / "roots" / "test-cards", tmp_path, "cvpdf")
    assert (again.outdir / "cards-cv.pdf").read_bytes() == first
    assert BytesIO(first).read(4) == b"%PDF"


def internal_links(path: Path) -> int:
    count = 0
    for page in PdfReader(path).pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A")
            if annot.get("/Subtype") == "/Link" and ("/Dest" in annot or (action and action.get("/S") == "/GoTo")):
                count += 1
    return count


def test_citations_link_inside_the_pdf(build):
    """A citation on one page jumps to its entry in the bibliography, in the cvpdf builder too."""
    app = build("bib", "cvpdf")
    assert internal_links(next(app.outdir.glob("*.pdf"))) >= 3


def font_names(path: Path) -> set[str]:
    names = set()
    for page in PdfReader(path).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object().get("/BaseFont", "")))
    return names


def test_project_fonts_are_used(tmp_path):
    """Fonts shipped with the project (portfolio_pdf_font_paths) serve the families named in
    portfolio_pdf_fonts; a family that is nowhere warns instead of silently changing."""
    import shutil

    from conftest import REPO, run_sphinx

    system = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not system.is_file():
        pytest.skip("needs a font file to ship; Debian's fonts-dejavu-core has one")
    shutil.copytree(REPO / "tests" / "roots" / "test-cards", tmp_path, dirs_exist_ok=True)
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "DejaVuSans.ttf").write_bytes(system.read_bytes())
    with (tmp_path / "index.md").open("a") as index:  # signs Libertinus Serif does not have
        index.write("\n```{award} Key ⌘ and ☯ signs\n:date: 2017\n```\n")
    app = run_sphinx(
        tmp_path,
        "cvpdf",
        confoverrides={"portfolio_pdf_font_paths": ["fonts"], "portfolio_pdf_fonts": ["DejaVu Sans", "No Such Font"]},
    )
    assert re.search(
        r"WARNING: Typst: unknown font family: no such font.*\[portfolio\.pdf_typst\]", app.warning.getvalue()
    ), app.warning.getvalue()
    assert any("DejaVuSans" in name for name in font_names(app.outdir / "cards-cv.pdf"))


def test_a_failing_pdf_never_costs_the_website(tmp_path, monkeypatch):
    """Should the PDF writer itself fail, the build warns and the site stays complete."""
    import portfolio.pdf
    from conftest import REPO, build_root

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(portfolio.pdf, "PDFs", broken)
    app = build_root(REPO / "tests" / "roots" / "test-cards", tmp_path)
    assert re.search(
        r"index\.md:1: WARNING: the PDF could not be written \(RuntimeError: simulated bug\).*"
        r"\[portfolio\.pdf_error\]",
        app.warning.getvalue(),
    ), app.warning.getvalue()
    assert "Head of Research" in (app.outdir / "index.html").read_text()


def test_profile_buttons_link_every_pdf_variant(tmp_path):
    """The profile's download line: the CV first, then every other variant the build writes."""
    from conftest import REPO, build_root

    app = build_root(
        REPO / "tests" / "roots" / "test-cards",
        tmp_path,
        confoverrides={"portfolio_pdf_variants": {"cv": {"title": "Full CV"}, "short": {"title": "Short CV"}}},
    )
    page = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    buttons = [(a["href"], a.get_text()) for a in page.select("p.cv-download-line a.cv-download")]
    assert buttons == [("cards-cv.pdf", "Download CV (PDF)"), ("cards-cv-short.pdf", "Short CV")]
    assert all((app.outdir / href).is_file() for href, _ in buttons)
