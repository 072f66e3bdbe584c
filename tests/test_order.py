"""Cards sort newest first within each run, unless the page asks for source order."""

from __future__ import annotations

import re


def titles(html: str) -> list[str]:
    return re.findall(r'<h\d class="cv-title">([^<]+)<a', html)


def test_newest_first_and_source_order(build):
    app = build("order")
    assert app.warning.getvalue() == ""
    assert titles((app.outdir / "index.html").read_text()) == ["Current", "Middle", "Oldest", "New prize", "Old prize"]
    assert titles((app.outdir / "source.html").read_text()) == ["Old medal", "New medal"]


def test_project_wide_source_order(build):
    app = build("order", confoverrides={"portfolio_order": "source"})
    assert titles((app.outdir / "index.html").read_text()) == ["Oldest", "Current", "Middle", "Old prize", "New prize"]


def test_start_order_as_cvs_list_funded_projects(build):
    """`cv-order: start`: newest start first, whatever the end dates say."""
    app = build("order")
    assert titles((app.outdir / "started.html").read_text()) == ["NEWEST", "MIDDLE", "LONG"]


def test_project_wide_start_order(build):
    app = build("order", confoverrides={"portfolio_order": "start"})
    assert app.warning.getvalue() == ""
    assert titles((app.outdir / "index.html").read_text())[:3] == ["Current", "Middle", "Oldest"]
