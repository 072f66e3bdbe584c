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
from cv_seed import GERMAN
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
#: the job titles and degrees of the CV, which the German pages translate one way everywhere
TITLES = [
    "Head of Explainable Artificial Intelligence",
    "Tenured Researcher",
    "Research Associate",
    "Student Research- & Teaching Assistant",
    "Student Teaching Assistant",
    "PhD in Machine Learning",
    "Master of Science in Computer Science",
    "Bachelor of Science in Computer Science",
]


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
    assert "an der Technischen Universität Berlin" in text and "summa cum laude) promoviert" in text
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
    """Names stay as the CV states them (awards, workshops, theses), the rank is said in German, and
    the note whose German looks like a list is still there."""
    awards = text_of(german, "sections/awards")
    assert "Hugo-Geiger-Preis" in awards and "1. Platz" in awards and "Hugo-Geiger-Prize" not in awards
    assert "ERCIM" in awards and "Finalist" in awards and "Cor Baayen Young Researcher Award" in awards
    assert "ICML’16 Workshop on Visualization for Deep Learning" in awards
    assert "„Analyzing and Validating Neural Network Predictions“" in awards
    assert "Opening the machine learning black box with Layer-wise Relevance Propagation" in text_of(
        german, "sections/education"
    )


# -- German terms of art (issue 27 item 7) ---------------------------------------------------------------

#: English names that a German sentence does not use for these institutions
ENGLISH_INSTITUTIONS = ("Berlin Institute of Technology", "Heinrich Hertz Institute", "Heinrich-Hertz-Institute")


def all_translations() -> list[tuple[str, str, str]]:
    """(catalog, msgid, msgstr) of every translated message."""
    return [
        (str(path.relative_to(CATALOG_DIR)), msgid, msgstr) for path in CATALOGS for msgid, msgstr in translated(path)
    ]


def test_institutions_named_as_german_texts_name_them():
    """Technische Universität Berlin; Fraunhofer-Institut für Nachrichtentechnik, Heinrich-Hertz-Institut HHI."""
    found = [(where, s) for where, _, s in all_translations() for name in ENGLISH_INSTITUTIONS if name in s]
    assert found == []
    names = {
        "Berlin Institute of Technology": GERMAN["Berlin Institute of Technology"],
        "Fraunhofer Heinrich Hertz Institute (HHI)": GERMAN["Fraunhofer Heinrich-Hertz-Institute"],
        "Fraunhofer Heinrich Hertz Institute": GERMAN["Fraunhofer Heinrich-Hertz-Institute"],
    }
    said = [(path.name, m.id, m.string) for path in CATALOGS for m in load(path) if m.id in names]
    assert {msgid for _, msgid, _ in said} == set(names)  # the pages name them all
    assert [(where, msgid, s) for where, msgid, s in said if s != names[msgid]] == []


def test_job_titles_and_degrees_translated_one_way():
    """One rule for every title: job titles and degree names in German, like the prose around them,
    each the same wherever it stands (the glossary of ``cv_seed``)."""
    seen = 0
    for path in CATALOGS:
        for message in load(path):
            if message.id in TITLES:
                seen += 1
                assert message.string == GERMAN[message.id], (path.name, message.id, message.string)
    assert seen >= len(TITLES)


def test_doctorate_said_as_a_german_academic_says_it():
    """He was promoviert with distinction (summa cum laude); no 'Ph.D.' in German prose, no 'erwarb'."""
    bio = " ".join(s for where, _, s in all_translations() if where == "index.po")
    assert re.search(r"wurde er 2018 .*mit Auszeichnung \(summa cum laude\) promoviert", bio), bio
    prose = [(where, s) for where, _, s in all_translations() if re.search(r"\bPh\.? ?D\b|\berwarb\b", s)]
    assert prose == []


def test_prize_names_in_german():
    texts = [s for _, _, s in all_translations()]
    assert not [s for s in texts if "Hugo-Geiger-Prize" in s]
    assert sum("Hugo-Geiger-Preis" in s for s in texts) >= 2  # the award and the bio


def test_talk_with_press_interview_in_german(german):
    """'invited talk & press interview', not 'invited interview': each kind reads as a kind of talk."""
    soup = BeautifulSoup((german.outdir / "sections" / "talks.html").read_text(encoding="utf-8"), "html.parser")
    card = soup.select_one("article#talk-finding-clever-hans-2019-07-16")
    assert [tag.get_text(strip=True) for tag in card.select(".cv-tag")] == ["eingeladener Vortrag", "Presseinterview"]


def test_doctoral_thesis_is_a_dissertation(german):
    soup = BeautifulSoup((german.outdir / "sections" / "education.html").read_text(encoding="utf-8"), "html.parser")
    card = soup.select_one("article#education-phd-in-machine-learning-2013")
    labels = [dt.get_text().rstrip(":").strip() for dt in card.select("dt")]
    assert "Dissertation" in labels, labels
