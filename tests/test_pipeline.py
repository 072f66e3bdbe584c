"""The outputs written after the pages (``portfolio.pipeline.OUTPUTS``): every file of the output
folder that Sphinx's builder did not write is the own file of exactly one output, and a file that
no output makes any more goes, as it never came in a clean build."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import copy_site, run_sphinx
from portfolio.incremental import record
from portfolio.pipeline import OUTPUTS
from portfolio.state import build_state
from sphinx.testing.util import SphinxTestApp

#: the folders of files Sphinx copies or the theme brings
COPIED = ("_static", "_images", "_downloads", "_sources")


def files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def written_by_sphinx(app: SphinxTestApp) -> set[str]:
    """The pages (documents, and the pages Sphinx and paper pages add), what Sphinx writes after
    them (index, search index, inventory, ``.buildinfo``) and the folders it copies into."""
    html = Path(app.outdir)
    pages = set(app.env.found_docs) | build_state(app).pages_written
    found = {str(Path(app.builder.get_outfilename(page)).relative_to(html)) for page in pages}  # type: ignore[attr-defined]
    found |= set(record(app).files("html:"))
    return found | {name for name in files(html) if name.split("/", 1)[0] in COPIED}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> SphinxTestApp:
    tmp = tmp_path_factory.mktemp("pipeline")
    app = run_sphinx(copy_site(tmp / "src"), builddir=tmp / "out")
    assert app.warning.getvalue() == ""
    return app


def test_every_file_beside_the_pages_is_the_own_file_of_one_output(site):
    found = files(Path(site.outdir))
    claimed = {name: [output.name for output in OUTPUTS if output.claims(name)] for name in found}
    own = {output.name: output.own_files(site) for output in OUTPUTS}
    assert all(own.values()), own  # the site makes every output: PDF, BibTeX, preview, resume.json, sitemap
    beside = found - written_by_sphinx(site)
    assert {"ada-example-cv.pdf", "resume.json", "refs.bib", "sitemap.xml"} <= beside
    for name in beside:
        assert len(claimed[name]) == 1, (name, claimed[name])
        assert name in own[claimed[name][0]], name
    for output in OUTPUTS:
        for name in own[output.name]:
            assert name in found and claimed[name] == [output.name], (output.name, name)


def test_a_file_no_output_makes_any_more_goes(tmp_path):
    """Without ``html_baseurl`` there is no sitemap: the last build's goes, as in a clean build."""
    src = copy_site(tmp_path / "src")
    first = run_sphinx(src, builddir=tmp_path / "out")
    assert (Path(first.outdir) / "sitemap.xml").is_file()
    again = run_sphinx(src, builddir=tmp_path / "out", confoverrides={"html_baseurl": ""})
    fresh = run_sphinx(src, builddir=tmp_path / "fresh", confoverrides={"html_baseurl": ""})
    assert again.warning.getvalue() == fresh.warning.getvalue()  # intersphinx-snippet needs html_baseurl
    assert "sitemap.xml" not in files(Path(again.outdir))
    sphinx_backup = {".buildinfo.bak"}  # Sphinx's own, after the configuration changed
    assert files(Path(again.outdir)) - sphinx_backup == files(Path(fresh.outdir))


def test_no_state_of_ours_is_set_on_sphinx_objects(site):
    """Build state is in the ``cv`` domain's data or the build's ``BuildState``, never in attributes
    set on Sphinx's environment or builder (the environment's are pickled with it)."""
    assert not [name for name in vars(site.env) if "portfolio" in name]
    assert not [name for name in vars(site.builder) if "portfolio" in name]
    assert build_state(site).started is not None and build_state(site).record is not None
