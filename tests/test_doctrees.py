"""Doctree snapshots, as sphinx-design tests its components: a card's nodes, not just its HTML.

A changed snapshot is a changed contract for every writer (HTML, PDF, text); regenerate
one deliberately with ``PORTFOLIO_SNAPSHOTS=update nox -s tests -- tests/test_doctrees.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from portfolio.nodes import cv_entry

SNAPSHOTS = Path(__file__).parent / "doctrees"


@pytest.mark.parametrize("kind", ["position", "talk", "patent", "education"])
def test_card_doctree_matches_snapshot(build, kind):
    app = build("cards")
    doctree = app.env.get_doctree("index")
    entry = next(e for e in doctree.findall(cv_entry) if e["entry"].kind == kind)
    # docutils before 0.22 writes a false attribute as "False", 0.22 as "0" (nox -s tests-lowest runs 0.21)
    actual = entry.pformat().replace('="False"', '="0"').replace('="True"', '="1"')
    snapshot = SNAPSHOTS / f"{kind}.txt"
    if os.environ.get("PORTFOLIO_SNAPSHOTS") == "update":
        snapshot.write_text(actual, encoding="utf-8")
    assert actual == snapshot.read_text(encoding="utf-8")
