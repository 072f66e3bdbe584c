"""Another lab's docs link to papers, talks and other entries through intersphinx alone."""

from __future__ import annotations

import shutil
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import copy_portfolio, run_sphinx

BASE = "https://cv.example.org/"

EXPECTED = {
    # (page, link text) -> target in the portfolio
    (
        "index",
        "On Pixel-wise Explanations for Non-Linear Classifier Decisions by Layer-wise Relevance Propagation",
    ): "sections/publications.html#pub-bach2015pixel",
    (
        "index",
        "Beyond Heatmaps: Explaining with Concepts",
    ): "sections/talks.html#talk-beyond-heatmaps-explaining-with-concepts-2022-10-21",
    (
        "index",
        "Unmasking Clever Hans Predictors and Assessing what Machines Really Learn",
    ): "sections/publications.html#pub-lapuschkin2019clever",
    (
        "index",
        "Quantus: An Explainable AI Toolkit for Responsible Evaluation of Neural Network Explanations and Beyond",
    ): "sections/publications.html#pub-hedstroem2023quantus",
    ("index", "Hugo-Geiger-Prize"): "sections/awards.html#award-hugo-geiger-prize-2019",
    ("index", "Zennit"): "sections/software.html#software-zennit",
    (
        "other",
        "Explaining NonLinear Classification Decisions with Deep Taylor Decomposition",
    ): "sections/publications.html#pub-montavon2017explaining",
    (
        "other",
        "Head of Explainable Artificial Intelligence",
    ): "sections/experience.html#position-head-of-explainable-artificial-intelligence-2021-01",
}


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory):
    from test_portfolio import build_portfolio

    return build_portfolio(tmp_path_factory.mktemp("portfolio"))


@pytest.fixture(scope="module")
def labdocs(portfolio, rootdir, tmp_path_factory):
    srcdir = tmp_path_factory.mktemp("labdocs")
    shutil.copytree(rootdir / "test-labdocs", srcdir, dirs_exist_ok=True)
    inventory = str(portfolio.outdir / "objects.inv")
    return run_sphinx(srcdir, confoverrides={"intersphinx_mapping": {"lapuschkin": (BASE, inventory)}})


def test_labdocs_build_without_warning(labdocs):
    assert "portfolio" not in labdocs.config.extensions
    assert labdocs.warning.getvalue() == ""


def external_links(labdocs, page: str) -> dict[str, str]:
    html = BeautifulSoup((labdocs.outdir / f"{page}.html").read_text(), "html.parser")
    return {a.get_text(): a["href"] for a in html.select("a.reference.external") if a["href"].startswith(BASE)}


@pytest.mark.parametrize(("where", "target"), EXPECTED.items())
def test_link_lands_on_an_existing_id(labdocs, portfolio, where, target):
    page, text = where
    href = external_links(labdocs, page).get(text)
    assert href == BASE + target, external_links(labdocs, page)
    path, anchor = urlsplit(href).path.removeprefix(urlsplit(BASE).path), urlsplit(href).fragment
    html = BeautifulSoup((portfolio.outdir / path).read_text(), "html.parser")
    assert html.find(id=anchor) is not None


def test_renamed_entry_leaves_no_stale_label(tmp_path):
    """Edit a talk's title, rebuild incrementally: the old name is gone from objects.inv."""
    from sphinx.util.inventory import InventoryFile

    src = copy_portfolio(tmp_path / "src")
    run_sphinx(src, builddir=tmp_path / "out")
    talks = src / "sections" / "talks.md"
    talks.write_text(talks.read_text().replace("Beyond Heatmaps: Explaining with Concepts", "Beyond Heatmaps Renamed"))
    bib = src / "refs.bib"
    text = bib.read_text()
    start = text.index("@article{bach2015pixel")
    bib.write_text(text[:start] + text[text.index("\n}\n", start) + 3 :])
    app = run_sphinx(src, builddir=tmp_path / "out")
    with (app.outdir / "objects.inv").open("rb") as f:
        inventory = InventoryFile.load(f, "", lambda *parts: "/".join(parts))
    labels = set(inventory.data["std:label"] if hasattr(inventory, "data") else inventory["std:label"])
    assert "talk-beyond-heatmaps-renamed-2022-10-21" in labels
    assert "talk-beyond-heatmaps-explaining-with-concepts-2022-10-21" not in labels
    assert "paper-bach2015pixel" not in labels and "paper-lapuschkin2019clever" in labels
