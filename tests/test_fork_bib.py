"""A fork with the bib file its owner brings: ``nox -s new``, then the bibliographies of
``tests/roots/test-realbib`` (al-folio's with its files, IEEE Xplore, ACM, Zotero, Google Scholar,
ORCID/Crossref, DBLP) as ``refs.bib``, then the README's steps and nothing else: the fork builds
with ``-W`` as ``nox -s build`` does. Before those steps, every warning it gives is one the README
names with what to do, and no placeholder address reaches a PDF or a CNAME file."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO, ROOTS
from test_fork import BUILD, BUILD_DE, checkout, page, run, start

NAME = "Dr. Ada Example"
SITE = "https://ada-example.github.io/cv/"
EXPORTS = ROOTS / "test-realbib"


def fork_section() -> str:
    readme = (REPO / "README.md").read_text()
    return readme[readme.index("## Fork it for your own CV") : readme.index("## Coming from RenderCV")]


def bring_bib_file(project: Path) -> int:
    """README step 2, first sentence: the exported files as refs.bib, their files into papers/."""
    texts = [path.read_text() for path in sorted(EXPORTS.glob("*.bib"))]
    (project / "refs.bib").write_text("\n".join(texts))
    shutil.copytree(EXPORTS / "papers", project / "papers")
    return sum(len(re.findall(r"^\s*@\w+\s*\{", text, re.MULTILINE)) - text.count("@string") for text in texts)


@pytest.fixture(scope="module")
def fork(tmp_path_factory):
    project = checkout(tmp_path_factory.mktemp("forkbib") / "project")
    done = start(project, NAME)
    assert done.returncode == 0, done.stderr
    entries = bring_bib_file(project)
    before = run(project, *BUILD)  # no address, the software card's example paper, ...
    return project, entries, before


def test_the_starter_leaves_no_placeholder_address(fork):
    """Without an address the site has no CNAME and the PDFs print none; the linking page's
    snippet, which needs one, says so."""
    project, _, before = fork
    assert 'SITE_URL = ""' in (project / "conf.py").read_text()
    site = project / "_build" / "html"
    assert not (site / "CNAME").exists()
    from test_pdf import pdf_text

    for pdf in site.glob("*.pdf"):  # the profile's example email you@example.org aside
        assert not re.search(r"(?<![@\w.])example\.org", pdf_text(pdf)), pdf.name
    assert "intersphinx-snippet needs html_baseurl" in before.stderr


def test_before_the_steps_every_warning_is_in_the_readme(fork):
    _, _, before = fork
    assert before.returncode != 0
    met = set(re.findall(r"\[([a-z]+\.\w+)\]", before.stderr))
    assert {"ref.paper", "portfolio.config"} <= met, before.stderr
    table = fork_section()
    assert [subtype for subtype in sorted(met) if f"`{subtype}`" not in table] == []


@pytest.fixture(scope="module")
def forked(fork):
    """The README's steps 2 and 3, as written: the software card's :paper: line deleted (BIB_NAMES
    is already right for a name the bib files spell "Example, Ada"; al-folio's file marks its
    highlights), SITE_URL set; then nox -s build's commands."""
    project, entries, _ = fork
    software = project / "sections" / "software.md"
    software.write_text(re.sub(r"^:paper: .*\n", "", software.read_text(), flags=re.MULTILINE))
    conf = project / "conf.py"
    conf.write_text(conf.read_text().replace('SITE_URL = ""', f'SITE_URL = "{SITE}"'))
    built = run(project, *BUILD)
    assert built.returncode == 0 and built.stderr == "" and built.stdout == "", built.stderr + built.stdout
    german = run(project, *BUILD_DE)
    assert german.returncode == 0 and german.stderr == "" and german.stdout == "", german.stderr + german.stdout
    return project, entries


def test_the_readme_names_each_step(forked):
    steps = fork_section()
    for words in ("refs.bib", "papers/", ":paper:", "BIB_NAMES", "selected = {true}", "SITE_URL"):
        assert words in steps, words


def test_every_entry_is_listed(forked):
    project, entries = forked
    publications = page(project, "sections/publications")
    assert len(publications.select("div.citation")) == entries == 35
    headings = [h.get_text().rstrip("¶") for h in publications.select("article[role=main] h2")]
    assert headings[1:] == [
        "Journal articles", "Conference and workshop papers", "Books and book chapters", "Theses", "Reports",
        "Preprints and other publications",
    ]  # fmt: skip


def test_the_landing_page_is_the_owners_and_lists_the_highlights(forked):
    project, _ = forked
    index = page(project, "index")
    assert index.select_one("h1").get_text().rstrip("¶") == NAME
    selected = [li.get_text() for li in index.select("ul.cv-selected li")]
    assert [text.split(".")[0] for text in selected] == [
        "Sparse Relevance Maps for Graph Networks",
        "k-Coverage of Concept Atlases",
    ]


def test_the_two_page_cv_has_the_highlights_and_the_files_are_published(forked):
    from test_pdf import pdf_text

    project, _ = forked
    site = project / "_build" / "html"
    short = " ".join(pdf_text(next(site.glob("*-cv-short.pdf"))).split())
    assert "Sparse Relevance Maps for Graph Networks" in short and "k-Coverage of Concept Atlases" in short
    assert "Relevance Toolbox User Manual" not in short
    downloads = {p.name for p in (site / "_downloads").rglob("*") if p.is_file()}
    assert {
        "example2024sparse.pdf",
        "example2024sparse-supp.pdf",
        "example2024sparse-slides.pdf",
        "sparse.png",
    } <= downloads
