"""The CV's facts, entry by entry, read from the CV itself (``cv_seed``) and checked in what the
builds make: on the site and in the full and two-page PDF CVs, in English and in German.

A fact is a title, a date, a place or institution, and above all a qualifier: "finalist",
"leading role", "summa cum laude", the workshop an award was given at. The German build says the
terms that a German text translates as ``cv_seed.GERMAN`` says them, and everything else as the CV.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import build_cv, copy_portfolio, run_sphinx
from cv_seed import Entry, Paper, cv_entries, cv_papers, former_name, normal, say, seed_path
from pdf_helpers import lines, pages_text
from pybtex.database import parse_file
from sphinx.testing.util import SphinxTestApp

pytestmark = pytest.mark.skipif(not cv_entries(), reason=f"the CV's text is not on this machine ({seed_path()})")

ENTRIES = cv_entries()
PAPERS = cv_papers()
LANGUAGES = ("en", "de")
#: the page each kind of entry is on
PAGES = {
    "position": "sections/experience",
    "education": "sections/education",
    "grant": "sections/funding",
    "award": "sections/awards",
    "talk": "sections/talks",
}
#: the kinds each PDF variant lists (conf.py's portfolio_pdf_variants); the publication list has none
VARIANTS = {
    "cv": ("position", "education", "grant", "award", "talk"),
    "cv-short": ("position", "education", "grant", "award"),
}
#: words too common to show that an event's name is there
STOP_WORDS = {"at", "of", "the", "and"}


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, SphinxTestApp]:
    """The site in each language; German from a copy, as Sphinx writes .mo files beside the .po."""
    english = build_cv(tmp_path_factory.mktemp("facts-en"))
    source = copy_portfolio(tmp_path_factory.mktemp("facts-de") / "src")
    german = run_sphinx(source, confoverrides={"language": "de", "nitpicky": True})
    return {"en": english, "de": german}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, SphinxTestApp]:
    english = build_cv(tmp_path_factory.mktemp("facts-pdf-en"), buildername="cvpdf")
    source = copy_portfolio(tmp_path_factory.mktemp("facts-pdf-de") / "src")
    german = run_sphinx(source, "cvpdf", confoverrides={"language": "de"})
    return {"en": english, "de": german}


def test_builds_without_warning(sites, pdfs):
    for app in (*sites.values(), *pdfs.values()):
        assert app.warning.getvalue() == ""


def test_the_cv_is_read_entry_by_entry():
    """The reader finds every entry of the CV, so that a test below cannot pass by finding none."""
    counts = {kind: sum(e.kind == kind for e in ENTRIES) for kind in PAGES}
    assert counts == {"position": 6, "education": 4, "grant": 6, "award": 6, "talk": 24}
    qualifiers = {q for e in ENTRIES for q in e.qualifiers}
    assert {
        "finalist",
        "leading role",
        "summa cum laude",
        "ICML'16 Workshop on Visualization for Deep Learning",
    } <= qualifiers
    assert len(PAPERS) == 51 and len({p.label for p in PAPERS}) == 51
    assert {q for p in PAPERS for q in p.qualifiers} == {
        "Pattern Recognition Best Paper Award and Pattern Recognition Medal winner",
        "Best paper award winner",
        "gold open access",
    }
    assert former_name() == "Bach" and sum(p.former_name for p in PAPERS) == 6


# -- the site --------------------------------------------------------------------------------------


def card_for(app: SphinxTestApp, entry: Entry, language: str) -> Tag:
    """The entry's card: its title as the site says it, and its first date."""
    soup = BeautifulSoup((app.outdir / f"{PAGES[entry.kind]}.html").read_text(encoding="utf-8"), "html.parser")
    title = normal(say(entry.title, language))
    found = [
        card
        for card in soup.select(f"article.cv-{entry.kind}")
        if normal(card.select_one(".cv-title").get_text().rstrip("¶")) == title
        and entry.dates[0] in [t.get("datetime") for t in card.select("time")]
    ]
    assert len(found) == 1, (language, entry.title, entry.dates, len(found))
    return found[0]


def missing_facts(text: str, entry: Entry, facts: list[str]) -> list[str]:
    """The facts not in ``text``: as a run of letters and digits, or for a talk's event, word by word
    (the site splits "Seminar at Fraunhofer HHI / TU Berlin" into event and host)."""
    have = normal(text)
    words = {normal(word) for word in re.split(r"[\s/|,()–-]+", text)}
    missing = []
    for fact in facts:
        if entry.kind == "talk" and fact not in entry.qualifiers:
            needed = {normal(w) for w in re.split(r"[\s/|,()–-]+", fact) if w and w.lower() not in STOP_WORDS}
            if needed - words - {""}:
                missing.append(fact)
        elif normal(fact) not in have:
            missing.append(fact)
    return missing


def talk_kinds(entry: Entry, language: str) -> list[str]:
    """A talk's kinds as the site can say them: "invited talk" is the tag "invited"; in German only
    the kinds the owner's catalog translates (the others are the extension's words)."""
    if language == "de":
        return [say(kind, language) for kind in entry.qualifiers if kind in ("press interview",)]
    return list(entry.qualifiers)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.id)
def test_site_card_carries_the_cvs_facts(sites, entry: Entry, language: str):
    card = card_for(sites[language], entry, language)
    # a card does not repeat what the heading above it says (its organisation, a talk's kind): read both
    section = card.find_parent("section")
    heading = section.find(["h1", "h2", "h3", "h4"]) if section is not None else None
    text = (heading.get_text(" ") + " " if heading is not None else "") + card.get_text(" ")
    facts = [say(d, language) for d in entry.details]
    if entry.kind == "talk":
        facts += talk_kinds(entry, language)
        missing = [
            f
            for f in missing_facts(text, entry, facts)
            if not (f.endswith(" talk") and normal(f.removesuffix(" talk")) in normal(text))
        ]
    else:
        missing = missing_facts(text, entry, [say(q, language) for q in entry.qualifiers] + facts)
    assert missing == [], (language, entry.title)
    datetimes = [t.get("datetime") for t in card.select("time")]
    for date in entry.dates:
        if date == "present":
            assert normal(say("present", language)) in normal(card.select_one(".cv-dates").get_text())
        else:
            assert date in datetimes, (language, entry.title, date)


@pytest.mark.parametrize("language", LANGUAGES)
def test_site_keeps_the_named_qualifiers(sites, language: str):
    """Issue 27's qualifiers, each on the card it qualifies, in both languages."""
    expected = {
        ("award", "ERCIM"): "finalist",
        ("award", "Best Paper Prize"): "ICML'16 Workshop on Visualization for Deep Learning",
        ("grant", "TEMA"): "leading role",
        ("grant", "iToBoS"): "leading role",
        ("grant", "TraMeExCo"): "leading role",
        ("education", "PhD in Machine Learning"): "summa cum laude",
    }
    for (kind, title), qualifier in expected.items():
        entry = next(e for e in ENTRIES if (e.kind, e.title) == (kind, title))
        assert qualifier in entry.qualifiers
        card = card_for(sites[language], entry, language)
        assert normal(say(qualifier, language)) in normal(card.get_text()), (language, title)


# -- the PDFs --------------------------------------------------------------------------------------


def pdf_name(variant: str, language: str) -> str:
    return f"sebastian-lapuschkin-{variant}{'-de' if language == 'de' else ''}.pdf"


def letters(text: str) -> str:
    """Letters and digits only, case kept: a PDF's text, wherever its lines and pages break."""
    return "".join(ch for ch in text.replace("’", "'") if ch.isalnum())


def pdf_window(text: str, entry: Entry, language: str, entries: list[Entry]) -> str:
    """The PDF's text of one entry: from its title (the occurrence followed by its first year) to
    the next title of any entry listed."""
    title = letters(say(entry.title, language))
    year = entry.dates[0][:4]
    titles = {letters(say(e.title, language)) for e in entries}
    start = text.find(title)
    while start >= 0:
        end = min(
            (i for other in titles if (i := text.find(other, start + len(title))) >= 0),
            default=len(text),
        )
        window = text[start:end]
        if year in window:
            return window
        start = text.find(title, start + 1)
    return ""


def pdf_cases(check: str) -> list[object]:
    """(variant, language, entry) for each entry a variant lists; for qualifiers, each qualifier on its own."""
    cases: list[object] = []
    for variant, kinds in VARIANTS.items():
        for language in LANGUAGES:
            for entry in ENTRIES:
                if entry.kind not in kinds or (entry.kind == "talk" and check == "qualifier"):
                    continue
                if check == "entry":
                    cases.append(pytest.param(variant, language, entry, id=f"{variant}-{language}-{entry.id}"))
                    continue
                for qualifier in entry.qualifiers:
                    cases.append(
                        pytest.param(
                            variant,
                            language,
                            entry,
                            qualifier,
                            id=f"{variant}-{language}-{entry.id}-{normal(qualifier)[:20]}",
                        )
                    )
    return cases


@pytest.fixture(scope="module")
def pdf_texts(pdfs) -> dict[tuple[str, str], str]:
    return {
        (variant, language): letters(" ".join(pages_text(pdfs[language].outdir / pdf_name(variant, language))))
        for variant in VARIANTS
        for language in LANGUAGES
    }


@pytest.mark.parametrize(("variant", "language", "entry"), pdf_cases("entry"))
def test_pdf_lists_the_entry_with_its_year(pdf_texts, variant: str, language: str, entry: Entry):
    listed = [e for e in ENTRIES if e.kind in VARIANTS[variant]]
    assert pdf_window(pdf_texts[variant, language], entry, language, listed), (variant, language, entry.title)


@pytest.mark.parametrize(("variant", "language", "entry", "qualifier"), pdf_cases("qualifier"))
def test_pdf_keeps_the_qualifier(pdf_texts, variant: str, language: str, entry: Entry, qualifier: str):
    listed = [e for e in ENTRIES if e.kind in VARIANTS[variant]]
    window = pdf_window(pdf_texts[variant, language], entry, language, listed)
    assert letters(say(qualifier, language)).lower() in window.lower(), (variant, language, entry.title)


# -- the variants' headers and the publication list ------------------------------------------------

ALL_VARIANTS = ("cv", "cv-short", "cv-publications")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("variant", ALL_VARIANTS)
def test_every_pdf_names_the_former_name_beside_the_name(pdfs, variant: str, language: str):
    """The CV says "(né Bach)": every PDF's header says who the papers' "Bach S" is."""
    first = lines(pdfs[language].outdir / pdf_name(variant, language), 0)
    assert any("Lapuschkin" in line and former_name() in line for line in first[:3]), first[:3]


def test_the_profile_card_names_the_former_name(sites):
    for language, app in sites.items():
        profile = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
        card = profile.select_one("article.cv-profile")
        assert former_name() in card.select_one("dl.cv-details").get_text(), language


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_publication_list_has_no_entries(pdf_texts_all, language: str):
    text = pdf_texts_all["cv-publications", language]
    for entry in ENTRIES:
        if entry.kind != "talk":  # a talk may have its paper's title
            assert not pdf_window(text, entry, language, list(ENTRIES)), entry.title


@pytest.fixture(scope="module")
def pdf_texts_all(pdfs) -> dict[tuple[str, str], str]:
    return {
        (variant, language): letters(" ".join(pages_text(pdfs[language].outdir / pdf_name(variant, language))))
        for variant in ALL_VARIANTS
        for language in LANGUAGES
    }


# -- papers -----------------------------------------------------------------------------------------


def words(text: str) -> list[str]:
    return re.findall(r"\w+", normal_text(text))


def normal_text(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", text).replace("’", "'").casefold()


def has_title(text: str, title: str) -> bool:
    """The CV's title in ``text``, letters and digits alike, or word by word where the CV's text
    lost a letter (its "ECQ" is the paper's "ECQˣ")."""
    if normal(title) in normal(text):
        return True
    want, have = words(title), words(text)
    return any(all(have[i + k].startswith(w) for k, w in enumerate(want)) for i in range(len(have) - len(want) + 1))


def paper_text(text: str, label: str) -> str:
    """A publication list's entry ``[label]``, up to the next label."""
    start = text.find(f"[{label}]")
    if start < 0:
        return ""
    following = re.compile(r"\[[JCBP]\d+\]").search(text, start + len(label) + 2)
    return text[start : following.start() if following else len(text)]


def paper_facts_missing(text: str, paper: Paper) -> list[str]:
    missing = [] if has_title(text, paper.title) else [paper.title]
    missing += [fact for fact in (paper.year, *paper.qualifiers) if normal(fact) not in normal(text)]
    return missing


@pytest.fixture(scope="module")
def pdf_plain(pdfs) -> dict[tuple[str, str], str]:
    return {
        (variant, language): " ".join(" ".join(pages_text(pdfs[language].outdir / pdf_name(variant, language))).split())
        for variant in ALL_VARIANTS
        for language in LANGUAGES
    }


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("paper", PAPERS, ids=lambda p: p.label)
def test_site_lists_the_paper_with_its_facts(sites, paper: Paper, language: str):
    page = BeautifulSoup(
        (sites[language].outdir / "sections" / "publications.html").read_text(encoding="utf-8"), "html.parser"
    )
    found = [c for c in page.select(".citation") if normal(c.select_one(".label").get_text()) == normal(paper.label)]
    assert len(found) == 1, paper.label
    entry = found[0].select_one("p")
    assert paper_facts_missing(entry.get_text(" "), paper) == [], (language, paper.label)
    if paper.former_name:  # "Bach S" is the owner: set in bold, as his name is
        assert "Bach S" in [strong.get_text() for strong in entry.select("strong")]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("variant", ["cv", "cv-publications"])
@pytest.mark.parametrize("paper", PAPERS, ids=lambda p: p.label)
def test_pdf_lists_the_paper_with_its_facts(pdf_plain, paper: Paper, variant: str, language: str):
    entry = paper_text(pdf_plain[variant, language], paper.label)
    assert entry, (variant, language, paper.label)
    assert paper_facts_missing(entry, paper) == [], (variant, language, paper.label)


def selected_titles() -> list[str]:
    """The titles of the papers refs.bib marks ``keywords = {selected}``."""
    from conftest import REPO

    bib = parse_file(str(REPO / "refs.bib"))
    return [
        entry.fields["title"].replace("{", "").replace("}", "")
        for entry in bib.entries.values()
        if "selected" in [k.strip().casefold() for k in entry.fields.get("keywords", "").split(",")]
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_two_page_cv_lists_the_selection_numbered_on_its_own(pdf_plain, language: str):
    """Each selected paper with its facts, under "Selected publications", each list numbered 1, 2, ...
    in the CV's order."""
    text = pdf_plain["cv-short", language]
    heading = {"en": "Selected publications", "de": "Ausgewählte Publikationen"}[language]
    assert heading in text
    chosen = [p for p in PAPERS if any(has_title(title, p.title) for title in selected_titles())]
    assert len(chosen) == len(selected_titles()) >= 5
    for prefix in sorted({p.label[0] for p in chosen}):
        for number, paper in enumerate((p for p in chosen if p.label[0] == prefix), start=1):
            entry = paper_text(text, f"{prefix}{number}")
            assert paper_facts_missing(entry, paper) == [], (language, paper.label, f"{prefix}{number}")


SCIENTIFIC_IMPACT = re.compile(r"# Citations\s+(\d+)\s+(\d+)\s+h-index\s+(\d+)\s+(\d+)\s+i10-index\s+(\d+)\s+(\d+)")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("variant", ["cv", "cv-short"])
def test_the_scientific_impact_numbers(pdf_plain, sites, variant: str, language: str):
    seed = seed_path()
    assert seed is not None
    numbers = SCIENTIFIC_IMPACT.search(seed.read_text(encoding="utf-8"))
    assert numbers, "the CV's table of citations"
    for where in (
        pdf_plain[variant, language],
        (sites[language].outdir / "sections" / "publications.html").read_text(),
    ):
        c1, c2, h1, h2, i1, i2 = numbers.groups()
        assert re.search(rf"\D{c1}\D+{c2}\D+{h1}\D+{h2}\D+10\D+{i1}\D+{i2}\D", where), (variant, language)
