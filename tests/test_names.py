"""Author names: one rule for everybody, LaTeX decoded, and the owner bold in every spelling."""

from __future__ import annotations

import unicodedata

import pytest
from bs4 import BeautifulSoup
from conftest import assert_warned


def citations(app) -> dict[str, tuple[str, list[str]]]:
    """Each paper's author line and its bold names."""
    page = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    return {
        div["id"].removeprefix("paper-"): (
            div.select_one(".cv-pub-authors").get_text().split(" (")[0],
            [s.get_text() for s in div.select("strong")],
        )
        for div in page.select("div.citation")
    }


def test_initials_for_everybody(build):
    app = build("names")
    assert app.warning.getvalue() == ""
    assert {key: authors for key, (authors, _) in citations(app).items()} == {
        "initials2024": "Example A and Other B",
        "fullname2023": "Example A and Other B",
        "latex2022": "Müller M and Doe J-P",
        "nfd2021": "Müller M and Núñez Z",
        "others2020": "Example B, Müller M and Núñez Z",
    }


def test_owner_bold_in_latex_nfc_nfd_and_initials_spellings(build):
    bold = {key: names for key, (_, names) in citations(build("names")).items()}
    assert bold == {
        "initials2024": ["Example A"],  # "Example, A." in conf.py and in the bib file
        "fullname2023": ["Example A"],  # "Example, A." finds "Example, Ada"
        "latex2022": ["Müller M"],  # "Mar{\'\i}a M{\"u}ller" in conf.py finds the same in LaTeX
        "nfd2021": ["Müller M", "Núñez Z"],  # decomposed ü in the bib file; "N{\'u}{\~n}ez, Zo{\"e}"
        "others2020": [],  # Bob Example, Marta Müller, Zara Núñez: namesakes
    }


def test_full_names_decoded_and_composed(build):
    app = build("names", confoverrides={"portfolio_author_names": "full"})
    assert app.warning.getvalue() == ""
    found = citations(app)
    assert found["latex2022"] == ("María Müller and Jörg-Peter Doe", ["María Müller"])
    assert found["fullname2023"] == ("Ada Example and B. Other", ["Ada Example"])
    page = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    for line in (div.select_one("p").get_text() for div in page.select("div.citation")):
        assert "\\" not in line and "{" not in line  # no raw LaTeX
        assert line == unicodedata.normalize("NFC", line)


def test_unknown_author_form_warns_and_falls_back(build):
    app = build("names", confoverrides={"portfolio_author_names": "surname"})
    assert_warned(app.warning.getvalue(), "conf.py:1", "portfolio.config", "portfolio_author_names 'surname'")
    assert citations(app)["latex2022"][0] == "Müller M and Doe J-P"


def test_owner_names_matching_nobody_warn_at_their_conf_line(build):
    app = build("names", confoverrides={"portfolio_owner_names": ["Nobody, N."]})
    assert_warned(app.warning.getvalue(), "conf.py:6", "portfolio.owner_unmatched", "'Nobody, N.'")
    assert all(not bold for _, bold in citations(app).values())


@pytest.mark.parametrize("overrides", [{"bibtex_bibfiles": ["empty.bib"]}, {"portfolio_owner_names": []}])
def test_no_warning_without_entries_or_owner_names(build, overrides):
    assert build("names", confoverrides=overrides).warning.getvalue() == ""
