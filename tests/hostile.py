"""Hostile input in Chromium: what a page of a built site is probed for (``test_security.py``, the
RenderCV import's tests). A payload would set ``window.__pwned``, log or open a dialog."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

#: what a browser opens as a document that can run script, when the site links it or someone does
OPENED = frozenset({".html", ".htm", ".xhtml", ".svg", ".xml"})

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


def probe_page(page: Any, url: str, origin: str) -> list[str]:
    """Load ``url``, fire every event at every element, and say what is wrong: script of the input
    ran, a link or resource that is not http(s), mailto or the site's own, a broken JSON-LD block,
    a swallowed head, a refresh or a frame."""
    page.goto(url)
    if "search.html?q=" in url:
        page.wait_for_function(
            "document.querySelector('#search-results') && "
            "document.querySelector('#search-results').textContent.length > 0"
        )
    found = page.evaluate(PROBE)
    page.wait_for_timeout(50)  # timers a payload might have set
    problems = []
    if found["pwned"] or page.evaluate("window.__pwned === 1"):
        problems.append("script of the input ran")
    bad = [u for u in found["urls"] if not (u.startswith((origin + "/", "https://", "http://", "mailto:")) or u == "")]
    if bad:
        problems.append(f"addresses {bad}")
    if found["refresh"] or found["frames"]:
        problems.append("a refresh or a frame")
    if url.endswith(".html") or "search.html?q=" in url:  # a page of ours, not a file it publishes
        if not all(found["jsonld"]):
            problems.append("a field broke out of its JSON-LD block")
        if not (found["title"] and found["styles"] > 0):
            problems.append("the head was swallowed")
    return problems


def site_problems(browser: Any, outdir: Path, base: str, searches: Iterable[str] = ()) -> list[str]:
    """Every page of a site served at ``base`` and every file of it a browser would run, probed in a
    fresh context (``probe_page``); with what dialogs and the console said of a payload."""
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
    visits += [f"{base}search.html?q={quote(words)}" for words in searches]
    problems = [f"{url}: {problem}" for url in visits for problem in probe_page(page, url, base.rstrip("/"))]
    context.close()
    return problems + signals
