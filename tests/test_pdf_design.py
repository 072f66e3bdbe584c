"""The PDF's design settings, each visibly applied (tests/roots/test-pdf-design); bad values warn
at their line of conf.py and fall back (test-pdf-bad-settings); both themes; entries kept
together across pages (test-pdf-keep)."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import ROOTS, assert_warned, run_sphinx
from pdf_helpers import body_size, fonts, has_colour, pages_text, reading_order_errors, text_runs
from pypdf import PdfReader

NAME = "design-cv.pdf"
CM = 72 / 2.54


def pdf(build, **settings):
    """The design root's PDF with these ``portfolio_pdf_<key>`` settings."""
    app = build("pdf-design", "cvpdf", confoverrides={f"portfolio_pdf_{k}": v for k, v in settings.items()})
    assert "WARNING" not in app.warning.getvalue(), app.warning.getvalue()
    return app.outdir / NAME


def text(path) -> str:
    return " ".join(pages_text(path))


def left_edge(path) -> float:
    return min(x for _, x, _, _ in text_runs(path))


@pytest.mark.parametrize(
    ("paper", "width", "height"), [("a4", 595.28, 841.89), ("us-letter", 612, 792), ("a5", 419.53, 595.28)]
)
def test_paper(build, paper, width, height):
    box = PdfReader(pdf(build, paper=paper)).pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == (width, height)


@pytest.mark.parametrize("theme", ["classic", "modern"])
def test_accent_colour(build, theme):
    assert not has_colour(pdf(build, theme=theme), "#c0392b")
    assert has_colour(pdf(build, theme=theme, accent="#c0392b"), "#c0392b")


def test_theme_default_accents(build):
    assert has_colour(pdf(build), "#1f4e79")
    assert has_colour(pdf(build, theme="modern"), "#0b6e99")


def test_themes_embed_their_fonts(build):
    classic, modern = fonts(pdf(build)), fonts(pdf(build, theme="modern"))
    assert classic and all(classic.values()) and modern and all(modern.values())
    assert any("Libertinus" in name for name in classic) and not any("Lato" in name for name in classic)
    assert any("Lato" in name for name in modern) and not any("Libertinus" in name for name in modern)
    for path in (pdf(build), pdf(build, theme="modern")):  # same words, either look
        words = text(path)
        for part in ("Dr. Dana Example", "Research Scientist", "Example University", "Explaining With Concepts"):
            assert part in words, part


def test_font(build):
    names = fonts(pdf(build, font="Lato"))
    assert any("Lato" in name for name in names)
    assert any("NewCM" in name or "NewComputerModern" in name for name in fonts(pdf(build, font="New Computer Modern")))


def test_font_size(build):
    assert body_size(pdf(build)) == 10
    assert body_size(pdf(build, font_size=12)) == 12


@pytest.mark.parametrize("theme", ["classic", "modern"])
def test_margins(build, theme):
    assert abs(left_edge(pdf(build, theme=theme, margins="3cm")) - 3 * CM) < 0.5
    assert abs(left_edge(pdf(build, theme=theme, margins={"left": "4cm", "right": "1cm"})) - 4 * CM) < 0.5


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("short", ["Jan 2021 – present", "13, 14 Dec 2021", "granted 28 Jul 2021"]),
        ("long", ["January 2021 – present", "13 December 2021, 14 December 2021", "granted 28 July 2021"]),
        ("numeric", ["01/2021 – present", "09/2016 – 12/2020", "13/12/2021, 14/12/2021", "granted 28/07/2021"]),
        ("iso", ["2021-01 – present", "2021-12-13, 2021-12-14", "granted 2021-07-28"]),
    ],
)
def test_date_format(build, style, expected):
    words = text(pdf(build, date_format=style))
    for date in expected:
        assert date in words, date


def test_last_updated_line(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14
    shutil.copytree(ROOTS / "test-pdf-design", tmp_path / "src")
    app = run_sphinx(tmp_path / "src", "cvpdf")
    assert "Last updated 14 Nov 2023" in text(app.outdir / NAME)
    overrides = {"portfolio_pdf_last_updated": "Stand: {date}", "portfolio_pdf_date_format": "iso"}
    app = run_sphinx(tmp_path / "src", "cvpdf", builddir=tmp_path / "b2", confoverrides=overrides)
    assert "Stand: 2023-11-14" in text(app.outdir / NAME)
    app = run_sphinx(
        tmp_path / "src", "cvpdf", builddir=tmp_path / "b3", confoverrides={"portfolio_pdf_last_updated": ""}
    )
    assert "Last updated" not in text(app.outdir / NAME)


def test_last_updated_from_git(tmp_path, monkeypatch):
    """Without SOURCE_DATE_EPOCH, the date of the last commit; never today's."""
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("needs git")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-pdf-design", src)
    env = {
        "GIT_AUTHOR_DATE": "2020-02-29T12:00:00Z",
        "GIT_COMMITTER_DATE": "2020-02-29T12:00:00Z",
        "HOME": str(tmp_path),
    }
    for command in (
        ["init", "-q"],
        ["add", "."],
        ["-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "x"],
    ):
        subprocess.run(["git", *command], cwd=src, check=True, env={**env, "PATH": "/usr/bin:/bin"})
    app = run_sphinx(src, "cvpdf")
    assert "Last updated 29 Feb 2020" in text(app.outdir / NAME)


def test_website_link(build):
    assert "dana.example.org" in text(pdf(build))
    assert "dana.example.org" in text(pdf(build, theme="modern"))
    assert "dana.example.org" not in text(pdf(build, website=False))


def link_uris(path) -> set[str]:
    return {
        str(annot.get_object()["/A"]["/URI"])
        for page in PdfReader(path).pages
        for annot in page.get("/Annots") or []
        if "/URI" in annot.get_object().get("/A", {})
    }


@pytest.mark.parametrize(
    ("baseurl", "address"),
    [
        ("https://dana.example.org/", "https://dana.example.org/de/"),  # a language in its folder
        ("https://dana.readthedocs.io/en/latest/", "https://dana.readthedocs.io/de/latest/"),  # a project of its own
    ],
)
def test_website_link_of_the_pdfs_language(build, baseurl: str, address: str):
    """The German PDF names the German site where it lives, wherever it is built."""
    overrides = {"language": "de", "portfolio_languages": ["en", "de"], "html_baseurl": baseurl}
    app = build("pdf-design", "cvpdf", confoverrides=overrides)
    path = app.outdir / "design-cv-de.pdf"
    assert address.removeprefix("https://").rstrip("/") in text(path)
    assert address in link_uris(path) and baseurl not in link_uris(path)


@pytest.mark.parametrize("theme", ["classic", "modern"])
def test_no_website_link_while_it_is_a_placeholder(build, theme: str):
    """``nox -s new`` starts a project at https://example.org/: no site answers there."""
    app = build(
        "pdf-design", "cvpdf", confoverrides={"html_baseurl": "https://example.org/", "portfolio_pdf_theme": theme}
    )
    path = app.outdir / NAME
    assert not re.search(r"(?<![@\w.])example\.org", text(path))  # the email dana@example.org stays
    assert not any("//example.org" in uri for uri in link_uris(path))


def test_language(build):
    app = build("pdf-design", "cvpdf", confoverrides={"language": "de"})
    assert PdfReader(app.outdir / NAME).trailer["/Root"]["/Lang"] == "de"
    app = build("pdf-design", "cvpdf", confoverrides={"language": "pt_BR"})
    assert PdfReader(app.outdir / NAME).trailer["/Root"]["/Lang"] == "pt-BR"
    assert PdfReader(pdf(build)).trailer["/Root"]["/Lang"] == "en"


def test_sections_order(build):
    path = pdf(build, sections=["index#talks", "index#experience"])
    words = text(path)
    assert words.index("TALKS") < words.index("EXPERIENCE")
    assert "PATENTS" not in words and "Relevance Scores" not in words


@pytest.mark.parametrize("theme", ["classic", "modern"])
def test_reading_order_in_both_themes(build, theme):
    app = build("pdf-design", "cvpdf", confoverrides={"portfolio_pdf_theme": theme})
    entries = [e for e in app.env.domains["cv"].by_id().values() if e.kind != "profile"]
    assert reading_order_errors(text(app.outdir / NAME), entries) == []


@pytest.mark.parametrize("theme", ["classic", "modern"])
def test_short_entries_never_split_long_ones_break(build, theme):
    """Forty entries of 1 to 12 lines and one of two pages: each short one on one page; the long one
    starts where the one before ends and runs on over the next pages."""
    app = build("pdf-keep", "cvpdf", confoverrides={"portfolio_pdf_theme": theme})
    pages = pages_text(app.outdir / "keep-cv.pdf")

    def on(words: str) -> list[int]:
        return [i for i, page in enumerate(pages) if words in page]

    for k in range(1, 41):
        assert on(f"Entry {k} ") == on(f"End of entry {k}.") != [], k
    start, end = on("Start of the long entry"), on("End of the long entry.")
    assert end[0] > start[0]
    assert on("End of entry 20.")[0] == start[0]  # no page left empty before it


BAD = ROOTS / "test-pdf-bad-settings"


@pytest.fixture(scope="module")
def bad(build):
    return build("pdf-bad-settings", "cvpdf")


@pytest.mark.parametrize(
    ("line", "words"),
    [
        (7, "portfolio_pdf_theme 'baroque' must be one of 'classic', 'modern'; using 'classic'"),
        (8, "portfolio_pdf_paper 'a44' must be a Typst paper name"),
        (9, "portfolio_pdf_accent 'blue; #panic()' must be a colour"),
        (10, "portfolio_pdf_font 'No Such Font' is neither bundled nor in portfolio_pdf_font_paths"),
        (11, "portfolio_pdf_font_size 200 must be a number of points from 6 to 20; using 10"),
        (12, "portfolio_pdf_margins {'left': '2cm); #panic(', 'top': '1cm'} must be a length"),
        (13, "portfolio_pdf_date_format '%Y' must be one of"),
        (14, "portfolio_pdf_last_updated 'Updated' must be a line with \"{date}\""),
        (15, "portfolio_pdf_website 'yes' must be True or False; using True"),
        (16, "portfolio_pdf_sections 'index' must be a list of strings"),
        (17, "portfolio_pdf_write 'everything' is not 'all', 'default' or a variant (main, second); writing all"),
        (21, "portfolio_pdf_variants['main']: the first variant is the default PDF, named by portfolio_pdf_name"),
        (23, "'Bad Id' must be a short id"),
        (25, "portfolio_pdf_variants['second']: no such key 'colour'"),
        (26, "kinds ['position', 'hobby'] has unknown kinds 'hobby'"),
        (27, "publications 'some' must be one of 'all', 'selected', 'none'"),
        (28, "limit -1 must be a whole number above 0"),
        (29, "max_pages 'two' must be a whole number above 0"),
        (31, "'nowhere' is neither a page of the PDF nor a section of one"),
        (31, "'index#no-such-section' is neither a page of the PDF nor a section of one"),
        (32, "name '../escape.pdf' must be a file name"),
    ],
)
def test_bad_settings_warn_at_their_line(bad, line, words):
    assert_warned(bad.warning.getvalue(), f"{bad.srcdir / 'conf.py'}:{line}", "portfolio.config", words)


def test_bad_settings_fall_back(bad):
    assert sorted(p.name for p in bad.outdir.iterdir()) == ["bad-settings-cv-second.pdf", "bad-settings-cv.pdf"]
    assert not (bad.srcdir.parent / "escape.pdf").exists()
    main = bad.outdir / "bad-settings-cv.pdf"
    box = PdfReader(main).pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == (595.28, 841.89)  # a4
    assert has_colour(main, "#1f4e79") and any("Libertinus" in name for name in fonts(main))
    assert max(size for _, _, _, size in text_runs(main)) == 22  # the name, 2.2 times the default 10 pt
    second = bad.outdir / "bad-settings-cv-second.pdf"
    box = PdfReader(second).pages[0].mediabox
    assert round(float(box.width), 2) == 841.89  # its own paper (a3) is good and used
    assert "Engineer" in text(second)
    warnings = [w for w in bad.warning.getvalue().splitlines() if "WARNING" in w]
    assert all("[portfolio.config]" in w for w in warnings), warnings
