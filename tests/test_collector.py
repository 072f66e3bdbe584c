"""The garbage collector runs less often during a build, and as before once it is over."""

from __future__ import annotations

import gc
from io import StringIO

from conftest import copy_site
from portfolio.collector import THRESHOLDS
from sphinx.testing.util import SphinxTestApp


def test_a_build_relaxes_the_collector_and_puts_it_back(tmp_path):
    before = gc.get_threshold()
    assert before != THRESHOLDS
    app = SphinxTestApp("html", srcdir=copy_site(tmp_path / "src"), status=StringIO(), warning=StringIO())
    during: list[tuple[int, int, int]] = []
    app.connect("env-updated", lambda app, env: during.append(gc.get_threshold()) or [])
    try:
        app.build()
    finally:
        app.cleanup()
    assert during == [THRESHOLDS]
    assert gc.get_threshold() == before
