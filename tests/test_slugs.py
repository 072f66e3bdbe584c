"""One slug rule for every name made from text: the PDF's file name, the inventory name, the bib
keys of ``nox -s new`` and of the importers, and the ids of cards, whatever letters the name has."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

#: an owner's name -> its slug, the slug of the surname, and the year of the prize named after them
NAMES = {
    "Jürgen Müller": ("jurgen-muller", "muller", 2020),
    "Þór Øster": ("thor-oster", "oster", 2021),
}


@pytest.mark.parametrize("name", NAMES)
def test_one_slug_in_pdf_name_inventory_name_and_ids(build, name):
    full, surname, year = NAMES[name]
    app = build("slugs", confoverrides={"project": name})
    assert app.warning.getvalue() == ""
    page = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    assert sorted(p.name for p in app.outdir.glob("*.pdf")) == [f"{full}-cv.pdf"]
    snippet = page.select_one("div.highlight pre, pre").get_text()
    assert f'intersphinx_mapping["{surname}"]' in snippet
    assert page.find(id=f"award-{full}-prize-{year}").select_one(".cv-title").get_text().startswith(name)


@pytest.mark.parametrize("name", NAMES)
def test_one_slug_in_bib_keys_and_the_starters_inventory_name(name):
    from portfolio.interop.bib import Bibliography
    from portfolio.interop.starter import owner

    _, surname, _ = NAMES[name]
    who = owner(name)
    assert who.word == surname  # conf.py's INVENTORY_NAME
    assert who.key == f"{surname}2024example"
    given, last = name.split()
    assert Bibliography().key([f"{last}, {given}"], "2019", "Relevance everywhere") == f"{surname}2019relevance"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Plain ASCII: Title, 1,000 Steps (2nd ed.)", "plain-ascii-title-1-000-steps-2nd-ed"),
        ("2019 Best Paper", "best-paper"),  # an id starts with a letter, as it always did
        ("Straße und Æther", "strasse-und-aether"),
        ("Zukünftige Trends", "zukunftige-trends"),
    ],
)
def test_ids_of_titles(title, expected):
    """Plain-ASCII titles keep the ids they always had (other projects link to them)."""
    from docutils import nodes
    from portfolio.text import anchor

    assert anchor(title) == expected
    if title.isascii():
        assert anchor(title) == nodes.make_id(title)
