"""Hostile input in a real browser: every page of every ``browser`` case of the corpus, and every
file of the site a browser could run when opened (SVG, HTML or XML in ``_images/``, ``_downloads/``),
loaded in Chromium (Playwright), runs no script of the input's. A payload would set
``window.__pwned``, log, or open a dialog; every element gets the events that inline handlers wait
for, and every link and resource must be http(s), mailto or the site's own."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from browser import CHROMIUM, NO_CHROMIUM, chromium, serve
from corpus import CASES, Expect
from hostile import PROBE, site_problems

pytest.importorskip("playwright.sync_api")
if not CHROMIUM.exists():
    pytest.skip(NO_CHROMIUM, allow_module_level=True)

BROWSER_CASES = [case for case in CASES if Expect.read(case).browser]


@pytest.fixture(scope="module")
def served(corpus) -> Iterator[dict[str, str]]:
    """Every browser case built first (before the browser starts), each served on its own port."""
    with ExitStack() as stack:
        yield {case: stack.enter_context(serve(corpus(case).app.outdir)) for case in BROWSER_CASES}


@pytest.fixture(scope="module")
def browser(served) -> Iterator[object]:
    with chromium() as browser:
        yield browser


def test_the_probe_sees_script_in_a_published_file(browser, tmp_path):
    """The check above can fail: a scripted SVG served as a file of the site is caught."""
    (tmp_path / "bad.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=1"/>')
    with serve(tmp_path) as base:
        page = browser.new_page()
        page.goto(base + "bad.svg")
        page.evaluate(PROBE)
        assert page.evaluate("window.__pwned === 1")
        page.close()


def test_there_are_browser_cases():
    assert len(BROWSER_CASES) >= 15


@pytest.mark.parametrize("case", BROWSER_CASES)
def test_no_script_of_the_input_runs(case, corpus, served, browser):
    built = corpus(case)
    assert site_problems(browser, built.app.outdir, served[case], built.expect.search) == []


# -- what the corpus's cases leave, beyond "nothing runs" ----------------------------------------


def test_a_clean_svg_is_still_an_image(corpus):
    """Only scripted SVGs are refused: a plain drawing is published and shown."""
    outdir: Path = corpus("xss-svg").app.outdir
    published = sorted(p.name for p in (outdir / "_images").iterdir())
    assert published == ["clean.svg"]
    assert '<img alt="clean" src="_images/clean.svg" />' in (outdir / "bad.html").read_text()


def test_a_hard_line_break_is_a_line_break_everywhere(corpus):
    """A Markdown hard break in the profile: ``<br />`` on the site, a new line in resume.json and
    in the PDF, and no raw-HTML warning under the untrusted setting."""
    import json

    from pypdf import PdfReader

    built = corpus("profile-hard-break")
    outdir: Path = built.app.outdir
    assert "raw_html" not in built.app.warning.getvalue()
    assert "First line of the profile<br />\nsecond line" in (outdir / "bad.html").read_text()
    summary = json.loads((outdir / "resume.json").read_text())["basics"]["summary"]
    assert summary.split("\n") == [
        "First line of the profile",
        "second line after a backslash break",
        "third line after two spaces.",
    ]
    text = "\n".join(page.extract_text() for page in PdfReader(outdir / "corpus-cv.pdf").pages)
    lines = [line.strip() for line in text.splitlines()]
    assert "second line after a backslash break" in lines and "third line after two spaces." in lines


def test_downloads_publish_only_files_of_the_project(corpus):
    """Under the untrusted setting a download is a file of the project that is content: the notes
    are published, the secret outside, private.toml, conf.py, an HTML page and a scripted SVG not."""
    outdir: Path = corpus("path-download-untrusted").app.outdir
    published = sorted(p.name for p in (outdir / "_downloads").rglob("*") if p.is_file())
    assert published == ["notes.txt"]
    trusted: Path = corpus("path-download-trusted").app.outdir
    assert not (trusted / "_downloads").exists()
