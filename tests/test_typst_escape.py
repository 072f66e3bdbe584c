"""Every route from text into Typst goes through one escaper (``text.typst_markup`` and
``text.typst_string``): a card's text, a bib entry, the settings in ``conf.py`` (the author, the
keywords, a PDF's title and its "last updated" line), private contact data, and the link preview.
Each prints exactly what it says, and none runs Typst code. (A card's title and a bib entry:
``test_pdf.test_user_text_prints_literally``.)"""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
import typst
from conftest import ROOTS, build_root
from pdf_helpers import squash
from pypdf import PdfReader

#: every character with a meaning in Typst markup or code that a name or a setting may hold
TRICKY = '#strong[x] $x^2$ *b* _i_ @ref <tag> \\back `code` // line /* block ~ = + "q"'


def text_of(pdf: bytes) -> str:
    return squash(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        patch.setenv("PORTFOLIO_PHONE", "Phone " + TRICKY)
        patch.setenv("PORTFOLIO_ADDRESS", "Street " + TRICKY)
        return build_root(
            ROOTS / "test-escape",
            tmp_path_factory.mktemp("typst"),
            "cvpdf",
            confoverrides={
                "author": "Eve " + TRICKY,
                "portfolio_pdf_keywords": [TRICKY],
                "portfolio_show_private_contact": True,
                "portfolio_pdf_last_updated": "Updated {date} " + TRICKY,
                "portfolio_pdf_variants": {"cv": {}, "other": {"title": TRICKY, "theme": "modern"}},
            },
        )


@pytest.mark.parametrize(
    ("name", "title"), [("escape-test-cv.pdf", "Curriculum Vitae"), ("escape-test-cv-other.pdf", TRICKY)]
)
def test_settings_and_private_contact_print_literally(built, name, title):
    pdf = (built.outdir / name).read_bytes()
    text = text_of(pdf)
    for line in ("Eve " + TRICKY, "Phone " + TRICKY, "Street " + TRICKY):  # the footer's name, the contact line
        assert squash(line) in text, line
    assert "Updated" in text and text.index("Updated") < text.rindex(squash(TRICKY))
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert meta.author == "Eve " + TRICKY
    assert meta.title == f"Eve {TRICKY} – {title}"
    assert TRICKY in meta.get("/Keywords")


def test_the_link_previews_text_prints_literally(built):
    from portfolio.domain import CVDomain
    from portfolio.records import Org
    from portfolio.website.sharing import preview_source

    (profile,) = built.env.domains[CVDomain.name].of_kind("profile")
    profile = replace(profile, orgs=(Org("org", "Org " + TRICKY),), location="Place " + TRICKY)
    source = preview_source(profile, "Eve " + TRICKY)
    text = text_of(typst.compile(source.encode(), format="pdf", ignore_system_fonts=True))
    for line in ("Eve " + TRICKY, "Org " + TRICKY, "Place " + TRICKY):
        assert squash(line) in text, line
