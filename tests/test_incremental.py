"""Rebuilds do only what changed: after an edit, the incremental build's output equals a clean
build's, byte for byte; a build after which nothing changed writes no file."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import copy_site, run_sphinx


def build(srcdir: Path, builddir: Path) -> Path:
    app = run_sphinx(srcdir, builddir=builddir)
    assert app.warning.getvalue() == ""
    return Path(app.outdir)


def contents(outdir: Path) -> dict[str, bytes]:
    """Every file of the site (pages, paper pages, PDFs, sitemap, inventory, search index, resume.json,
    BibTeX, static files), not Sphinx's hidden bookkeeping."""
    return {
        str(p.relative_to(outdir)): p.read_bytes()
        for p in outdir.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(outdir).parts)
    }


def assert_same_files(after: dict[str, bytes], fresh: dict[str, bytes]) -> None:
    """The same files, byte for byte; where not, the names of those that differ."""
    assert sorted(after) == sorted(fresh)
    assert [name for name in fresh if after[name] != fresh[name]] == []


def times(outdir: Path) -> dict[str, int]:
    """Every file in the output folder, hidden ones too, with the time it was last written."""
    return {str(p.relative_to(outdir)): p.stat().st_mtime_ns for p in outdir.rglob("*") if p.is_file()}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def retitle_talk(src: Path) -> None:
    edit(src / "sections" / "talks.md", "{talk} Opening the Black Box", "{talk} Opening the Box")


def retitle_paper(src: Path) -> None:
    edit(src / "refs.bib", "title = {Unmasking Clever Hans Predictors}", "title = {Unmasking Clever Hans}")


def add_owner_name(src: Path) -> None:
    edit(
        src / "conf.py",
        'portfolio_owner_names = ["Example, A."]',
        'portfolio_owner_names = ["Example, A.", "Other, B."]',
    )


def remove_page(src: Path) -> None:
    (src / "sections" / "patents.md").unlink()
    edit(src / "index.md", "sections/patents\n", "")


EDITS: dict[str, Callable[[Path], None]] = {
    "a talk's title": retitle_talk,
    "a bib entry": retitle_paper,
    "conf.py's owner names": add_owner_name,
    "a page removed": remove_page,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Callable[[str], tuple[Path, Path, Path]]:
    """The site built, edited, built again incrementally, and built afresh from the edited sources."""
    cache: dict[str, tuple[Path, Path, Path]] = {}

    def _built(name: str) -> tuple[Path, Path, Path]:
        if name not in cache:
            tmp = tmp_path_factory.mktemp("incremental")
            src = copy_site(tmp / "src")
            build(src, tmp / "incremental")
            EDITS[name](src)
            cache[name] = (src, build(src, tmp / "incremental"), build(src, tmp / "clean"))
        return cache[name]

    return _built


@pytest.mark.parametrize("name", EDITS)
def test_incremental_build_after_an_edit_equals_a_clean_one(built, name):
    _, incremental, clean = built(name)
    after, fresh = contents(incremental), contents(clean)
    assert {"sitemap.xml", "objects.inv", "searchindex.js", "resume.json", "refs.bib"} <= set(fresh)
    assert any(name.endswith(".pdf") for name in fresh) and any(name.startswith("papers/") for name in fresh)
    assert_same_files(after, fresh)


def test_the_edits_are_in_the_output(built):
    _, talk, _ = built("a talk's title")
    assert "Opening the Box" in (talk / "index.html").read_text()  # the landing page's latest talks
    assert "Opening the Box" in (talk / "searchindex.js").read_text()
    _, paper, _ = built("a bib entry")
    assert "Unmasking Clever Hans</" in (paper / "papers" / "other2019clever.html").read_text()
    _, owner, _ = built("conf.py's owner names")
    assert re.search(r"<strong>Other B</strong>", (owner / "papers" / "other2019clever.html").read_text())
    _, removed, _ = built("a page removed")
    assert not (removed / "sections" / "patents.html").exists()
    assert "patents" not in (removed / "sections" / "talks.html").read_text()  # every page's navigation
    assert "patents" not in (removed / "sitemap.xml").read_text()


@pytest.mark.parametrize("name", EDITS)
def test_a_build_after_which_nothing_changed_writes_nothing(built, name):
    src, incremental, _ = built(name)
    before = times(incremental)
    build(src, incremental.parent)
    assert times(incremental) == before


def test_a_first_rebuild_writes_nothing(tmp_path):
    src = copy_site(tmp_path / "src")
    outdir = build(src, tmp_path / "out")
    before = times(outdir)
    assert {"sitemap.xml", "objects.inv", "searchindex.js", "genindex.html", "search.html"} <= set(before)
    build(src, tmp_path / "out")
    assert times(outdir) == before


def test_a_page_with_many_papers_keeps_a_flat_signature(tmp_path):
    """What decides whether the publication list is written again holds its papers' links once, not
    once per paper: thousands of papers on one page must still pickle."""
    src = copy_site(tmp_path / "src")
    app = run_sphinx(src, builddir=tmp_path / "out")
    signature = app.env.domains["cv"].data["signatures"]["sections/publications"]
    assert isinstance(signature, tuple) and len(signature) == 2 and not isinstance(signature[0], tuple)


def test_an_edited_translation_rebuilds_like_a_clean_build(tmp_path):
    """A ``.po`` file is a source too: Sphinx reads again the pages it translates, and what is made
    from every page (the PDF, the paper pages, the search index) follows."""
    src = copy_site(tmp_path / "src")
    german = {"language": "de"}
    run_sphinx(src, builddir=tmp_path / "incremental", confoverrides=german)
    edit(src / "locales" / "de" / "LC_MESSAGES" / "sections" / "talks.po", '"Lissabon, Portugal"', '"Lisboa, Portugal"')
    incremental = Path(run_sphinx(src, builddir=tmp_path / "incremental", confoverrides=german).outdir)
    clean = Path(run_sphinx(src, builddir=tmp_path / "clean", confoverrides=german).outdir)
    assert "Lisboa, Portugal" in (incremental / "sections" / "talks.html").read_text()
    assert_same_files(contents(incremental), contents(clean))
