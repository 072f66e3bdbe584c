"""The owner's CV as RenderCV keeps it (``../shared/bench-rendercv/lapuschkin.yaml``) imported:
every entry on the site, the publications in their groups, the bio on the landing page."""

from __future__ import annotations

import pytest
from conftest import REPO
from test_rendercv_import import Site, import_and_build, missing_entries

#: beside the checkout, or beside a folder above it (a worktree of the checkout)
BENCH = next(
    (path for folder in REPO.parents if (path := folder / "shared" / "bench-rendercv" / "lapuschkin.yaml").is_file()),
    REPO.parent / "shared" / "bench-rendercv" / "lapuschkin.yaml",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    if not BENCH.is_file():
        pytest.skip(f"{BENCH} is not on this machine")
    return import_and_build(BENCH, tmp_path_factory.mktemp("lapuschkin"))


def test_import_builds_without_warning(site):
    assert site.warnings == ""


def test_every_entry_is_on_the_site(site):
    assert missing_entries(site, BENCH) == []


def test_real_cv_publications_and_owner(site):
    conf = (site.project / "conf.py").read_text()
    assert 'NAME = "Sebastian Lapuschkin"' in conf
    assert 'BIB_NAMES = ["Lapuschkin, S.", "Bach, S."]' in conf
    assert 'INVENTORY_NAME = "lapuschkin"' in conf
    assert "publications: 51 in refs.bib" in site.stdout
    bib = (site.project / "refs.bib").read_text()
    assert bib.count("@article{") == 21 and bib.count("@inproceedings{") == 17
    assert bib.count("@incollection{") == 4 and bib.count("@misc{") == 9
    assert "author = {Hedström, A. and Weber, L. and" in bib and "Höhne, M.-C. M.}" in bib
    journal = (site.project / "sections" / "journal-articles.md").read_text()
    assert ':filter: key in {"hedstrom2023quantus", ' in journal and ":labelprefix: J" in journal
    html = (site.project / "_build" / "html" / "sections" / "journal-articles.html").read_text()
    assert html.count("<strong>Lapuschkin S</strong>") == 20 and html.count("<strong>Bach S</strong>") == 1


def test_real_cv_bio_on_the_landing_page(site):
    index = (site.project / "index.md").read_text()
    assert index.index("~~~{profile} Dr. Sebastian Lapuschkin") < index.index("## Short Bio")
    assert index.index("## Short Bio") < index.index("```{toctree}")
    assert not (site.project / "sections" / "short-bio.md").exists()
    assert "sections/professional-experience\nsections/education\n" in index
