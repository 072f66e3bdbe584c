"""Another lab's docs link to every kind of entry through stock intersphinx alone, in MyST and in
reST, with and without ``intersphinx_disabled_reftypes = ["*"]``, under ``-n`` and no warning."""

from __future__ import annotations

import shutil
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import build_site, copy_site, run_sphinx
from sphinx.util.inventory import InventoryFile

BASE = "https://cv.example.org/"
TOOLKIT = "papers/example2023toolkit.html#paper-example2023toolkit"

#: (page, link text) -> target, in both consumer projects
EXPECTED = {
    (
        "index",
        "On Pixel-wise Explanations for Clever Classifiers",
    ): "papers/example2015pixel.html#paper-example2015pixel",
    ("index", "Example et al. 2015"): "papers/example2015pixel.html#paper-example2015pixel",
    ("index", "Opening the Black Box"): "sections/talks.html#keynote-2023",
    ("index", "Best Paper Prize"): "sections/awards.html#award-best-paper-prize-2016",
    ("index", "Toolkit"): "sections/software.html#software-toolkit",
    ("index", "Group Leader"): "sections/experience.html#position-group-leader-2021-01",
    ("index", "PhD in Machine Learning"): "sections/education.html#education-phd-in-machine-learning-2014",
    ("index", "TEMA"): "sections/funding.html#grant-tema-2022-12",
    (
        "index",
        "Relevance Score Assignment for Networks",
    ): "sections/patents.html#patent-relevance-score-assignment-for-networks",
    ("index", "Programming"): "sections/skills.html#skill-programming",
    ("index", "Programme Committee Member"): "sections/experience.html#entry-programme-committee-member-2019",
    ("index", "Dr. Ada Example"): "index.html#profile-dr-ada-example",
    ("index", "the toolkit paper"): TOOLKIT,
    ("index", "that talk"): "sections/talks.html#keynote-2023",
    ("other", "Relevance, Step by Step"): "papers/example2020step.html#paper-example2020step",
    ("other", "Example and Fourth 2020"): "papers/example2020step.html#paper-example2020step",
    ("other", "our keynote"): "sections/talks.html#keynote-2023",
}
#: only where plain ``:ref:`` may reach other projects
EXPECTED_DEFAULT = {
    ("index", "Unmasking Clever Hans Predictors"): "papers/other2019clever.html#paper-other2019clever",
    ("other", "Group Leader"): "sections/experience.html#position-group-leader-2021-01",
}


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("portfolio"))


@pytest.fixture(scope="module", params=["labdocs", "labdocs-strict"])
def labdocs(request, portfolio, rootdir, tmp_path_factory):
    srcdir = tmp_path_factory.mktemp(request.param)
    shutil.copytree(rootdir / f"test-{request.param}", srcdir, dirs_exist_ok=True)
    inventory = str(portfolio.outdir / "objects.inv")
    return run_sphinx(srcdir, confoverrides={"intersphinx_mapping": {"ada": (BASE, inventory)}})


def test_labdocs_build_without_warning(labdocs):
    assert "portfolio" not in labdocs.config.extensions
    assert labdocs.warning.getvalue() == ""


def external_links(labdocs, page: str) -> dict[str, str]:
    html = BeautifulSoup((labdocs.outdir / f"{page}.html").read_text(), "html.parser")
    return {a.get_text(): a["href"] for a in html.select("a.reference.external") if a["href"].startswith(BASE)}


def test_every_link_lands_on_an_existing_id(labdocs, portfolio):
    expected = dict(EXPECTED)
    if not labdocs.config.intersphinx_disabled_reftypes:
        expected.update(EXPECTED_DEFAULT)
    for (page, text), target in expected.items():
        href = external_links(labdocs, page).get(text)
        assert href == BASE + target, (page, text, external_links(labdocs, page))
        path, anchor = urlsplit(href).path.removeprefix(urlsplit(BASE).path), urlsplit(href).fragment
        html = BeautifulSoup((portfolio.outdir / path).read_text(), "html.parser")
        assert html.find(id=anchor) is not None, href


def inventory_names(outdir) -> dict[str, list[str]]:
    """Each name of objects.inv with the roles it is listed under."""
    with (outdir / "objects.inv").open("rb") as f:
        inventory = InventoryFile.load(f, "", lambda *parts: "/".join(parts))
    names: dict[str, list[str]] = {}
    for role, items in (inventory.data if hasattr(inventory, "data") else inventory).items():
        for name in items:
            names.setdefault(name, []).append(role)
    return names


def test_each_name_once_in_the_inventory(portfolio):
    names = inventory_names(portfolio.outdir)
    assert {n: roles for n, roles in names.items() if len(roles) > 1} == {}
    assert names["keynote-2023"] == ["std:label"] and names["cite-example2015pixel"] == ["std:label"]


def test_renamed_entry_leaves_no_stale_label(tmp_path):
    """Edit a talk's title, remove a paper, rebuild incrementally: the old names are gone."""
    src = copy_site(tmp_path / "src")
    run_sphinx(src, builddir=tmp_path / "out")
    talks = src / "sections" / "talks.md"
    talks.write_text(talks.read_text().replace("Relevance, Step by Step", "Relevance Renamed"))
    bib = src / "refs.bib"
    text = bib.read_text()
    start = text.index("@misc{example2022concepts")
    bib.write_text(text[:start] + text[text.index("\n}\n", start) + 3 :])
    app = run_sphinx(src, builddir=tmp_path / "out")
    names = inventory_names(app.outdir)
    assert "talk-relevance-renamed-2020-07-21" in names
    assert "talk-relevance-step-by-step-2020-07-21" not in names
    assert "paper-example2022concepts" not in names and "cite-example2022concepts" not in names
    assert "paper-other2019clever" in names


def test_bibtex_for_consumers(portfolio):
    """refs.bib and one .bib per paper, from the parsed entries: sphinxcontrib-bibtex's parser reads
    them back, and the private fields and the text between entries are not in them."""
    import pybtex.database

    every = pybtex.database.parse_file(portfolio.outdir / "refs.bib")
    assert sorted(every.entries) == sorted(
        ["example2015pixel", "example2020step", "example2022concepts", "example2023toolkit", "other2019clever"]
    )
    one = pybtex.database.parse_file(portfolio.outdir / "papers" / "example2015pixel.bib")
    assert list(one.entries) == ["example2015pixel"]
    assert one.entries["example2015pixel"].fields["doi"] == "10.1371/journal.pone.0130140"


def test_linking_page_lists_every_name_and_the_files(portfolio):
    page = BeautifulSoup((portfolio.outdir / "sections" / "linking.html").read_text(), "html.parser")
    rows = {
        tr.select("td")[0].get_text(): tr.select("td")[2].get_text()
        for tr in page.select("table.cv-inventory tbody tr")
    }
    labels = {name for name, roles in inventory_names(portfolio.outdir).items() if "std:label" in roles}
    assert set(rows) == labels - {"genindex", "modindex", "py-modindex", "search"}
    assert rows["cite-example2015pixel"] == "Example et al. 2015" and rows["keynote-2023"] == "Opening the Black Box"
    hrefs = {a.get_text(): a["href"] for a in page.select("ul.cv-files a")}
    assert hrefs == {"refs.bib": "../refs.bib", "resume.json": "../resume.json", "objects.inv": "../objects.inv"}


# -- keys as exporters write them: names in lower case, as every Sphinx label -------------------------


@pytest.fixture(scope="module")
def exported_keys(tmp_path_factory, rootdir):
    """``test-realbib`` (Crossref's ``Example_2020``, ACM's and DBLP's keys) and a lab's docs citing it."""
    from conftest import build_root

    portfolio = build_root(rootdir / "test-realbib", tmp_path_factory.mktemp("realbib"))
    assert portfolio.warning.getvalue() == ""
    srcdir = tmp_path_factory.mktemp("consumer")
    shutil.copytree(rootdir / "test-realbib-consumer", srcdir, dirs_exist_ok=True)
    inventory = str(portfolio.outdir / "objects.inv")
    consumer = run_sphinx(srcdir, confoverrides={"intersphinx_mapping": {"ada": (BASE, inventory)}})
    return portfolio, consumer


def test_inventory_names_are_lower_case(exported_keys):
    portfolio, _ = exported_keys
    names = inventory_names(portfolio.outdir)
    assert [name for name, roles in names.items() if "std:label" in roles and name != name.lower()] == []
    assert names["paper-example_2020"] == ["std:label"] and "paper-Example_2020" not in names
    assert names["paper-10.5555/3581783.3612345"] == ["std:label"]
    assert names["cite-dblp:conf/iccv/exampler21"] == ["std:label"]


def test_upper_case_keys_are_reached_in_lower_case(exported_keys):
    """MyST's ``inv:`` looks a name up as written, Sphinx's roles in lower case: both reach the paper."""
    portfolio, consumer = exported_keys
    assert consumer.warning.getvalue() == ""
    index, other = external_links(consumer, "index"), external_links(consumer, "other")
    assert (
        index["Explaining Nonlinear Classifiers in Time Series"] == BASE + "papers/Example_2020.html#paper-example-2020"
    )
    assert index["Example and Roe 2020"] == BASE + "papers/Example_2020.html#paper-example-2020"
    assert index["Concept Relevance for Video Retrieval"].startswith(BASE + "papers/10-5555-3581783-3612345-")
    assert index["Example and Roe 2021"].startswith(BASE + "papers/dblp-conf-iccv-exampler21-")
    assert set(other.values()) == {BASE + "papers/Example_2020.html#paper-example-2020"} and len(other) == 1
    for href in {*index.values(), *other.values()}:
        path, anchor = urlsplit(href).path.removeprefix(urlsplit(BASE).path), urlsplit(href).fragment
        assert BeautifulSoup((portfolio.outdir / path).read_text(), "html.parser").find(id=anchor) is not None, href
