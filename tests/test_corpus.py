"""The malformed-input corpus: each case in ``tests/roots/corpus/<case>/`` is dropped into the
project in ``_base/`` (as ``bad.md`` or ``refs.bib``) and built as HTML with its PDF.

``expect`` lists ``warning <file>:<line> <type.subtype>`` (a warning that must appear, with
file and line) and ``literal <text>`` (user text that must print as written in the PDF
and must not survive as markup in the HTML). Every case: no traceback, the good page
is still built, the PDF is still written.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest
from conftest import REPO, assert_warned, run_sphinx
from sphinx.testing.util import SphinxTestApp

CORPUS = REPO / "tests" / "roots" / "corpus"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("_"))


def build_case(case: str, tmp: Path) -> SphinxTestApp:
    shutil.copytree(CORPUS / "_base", tmp, dirs_exist_ok=True)
    for path in (CORPUS / case).iterdir():
        if path.name == "refs.bib.missing":
            (tmp / "refs.bib").unlink()
        elif path.name != "expect":
            shutil.copyfile(path, tmp / path.name)
    return run_sphinx(tmp)


def test_corpus_is_large_enough():
    warned = [c for c in CASES if "warning " in (CORPUS / c / "expect").read_text()]
    assert len(warned) >= 30


@pytest.mark.parametrize("case", CASES)
def test_malformed_input(case, tmp_path):
    from test_pdf import pdf_text

    app = build_case(case, tmp_path)
    log = app.warning.getvalue() + app.status.getvalue()
    assert "Traceback" not in log and "Exception" not in log
    for line in (CORPUS / case / "expect").read_text(encoding="utf-8").splitlines():
        kind, _, value = line.partition(" ")
        if kind == "warning":
            where, _, subtype = value.rpartition(" ")
            assert_warned(app.warning.getvalue(), where, subtype)
        elif kind == "literal":
            straight = str.maketrans("“”‘’", "\"\"''")  # Sphinx's smart quotes aside
            pages = "".join(p.read_text() for p in app.outdir.rglob("*.html")).translate(straight)
            if "<" in value:
                assert value not in pages  # never as live markup
                assert html.escape(value, quote=False) in pages.replace("&#x27;", "'").replace("&quot;", '"')
            text = pdf_text(app.outdir / "corpus-cv.pdf").translate(straight)
            assert value in text
    good = (app.outdir / "good.html").read_text()
    assert "Good entry" in good
    assert (app.outdir / "corpus-cv.pdf").read_bytes().startswith(b"%PDF")
