"""The built site in a real browser: Playwright driving Debian's Chromium over HTTP on 127.0.0.1.

The site is ``tests/roots/test-site``, a fictional portfolio, in English with its German site in
``de/`` as ``nox -s build`` makes it, and ``tests/roots/test-layout``, a small German one for the
layout of headings, talks and separators. Each is built once for the module and served from one
browser. Screenshots go to ``_build/screenshots/`` (kept by CI as artifacts).
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import CHROMIUM, COLOUR_RULES, NO_CHROMIUM, axe_source, axe_violations, chromium, serve
from conftest import REPO, ROOTS, build_site, run_sphinx

SHOTS = REPO / "_build" / "screenshots"
WIDTHS = {"phone": 390, "desktop": 1280}

pytest.importorskip("playwright.sync_api")
if not CHROMIUM.exists():  # .ci/run installs it; a developer machine may not have it
    pytest.skip(NO_CHROMIUM, allow_module_level=True)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The fictional portfolio built once for this module: English at the root, German in de/."""
    folder = tmp_path_factory.mktemp("site")
    app = build_site(folder)
    assert app.warning.getvalue() == ""
    german = run_sphinx(folder / "src", builddir=folder / "de", confoverrides={"language": "de"})
    assert german.warning.getvalue() == ""
    (Path(app.outdir) / "de").symlink_to(german.outdir, target_is_directory=True)
    return Path(app.outdir)


@pytest.fixture(scope="module")
def site(built) -> Iterator[str]:
    with serve(built) as url:
        yield url


@pytest.fixture(scope="module")
def layout(tmp_path_factory) -> Iterator[str]:
    """``tests/roots/test-layout`` (German), built and served."""
    import shutil

    source = tmp_path_factory.mktemp("layout") / "src"
    shutil.copytree(ROOTS / "test-layout", source)
    app = run_sphinx(source)
    assert app.warning.getvalue() == ""
    with serve(app.outdir) as url:
        yield url


@pytest.fixture(scope="module")
def browser(site: str) -> Iterator[object]:
    with chromium() as browser:
        yield browser


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


def test_paper_page_reference_reads_like_the_list(page, site):
    """Authors, then the venue, on lines of their own (the title is the page's heading): the separators
    the list hides after them are hidden here too, not left as a stray "." starting a line."""
    page.goto(site + "papers/example2015pixel.html")
    lines = [line.strip() for line in page.inner_text(".cv-paper-reference").splitlines() if line.strip()]
    assert lines[0] == "Example A, Other B and Third C (2015)"
    assert [line for line in lines if line.startswith(".")] == []
    assert lines[-1].startswith("In:") and "PLoS ONE" in lines[-1]


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


PAGES = [
    "index.html",
    "sections/experience.html",
    "sections/education.html",
    "sections/funding.html",
    "sections/awards.html",
    "sections/talks.html",
    "sections/publications.html",
    "sections/software.html",
    "sections/patents.html",
    "sections/skills.html",
    "sections/linking.html",
    "papers/example2015pixel.html",
    "papers/example2023toolkit.html",
]
OPEN_EVERYTHING = "document.querySelectorAll('details').forEach(d => d.open = true)"


@pytest.fixture(scope="module")
def axe() -> str:
    return axe_source()


def every_page(built: Path, language: str) -> list[str]:
    """Every HTML page of one language of the site (its pages, paper pages, search and index)."""
    root = built / "de" if language == "de" else built
    pages = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html") if "_static" not in p.parts)
    return [p for p in pages if not p.startswith("de/")]


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_every_page_fits_and_passes_axe(browser, site, built, axe, language, width):
    """Every page, in English and German, at phone and desktop width, in light and dark mode, with
    every BibTeX and abstract toggle open: nothing scrolls sideways (long BibTeX scrolls inside its
    box), and the current axe-core (npm) reports no serious or critical violation: every rule in light
    mode, the rules of colour in dark mode (nothing else changes with it). One page load serves both
    modes. Screenshots go to _build/screenshots/."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    prefix = "de/" if language == "de" else ""
    problems = []
    pages = every_page(built, language)
    assert len(pages) >= 15 and "papers/example2015pixel.html" in pages and "search.html" in pages
    SHOTS.mkdir(parents=True, exist_ok=True)
    for path in pages:
        page.goto(site + prefix + path)
        page.evaluate(OPEN_EVERYTHING)
        page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")  # the mode at once
        for mode in ("light", "dark"):
            set_mode(page, mode)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                problems.append(f"{prefix}{path} scrolls sideways by {overflow}px at {width}px in {mode} mode")
            name = (prefix + path).replace("/", "-").removesuffix(".html")
            page.screenshot(path=str(SHOTS / f"{name}-{width}-{mode}.png"), full_page=mode == "light")
            rules = COLOUR_RULES if mode == "dark" else ()
            problems += [(prefix + path, mode, *v) for v in axe_violations(page, axe, rules=rules)]
    context.close()
    assert problems == []


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_sphinx_design_shares_our_colours(page, site, mode):
    """sphinx-design's primary colour is the theme's brand colour in each mode, and its buttons,
    badges and grid cards are on the pages."""
    page.goto(site)
    set_mode(page, mode)
    colours = page.evaluate(
        "(() => { const s = getComputedStyle(document.body);"
        " return [s.getPropertyValue('--sd-color-primary'), s.getPropertyValue('--color-brand-primary')]; })()"
    )
    assert colours[0].strip() == colours[1].strip() != ""
    assert page.locator(".cv-profile a.cv-download.sd-btn.sd-btn-primary").count() == 1
    assert page.locator(".cv-highlights .sd-card").count() >= 3
    page.goto(site + "sections/talks.html")
    assert page.locator(".cv-tag.sd-badge").count() >= 3
    page.goto(site + "sections/publications.html")
    assert page.locator(".cv-paper-extras a.cv-action.sd-btn").count() >= 5


def test_landing_page(page, site):
    page.goto(site)
    assert page.title() == "Ada Example"  # the site's name in the tab; the page's own heading is the person's
    assert page.inner_text("article[role=main] h1").rstrip("#¶").strip() == "Dr. Ada Example"
    assert page.locator(".cv-profile .cv-title, .cv-profile h2").count() == 0  # no hidden second heading
    assert page.get_attribute("meta[property='og:title']", "content") == "Dr. Ada Example"
    photo = page.locator(".cv-profile img.cv-photo")
    assert photo.get_attribute("alt") == "Photo of Dr. Ada Example" and photo.evaluate("i => i.naturalWidth") > 0
    accounts = page.eval_on_selector_all(".cv-profile .cv-contact a.cv-account", "els => els.map(e => e.innerText)")
    assert accounts == ["ada@example.org", "GitHub", "LinkedIn", "ORCID", "Website", "Google Scholar"]
    assert page.locator(".cv-contact svg.cv-icon[aria-hidden=true]").count() == 6
    download = page.locator("a.cv-download").first.bounding_box()
    assert download["height"] >= 32  # a prominent button
    assert page.locator("ul.cv-latest li").count() == 2
    assert page.locator("article[role=main] .toctree-wrapper a").count() == 0  # the navigation is the sidebar's
    linking = page.locator(".cv-developers a")
    assert linking.get_attribute("href") == "sections/linking.html"
    nav = page.eval_on_selector_all(".sidebar-tree a", "els => els.map(e => e.getAttribute('href'))")
    assert not any("linking" in href for href in nav)  # for other projects' authors, not in the visitors' menu


def test_publications_layout(page, site):
    page.goto(site + "sections/publications.html")
    paper = page.locator("#paper-example2015pixel")
    title = paper.locator(".cv-pub-title")
    assert int(title.evaluate("e => getComputedStyle(e).fontWeight")) >= 600
    authors = paper.locator(".cv-pub-authors").bounding_box()
    assert authors["y"] > title.bounding_box()["y"]  # authors on the next line
    for button in paper.locator(".cv-paper-extras .cv-action").all():
        box = button.bounding_box()
        assert box["height"] >= 24 and abs(box["x"] - title.bounding_box()["x"]) < 400
    first = paper.locator(".cv-paper-extras .cv-action").first.bounding_box()
    assert abs(first["x"] - paper.locator(".cv-pub-authors").bounding_box()["x"]) <= 1  # aligned with the text
    assert paper.locator(".cv-paper-extras a.cv-action", has_text="DOI").get_attribute("href") == (
        "https://doi.org/10.1371/journal.pone.0130140"
    )


def test_phone_tap_targets(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(site + "sections/publications.html")
    heights = page.eval_on_selector_all(".cv-action", "els => els.map(e => e.getBoundingClientRect().height)")
    context.close()
    assert heights and min(heights) >= 32


def test_talks_are_a_compact_list_by_year(page, site):
    """One or two lines a talk: the title, then event, place, date and kinds on one line."""
    page.goto(site + "sections/talks.html")
    assert page.eval_on_selector_all("p.rubric.cv-year", "els => els.map(e => e.innerText)") == ["2023", "2021", "2020"]
    assert page.locator("article.cv-talk.cv-compact").count() == 3
    tags = page.eval_on_selector_all(".cv-tag", "els => els.map(e => e.innerText)")
    assert "talk" not in tags and {"invited talk", "keynote", "lecture series", "paper presentation"} <= set(tags)
    for talk in page.locator("article.cv-talk.cv-compact").all():
        title = talk.locator(".cv-title").bounding_box()
        meta = talk.locator(".cv-meta").bounding_box()
        assert meta["y"] >= title["y"] + title["height"] - 1  # the line under the title
        for tag in talk.locator(".cv-tag").all():  # kinds on the meta line, not a line of their own
            assert (
                abs(tag.bounding_box()["y"] + tag.bounding_box()["height"] / 2 - (meta["y"] + meta["height"] / 2)) < 8
            )
        line = float(talk.locator(".cv-title").evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
        assert talk.bounding_box()["height"] <= 2 * line + 2 * 24, talk.inner_text()


def follow_search_result(page, site: str, query: str, title: str) -> None:
    """Search the site for ``query`` and click the result titled ``title``."""
    page.goto(site + "search.html?q=" + query.replace(" ", "+"))
    result = page.locator("#search-results a", has_text=title).first
    result.wait_for()
    result.click()
    page.wait_for_load_state()


def test_search_result_lands_on_its_card(page, site):
    follow_search_result(page, site, "Explaining Decisions", "Explaining Decisions")
    assert page.url.endswith("sections/talks.html#talk-explaining-decisions-2021-12-13")
    card = page.locator("#talk-explaining-decisions-2021-12-13")
    assert card.evaluate("e => e.tagName") == "ARTICLE" and card.is_visible()
    top = card.evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < 900  # scrolled to


def test_search_result_for_a_paper_lands_on_it(page, site):
    follow_search_result(page, site, "Unmasking Clever Hans", "Unmasking Clever Hans Predictors")
    assert page.url.endswith("sections/publications.html#paper-other2019clever")
    assert page.locator("#paper-other2019clever .cv-paper-page").is_visible()  # its page one click away


def test_print_shows_the_content_alone(page, site):
    page.goto(site + "sections/publications.html")
    page.emulate_media(media="print")
    for selector in (".skip-to-content", ".sidebar-drawer", ".cv-filter", ".cv-paper-extras", ".toc-drawer"):
        shown = page.eval_on_selector_all(
            selector, "els => els.filter(e => getComputedStyle(e).display !== 'none').length"
        )
        assert shown == 0, selector
    assert page.eval_on_selector("div.citation", "e => getComputedStyle(e).breakInside") == "avoid"
    page.goto(site + "sections/experience.html")
    page.emulate_media(media="print")
    assert page.eval_on_selector(".cv-entry", "e => getComputedStyle(e).breakInside") == "avoid"


def test_card_permalinks_take_the_keyboard(page, site):
    """Tab reaches each card's permalink, in the order of the page, and shows where the focus is."""
    page.goto(site + "sections/awards.html")
    seen = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "(() => { const e = document.activeElement; return e && e.classList.contains('headerlink') &&"
            " e.closest('article.cv-entry') ? [e.closest('article').id, getComputedStyle(e).opacity,"
            " getComputedStyle(e).outlineStyle] : null; })()"
        )
        if focused:
            seen.append(focused)
    ids = list(dict.fromkeys(card for card, _, _ in seen))  # Tab goes round the page more than once
    assert ids == ["award-dissertation-award-2019", "award-best-paper-prize-2016"]
    assert all(opacity == "1" and outline != "none" for _, opacity, outline in seen)


def test_sharing_tags_on_every_page(page, site):
    for path in PAGES:
        page.goto(site + path)
        description = page.get_attribute("meta[name=description]", "content")
        assert description and len(description) >= 30 and ",," not in description, (path, description)
        assert page.get_attribute("meta[property='og:description']", "content") == description
        image = page.get_attribute("meta[property='og:image']", "content")
        assert image.endswith("_static/portfolio-preview.png")
        assert page.locator("link[rel~=icon]").count() == 1
    png = page.request.get(site + "_static/portfolio-preview.png")
    assert png.ok and png.body().startswith(b"\x89PNG")
    icon = page.request.get(site + "_static/portfolio-favicon.svg")
    assert icon.ok and b"<svg" in icon.body()


# -- issue 26: the list, paper pages, the landing page, talks, defects -----------------------------------


def test_badge_year_column_and_named_buttons(page, site):
    """The venue badge starts the title's line, the year stands under the label in its own column,
    and a paper's buttons are named for what they lead to, in the list and on its page alike."""
    page.goto(site + "sections/publications.html")
    paper = page.locator("#paper-example2023toolkit")
    badge, title = paper.locator(".cv-pub-badge").bounding_box(), paper.locator(".cv-pub-title").bounding_box()
    assert paper.locator(".cv-pub-badge").inner_text() == "JMLR"
    assert abs(badge["y"] + badge["height"] / 2 - (title["y"] + 12)) < 12 and badge["x"] < title["x"]
    label, year = paper.locator(".label").bounding_box(), paper.locator(".cv-pub-year").bounding_box()
    assert paper.locator(".cv-pub-year").inner_text() == "2023"
    assert abs(year["x"] - label["x"]) <= 1 and label["y"] < year["y"] < label["y"] + 2 * label["height"] + 4
    assert year["x"] + year["width"] < paper.locator(".cv-pub-authors").bounding_box()["x"]  # a column of its own
    names = paper.locator(".cv-paper-extras a.cv-action:not(.cv-paper-page)").all_inner_texts()
    assert names[0] == "Code: toolkit" and len(names) == len(set(names))
    style = "e => [getComputedStyle(e).borderRadius, getComputedStyle(e).fontSize, getComputedStyle(e).borderColor]"
    in_list = paper.locator("a.cv-action", has_text="Code: toolkit").evaluate(style)
    page.goto(site + "papers/example2023toolkit.html")
    assert page.locator(".cv-paper-links a.cv-action", has_text="Code: toolkit").evaluate(style) == in_list


def test_paper_page_title_once_and_links_in_sight_on_a_phone(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site + "papers/example2015pixel.html")
    title = "On Pixel-wise Explanations for Clever Classifiers"
    assert page.locator("article[role=main] h1").count() == 1
    shown = page.inner_text("article[role=main]").replace(page.inner_text("pre.cv-bibtex-source"), "")
    assert shown.count(title) == 1  # the title once (and in the BibTeX)
    order = [page.locator(s).bounding_box()["y"] for s in ("h1", ".cv-pub-authors", ".cv-paper-links", "#bibtex")]
    assert order == sorted(order)  # title, authors and venue, buttons, BibTeX
    button = page.locator(".cv-paper-links a.cv-action").first.bounding_box()
    assert button["y"] + button["height"] <= 844  # in sight without scrolling
    assert page.locator("#abstract").count() == 0  # no abstract in the entry: no heading for one
    page.goto(site + "papers/example2023toolkit.html")
    assert page.locator("#abstract p").inner_text() == "A toolkit that measures how faithful explanations are."
    context.close()


def test_landing_page_sections_icons_and_download_buttons(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(site)
    toc = page.eval_on_selector_all(".toc-tree a", "els => els.map(e => e.textContent.trim())")
    assert "Latest talks" in toc  # a section of its own, in the page's table of contents
    assert page.locator("section#latest-talks > h2").count() == 1
    for name in ("github", "linkedin", "orcid", "scholar"):  # the brands' own marks, not line drawings
        mark = page.locator(f".cv-contact a.cv-{name} svg.cv-brand")
        assert mark.count() == 1 and mark.get_attribute("viewBox") != "0 0 24 24", name
    boxes = [b.bounding_box() for b in page.locator("a.cv-download").all()]
    for one in boxes:
        for other in boxes:
            if one is not other:  # never touching: a gap between buttons and between rows
                apart_x = one["x"] + one["width"] + 4 <= other["x"] or other["x"] + other["width"] + 4 <= one["x"]
                apart_y = one["y"] + one["height"] + 4 <= other["y"] or other["y"] + other["height"] + 4 <= one["y"]
                assert apart_x or apart_y, (one, other)
    rows = {round(b["y"]) for b in boxes}
    starts = {round(min(b["x"] for b in boxes if round(b["y"]) == row)) for row in rows}
    assert len(starts) == 1  # every row starts at the same edge
    context.close()


#: whether the focused element can be seen: on screen, not hidden, not in an inert drawer; a card's
#: stretched link (no box of its own) shows its focus as the card's outline
VISIBLE_FOCUS = """() => { const e = document.activeElement; const card = e.closest('.sd-card');
  const box = e.getBoundingClientRect();
  const shown = ((box.width <= 1 || box.height <= 1) && card) ? card : e; const r = shown.getBoundingClientRect();
  const s = getComputedStyle(e); const ring = shown === e || getComputedStyle(card).outlineStyle !== 'none';
  return [e.outerHTML.slice(0, 80), r.width > 1 && r.height > 1 && ring &&
  s.visibility !== 'hidden' && r.right > 0 && r.left < window.innerWidth && !e.closest('[inert]')]; }"""


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_no_invisible_tab_stop_on_the_landing_page(browser, site, width):
    """Every stop of the keyboard can be seen: no hidden heading's permalink, nothing in the phone's
    closed drawer (inert), until the page's end."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site)
    page.wait_for_timeout(100)
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        html, visible = page.evaluate(VISIBLE_FOCUS)
        if html.startswith("<body"):
            break
        seen.append((html, visible))
    context.close()
    assert seen and [html for html, visible in seen if not visible] == []


def test_phone_drawer_is_inert_while_closed(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(site + "sections/talks.html")
    assert page.evaluate("document.querySelector('.sidebar-drawer').inert") is True
    page.click(".mobile-header label[for=__navigation]")
    assert page.evaluate("document.querySelector('.sidebar-drawer').inert") is False
    reached = []
    for _ in range(5):  # the open drawer's links take the keyboard
        page.keyboard.press("Tab")
        reached.append(page.evaluate("!!document.activeElement.closest('.sidebar-drawer')"))
    assert any(reached)
    page.evaluate("document.getElementById('__navigation').click()")
    page.wait_for_function("document.querySelector('.sidebar-drawer').inert === true")
    context.close()


def test_copy_button_name_begins_with_its_label(page, site):
    page.goto(site + "sections/publications.html")
    button = page.locator("#paper-example2015pixel button.cv-copy")
    assert button.get_attribute("aria-label").startswith(button.inner_text())


def test_print_leaves_out_the_empty_filter_section(page, site):
    page.goto(site + "sections/publications.html")
    page.emulate_media(media="print")
    assert page.eval_on_selector("section#find-a-publication", "e => getComputedStyle(e).display") == "none"
    assert page.eval_on_selector("section#journal-articles", "e => getComputedStyle(e).display") != "none"


def test_languages_line_and_language_switch_are_styled_apart(page, site):
    page.goto(site + "sections/software.html")
    line = page.locator(".cv-entry .cv-languages").first
    switch = page.locator("nav.cv-language-switch")
    assert line.count() == 1 and switch.count() == 1
    padding = "e => getComputedStyle(e).paddingLeft"
    assert line.evaluate(padding) == "0px" and switch.evaluate(padding) != "0px"


def test_organisation_named_by_its_heading_is_not_repeated(page, layout):
    page.goto(layout + "sections/experience.html")
    metas = page.eval_on_selector_all(".cv-entry .cv-meta", "els => els.map(e => e.innerText)")
    assert metas[0].startswith("Berlin, Deutschland") and "Beispielinstitut" not in " ".join(metas[:2])
    assert "Technische Universität Beispielstadt" in metas[2]  # under another heading, it stays


def test_kinds_the_heading_says_are_left_out(page, layout):
    page.goto(layout + "sections/talks.html")
    lectures = page.eval_on_selector_all("#vorlesungen .cv-tag", "els => els.map(e => e.innerText)")
    assert lectures == ["Vorlesungsreihe"]  # not "Vorlesung" under "Vorlesungen"
    invited = page.eval_on_selector_all("#eingeladene-vortrage .cv-tag", "els => els.map(e => e.innerText)")
    assert invited == ["Keynote"]


SEPARATOR_ENDS_LINE = """() => Array.from(document.querySelectorAll('.cv-meta .cv-sep')).filter(sep => {
  const next = sep.nextElementSibling; if (!next) return false;
  const a = sep.getClientRects(), b = next.getClientRects();
  return a.length && b.length && b[0].top > a[a.length - 1].bottom - 2; }).map(s => s.parentElement.innerText)"""


def test_separators_never_end_a_line(browser, layout):
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    for path in ("sections/funding.html", "sections/talks.html", "sections/experience.html"):
        page.goto(layout + path)
        assert page.evaluate(SEPARATOR_ENDS_LINE) == [], path
    context.close()


WORDS_ON_ONE_LINE = """(selector) => { const h = document.querySelector(selector); const text = h.firstChild;
  const broken = []; let at = 0;
  for (const word of text.textContent.split(' ')) { const r = document.createRange();
    r.setStart(text, at); r.setEnd(text, at + word.length); at += word.length + 1;
    const tops = new Set(Array.from(r.getClientRects()).map(x => Math.round(x.top)));
    if (tops.size > 1) broken.push(word); }
  const link = h.querySelector('.headerlink').getBoundingClientRect(); const end = document.createRange();
  end.setStart(text, text.length - 1); end.setEnd(text, text.length);
  return [broken, Math.abs(link.top - end.getBoundingClientRect().top) < 4]; }"""


def test_german_title_fits_a_phone(browser, layout):
    """ "Geförderte Forschungsprojekte": no word broken without a hyphen, the permalink on the last line."""
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(layout + "sections/funding.html")
    assert page.get_attribute("html", "lang") == "de"
    broken, permalink_with_text = page.evaluate(WORDS_ON_ONE_LINE, "article[role=main] h1")
    context.close()
    assert broken == [] and permalink_with_text


def test_german_search_says_what_it_found(page, layout):
    page.goto(layout + "search.html?q=Vorlesung")
    page.wait_for_function("(document.querySelector('p.search-summary') || {}).innerText")
    assert re.fullmatch(r"Suche beendet: \d+ Seiten? gefunden, .*", page.inner_text("p.search-summary"))
    noscript = page.eval_on_selector("article[role=main] noscript", "e => e.textContent")
    assert "JavaScript" in noscript and "Please" not in noscript
