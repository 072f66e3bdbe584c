"""Each directive's HTML, from a real build of tests/roots/test-cards."""

from __future__ import annotations

import base64
import html
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup


@pytest.fixture(scope="module")
def page(build) -> BeautifulSoup:
    app = build("cards")
    assert app.warning.getvalue() == ""
    return BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")


def card(page: BeautifulSoup, kind: str, n: int = 0):
    cards = page.select(f"article.cv-entry.cv-{kind}")
    assert cards, f"no {kind} card"
    return cards[n]


def test_position_card(page):
    art = card(page, "position")
    assert art["id"] == "position-head-of-research-2021-01"
    heading = art.select_one("header h3.cv-title")
    assert heading.get_text().rstrip("¶") == "Head of Research"
    assert art.select_one(".cv-org").get_text() == "Example Institute"
    assert art.select_one(".cv-place").get_text() == "Berlin, Germany"
    assert art.select_one(".cv-dates").get_text() == "Jan 2021 – present"
    assert art.select_one("time")["datetime"] == "2021-01"
    assert art.select_one(".cv-body strong").get_text() == "nine"


def test_education_details(page):
    art = card(page, "education")
    assert art.select_one(".cv-dates").get_text() == "2013 – 2018"
    details = {
        dt.get_text().rstrip(":"): dd.get_text().strip()
        for dt, dd in zip(art.select("dl.cv-details dt"), art.select("dl.cv-details dd"), strict=True)
    }
    assert details == {
        "Distinction": "summa cum laude",
        "Thesis": "Opening the black box",
        "Supervision": "Prof. Dr. Example Supervisor",
    }


def test_grant_card(page):
    art = card(page, "grant")
    assert art.select_one(".cv-title").get_text().rstrip("¶") == "TEMA"
    assert art.select_one(".cv-org").get_text() == "Trusted Extremely Precise Mapping"
    assert art.select_one(".cv-dates").get_text() == "Dec 2022 – Nov 2026"
    assert "leading role" in art.select_one("dl.cv-details").get_text()


def test_award_card(page):
    art = card(page, "award")
    assert art["id"] == "award-best-paper-prize-2016"
    assert art.select_one("time")["datetime"] == "2016"
    assert art.select_one(".cv-org").get_text() == "ICML’16 Workshop"  # smart quotes


def test_talk_card_kinds_and_links(page):
    art = page.find(id="talk-beyond-heatmaps-explaining-with-concepts-2022-10-21")
    assert art.name == "article"
    assert [t.get_text() for t in art.select(".cv-tag")] == ["invited talk", "keynote"]  # a kind of talk, each
    assert art.select_one(".cv-dates").get_text() == "21 Oct 2022"
    links = {a.get_text(): a["href"] for a in art.select(".cv-links a")}
    assert links == {"Slides": "https://example.org/slides.pdf", "Video": "https://example.org/video"}


def test_talk_several_days(page):
    art = page.find(id="talk-explainable-ai-2021-12-13")
    assert art.select_one(".cv-dates").get_text() == "13, 14, 16 Dec 2021"
    assert art.select_one(".cv-host").get_text() == "Universitat de Girona"


def test_patent_numbers(page):
    art = card(page, "patent")
    rows = [li.get_text(" ", strip=True) for li in art.select(".cv-patent-numbers li")]
    assert rows[0].startswith("EP 3271863 B1")
    assert "granted" in rows[0] and "28 Jul 2021" in rows[0]
    assert "Relevance Score Assignment for Networks" in rows[0]
    assert rows[1].startswith("US 2022/0114455 A1") and "published" in rows[1]
    assert rows[2].startswith("CN 107636693")
    assert len(rows) == 3


def test_profile_hides_private_contact(page):
    art = card(page, "profile")
    text = art.get_text()
    email = art.select_one("a.cv-email")
    assert email.get_text() == "ada (at) example (dot) org"
    assert base64.b64decode(email["data-cv-email"]).decode()[::-1] == "ada@example.org"
    assert "ada@example.org" not in unquote(html.unescape(str(page)))
    assert "5678" not in text and "Example Street" not in text
    hrefs = {a["href"] for a in art.select(".cv-contact a")}
    assert {"https://github.com/ada-example", "https://www.linkedin.com/in/ada-example"} <= hrefs


def test_skill_card(page):
    art = card(page, "skill")
    assert "German (native), English" in art.get_text()


def test_css_shipped(page, build):
    assert page.find("link", href=lambda h: h and "portfolio.css" in h)
    assert (build("cards").outdir / "_static" / "portfolio.css").read_text().startswith("/*")


def test_private_contact_on_request(build):
    app = build("cards", confoverrides={"portfolio_show_private_contact": True})
    text = (app.outdir / "index.html").read_text()
    assert "+49 1234 5678" in text and "Example Street 1, Berlin" in text


def test_id_of_a_title_without_latin_letters(page):
    """The id still comes from the content: the title transliterated, as every name is (``text.slug``)."""
    expected = "award-zui-jia-lun-wen-jiang-2018"
    assert page.find(id=expected).select_one(".cv-title").get_text().rstrip("¶") == "最佳论文奖"


def test_profile_photo(page, build):
    img = card(page, "profile").select_one("img.cv-photo")
    assert img["alt"] == "Photo of Ada Example"
    assert (build("cards").outdir / img["src"]).read_bytes().startswith(b"\x89PNG")
