"""Every builder handles the card nodes: readable text, never a crash; the EPUB passes epubcheck,
the LaTeX compiles, and a parallel build forks with no thread alive."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from builder_checks import compile_latex, epubcheck
from conftest import REPO, build_site, copy_site
from sphinx.testing.util import SphinxTestApp

BUILDERS = {
    "text": "index.txt",
    "latex": "*.tex",
    "man": "*.1",
    "texinfo": "*.texi",
    "singlehtml": "index.html",
    "dirhtml": "index.html",
    "epub": "index.xhtml",
}


@pytest.mark.parametrize(("buildername", "output"), BUILDERS.items())
def test_builder_renders_cards(build, buildername, output):
    app = build("cards", buildername)
    assert "WARNING" not in app.warning.getvalue(), app.warning.getvalue()
    text = next(app.outdir.rglob(output)).read_text()
    for words in (
        "Head of Research",
        "Example Institute",
        "Opening the black box",
        "EP 3271863 B1",
        "13, 14, 16 Dec 2021",
        "German (native), English",
    ):
        assert words in text, (buildername, words)


def test_text_layout(build):
    """Each card is one item: its title after a bullet, its lines indented under it."""
    text = (build("cards", "text").outdir / "index.txt").read_text()
    assert "* Head of Research\n\n  Example Institute · Berlin, Germany · Jan 2021 – present\n\n  Leads" in text


# -- EPUB ---------------------------------------------------------------------------------------

#: a day for the sources of a copied root, which has no git history (the book's version)
EPOCH = "1609459200"  # 2021-01-01


@pytest.fixture(scope="module")
def epub(tmp_path_factory) -> SphinxTestApp:
    """The fictional portfolio as an EPUB, as a fork's conf.py has it: GitHub Pages' extension
    loaded, no version set."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOURCE_DATE_EPOCH", EPOCH)
        extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx.ext.githubpages", "portfolio"]
        overrides = {"version": "", "extensions": extensions}
        return build_site(tmp_path_factory.mktemp("epub"), buildername="epub", confoverrides=overrides)


def test_epub_builds_without_a_warning(epub):
    assert epub.warning.getvalue() == ""  # -W -b epub passes


def test_epub_passes_epubcheck(epub):
    (book,) = Path(epub.outdir).glob("*.epub")
    assert epubcheck(book) == []


def test_epub_has_no_pdf_work_and_no_hosting_files(epub):
    """The EPUB does not carry the PDFs, so they are not made; GitHub Pages' files stay out of it."""
    outdir = Path(epub.outdir)
    assert not list(outdir.rglob("*.pdf")) and not list(outdir.rglob("*.typ"))
    (book,) = outdir.glob("*.epub")
    names = zipfile.ZipFile(book).namelist()
    assert not [name for name in names if name.endswith((".pdf", ".nojekyll", "CNAME"))]


def test_epub_version_is_the_day_of_the_sources(epub):
    """Where conf.py sets no version: the sources' day, the date the PDFs carry."""
    opf = (Path(epub.outdir) / "content.opf").read_text()
    assert '<meta property="ibooks:version">2021-01-01</meta>' in opf


def test_epub_contact_links_are_words_without_icons(epub):
    """No inline SVG (the package would have to declare it) and no link a script would have made."""
    page = (Path(epub.outdir) / "index.xhtml").read_text()
    assert "<svg" not in page and 'href="#contact"' not in page
    assert "ada (at) example (dot) org" in page
    assert ">GitHub</span></a>" in page


# -- LaTeX ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def latex(tmp_path_factory) -> SphinxTestApp:
    return build_site(tmp_path_factory.mktemp("latex"), buildername="latex", confoverrides={"latex_engine": "xelatex"})


def test_latex_pages_are_chapters(latex):
    """Every page a toctree brings in is a chapter, though the toctree sits inside the root page's
    "Short bio": the same outline as the website's pages and the PDF CV."""
    assert latex.warning.getvalue() == ""
    (tex,) = Path(latex.outdir).glob("*.tex")
    headings = re.findall(r"^\\(chapter|section|subsection)\{([^}]*)\}", tex.read_text(), re.M)
    chapters = [title for level, title in headings if level == "chapter"]
    pages = latex.env.toctree_includes["index"]
    assert chapters == ["Short bio", *(latex.env.titles[doc].astext() for doc in pages)]
    assert ("section", "Journal articles") in headings  # a page's own sections one level down


def test_latex_links_reach_their_targets(latex):
    """Every ``\\hyperref`` has its ``\\label``: papers too, which Sphinx gathers at the end."""
    text = next(Path(latex.outdir).glob("*.tex")).read_text()
    links = set(re.findall(r"\\hyperref\[\\detokenize\{([^}]*)\}\]", text))
    labels = set(re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", text))
    assert any(":paper-" in link for link in links)  # a software card's "Described in"
    assert links - labels == set()


def test_latex_compiles(latex):
    """latexmk with XeLaTeX, as Sphinx's Makefile runs it: a PDF, every reference resolved."""
    pdf, log = compile_latex(Path(latex.outdir))
    assert pdf.stat().st_size > 10_000
    assert "undefined references" not in log and "Missing character" not in log


# -- parallel builds -------------------------------------------------------------------------------

#: sphinx-build, telling how many threads the process has each time it forks
FORK_WATCH = """
import os, sys
counts = []
os.register_at_fork(before=lambda: counts.append(len(os.listdir("/proc/self/task"))))
from sphinx.cmd.build import main
code = main(sys.argv[1:])
print("threads at each fork:", counts)
sys.exit(code)
"""


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="threads are counted in /proc")
def test_no_thread_is_alive_when_sphinx_forks(tmp_path):
    """``-j 2`` with the PDFs on: Sphinx forks its workers while no other thread runs (Typst's
    threads outlive a compile; Python 3.12 warns that such a fork may deadlock)."""
    src = copy_site(tmp_path / "src")
    env = {**os.environ, "PYTHONPATH": str(REPO / "_ext")}
    command = [sys.executable, "-c", FORK_WATCH, "-W", "-q", "-j", "2", "-b", "html", str(src), str(tmp_path / "out")]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    counts = [int(n) for n in re.search(r"threads at each fork: \[(.*)\]", done.stdout)[1].split(",")]
    assert len(counts) >= 2  # it read and wrote in parallel
    assert set(counts) == {1}
    assert list((tmp_path / "out").glob("*.pdf"))  # the PDF work was on
