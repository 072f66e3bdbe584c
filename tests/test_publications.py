"""Publications: groups, order, owner in bold, stable ids, links, citing roles, bad bib input."""

from __future__ import annotations

import pybtex.database
import pytest
from bs4 import BeautifulSoup
from conftest import REPO, assert_warned


def soup(app, page: str = "index") -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{page}.html").read_text(), "html.parser")


def entries(page: BeautifulSoup) -> dict[str, str]:
    return {div["id"]: div.select_one(".label").get_text().strip("[]") for div in page.select("div.citation")}


def test_grouped_newest_first_numbered(build):
    app = build("bib")
    assert app.warning.getvalue() == ""
    assert list(entries(soup(app)).items()) == [
        ("pub-new2023toolkit", "J1"),
        ("pub-old2015pixel", "J2"),
        ("pub-mid2019workshop", "C1"),
        ("pub-pre2022concepts", "P1"),
    ]


def test_owner_bold_in_every_spelling(build):
    page = soup(build("bib"))
    bold = {div["id"]: [s.get_text() for s in div.select("strong")] for div in page.select("div.citation")}
    assert bold == {
        "pub-new2023toolkit": ["Owner A"],
        "pub-old2015pixel": ["Maiden A"],
        "pub-mid2019workshop": ["Owner A"],
        "pub-pre2022concepts": ["Owner A"],
    }


def test_names_titles_and_venue_as_written(build):
    text = soup(build("bib")).find(id="pub-new2023toolkit").get_text()
    assert "Höhne M-C M, Owner A and Ekstrøm C T (2023)" in text
    assert "“A Toolkit for XAI Evaluation”" in text
    assert "Journal of Machine Learning Research 24(34):1–11" in text
    assert "Best Paper Award" in text
    assert "On Pixel-wise Explanations of LRP" in soup(build("bib")).find(id="pub-old2015pixel").get_text()


def test_links_per_entry(build):
    page = soup(build("bib"))

    def links(key):
        return [(a.get_text(), a["href"]) for a in page.find(id=f"pub-{key}").select("a.reference")]

    assert links("old2015pixel") == [("DOI", "https://doi.org/10.1371/journal.pone.0130140")]
    assert links("new2023toolkit") == [
        ("Code", "https://github.com/example/toolkit"),
        ("Code", "https://github.com/example/toolkit-extra"),
        ("Project page", "https://toolkit.example.org"),
    ]
    assert links("mid2019workshop") == [("PDF", "https://example.org/paper.pdf")]
    assert links("pre2022concepts") == [("arXiv", "https://arxiv.org/abs/2206.03208")]


def test_cite_role_from_another_page(build):
    page = soup(build("bib"), "talk")
    hrefs = [a["href"] for a in page.select("a.reference.internal")]
    assert hrefs == ["index.html#pub-pre2022concepts", "index.html#pub-old2015pixel"]


BIB_WARNINGS = [
    (7, "bib_type", "'weird2022' has unknown type @preprint"),
    (22, "bib_duplicate", "duplicate bib key 'good2020'"),
    (34, "bib_syntax", "'broken2017' is malformed"),
    (12, "bib_field", "'notitle2021' has no title"),
    (17, "bib_field", "'noyear' has no year"),
]


@pytest.mark.parametrize(("line", "subtype", "words"), BIB_WARNINGS)
def test_bad_bib_input_warns_with_key_file_line(build, line, subtype, words):
    assert_warned(build("bib-errors").warning.getvalue(), f"refs.bib:{line}", f"portfolio.{subtype}", words)


def test_bad_bib_input_still_renders_the_rest(build):
    app = build("bib-errors")
    assert "Traceback" not in app.warning.getvalue()
    text = soup(app).get_text()
    for title in ("A Good Paper", "An Unknown Type", "No Year Given", "After the Duplicate"):
        assert title in text
    assert "Same Key Again" not in text  # the duplicate, warned about above
    assert (app.outdir / "other.html").exists()


# -- the real CV ------------------------------------------------------------------------------

GROUPS = {"J": ("article", 21), "C": ("inproceedings", 17), "B": ("incollection", 4), "P": ("misc", 9)}


@pytest.fixture(scope="module")
def cv(tmp_path_factory):
    from test_portfolio import build_portfolio

    app = build_portfolio(tmp_path_factory.mktemp("cv"))
    return app, soup(app, "sections/publications")


def test_cv_has_51_papers_in_4_groups(cv):
    _, page = cv
    labels = list(entries(page).values())
    assert len(labels) == 51
    for prefix, (_, count) in GROUPS.items():
        assert [label for label in labels if label[0] == prefix] == [f"{prefix}{i}" for i in range(1, count + 1)]


def test_cv_groups_newest_first_and_owner_in_every_entry(cv):
    _, page = cv
    bib = pybtex.database.parse_file(REPO / "refs.bib")
    years: dict[str, list[int]] = {}
    for div in page.select("div.citation"):
        key = div["id"].removeprefix("pub-")
        group = div.select_one(".label").get_text().strip("[]")[0]
        years.setdefault(group, []).append(int(bib.entries[key].fields["year"]))
        assert [s.get_text() for s in div.select("strong")] in (["Lapuschkin S"], ["Bach S"]), key
    for group in years.values():
        assert group == sorted(group, reverse=True)


def test_cv_ids_and_code_links(cv):
    _, page = cv
    bib = pybtex.database.parse_file(REPO / "refs.bib")
    assert {d["id"] for d in page.select("div.citation")} == {f"pub-{k}" for k in bib.entries}
    hrefs = {a["href"] for a in page.select("div.citation a.reference")}
    for entry in bib.entries.values():
        for url in entry.fields.get("code", "").split():
            assert url in hrefs
    assert "https://arxiv.org/abs/2106.13200" in hrefs
