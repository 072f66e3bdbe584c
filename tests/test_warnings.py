"""Bad input warns with file, line and type/subtype; the entry and other pages still render."""

from __future__ import annotations

import pytest
from conftest import assert_warned

EXPECTED = [
    # (line, subtype, words in the message)
    (7, "date", "'2021-13' has no month 13"),
    (13, "date_order", "ends (2019) before it starts (2020)"),
    (19, "missing_option", "missing required option :org:"),
    (23, "kind", "unknown :kind: 'rap battle'"),
    (29, "date", "'2020-02-30' has no day 30"),
    (29, "url", "'javascript:alert(1)' is not an http(s) URL"),
    (37, "patent", "bad publication line 'not a number | granted 2020-01-01'"),
    (38, "patent", "bad publication line 'US 456 A1 | stolen 2020-01-01'"),
    (45, "duplicate_id", "duplicate entry id 'award-twice-2020' on this page"),
    (49, "email", "'not-an-email' is not an email address"),
    (53, "url", ":repository: 'github.com/no-scheme' is not an http(s) URL"),
    (53, "paper", "cv:paper reference target not found: nokey2020"),
    (53, "date", "'2020-00' has no month 0"),
    (53, "paper", ":paper: 'bad key' is not a bib key"),
]


@pytest.fixture(scope="module")
def built(build):
    return build("warnings")


@pytest.mark.parametrize(("line", "subtype", "words"), EXPECTED)
def test_warning_has_location_and_subtype(built, line, subtype, words):
    kind = "ref" if "reference target" in words else "portfolio"
    assert_warned(built.warning.getvalue(), f"index.md:{line}", f"{kind}.{subtype}", words)


def test_no_other_warnings(built):
    lines = [w for w in built.warning.getvalue().splitlines() if "WARNING" in w]
    assert len(lines) == len(EXPECTED), "\n".join(lines)
    assert "Traceback" not in built.warning.getvalue()


def test_entries_render_with_valid_parts(built):
    html = (built.outdir / "index.html").read_text()
    assert 'id="position-bad-date"' in html  # bad start dropped, entry kept
    assert "Reversed" in html and '<time datetime="2020">2020</time>' in html
    assert "javascript:" not in html
    assert "EP 123" in html and "not a number" not in html
    assert 'id="award-twice-2020"' in html and 'id="award-twice-2020-2"' in html
    assert (built.outdir / "good.html").exists()


def test_suppress_warnings(build):
    app = build("warnings", confoverrides={"suppress_warnings": ["portfolio.date"]})
    assert "[portfolio.date]" not in app.warning.getvalue()
    assert "[portfolio.kind]" in app.warning.getvalue()
