"""Hostile input in a real browser: every page of every ``browser`` case of the corpus, loaded in
Chromium (Playwright), runs no script of the input's. A payload would set ``window.__pwned``, log,
or open a dialog; every element gets the events that inline handlers wait for, and every link
and resource must be http(s), mailto or the site's own."""

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
    paths = sorted(str(p.relative_to(outdir)) for p in outdir.rglob("*.html") if ".doctrees" not in p.parts)
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
        assert all(found["jsonld"]), url  # no field broke out of its JSON-LD block
        assert found["title"] and found["styles"] > 0, url  # the head was not swallowed
        assert found["refresh"] == 0 and found["frames"] == 0, url
    context.close()
    assert signals == []
