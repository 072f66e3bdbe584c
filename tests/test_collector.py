"""The garbage collector during a build (``speedups/collector.py``): with the speed-ups on it runs
less often, and as before once the build is over; with them off the build leaves it alone."""

from __future__ import annotations

import gc
import shutil
from io import StringIO
from pathlib import Path

from conftest import ROOTS
from sphinx.testing.util import SphinxTestApp


def build_watching_the_collector(srcdir: Path, speedups: bool) -> tuple[list[tuple[int, ...]], int]:
    """The thresholds while the pages are read, and how many young-generation collections the build ran."""
    app = SphinxTestApp(
        "html", srcdir=srcdir, status=StringIO(), warning=StringIO(), confoverrides={"portfolio_speedups": speedups}
    )
    during: list[tuple[int, ...]] = []
    app.connect("env-updated", lambda app, env: during.append(gc.get_threshold()) or [])
    collections = gc.get_stats()[0]["collections"]
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.statuscode == 0, app.warning.getvalue()
    return during, gc.get_stats()[0]["collections"] - collections


def test_a_build_relaxes_the_collector_and_puts_it_back(tmp_path):
    before = gc.get_threshold()
    during, relaxed = build_watching_the_collector(copy_layout(tmp_path / "on"), speedups=True)
    assert gc.get_threshold() == before
    assert len(during) == 1 and during[0][0] > before[0]  # the young generation is collected less often
    untouched, collected = build_watching_the_collector(copy_layout(tmp_path / "off"), speedups=False)
    assert untouched == [before] and gc.get_threshold() == before
    assert relaxed < collected  # the same build ran fewer collections


def copy_layout(target: Path) -> Path:
    shutil.copytree(ROOTS / "test-layout", target)
    return target
