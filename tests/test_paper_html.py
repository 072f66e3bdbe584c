"""A paper's row of buttons in the list and its own page (head and body) are HTML from templates
with autoescape: a bib entry's text is text there, in an element and in an attribute alike."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

TITLE = "Title with # $ * _ @ < [ ] // and <b>tag</b>"
ABSTRACT = "An abstract with </p><script>alert(1)</script> & \"quotes\" 'and' <b>tags</b>"


@pytest.fixture(scope="module")
def site(build):
    return build("escape")


def test_the_papers_row_in_the_list(site):
    page = BeautifulSoup((site.outdir / "index.html").read_text(), "html.parser")
    (row,) = page.select("div.cv-paper-extras")
    assert row["data-year"] == "2020" and row["data-type"] == "article"
    assert [a["href"] for a in row.select("a.cv-action")][:1] == ["https://github.com/example/repo"]
    assert row.select_one(".cv-abstract p").get_text() == ABSTRACT
    assert "abstract = {An abstract with </p><script>" in row.select_one("pre.cv-bibtex-source").get_text()
    assert row.select_one("a.cv-paper-page")["href"] == "papers/example2020inject.html"
    assert not row.select("script, b")


def test_the_papers_own_page(site):
    html = (site.outdir / "papers" / "example2020inject.html").read_text()
    page = BeautifulSoup(html, "html.parser")
    assert page.title.get_text().startswith(TITLE + " — ")
    assert page.select_one("h1").get_text().startswith(TITLE)
    meta = {m.get("name") or m.get("property"): m["content"] for m in page.select("meta[content]")}
    assert meta["citation_title"] == TITLE and meta["og:title"] == TITLE
    assert meta["citation_abstract"] == ABSTRACT
    assert (
        meta["description"]
        == meta["og:description"]
        == f'{TITLE}. Example E and Other O (2020). In: Journal of #panic() "quotes". Code: repo'
    )
    assert page.select_one(".cv-paper-abstract").get_text() == ABSTRACT
    assert not page.select("article b, article script, section.cv-paper script")
