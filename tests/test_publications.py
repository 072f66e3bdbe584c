"""Publications: groups, order, owner in bold, stable ids, links, citing roles, bad bib input."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import assert_warned


def soup(app, page: str = "index") -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{page}.html").read_text(), "html.parser")


def entries(page: BeautifulSoup) -> dict[str, str]:
    return {div["id"]: div.select_one(".label").get_text().strip("[]") for div in page.select("div.citation")}


def test_grouped_newest_first_numbered(build):
    app = build("bib")
    assert app.warning.getvalue() == ""
    assert list(entries(soup(app)).items()) == [
        ("paper-new2023toolkit", "J1"),
        ("paper-old2015pixel", "J2"),
        ("paper-mid2019workshop", "C1"),
        ("paper-pre2022concepts", "P1"),
    ]


def test_owner_bold_in_every_spelling(build):
    page = soup(build("bib"))
    bold = {div["id"]: [s.get_text() for s in div.select("strong")] for div in page.select("div.citation")}
    assert bold == {
        "paper-new2023toolkit": ["Owner A"],
        "paper-old2015pixel": ["Maiden A"],
        "paper-mid2019workshop": ["Owner A"],
        "paper-pre2022concepts": ["Owner A"],
    }


def test_names_titles_and_venue_as_written(build):
    text = soup(build("bib")).find(id="paper-new2023toolkit").get_text()
    assert "Höhne M-C M, Owner A and Ekstrøm C T (2023)" in text
    title = soup(build("bib")).find(id="paper-new2023toolkit").select_one(".cv-pub-title")
    assert title.get_text() == "A Toolkit for XAI Evaluation"  # as written, on a line of its own
    assert text.index("A Toolkit for XAI Evaluation") < text.index("Höhne M-C M")
    assert "Journal of Machine Learning Research 24(34):1–11" in text
    assert "Best Paper Award" in text
    assert "On Pixel-wise Explanations of LRP" in soup(build("bib")).find(id="paper-old2015pixel").get_text()


def test_links_per_entry(build):
    page = soup(build("bib"))

    def links(key):
        return [
            (a.get_text(), a["href"]) for a in page.find(id=f"paper-{key}").select("a.cv-action:not(.cv-paper-page)")
        ]

    assert links("old2015pixel") == [("DOI", "https://doi.org/10.1371/journal.pone.0130140")]
    assert links("new2023toolkit") == [  # two repositories, two names; a url that is no publisher's
        ("Code: toolkit", "https://github.com/example/toolkit"),
        ("Code: toolkit-extra", "https://github.com/example/toolkit-extra"),
        ("Web page", "https://toolkit.example.org"),
    ]
    assert links("mid2019workshop") == [("PDF", "https://example.org/paper.pdf")]
    assert links("pre2022concepts") == [("arXiv", "https://arxiv.org/abs/2206.03208")]


def test_venue_badges_and_year_column(build):
    """A badge from a well-known venue's name where the entry has no ``abbr`` (JMLR, PLoS ONE, arXiv);
    none for a venue the table does not know; each paper's year in the label's column."""
    page = soup(build("bib"))
    badges = {div["id"]: [b.get_text() for b in div.select(".cv-pub-badge")] for div in page.select("div.citation")}
    assert badges == {
        "paper-new2023toolkit": ["JMLR"],
        "paper-old2015pixel": ["PLoS ONE"],
        "paper-mid2019workshop": [],
        "paper-pre2022concepts": ["arXiv"],
    }
    paper = page.find(id="paper-new2023toolkit")
    assert [child.get("class") for child in paper.find_all(recursive=False)][:2] == [["label"], ["cv-pub-year"]]
    assert paper.select_one(".cv-pub-year").get_text() == "2023"
    badge = paper.select_one(".cv-pub-badge")
    assert badge.find_next_sibling(class_="cv-pub-title") is not None  # before the title, on its line


def test_short_venue_names():
    from portfolio.bibliography.venues import short_venue

    assert short_venue("Proceedings of the 36th International Conference on Machine Learning (ICML 2019)") == "ICML"
    assert short_venue("Advances in Neural Information Processing Systems 33") == "NeurIPS"
    assert short_venue("Nature Communications") == "Nat. Commun."
    assert short_venue("Nature") == "Nature" and short_venue("Nature Reviews Physics") == ""
    assert short_venue("Proceedings of the IEEE") == "Proc. IEEE"
    assert short_venue("Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition") == "CVPR"
    assert short_venue("CVPR Workshops") == short_venue("CVPRW") == "CVPR Workshop"
    assert short_venue("ICML'16 Workshop on Visualization for Deep Learning") == "ICML Workshop"
    assert short_venue("Pattern Recognition") == "Pattern Recognit."
    assert short_venue("International Conference on Pattern Recognition (ICPR)") == "ICPR"
    assert short_venue("Journal of Dental Research") == ""


def test_link_names_for_any_fork():
    """Buttons say what they lead to: a repository by its name, a publisher's page as such, al-folio's
    ``website`` as the project's page; two buttons never share a name."""
    from portfolio.bibliography.links import entry_links
    from pybtex.database import Entry

    entry = Entry(
        "article",
        fields={
            "code": "https://github.com/chr5tphr/zennit https://gitlab.com/group/sub/tool/-/tree/main "
            "https://example.org/a.zip https://example.net/b.zip",
            "url": "https://www.sciencedirect.com/science/article/pii/S1",
            "website": "https://project.example.org",
            "html": "https://doi.org/10.1000/x",
        },
    )
    assert [link.label for link in entry_links(entry)] == [
        "DOI",
        "Code: zennit",
        "Code: tool",
        "Code: example.org",
        "Code: example.net",
        "Project page",
        "Publisher",
    ]


def test_cite_role_from_another_page(build):
    page = soup(build("bib"), "talk")
    hrefs = [a["href"] for a in page.select("a.reference.internal")]
    assert hrefs == ["index.html#paper-pre2022concepts", "index.html#paper-old2015pixel"]


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


def test_grouped_by_year(build):
    """``:group: year``: one list, a heading before the first paper of each year, newest first."""
    app = build("bib-years")
    assert app.warning.getvalue() == ""
    page = soup(app)
    years = [p.get_text() for p in page.select("p.rubric.cv-year")]
    assert years == ["2023", "2022", "2019", "2015", "2010"]
    order = [(el.get_text() if el.name == "p" else el["id"]) for el in page.select("p.rubric.cv-year, div.citation")]
    assert order == [
        "2023",
        "paper-new2023toolkit",
        "2022",
        "paper-pre2022concepts",
        "2019",
        "paper-mid2019workshop",
        "2015",
        "paper-old2015pixel",
        "2010",
        "paper-plain2010nolink",
    ]


def test_unlinked_papers_reported_once(build):
    """One line of information (not a warning, so -W passes) names the papers without a link."""
    app = build("bib-years")
    lines = [line for line in app.status.getvalue().splitlines() if "link nowhere" in line]
    assert lines == ["1 of 5 publications link nowhere (no doi, url, pdf or eprint): plain2010nolink"]
    assert app.warning.getvalue() == ""
    assert not [line for line in build("bib").status.getvalue().splitlines() if "link nowhere" in line]
