"""Bib input that cannot be shown as it is: each case warns with its file, line and subtype, nothing
is dropped without a warning, nothing outside the paper folder is published, and the rest builds
(``tests/roots/test-realbib-warnings``)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, assert_warned, run_sphinx

ROOT = ROOTS / "test-realbib-warnings"
LONG_KEY = next(re.finditer(r"^@article\{(\w{300}),", (ROOT / "keys.bib").read_text(), re.MULTILINE)).group(1)


def line_of(name: str, text: str) -> str:
    """``name:<line>`` of the first line of a bib file that holds ``text``."""
    lines = (ROOT / name).read_text().splitlines()
    return f"{name}:{next(i for i, line in enumerate(lines, 1) if text in line)}"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = tmp_path_factory.mktemp("warnings")
    src = shutil.copytree(ROOT, project / "src")
    os.symlink("../conf.py", src / "papers" / "conf-link.pdf")  # inside the project, out of the paper folder
    app = run_sphinx(src, builddir=project / "out")
    return app, app.warning.getvalue()


def page(app) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / "index.html").read_text(), "html.parser")


def test_a_300_character_key_warns_and_gets_a_short_id_and_page(built):
    from portfolio.bibliography.ids import paper_id, paper_page

    app, log = built
    assert_warned(log, line_of("keys.bib", LONG_KEY), "portfolio.bib_key", "is longer than 100 characters")
    assert len(paper_page(LONG_KEY)) < 90 and len(paper_id(LONG_KEY)) < 90
    assert (
        page(app).find(id=paper_id(LONG_KEY)).select_one(".cv-pub-title").get_text() == "A Paper with a Very Long Key"
    )
    assert (Path(app.outdir) / f"{paper_page(LONG_KEY)}.html").is_file()
    assert "Traceback" not in log and "File name too long" not in log


def test_keys_in_two_cases_are_one_key_to_bibtex(built):
    """pybtex keeps ``Case2015`` and drops ``case2015``; the warning names both."""
    app, log = built
    assert_warned(
        log, line_of("keys.bib", "@article{case2015"), "portfolio.bib_duplicate", "'Case2015', in another case"
    )
    text = page(app).get_text()
    assert "A Key in Upper Case" in text and "A Key in Lower Case" not in text


def test_two_keys_that_make_one_id_get_two(built):
    """``a_b2016`` and ``a-b2016`` make one id: sphinxcontrib-bibtex says so for its ids of each list,
    and the papers still get an id each."""
    app, log = built
    assert_warned(log, "index.md:8", "bibtex.duplicate_id", "paper-1-a-b2016")
    ids = [div["id"] for div in page(app).select("div.citation")]
    assert len(ids) == len(set(ids))
    assert "paper-a-b2016" in ids and any(i.startswith("paper-a-b2016-") for i in ids)


def test_an_entry_no_bibliography_lists_is_named(built):
    app, log = built
    assert_warned(
        log, line_of("keys.bib", "@inbook{lost2019chapter"), "portfolio.bib_unlisted", "'lost2019chapter' (@inbook)"
    )
    assert "A Chapter No Group Lists" not in page(app).get_text()


def test_the_same_work_from_two_exports(built):
    """Google Scholar's entry and ORCID's of one paper: the same title and year (case, punctuation
    and LaTeX aside), or the same DOI (as a URL, in another case). Both stay listed."""
    app, log = built
    assert_warned(log, line_of("orcid.bib", "@article{Example_2020"), "portfolio.bib_same_work",
                  "'Example_2020' is the same work as 'example2020explaining'")  # fmt: skip
    assert_warned(log, line_of("orcid.bib", "@article{Example_2021"), "portfolio.bib_same_work", "the same DOI")
    assert log.count("portfolio.bib_same_work") == 2
    ids = {div["id"] for div in page(app).select("div.citation")}
    assert {
        "paper-example2020explaining",
        "paper-example-2020",
        "paper-example2021journal",
        "paper-example-2021",
    } <= ids


FILES = [
    ("pdf", "../conf.py", "leaves the paper folder ('..')"),
    ("supp", "/etc/hostname", "(an absolute path)"),
    ("slides", "missing.pdf", "does not exist"),
    ("poster", "conf-link.pdf", "leads out of the paper folder (a symbolic link)"),
    ("preview", "notes.pdf", "is not an image"),
    ("pdf", "page.html", "is a .html file, which could run script on the site"),
    ("supp", "drawing.svg", "is a .svg file, which could run script on the site"),
]


@pytest.mark.parametrize(("field", "value", "words"), FILES, ids=[value for _, value, _ in FILES])
def test_files_outside_the_paper_folder_or_active_are_left_out(built, field, value, words):
    _, log = built
    where = line_of("files.bib", "files2020outside" if value not in ("page.html", "drawing.svg") else "files2021active")
    line = next(line for line in log.splitlines() if f"{field} {value!r}" in line)
    assert f"{where}: WARNING: " in line and words in line and line.endswith("[portfolio.bib_file]\x1b[39;49;00m")


def test_nothing_but_the_good_file_is_published(built):
    app, _ = built
    outdir = Path(app.outdir)
    published = sorted(str(p.relative_to(outdir)) for p in (outdir / "_downloads").rglob("*") if p.is_file())
    assert [Path(p).name for p in published] == ["notes.pdf"]  # files2021active's slides
    html = "".join(p.read_text(errors="replace") for p in outdir.rglob("*.html"))
    assert 'href="../conf' not in html and "conf-link.pdf" not in html and "/etc/hostname" not in html
    paper = page(app).find(id="paper-files2021active")
    assert [a.get_text() for a in paper.select("a.cv-action:not(.cv-paper-page)")] == ["Slides"]
    assert not page(app).find(id="paper-files2020outside").select("a.cv-action:not(.cv-paper-page)")


def test_an_empty_selection_warns(built):
    _, log = built
    assert_warned(log, "index.md:3", "portfolio.bib_selected", "selected-publications lists no paper")


def test_every_warning_is_one_of_these(built):
    _, log = built
    subtypes = re.findall(r"\[((?:portfolio|bibtex)\.\w+)\]", log)
    assert sorted(set(subtypes)) == sorted(
        ["portfolio.bib_key", "portfolio.bib_duplicate", "portfolio.bib_unlisted", "portfolio.bib_same_work",
         "portfolio.bib_file", "portfolio.bib_selected", "bibtex.duplicate_id", "portfolio.bib_url",
         "portfolio.bib_markup"]
    )  # fmt: skip
    assert len(log.strip().splitlines()) == len(subtypes) == 21


def test_hostile_fields_are_text(built):
    """al-folio's fields are new ways in: a badge, an award, maths and the buttons' addresses of a
    bib file from anywhere are text or left out, with a warning."""
    app, log = built
    where = line_of("files.bib", "hostile2022fields")
    for field in ("html", "video", "preview"):
        assert_warned(log, where, "portfolio.bib_url", f"{field} ")
    for field in ("title", "abbr", "award"):
        assert_warned(log, where, "portfolio.bib_markup", f"{field} contains HTML markup")
    outdir = Path(app.outdir)
    for html in (outdir / "index.html", outdir / "papers" / "hostile2022fields.html"):
        text = html.read_text()
        assert "<img src=x" not in text and "<script>window" not in text and 'href="javascript' not in text
        assert "&lt;img src=x onerror=window.__pwned=1&gt;" in text  # the badge, as text


def test_hostile_fields_run_nothing_in_chromium(built):
    from browser import CHROMIUM, NO_CHROMIUM, chromium, serve
    from test_security import PROBE

    if not CHROMIUM.exists():
        pytest.skip(NO_CHROMIUM)
    app, _ = built
    with serve(Path(app.outdir)) as base, chromium() as browser:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in ("index.html", "papers/hostile2022fields.html"):
            page.goto(base + path)
            found = page.evaluate(PROBE)
            assert not found["pwned"] and not dialogs, path
            assert all(url.startswith(("http:", "https:", "mailto:")) for url in found["urls"]), found["urls"]
