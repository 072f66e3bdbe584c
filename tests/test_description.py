"""The landing page's description comes from conf.py (the personal block's DESCRIPTION)."""

from __future__ import annotations

from bs4 import BeautifulSoup
from conftest import build_site, copy_site, run_sphinx

DESCRIPTION = 'Ada Example leads the "Example" group: CV, publications & talks.'


def metas(app, page: str) -> list[tuple[str, str]]:
    soup = BeautifulSoup((app.outdir / f"{page}.html").read_text(), "html.parser")
    return [
        (meta.get("name") or meta.get("property"), meta["content"])
        for meta in soup.find_all("meta")
        if "description" in (meta.get("name") or meta.get("property") or "")
    ]


def test_landing_page_only(tmp_path):
    app = build_site(tmp_path, confoverrides={"portfolio_description": DESCRIPTION})
    assert app.warning.getvalue() == ""
    assert metas(app, "index") == [("description", DESCRIPTION), ("og:description", DESCRIPTION)]
    assert all(content != DESCRIPTION for _, content in metas(app, "sections/talks"))


def test_a_page_of_its_own_keeps_it(tmp_path):
    src = copy_site(tmp_path / "src")
    index = src / "index.md"
    own = "---\nog:description: Written on the page.\nmyst:\n  html_meta:\n    description: Also on the page.\n---\n"
    index.write_text(own + index.read_text())
    app = run_sphinx(src, confoverrides={"portfolio_description": DESCRIPTION})
    assert app.warning.getvalue() == ""
    assert metas(app, "index") == [("description", "Also on the page."), ("og:description", "Written on the page.")]
