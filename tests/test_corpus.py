"""The malformed- and hostile-input corpus (see ``corpus.py``): every case warns with file, line
and ``type.subtype``, never crashes, never reads or writes outside the project, keeps private
text out of the site, and still builds the other pages and the PDF."""

from __future__ import annotations

import html
import re

import pytest
from conftest import assert_warned
from corpus import CASES, SECRET, Built

STRAIGHT = str.maketrans("“”‘’", "\"\"''")  # Sphinx's smart quotes aside
#: a warning line: file:line, then [type.subtype] at its end
WARNING_RE = re.compile(r"^(?P<where>\S+:\d+): WARNING: .* \[[a-z]+\.[a-z_]+\]$")
#: a library's warning (Sphinx, docutils, sphinxcontrib-bibtex) ends with what ``suppress_warnings``
#: takes, ``[type]`` or ``[type.subtype]``, after any lines of the source it quotes
LIBRARY_TYPE_RE = re.compile(r" \[[a-z_]+(\.[a-z_]+)?\]$")
#: and it starts with its file and line
PLACED_RE = re.compile(r"^\S+:\d+: WARNING: ")
#: the libraries' warnings without a file and line, and ours that say the same with them
UNPLACED = {"[bibtex.bibfile_error]": "[portfolio.bib_missing]"}


def warnings_in(log: str) -> list[str]:
    """Each warning of a log with the lines of source it quotes (docutils quotes a directive)."""
    found: list[str] = []
    for line in log.splitlines():
        if "WARNING: " in line:
            found.append(line)
        elif found:
            found[-1] += "\n" + line
    return [warning.rstrip() for warning in found]


def test_corpus_is_large_enough():
    from corpus import Expect

    warned = [c for c in CASES if Expect.read(c).warnings]
    assert len(warned) >= 60


def site_files(built: Built) -> dict[str, bytes]:
    """Every file of the site that input can reach (not the doctrees, not the static files)."""
    return {
        str(p.relative_to(built.app.outdir)): p.read_bytes()
        for p in built.app.outdir.rglob("*")
        if p.is_file() and ".doctrees" not in p.parts and "_static" not in p.parts
    }


@pytest.mark.parametrize("case", CASES)
def test_malformed_input(case, corpus):
    from test_pdf import pdf_text

    built = corpus(case)
    app, expect = built.app, built.expect
    log = app.warning.getvalue() + app.status.getvalue()
    assert "Traceback" not in log and "Exception" not in log
    for where, subtype in expect.warnings:
        assert_warned(app.warning.getvalue(), where, subtype)
    pages = "".join(p.read_text() for p in app.outdir.rglob("*.html")).translate(STRAIGHT)
    text = pdf_text(app.outdir / "corpus-cv.pdf").translate(STRAIGHT)
    for value in expect.literals:
        if "<" in value:
            assert value not in pages  # never as live markup
            assert html.escape(value, quote=False) in pages.replace("&#x27;", "'").replace("&quot;", '"')
        assert value in text
    files = site_files(built)
    for value in expect.absent:
        assert value not in text, value
        for name, data in files.items():
            assert value.encode() not in data, (value, name)
    for name, value in expect.absent_in:
        assert value not in (app.outdir / name).read_text(), (name, value)
    assert "Good entry" in (app.outdir / "good.html").read_text()
    assert (app.outdir / "corpus-cv.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("case", CASES)
def test_nothing_outside_the_project_is_read_or_written(case, corpus):
    built = corpus(case)
    assert built.outside_after == built.outside_before
    for name, data in site_files(built).items():
        assert SECRET.encode() not in data, name


@pytest.mark.parametrize("case", CASES)
def test_every_warning_names_file_line_and_subtype(case, corpus):
    """Our warnings and those of the libraries for the same input: each can be found and silenced."""
    log = re.sub(r"\x1b\[[0-9;]*m", "", corpus(case).app.warning.getvalue())  # colours
    lines = [line for line in log.splitlines() if "WARNING:" in line]
    ours = [line for line in lines if "[portfolio." in line]
    assert all(WARNING_RE.match(line) for line in ours), ours
    libraries = [warning for warning in warnings_in(log) if "[portfolio." not in warning]
    assert all(LIBRARY_TYPE_RE.search(warning) for warning in libraries), libraries
    unplaced = [warning for warning in libraries if not PLACED_RE.match(warning)]
    for warning in unplaced:  # said again by ours, with the file and line
        ours_too = next((subtype for known, subtype in UNPLACED.items() if warning.endswith(known)), None)
        assert ours_too is not None, warning
        assert any(line.endswith(ours_too) and WARNING_RE.match(line) for line in ours), (warning, ours)
