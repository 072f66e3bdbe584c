"""The built site in a real browser: Playwright driving Debian's Chromium over HTTP on 127.0.0.1.

The site is ``tests/roots/test-site``, a fictional portfolio. Screenshots go to
``_build/screenshots/`` (kept by CI as artifacts).
"""

from __future__ import annotations

import base64
import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, build_site

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = REPO / "_build" / "screenshots"
WIDTHS = {"phone": 390, "desktop": 1280}
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

sync_api = pytest.importorskip("playwright.sync_api")
if not CHROMIUM.exists():  # .ci/run installs it; a developer machine may not have it
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[str]:
    """The fictional portfolio built once and served by a local HTTP server for this module."""
    app = build_site(tmp_path_factory.mktemp("site"))
    assert app.warning.getvalue() == ""
    handler = functools.partial(_QuietHandler, directory=str(app.outdir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def browser(site: str) -> Iterator[object]:
    """Started after the site is built: sphinx-sitemap forks a helper process while building,
    which would inherit the Playwright driver's pipe and keep the driver from ever exiting."""
    playwright = sync_api.sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def page(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.rstrip("/"))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], errors  # no JavaScript error on any page a test opened


def visible_papers(page) -> list[str]:
    return page.eval_on_selector_all("div.citation:not([hidden])", "els => els.map(e => e.id)")


def test_filter_by_a_word_of_the_title(page, site):
    page.goto(site + "sections/publications.html")
    assert len(visible_papers(page)) == 5
    page.fill("#cv-filter-words", "clever")
    shown = visible_papers(page)
    assert set(shown) == {"paper-other2019clever", "paper-example2015pixel"}
    assert page.inner_text(".cv-filter-status") == "2 of 5 publications"
    assert "q=clever" in page.url  # a filtered list can be shared


def test_filter_by_year_and_type(page, site):
    page.goto(site + "sections/publications.html")
    page.select_option("#cv-filter-year", "2019")
    years = page.eval_on_selector_all(
        "div.citation:not([hidden]) .cv-paper-extras", "els => els.map(e => e.dataset.year)"
    )
    assert years and set(years) == {"2019"}
    page.select_option("#cv-filter-year", "")
    page.select_option("#cv-filter-type", "misc")
    assert visible_papers(page) == ["paper-example2022concepts"]
    assert page.is_hidden("section#journal-articles") and page.is_visible("section#preprints")


def test_filter_form_from_a_shared_link(page, site):
    page.goto(site + "sections/publications.html?q=toolkit")
    assert visible_papers(page) == ["paper-example2023toolkit"]
    assert page.input_value("#cv-filter-words") == "toolkit"


def test_bibtex_button_shows_and_copies_the_right_entry(page, site):
    page.goto(site + "sections/publications.html")
    box = page.locator("#paper-example2015pixel details.cv-bibtex")
    assert not box.locator("pre").is_visible()
    box.locator("summary").click()
    source = box.locator("pre").inner_text()
    assert source.startswith("@article{example2015pixel,")
    assert "On Pixel-wise Explanations for Clever Classifiers" in source
    box.locator("button.cv-copy").click()
    page.wait_for_function("document.querySelector('#paper-example2015pixel .cv-bibtex').dataset.copied === 'true'")
    assert page.evaluate("navigator.clipboard.readText()") == source


def test_paper_page_has_scholar_tags_and_json_ld(page, site):
    page.goto(site + "sections/publications.html")
    page.click("#paper-example2015pixel a.cv-paper-page")
    assert page.url.endswith("papers/example2015pixel.html")
    meta = page.eval_on_selector_all("meta[name^=citation_]", "els => els.map(e => [e.name, e.content])")
    assert [
        "citation_title",
        "On Pixel-wise Explanations for Clever Classifiers",
    ] in meta
    assert next(m[1] for m in meta if m[0] == "citation_author") == "Example, A."
    assert ["citation_journal_title", "PLoS ONE"] in meta and ["citation_publication_date", "2015"] in meta
    data = json.loads(page.inner_text("script[type='application/ld+json']"))
    assert data["@type"] == "ScholarlyArticle" and data["datePublished"] == "2015"
    page.click("a.cv-paper-back")
    assert page.url.endswith("publications.html#paper-example2015pixel")


def test_landing_page_person_and_email(page, site):
    page.goto(site)
    data = json.loads(page.inner_text("script[type='application/ld+json']"))
    assert data["@type"] == "Person" and data["name"] == "Dr. Ada Example"
    email = page.locator("a.cv-email")
    assert email.inner_text() == "ada@example.org"  # assembled by the script
    assert email.get_attribute("href") == "mailto:ada@example.org"
    assert base64.b64decode(email.get_attribute("data-cv-email")).decode()[::-1] == "ada@example.org"
    assert page.locator("a.cv-download").get_attribute("href") == "ada-example-cv.pdf"


def test_pdf_download_link_serves_the_pdf(page, site):
    response = page.request.get(site + "ada-example-cv.pdf")
    assert response.ok and response.body().startswith(b"%PDF")


# -- looks: light and dark mode, phone and desktop, accessibility ---------------------------------


def set_mode(page, mode: str) -> None:
    """furo keeps the visitor's choice in localStorage and on <body data-theme>."""
    page.evaluate(f"localStorage.setItem('theme', '{mode}'); document.body.dataset.theme = '{mode}'")


CONTRAST = """(selector) => {
  function rgb(color) { return color.match(/[\\d.]+/g).slice(0, 3).map(Number); }
  function lum(c) {
    return c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
            .reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
  }
  function ratio(a, b) { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); }
  return Array.from(document.querySelectorAll(selector)).slice(0, 5).map(el => {
    let bg = el, color = 'rgba(0, 0, 0, 0)';
    while (bg && (color = getComputedStyle(bg).backgroundColor).endsWith(', 0)')) { bg = bg.parentElement; }
    return ratio(rgb(getComputedStyle(el).color), rgb(color));
  });
}"""


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_cards_legible_in_light_and_dark_mode(page, site, mode):
    page.goto(site + "sections/experience.html")
    set_mode(page, mode)
    background = page.evaluate("getComputedStyle(document.querySelector('.cv-entry')).backgroundColor")
    for selector in (".cv-entry .cv-title", ".cv-entry .cv-meta", ".cv-entry .cv-org", ".cv-entry .cv-body p"):
        ratios = page.evaluate(CONTRAST, selector)
        assert ratios and min(ratios) >= 4.5, (mode, selector, ratios, background)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"experience-{mode}.png"), full_page=False)


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize(
    "path",
    [
        "index.html",
        "sections/experience.html",
        "sections/talks.html",
        "sections/publications.html",
        "sections/software.html",
        "papers/example2015pixel.html",
    ],
)
def test_pages_fit_phone_and_desktop(browser, site, path, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    SHOTS.mkdir(parents=True, exist_ok=True)
    name = path.replace("/", "-").removesuffix(".html")
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    context.close()
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("path", ["index.html", "sections/publications.html"])
def test_no_serious_accessibility_violation(page, site, path, mode):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site + path)
    set_mode(page, mode)
    results = Axe().run(page)
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
