"""The site and the PDF in another language: ``tests/roots/test-site`` built with ``-D language=de``.

The fictional portfolio translates its own words in ``locales/de/`` (headings, prose, a card
title, an organisation, places); the extension's words come from its catalog
(``_ext/portfolio/locale/de/LC_MESSAGES/portfolio.po``). No English word of that catalog may be
left in the German HTML, in what the script writes, or in the PDF, except inside facts that stay
as written (titles of papers and cards, authors' names, BibTeX).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from conftest import REPO, build_site, copy_site, run_sphinx
from pdf_helpers import pages_text
from pybtex.database import parse_file
from pypdf import PdfReader

EXTENSION = REPO / "_ext" / "portfolio"
CATALOG = EXTENSION / "locale" / "de" / "LC_MESSAGES" / "portfolio.po"
#: HTML elements whose text is a fact that no translation changes, and furo's credit line, which
#: furo writes in English whatever the language ("Made with Sphinx and @pradyunsg's Furo")
FACTS = ["pre", "code", ".cv-pub-title", ".cv-pub-authors", ".cv-title", ".cv-org", "table.cv-inventory td"]
THEME = [".bottom-of-page .left-details"]
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def catalog() -> dict[str, str]:
    with CATALOG.open("rb") as f:
        return {str(m.id): str(m.string) for m in read_po(f) if m.id and not m.context}


def english_words() -> dict[str, re.Pattern[str]]:
    """Each message the German catalog says differently, as a pattern of whole words (a
    placeholder matches anything)."""
    found = {}
    for msgid, msgstr in catalog().items():
        if msgstr != msgid:
            body = r".+?".join(re.escape(part) for part in PLACEHOLDER.split(msgid)[::2])
            found[msgid] = re.compile(rf"(?<![\w-]){body}(?![\w-])")
    return found


def left_in_english(words: str) -> list[str]:
    return [f"{msgid!r} in …{words[max(m.start() - 40, 0) : m.end() + 40]}…"
            for msgid, pattern in english_words().items() for m in pattern.finditer(words)]  # fmt: skip


# -- the catalog ----------------------------------------------------------------------------------


def extracted() -> set[str]:
    """Every message the extension's code passes to ``_``, as Babel extracts them."""
    return {
        str(message)
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(EXTENSION), method_map=[("**.py", "python")], keywords={"_": None}
        )
    }


def test_catalog_has_every_word_of_the_code():
    words = catalog()
    code = extracted()
    assert len(code) > 80
    assert sorted(code - set(words)) == [], "words in the code but not in the German catalog"
    assert sorted(set(words) - code) == [], "words in the German catalog that the code no longer uses"
    assert [msgid for msgid, msgstr in words.items() if not msgstr] == []


def test_translations_keep_their_placeholders():
    for msgid, msgstr in catalog().items():
        assert sorted(PLACEHOLDER.findall(msgstr)) == sorted(PLACEHOLDER.findall(msgid)), msgid


def test_catalog_has_every_word_said_in_a_context():
    """``pgettext("doctorate", "Thesis")``: each context of the code has its own translation."""
    code = {
        (str(context), str(message))
        for _file, _line, message, _comments, context in extract_from_dir(
            str(EXTENSION), method_map=[("**.py", "python")], keywords={"pgettext": ((1, "c"), 2)}
        )
        if context
    }
    with CATALOG.open("rb") as f:
        said = {(str(m.context), str(m.id)): str(m.string) for m in read_po(f) if m.id and m.context}
    assert code == set(said) and ("doctorate", "Thesis") in code
    assert all(said.values()) and said["doctorate", "Thesis"] != catalog()["Thesis"]


def test_the_script_holds_no_words_of_its_own():
    """``portfolio.js`` says everything through ``say()``, from the page's ``cv-strings``."""
    script = (EXTENSION / "website" / "static" / "portfolio.js").read_text(encoding="utf-8")
    for msgid in catalog():
        assert f'"{msgid}"' not in script and f"'{msgid}'" not in script, msgid


# -- the German build -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def german(tmp_path_factory) -> Path:
    """The fictional portfolio's German website, as ``nox -s build`` makes it beside the English one."""
    app = build_site(tmp_path_factory.mktemp("de"), confoverrides={"language": "de"})
    assert app.warning.getvalue() == ""
    return Path(app.outdir)


@pytest.fixture(scope="module")
def german_pdf(tmp_path_factory) -> Iterator[Path]:
    """The German PDF, with a "last updated" line of a known day."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 14 Nov 2023
        app = build_site(tmp_path_factory.mktemp("de-pdf"), buildername="cvpdf", confoverrides={"language": "de"})
    assert app.warning.getvalue() == ""
    yield Path(app.outdir)


def page_words(path: Path) -> str:
    """What a visitor reads or hears on the page (text, titles, labels, alt texts), facts left out."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for element in soup(["script", "style"]):
        element.decompose()
    for selector in FACTS + THEME:
        for element in soup.select(selector):
            element.decompose()
    labels = [
        str(element[name])
        for element in soup.find_all(True)
        for name in ("title", "aria-label", "placeholder", "alt", "value")
        if element.get(name)
    ]
    return " ".join(" ".join([soup.get_text(" "), *labels]).split())


def test_no_english_word_of_the_extension_in_the_german_site(german):
    pages = sorted(german.rglob("*.html"))
    assert len(pages) > 15
    problems = [
        f"{page.relative_to(german)}: {problem}" for page in pages for problem in left_in_english(page_words(page))
    ]
    assert problems == []


def test_german_dates(german):
    words = page_words(german / "sections" / "experience.html")
    assert "Jan. 2021 – heute" in words
    assert "Okt. 2018 – Dez. 2020" in words
    assert "present" not in words
    assert "13., 14. Dez. 2021" in page_words(german / "sections" / "talks.html")


def test_translated_card_title_organisation_and_place(german):
    """The owner's ``.po`` translates a card's title, its organisation and its place; the entry
    keeps its English id, so links into either language agree."""
    soup = BeautifulSoup((german / "sections" / "experience.html").read_text(encoding="utf-8"), "html.parser")
    card = soup.select_one("#position-group-leader-2021-01")
    assert card is not None
    assert card.select_one(".cv-title").get_text(strip=True).startswith("Gruppenleiterin")
    assert card.select_one(".cv-org").get_text(strip=True) == "Beispielinstitut"
    assert card.select_one(".cv-place").get_text(strip=True) == "Berlin, Deutschland"


def test_page_language_and_alternates(german):
    soup = BeautifulSoup((german / "sections" / "talks.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == "de"
    alternates = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')}
    assert alternates == {
        "en": "https://ada.example.org/sections/talks.html",
        "de": "https://ada.example.org/de/sections/talks.html",
        "x-default": "https://ada.example.org/sections/talks.html",
    }
    assert soup.select_one('link[rel="canonical"]')["href"] == "https://ada.example.org/de/sections/talks.html"
    switch = soup.select_one("nav.cv-language-switch a")
    assert (switch["href"], switch["hreflang"], switch.get_text(strip=True)) == (
        "../../sections/talks.html",
        "en",
        "English",
    )


def test_alternates_on_readthedocs(tmp_path, monkeypatch):
    """On ReadTheDocs each language is a project at ``/<language>/<version>/``: the alternates
    swap the language part of ``READTHEDOCS_CANONICAL_URL``, and the address is left as it is."""
    canonical = "https://ada.readthedocs.io/de/latest/"
    monkeypatch.setenv("READTHEDOCS", "True")
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", canonical)
    app = build_site(tmp_path, confoverrides={"language": "de", "html_baseurl": canonical})
    soup = BeautifulSoup((Path(app.outdir) / "sections" / "talks.html").read_text(encoding="utf-8"), "html.parser")
    alternates = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')}
    assert alternates["en"] == "https://ada.readthedocs.io/en/latest/sections/talks.html"
    assert alternates["de"] == canonical + "sections/talks.html"
    assert soup.select_one('link[rel="canonical"]')["href"] == canonical + "sections/talks.html"
    assert (
        soup.select_one("nav.cv-language-switch a")["href"]
        == "https://ada.readthedocs.io/en/latest/sections/talks.html"
    )


def test_german_pdf_names_and_download_links(german):
    """The German PDFs end in ``-de`` and the German pages offer them."""
    assert sorted(p.name for p in german.glob("*.pdf")) == ["ada-example-cv-de.pdf"]
    soup = BeautifulSoup((german / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [a["href"] for a in soup.select("a.cv-download")] == ["ada-example-cv-de.pdf"]
    assert "Lebenslauf herunterladen" in soup.select_one("a.cv-download").get_text()


def test_gettext_lists_the_parts_of_cards(tmp_path):
    """``-b gettext`` lists card titles, organisations, places and events with file and line,
    so that a ``.po`` file can translate them."""
    app = run_sphinx(copy_site(tmp_path / "src"), "gettext", builddir=tmp_path / "out")
    pot = (Path(app.outdir) / "sections" / "talks.pot").read_text(encoding="utf-8")
    for words in ("Opening the Black Box", "Example Summit", "Lisbon, Portugal"):
        entry = re.search(rf'#: (\S+):(\d+)\nmsgid "{re.escape(words)}"', pot)
        assert entry and entry.group(1).endswith("sections/talks.md"), words
    experience = (Path(app.outdir) / "sections" / "experience.pot").read_text(encoding="utf-8")
    assert 'msgid "Group Leader"' in experience and 'msgid "Example Institute"' in experience
    # the heading over the filter form, which only the website shows, is translated too
    assert 'msgid "Find a publication"' in (Path(app.outdir) / "sections" / "publications.pot").read_text(
        encoding="utf-8"
    )


# -- the German PDF -------------------------------------------------------------------------------


def test_german_pdf(german_pdf):
    path = german_pdf / "ada-example-cv-de.pdf"
    reader = PdfReader(path)
    words = " ".join(pages_text(path))
    assert reader.trailer["/Root"]["/Lang"] == "de"
    assert reader.metadata.title == "Dr. Ada Example – Lebenslauf"
    assert f"Seite 1 von {len(reader.pages)}" in words
    assert "Gruppenleiterin" in words and "Beispielinstitut" in words and "Berlin, Deutschland" in words
    assert "Jan. 2021 – heute" in words
    assert "Stand: 14. Nov. 2023" in words


def test_no_english_word_of_the_extension_in_the_german_pdf(german_pdf, tmp_path):
    """The PDF's words with the facts taken out: the titles and authors of papers and the
    titles of cards, as the English build of the same sources writes them."""
    words = " ".join(pages_text(german_pdf / "ada-example-cv-de.pdf"))
    app = run_sphinx(copy_site(tmp_path / "src"), "html", builddir=tmp_path / "out")
    facts = [entry.title for entry in app.env.domains["cv"].entries.values()]
    facts += [paper.title for paper in app.env.domains["cv"].papers.values()]
    bib = parse_file(str(REPO / "tests" / "roots" / "test-site" / "refs.bib"))
    facts += [
        name
        for entry in bib.entries.values()
        for person in entry.persons.get("author", [])
        for name in person.last_names
    ]
    for fact in sorted(facts, key=len, reverse=True):
        words = words.replace(fact, " ")
    assert left_in_english(words) == []


# -- the script, in a browser ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def german_page(german) -> Iterator[object]:
    browser_module = pytest.importorskip("browser")
    pytest.importorskip("playwright.sync_api")
    if not browser_module.CHROMIUM.exists():
        pytest.skip(browser_module.NO_CHROMIUM)
    with browser_module.serve(german) as url, browser_module.chromium() as chromium:
        page = chromium.new_page()
        page.goto(url + "sections/publications.html")
        yield page
        page.close()


def test_filter_speaks_german(german_page):
    page = german_page
    form = page.locator(".cv-filter-form")
    assert form.is_visible()
    labels = page.eval_on_selector_all(".cv-filter-form label", "els => els.map(e => e.textContent.trim())")
    assert labels == ["Suche", "Jahr", "Art"]
    assert page.get_attribute("#cv-filter-words", "placeholder") == "Titel, Autor, Konferenz, Zeitschrift …"
    options = page.eval_on_selector_all("#cv-filter-year option, #cv-filter-type option", "els => els.map(e => e.text)")
    assert "Alle Jahre" in options and "Alle Arten" in options and "Zeitschriftenartikel" in options
    assert page.inner_text(".cv-filter-status") == "5 Publikationen"
    page.fill("#cv-filter-words", "clever")
    assert page.inner_text(".cv-filter-status") == "2 von 5 Publikationen"
    written = page.inner_text(".cv-filter-form") + " " + page.inner_text(".cv-filter-status")
    assert left_in_english(written) == []
    copy = page.locator("#paper-example2015pixel button.cv-copy")
    assert copy.get_attribute("aria-label") == "BibTeX kopieren: example2015pixel"  # begins with its label
