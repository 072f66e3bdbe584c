"""What every PDF and language says (issue 27), on a copy of tests/roots/test-site with a full CV,
a short one (``"descriptions": False``, selected papers) and a publication list, in English and
German: an entry drawn short keeps what qualifies its title; a selection of papers is headed and
numbered as one; no link to a card a PDF lacks; no doubled full stop; the former name in the
header, the profile card, JSON-LD and resume.json; the header's address for each language; a bib
note marked as English on the German site; a doctorate's "Dissertation"; talk kinds that read as
kinds of talk; the landing page's count of repositories."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup, Tag
from conftest import copy_site, run_sphinx
from pdf_helpers import lines, outline_titles, pages_text
from portfolio.records import Entry
from pypdf import PdfReader
from sphinx.testing.util import SphinxTestApp

LANGUAGES = ("en", "de")
SHORT_KINDS = ["position", "education", "grant", "award", "talk"]
VARIANTS = f"""
portfolio_pdf_variants = {{
    "cv": {{"title": "Full CV"}},
    "short": {{"title": "Short CV", "kinds": {SHORT_KINDS!r}, "descriptions": False, "publications": "selected"}},
    "papers": {{"title": "Publication list", "kinds": [], "prose": False}},
}}
"""
INSPECT = """
@article{example2016inspect,
  author = {Example, A. and Other, B.},
  title = {Inspect Neural Networks!},
  journal = {Journal of Example Research},
  year = {2016},
  note = {Best paper award winner},
  keywords = {selected},
}
@misc{example2017deutsch,
  author = {Example, A.},
  title = {Erklärbare KI in der Praxis},
  howpublished = {Example Press},
  year = {2017},
  langid = {ngerman},
}
"""
INTERVIEW = """
```{talk} Finding Answers
:date: 2019-07-16
:host: Example University
:kind: invited, press interview
```
"""


def portfolio(target: Path) -> Path:
    """The fictional portfolio with a former name, a paper whose title ends in "!" and has a note,
    a master's thesis, a talk that was also a press interview, and three PDFs."""
    src = copy_site(target)
    index = src / "index.md"
    index.write_text(index.read_text().replace(":website:", ":former-name: Ada Sample\n:website:", 1))
    (src / "refs.bib").write_text((src / "refs.bib").read_text() + INSPECT)
    education = src / "sections" / "education.md"
    education.write_text(education.read_text().replace(":end: 2014\n", ":end: 2014\n:thesis: Relevance for all\n", 1))
    talks = src / "sections" / "talks.md"
    talks.write_text(talks.read_text() + INTERVIEW)
    (src / "conf.py").write_text((src / "conf.py").read_text() + VARIANTS)
    return src


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, SphinxTestApp]:
    """The website with its PDFs beside it, in each language (German from its own copy: Sphinx
    writes .mo files beside the .po)."""
    found = {}
    for language in LANGUAGES:
        folder = tmp_path_factory.mktemp(f"content-{language}")
        app = run_sphinx(portfolio(folder / "src"), builddir=folder / "out", confoverrides={"language": language})
        assert app.warning.getvalue() == "", app.warning.getvalue()
        found[language] = app
    return found


def pdf(app: SphinxTestApp, variant: str) -> Path:
    suffix = "-de" if app.config.language == "de" else ""
    name = "ada-example-cv" + ("" if variant == "cv" else f"-{variant}") + f"{suffix}.pdf"
    return app.outdir / name


def text(app: SphinxTestApp, variant: str) -> str:
    return " ".join(pages_text(pdf(app, variant)))


def squashed(words: str) -> str:
    return "".join(words.split())


def soup(app: SphinxTestApp, page: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser")


def card(app: SphinxTestApp, entry: Entry) -> Tag:
    found = soup(app, entry.docname).find(id=entry.id)
    assert isinstance(found, Tag), entry.id
    return found


def qualifiers(app: SphinxTestApp, entry: Entry) -> list[str]:
    """What qualifies the entry's title, as its card on the site says it (translated): its tags,
    and the details whose field qualifies."""
    drawn = card(app, entry)
    values = [dd.get_text(" ", strip=True) for dd in drawn.select("dl.cv-details > dd")]
    details = [value for detail, value in zip(entry.details, values, strict=True) if detail.qualifies]
    return [tag.get_text(strip=True) for tag in drawn.select(".cv-tag")] + details


def short_entries(app: SphinxTestApp) -> list[Entry]:
    return [e for e in app.env.domains["cv"].by_id().values() if e.kind in SHORT_KINDS]


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_entry_drawn_short_keeps_what_qualifies_it(sites, language: str):
    app = sites[language]
    path = pdf(app, "short")
    every_line = [line for page in range(len(PdfReader(path).pages)) for line in lines(path, page)]
    found = 0
    for entry in short_entries(app):
        title = squashed(card(app, entry).select_one(".cv-title").get_text().rstrip("¶"))
        for qualifier in qualifiers(app, entry):
            beside = [line for line in every_line if title in squashed(line) and squashed(qualifier) in squashed(line)]
            assert beside, (language, entry.title, qualifier)  # on the title's own line
            found += 1
    assert found >= 6  # a rank, a role, a distinction, talk kinds, a talk's note


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_entry_drawn_short_leaves_out_prose_and_other_details(sites, language: str):
    short, full = text(sites[language], "short"), text(sites[language], "cv")
    for words in (
        "Opening the black box",
        "Relevance for all",
        "Prof. Dr. Example Supervisor",
        "Example Funding Agency",
    ):
        assert words in full and words not in short, words
    bodies = [e.summary for e in short_entries(sites[language]) if e.summary]
    assert bodies and not any(squashed(body)[:40] in squashed(short) for body in bodies)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_selection_is_headed_and_numbered_as_one(sites, language: str):
    app = sites[language]
    heading = {"en": "Selected publications", "de": "Ausgewählte Publikationen"}[language]
    assert heading in outline_titles(pdf(app, "short"))
    assert heading not in outline_titles(pdf(app, "cv")) and heading not in outline_titles(pdf(app, "papers"))
    short, full = text(app, "short"), text(app, "cv")
    bio, papers = short[: short.index(heading.upper())], short[short.index(heading.upper()) :]
    titles = ["A Toolkit for Evaluating Explanations", "Inspect Neural Networks", "On Pixel-wise Explanations"]
    assert re.findall(r"\[([JCP]\d+)\] ([^.!]+)", papers) == [
        ("J1", titles[0]),
        ("J2", titles[1]),
        ("J3", titles[2] + " for Clever Classifiers"),
    ]
    labels = dict(re.findall(r"\[(J\d+)\] ([^.!]+)", full))
    assert [labels[label] for label in ("J1", "J3", "J4")] == [
        titles[0],
        titles[1],
        titles[2] + " for Clever Classifiers",
    ]
    assert "[J3]" in bio and "[J4]" in full[: full.index("[J1]")]  # the bio cites the pixel paper by its label here


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_link_to_a_card_the_pdf_lacks(sites, language: str):
    """The full CV has the Toolkit card its paper points to; the others do not say "Software:"."""
    app = sites[language]
    assert "Software: Toolkit" in text(app, "cv")
    for variant in ("short", "papers"):
        assert "A Toolkit for Evaluating Explanations" in text(app, variant)
        assert "Software:" not in text(app, variant), variant


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_doubled_full_stop(sites, language: str):
    for variant in ("cv", "short", "papers"):
        words = text(sites[language], variant)
        assert "Inspect Neural Networks! Example A" in words, variant
        assert "!." not in words and "?." not in words, variant


@pytest.mark.parametrize(("language", "words"), [("en", "(formerly Ada Sample)"), ("de", "(früher Ada Sample)")])
def test_the_former_name_beside_the_name(sites, language: str, words: str):
    app = sites[language]
    for variant in ("cv", "short", "papers"):
        first = lines(pdf(app, variant), 0)
        assert any("Dr. Ada Example" in line and words in line for line in first), (variant, first[:3])
    profile = soup(app, "index").select_one("article.cv-profile")
    label = {"en": "Former name", "de": "Früherer Name"}[language]
    assert [dt.get_text(strip=True).rstrip(":") for dt in profile.select("dt")] == [label]
    assert profile.select_one("dd").get_text(strip=True) == "Ada Sample"


def test_the_former_name_for_machines(sites):
    app = sites["en"]
    scripts = soup(app, "index").select('script[type="application/ld+json"]')
    person = next(json.loads(s.string) for s in scripts if json.loads(s.string).get("@type") == "Person")
    assert person["alternateName"] == "Ada Sample"
    resume = json.loads((app.outdir / "resume.json").read_text(encoding="utf-8"))
    assert resume["basics"]["formerName"] == "Ada Sample"


@pytest.mark.parametrize(("language", "address"), [("en", "ada.example.org"), ("de", "ada.example.org/de")])
def test_the_header_names_the_languages_site(sites, language: str, address: str):
    for variant in ("cv", "short", "papers"):
        head = " ".join(lines(pdf(sites[language], variant), 0)[:6])
        assert re.search(rf"(?<![\w/.]){re.escape(address)}(?![\w/])", head), (variant, head)


def test_a_bib_note_is_marked_english_on_the_german_site(sites):
    german = soup(sites["de"], "sections/publications")
    note = german.select_one(".cv-pub-note")
    assert note.get_text() == "Best paper award winner" and note["lang"] == "en"
    titles = [title for title in german.select(".cv-pub-title") if "Praxis" not in title.text]
    assert titles and all(title.get("lang") == "en" for title in titles)
    assert soup(sites["en"], "sections/publications").select_one(".cv-pub-note").get("lang") is None


def test_a_bib_entry_in_another_language_says_so(sites):
    """``langid = {ngerman}``: German on the English site, and not marked on the German one."""
    english = next(t for t in soup(sites["en"], "sections/publications").select(".cv-pub-title") if "Praxis" in t.text)
    german = next(t for t in soup(sites["de"], "sections/publications").select(".cv-pub-title") if "Praxis" in t.text)
    assert english["lang"] == "de" and german.get("lang") is None


def test_a_doctorates_thesis_is_a_dissertation(sites):
    education = soup(sites["de"], "sections/education")
    labels = {
        article.select_one(".cv-title").get_text().rstrip("¶"): [
            dt.get_text(strip=True).rstrip(":") for dt in article.select("dt")
        ]
        for article in education.select("article.cv-education")
    }
    assert "Dissertation" in labels["PhD in Machine Learning"]
    assert (
        "Abschlussarbeit" in labels["MSc in Computer Science"]
        and "Dissertation" not in labels["MSc in Computer Science"]
    )
    english = soup(sites["en"], "sections/education")
    assert "Thesis" in [dt.get_text(strip=True).rstrip(":") for dt in english.select("article.cv-education dt")]


@pytest.mark.parametrize(
    ("language", "kinds"),
    [("en", ["invited talk", "press interview"]), ("de", ["eingeladener Vortrag", "Presseinterview"])],
)
def test_talk_kinds_read_as_kinds_of_talk(sites, language: str, kinds: list[str]):
    talks = soup(sites[language], "sections/talks")
    answers = next(a for a in talks.select("article.cv-talk") if "Finding Answers" in a.get_text())
    assert [tag.get_text(strip=True) for tag in answers.select(".cv-tag")] == kinds
    assert "invited interview" not in answers.get_text(" ") and "eingeladen Interview" not in answers.get_text(" ")


def test_the_landing_page_says_what_it_counts(sites):
    app = sites["en"]
    counts = {
        cell.select_one(".cv-what").get_text(): int(cell.select_one(".cv-count").get_text())
        for cell in soup(app, "index").select(".cv-highlights .sd-card-body")
    }
    assert counts["Code repositories"] == len(app.env.domains["cv"].of_kind("software"))
    german = soup(sites["de"], "index").select(".cv-highlights .cv-what")
    assert "Code-Repositorien" in [what.get_text() for what in german]


def test_the_owners_catalog_is_read(sites):
    """The German qualifiers above come from the project's catalogs (not left in English)."""
    with (Path(sites["de"].srcdir) / "locales/de/LC_MESSAGES/sections/funding.po").open("rb") as f:
        catalog = read_po(f)
    german = catalog.get("leading role").string
    assert german and german in text(sites["de"], "short")
