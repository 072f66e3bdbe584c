"""Same sources, same output: clean builds twice, -j 2 against -j 1, incremental against clean."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import copy_site, run_sphinx
from sphinx.testing.util import SphinxTestApp

OUTPUTS = ("*.html", "*.pdf", "*.xml", "objects.inv", "searchindex.js")


def build(srcdir: Path, outdir: Path, parallel: int = 0) -> SphinxTestApp:
    app = run_sphinx(srcdir, builddir=outdir, parallel=parallel)
    assert app.warning.getvalue() == ""
    return app


def outputs(outdir: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(outdir)): p.read_bytes()
        for pattern in OUTPUTS
        for p in outdir.rglob(pattern)
        if ".doctrees" not in p.parts
    }


def assert_same(first: Path, second: Path) -> None:
    a, b = outputs(first), outputs(second)
    assert sorted(a) == sorted(b)
    assert any(name.endswith(".pdf") for name in a)
    different = [name for name in a if a[name] != b[name]]
    assert different == []


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> Path:
    return copy_site(tmp_path_factory.mktemp("src"))


@pytest.fixture(scope="module")
def clean(sources, tmp_path_factory) -> Path:
    return build(sources, tmp_path_factory.mktemp("clean")).outdir


def test_two_clean_builds_are_byte_identical(sources, clean, tmp_path):
    """Into two folders: ``.buildinfo``'s digest of the settings depends on no path of the build
    folders either (as plain Sphinx's does not; the default favicon is linked, not a path setting)."""
    other = build(sources, tmp_path / "deeper").outdir
    assert_same(clean, other)
    assert Path(clean).parent != Path(other).parent
    assert (Path(clean) / ".buildinfo").read_text() == (Path(other) / ".buildinfo").read_text()
    assert (Path(other) / "_static" / "portfolio-favicon.svg").is_file()
    assert 'rel="shortcut icon" href="_static/portfolio-favicon.svg"' in (Path(other) / "index.html").read_text()


def test_parallel_build_is_byte_identical(sources, clean, tmp_path):
    assert_same(clean, build(sources, tmp_path, parallel=2).outdir)


def test_incremental_rebuild_equals_clean_build(tmp_path):
    src = copy_site(tmp_path / "src")
    incremental = tmp_path / "incremental"
    build(src, incremental)
    awards = src / "sections" / "awards.md"
    awards.write_text(awards.read_text().replace(":note: 1st place", ":note: first place"))
    talks = src / "sections" / "talks.md"
    talks.write_text(talks.read_text().replace("Opening the Black Box", "Opening the Box"))
    after_edit = build(src, incremental).outdir
    fresh = build(src, tmp_path / "fresh").outdir
    assert "first place" in (after_edit / "sections" / "awards.html").read_text()
    assert "Opening the Box" in (after_edit / "index.html").read_text()  # the landing page lists it
    assert_same(fresh, after_edit)
