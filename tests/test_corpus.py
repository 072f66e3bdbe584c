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
