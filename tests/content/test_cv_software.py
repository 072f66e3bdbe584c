"""Software cards on the real CV: every repository once, linked to its paper and back."""

from __future__ import annotations

import pybtex.database
import pytest
from bs4 import BeautifulSoup
from conftest import REPO, build_cv


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    app = build_cv(tmp_path_factory.mktemp("software"))
    assert app.warning.getvalue() == ""
    read = lambda page: BeautifulSoup((app.outdir / "sections" / f"{page}.html").read_text(), "html.parser")  # noqa: E731
    return read("software"), read("publications")


def cv_repositories() -> list[str]:
    """Every code URL of refs.bib, which carries the CV's repositories as written there."""
    bib = pybtex.database.parse_file(REPO / "refs.bib")
    return sorted({url for entry in bib.entries.values() for url in entry.fields.get("code", "").split()})


def test_every_repository_of_the_cv_once(site):
    software, _ = site
    code_links = [a["href"] for a in software.select("article.cv-software a.cv-link-repository")]
    expected = cv_repositories()
    assert len(expected) == 14
    assert sorted(code_links) == expected


def test_each_card_links_to_its_paper_and_back(site):
    software, publications = site
    for card in software.select("article.cv-software"):
        papers = card.select(".cv-papers a.reference.internal")
        assert papers, card["id"]
        for link in papers:
            page, anchor = link["href"].split("#")
            assert page == "publications.html"
            entry = publications.find(id=anchor)
            assert entry is not None and entry.name == "div"
            backlinks = [a["href"] for a in entry.select(".cv-software-links a.reference.internal")]
            assert f"software.html#{card['id']}" in backlinks


@pytest.mark.parametrize(
    ("tool", "paper"),
    [
        ("software-quantus", "paper-hedstroem2023quantus"),
        ("software-innvestigate", "paper-alber2019innvestigate"),
        ("software-lrp-toolbox", "paper-lapuschkin2016toolbox"),
        ("software-zennit", "paper-anders2021software"),
        ("software-corelay", "paper-anders2021software"),
        ("software-virelay", "paper-anders2021software"),
        ("software-zennit-crp", "paper-achtibat2022where"),
    ],
)
def test_named_tools_cite_their_papers(site, tool, paper):
    software, _ = site
    hrefs = [a["href"] for a in software.find(id=tool).select(".cv-papers a")]
    assert hrefs == [f"publications.html#{paper}"]


def test_no_role_the_cv_does_not_state(site):
    """The CV names the tools and links their code; it calls the owner neither creator nor co-creator."""
    software, _ = site
    text = software.select_one("article[role=main]").get_text().lower()
    assert "creator" not in text and "created" not in text
    assert not [dt for dt in software.select(".cv-details dt") if "Role" in dt.get_text()]
