"""The German translation of the owner's pages (locales/de): valid catalogs, facts carried over
exactly, every sentence translated, and a German build that uses them without a warning."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from conftest import REPO, copy_portfolio, run_sphinx
from sphinx.testing.util import SphinxTestApp

CATALOG_DIR = REPO / "locales" / "de" / "LC_MESSAGES"
CATALOGS = sorted(CATALOG_DIR.rglob("*.po"))
PAGES = ["index", *(f"sections/{page.stem}" for page in sorted((REPO / "sections").glob("*.md")))]

#: a Markdown link's target: [text](target)
LINK = re.compile(r"\]\(([^)\s]*)\)")
#: an address written out in the text
URL = re.compile(r"(?:https?|mailto):[^\s)>\]]+")
#: the end of a sentence: a full stop after a word, not after an abbreviation ("e.V.")
SENTENCE_END = re.compile(r"[^.\s]{2,}\.$")
#: a MyST role, {name}`content`; its target is the content, or what stands in <...> at its end
ROLE = re.compile(r"\{([\w:+.-]+)\}`([^`]*)`")


def load(path: Path) -> Catalog:
    """The catalog at ``path``; a syntax error fails the test instead of being skipped."""
    with path.open("rb") as f:
        return read_po(f, abort_invalid=True)


def translated(path: Path) -> list[tuple[str, str]]:
    """Each (msgid, msgstr) of the catalog that has a translation."""
    return [(m.id, m.string) for m in load(path) if m.id and m.string]


def role_targets(text: str) -> Counter[tuple[str, str]]:
    """Each role of ``text`` as (name, target): a link text may be translated, the target not."""
    found: Counter[tuple[str, str]] = Counter()
    for name, content in ROLE.findall(text):
        explicit = re.search(r"<([^<>]+)>\s*$", content)
        found[(name, explicit.group(1) if explicit else content)] += 1
    return found


def test_every_page_has_a_catalog():
    """A page without one stays English on the German site (``nox -s translations`` writes it)."""
    assert sorted(str(path.relative_to(CATALOG_DIR).with_suffix("")) for path in CATALOGS) == sorted(PAGES)


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(CATALOG_DIR)))
def test_catalog_is_german_and_current(path: Path):
    """It parses, says it is German, and has nothing fuzzy or obsolete (which Sphinx would ignore)."""
    catalog = load(path)
    assert dict(catalog.mime_headers)["Language"] == "de"
    assert not catalog.fuzzy
    assert [m.id for m in catalog if m.id and m.fuzzy] == []
    assert list(catalog.obsolete) == []


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(CATALOG_DIR)))
def test_facts_carry_over(path: Path):
    """Every number, address, link and role target of the English is in the German, with the same markup."""
    for msgid, msgstr in translated(path):
        numbers = Counter(re.findall(r"\d+", msgid))
        assert not numbers - Counter(re.findall(r"\d+", msgstr)), (msgid, msgstr)
        assert Counter(URL.findall(msgid)) == Counter(URL.findall(msgstr)), (msgid, msgstr)
        assert Counter(LINK.findall(msgid)) == Counter(LINK.findall(msgstr)), (msgid, msgstr)
        assert role_targets(msgid) == role_targets(msgstr), (msgid, msgstr)
        for markup in ("**", "*", "`"):
            assert msgid.count(markup) == msgstr.count(markup), (markup, msgid, msgstr)


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(CATALOG_DIR)))
def test_prose_is_translated(path: Path):
    """A sentence (ending in a full stop, six words or more) is prose, never only a name."""
    untranslated = [
        m.id for m in load(path) if m.id and not m.string and SENTENCE_END.search(m.id) and len(m.id.split()) >= 6
    ]
    assert untranslated == []


@pytest.fixture(scope="module")
def german(tmp_path_factory) -> SphinxTestApp:
    """The owner's site in German, built from a copy (Sphinx writes its .mo files beside the .po)."""
    source = copy_portfolio(tmp_path_factory.mktemp("german") / "src")
    return run_sphinx(source, confoverrides={"language": "de", "nitpicky": True})


def text_of(app: SphinxTestApp, page: str) -> str:
    """The main text of a built page, white space squashed."""
    soup = BeautifulSoup((app.outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    return " ".join(soup.select_one("article[role=main]").get_text(" ").split())


def as_shown(msgstr: str) -> str:
    """The words a reader sees of a translation: its MyST markup and escapes taken away."""
    text = re.sub(r"\*\*(.+?)\*\*|\*(\w.*?)\*", lambda m: m.group(1) or m.group(2), msgstr)
    text = re.sub(r"``\s?(.+?)\s?``|`([^`]*)`", lambda m: m.group(1) or m.group(2), text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"\\(.)", r"\1", text)


def squash(text: str) -> str:
    """Text without white space, and typographic quotes as typed: compare what is written."""
    return "".join(text.replace("\u2019", "'").replace("\u2026", "...").split())


def test_german_build_without_warning(german):
    assert german.warning.getvalue() == ""


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(CATALOG_DIR)))
def test_every_translation_is_used(german, path: Path):
    """Sphinx drops a translation whose markup parses differently from the English, silently."""
    page = squash(text_of(german, str(path.relative_to(CATALOG_DIR).with_suffix(""))))
    unused = [msgstr for msgid, msgstr in translated(path) if squash(as_shown(msgstr)) not in page]
    assert unused == []


def test_german_bio(german):
    text = text_of(german, "index")
    assert "Sebastian Lapuschkin leitet seit 2021 die Gruppe Explainable Artificial Intelligence" in text
    assert "Kurzbiografie" in text and "Short bio" not in text
    assert "a role he has held since 2021" not in text


def test_german_section_titles(german):
    soup = BeautifulSoup((german.outdir / "sections" / "experience.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("h1").get_text().rstrip("¶") == "Berufserfahrung"
    assert "Berlin, Deutschland" in text_of(german, "sections/experience")


def test_german_link_keeps_its_target(german):
    """The developers' line on the landing page: German link text, the same page behind it."""
    soup = BeautifulSoup((german.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    link = soup.select_one(".cv-developers a.reference")
    assert link["href"] == "sections/linking.html"
    assert link.get_text() == "aus der eigenen Dokumentation auf diese Arbeiten verlinken"


def test_german_facts_unchanged(german):
    """Names and titles stay as the CV states them; the note whose German looks like a list is still there."""
    awards = text_of(german, "sections/awards")
    assert "Hugo-Geiger-Prize" in awards and "1. Platz" in awards
    assert "„Analyzing and Validating Neural Network Predictions“" in awards
    assert "Opening the machine learning black box with Layer-wise Relevance Propagation" in text_of(
        german, "sections/education"
    )
