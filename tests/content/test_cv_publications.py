"""The owner's publications: 51 papers in four groups, newest first, the owner in bold, code links."""

from __future__ import annotations

import pybtex.database
import pytest
from bs4 import BeautifulSoup
from conftest import REPO, build_cv


def soup(app, page: str = "index") -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{page}.html").read_text(), "html.parser")


def entries(page: BeautifulSoup) -> dict[str, str]:
    return {div["id"]: div.select_one(".label").get_text().strip("[]") for div in page.select("div.citation")}


GROUPS = {"J": ("article", 21), "C": ("inproceedings", 17), "B": ("incollection", 4), "P": ("misc", 9)}


@pytest.fixture(scope="module")
def cv(tmp_path_factory):
    app = build_cv(tmp_path_factory.mktemp("cv"))
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
        key = div["id"].removeprefix("paper-")
        group = div.select_one(".label").get_text().strip("[]")[0]
        years.setdefault(group, []).append(int(bib.entries[key].fields["year"]))
        assert [s.get_text() for s in div.select("strong")] in (["Lapuschkin S"], ["Bach S"]), key
    for group in years.values():
        assert group == sorted(group, reverse=True)


def test_cv_ids_and_code_links(cv):
    _, page = cv
    bib = pybtex.database.parse_file(REPO / "refs.bib")
    assert {d["id"] for d in page.select("div.citation")} == {f"paper-{k}" for k in bib.entries}
    hrefs = {a["href"] for a in page.select("div.citation a.reference, div.citation a.cv-action")}
    for entry in bib.entries.values():
        for url in entry.fields.get("code", "").split():
            assert url in hrefs
    assert "https://arxiv.org/abs/2106.13200" in hrefs
