"""Hostile input in a real browser: every page of every ``browser`` case of the corpus, and every
file of the site a browser could run when opened (SVG, HTML or XML in ``_images/``, ``_downloads/``),
loaded in Chromium (Playwright), runs no script of the input's. A payload would set
``window.__pwned``, log, or open a dialog; every element gets the events that inline handlers wait
for, and every link and resource must be http(s), mailto or the site's own."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import quote

import pytest
from browser import CHROMIUM, NO_CHROMIUM, chromium, serve
from corpus import CASES, Expect

pytest.importorskip("playwright.sync_api")
if not CHROMIUM.exists():
    pytest.skip(NO_CHROMIUM, allow_module_level=True)

BROWSER_CASES = [case for case in CASES if Expect.read(case).browser]

#: fire what inline handlers listen to, on every element, then report what the page holds
PROBE = """() => {
  const events = ['mouseover', 'mouseenter', 'mousemove', 'focus', 'focusin', 'blur', 'load', 'error',
                  'animationstart', 'transitionend', 'toggle', 'pointerover'];
  for (const el of document.querySelectorAll('*')) {
    for (const type of events) { el.dispatchEvent(new Event(type)); }
    if (typeof el.focus === 'function') { el.focus(); }
  }
  const urls = [];
  for (const [selector, attr] of [['a[href]', 'href'], ['area[href]', 'href'], ['img[src]', 'src'],
       ['script[src]', 'src'], ['iframe', 'src'], ['embed', 'src'], ['object', 'data'],
       ['form[action]', 'action'], ['link[href]', 'href'], ['source[src]', 'src']]) {
    for (const el of document.querySelectorAll(selector)) { urls.push(el[attr] || el.getAttribute(attr) || ''); }
  }
  const jsonld = [];
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try { JSON.parse(script.textContent); jsonld.push(true); } catch (e) { jsonld.push(false); }
  }
  return {pwned: window.__pwned === 1, urls: urls, jsonld: jsonld, title: document.title,
          styles: document.styleSheets.length,
          refresh: document.querySelectorAll('meta[http-equiv]').length,
          frames: document.querySelectorAll('iframe, embed, object').length};
}"""


@pytest.fixture(scope="module")
def served(corpus) -> Iterator[dict[str, str]]:
    """Every browser case built first (before the browser starts), each served on its own port."""
    with ExitStack() as stack:
        yield {case: stack.enter_context(serve(corpus(case).app.outdir)) for case in BROWSER_CASES}


@pytest.fixture(scope="module")
def browser(served) -> Iterator[object]:
    with chromium() as browser:
        yield browser


#: what a browser opens as a document that can run script, when the site links it or someone does
OPENED = frozenset({".html", ".htm", ".xhtml", ".svg", ".xml"})


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
    outdir: Path = corpus(case).app.outdir
    base = served[case]
    origin = base.rstrip("/")
    context = browser.new_context()
    page = context.new_page()
    signals: list[str] = []
    page.on("dialog", lambda dialog: (signals.append(f"dialog {dialog.message}"), dialog.dismiss()))
    page.on("console", lambda message: signals.append(f"console {message.text}") if "pwned" in message.text else None)
    paths = sorted(
        str(p.relative_to(outdir))
        for p in outdir.rglob("*")
        if p.suffix in OPENED and ".doctrees" not in p.parts and "_static" not in p.parts
    )
    visits = [base + quote(path) for path in paths]
    visits += [f"{base}search.html?q={quote(words)}" for words in corpus(case).expect.search]
    for url in visits:
        page.goto(url)
        if "search.html?q=" in url:
            page.wait_for_function(
                "document.querySelector('#search-results') && "
                "document.querySelector('#search-results').textContent.length > 0"
            )
        found = page.evaluate(PROBE)
        page.wait_for_timeout(50)  # timers a payload might have set
        found["pwned"] = found["pwned"] or page.evaluate("window.__pwned === 1")
        assert not found["pwned"], url
        bad = [
            u for u in found["urls"] if not (u.startswith((origin + "/", "https://", "http://", "mailto:")) or u == "")
        ]
        assert bad == [], (url, bad)
        assert found["refresh"] == 0 and found["frames"] == 0, url
        if url.endswith(".html") or "search.html?q=" in url:  # a page of ours, not a file it publishes
            assert all(found["jsonld"]), url  # no field broke out of its JSON-LD block
            assert found["title"] and found["styles"] > 0, url  # the head was not swallowed
    context.close()
    assert signals == []


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
