"""Another lab's docs link to papers, talks and other entries through intersphinx alone."""

from __future__ import annotations

import shutil
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import build_site, copy_site, run_sphinx

BASE = "https://cv.example.org/"

EXPECTED = {
    # (page, link text) -> target in the portfolio
    ("index", "On Pixel-wise Explanations for Clever Classifiers"): "sections/publications.html#pub-example2015pixel",
    ("index", "Opening the Black Box"): "sections/talks.html#keynote-2023",
    ("index", "Unmasking Clever Hans Predictors"): "sections/publications.html#pub-other2019clever",
    ("index", "A Toolkit for Evaluating Explanations"): "sections/publications.html#pub-example2023toolkit",
    ("index", "Best Paper Prize"): "sections/awards.html#award-best-paper-prize-2016",
    ("index", "Toolkit"): "sections/software.html#software-toolkit",
    ("other", "Relevance, Step by Step"): "sections/publications.html#pub-example2020step",
    ("other", "Group Leader"): "sections/experience.html#position-group-leader-2021-01",
}


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("portfolio"))


@pytest.fixture(scope="module")
def labdocs(portfolio, rootdir, tmp_path_factory):
    srcdir = tmp_path_factory.mktemp("labdocs")
    shutil.copytree(rootdir / "test-labdocs", srcdir, dirs_exist_ok=True)
    inventory = str(portfolio.outdir / "objects.inv")
    return run_sphinx(srcdir, confoverrides={"intersphinx_mapping": {"ada": (BASE, inventory)}})


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

    src = copy_site(tmp_path / "src")
    run_sphinx(src, builddir=tmp_path / "out")
    talks = src / "sections" / "talks.md"
    talks.write_text(talks.read_text().replace("Relevance, Step by Step", "Relevance Renamed"))
    bib = src / "refs.bib"
    text = bib.read_text()
    start = text.index("@misc{example2022concepts")
    bib.write_text(text[:start] + text[text.index("\n}\n", start) + 3 :])
    app = run_sphinx(src, builddir=tmp_path / "out")
    with (app.outdir / "objects.inv").open("rb") as f:
        inventory = InventoryFile.load(f, "", lambda *parts: "/".join(parts))
    labels = set(inventory.data["std:label"] if hasattr(inventory, "data") else inventory["std:label"])
    assert "talk-relevance-renamed-2020-07-21" in labels
    assert "talk-relevance-step-by-step-2020-07-21" not in labels
    assert "paper-example2022concepts" not in labels and "paper-other2019clever" in labels
