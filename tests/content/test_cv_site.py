"""The real portfolio: builds with no warning, every section has cards, -j 2 equals serial."""

from __future__ import annotations

import hashlib
import html as htmllib
import os
import re
import subprocess
import tomllib
import zlib
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, build_cv, every_file
from pdf_helpers import pages_text
from sphinx.testing.util import SphinxTestApp

SECTIONS = {
    "experience": ("position", 6),
    "education": ("education", 4),
    "funding": ("grant", 6),
    "awards": ("award", 6),
    "talks": ("talk", 24),
    "patents": ("patent", 3),
    "skills": ("skill", 5),
    "software": ("software", 14),
}


@pytest.fixture(scope="module")
def serial(tmp_path_factory) -> SphinxTestApp:
    return build_cv(tmp_path_factory.mktemp("serial"))


def test_builds_without_warning(serial):
    assert serial.warning.getvalue() == ""


@pytest.mark.parametrize(("page", "expected"), SECTIONS.items())
def test_every_section_has_its_cards(serial, page, expected):
    kind, count = expected
    html = (serial.outdir / "sections" / f"{page}.html").read_text()
    assert len(re.findall(rf'<article class="cv-entry cv-{kind}[ "]', html)) == count


def test_patent_numbers_all_there(serial):
    html = (serial.outdir / "sections" / "patents.html").read_text()
    assert html.count('class="cv-patent-number"') == 12


def test_landing_page_profile_without_private_contact(serial):
    html = (serial.outdir / "index.html").read_text()
    profile = BeautifulSoup(html, "html.parser").select_one("article.cv-profile")
    assert profile.select_one("a.cv-email").get_text() == "sebastian (at) lapuschkin (dot) com"
    assert not profile.select(".cv-phone, .cv-address")
    assert private_fragments(profile.get_text(" ")) == 0


# -- phone and street: in no page, PDF or tracked file -------------------------------------------------

#: SHA-256 digests of ``"portfolio-private:" + fragment`` for fragments of the owner's phone number
#: and street address (its digits, 7, 10 and 12 of them; the street's name and its parts; postcode
#: and city). Digests keep the fragments out of the tracked tree that these tests guard; they are no
#: secret (a phone number has few digits). ``private.toml``, where it exists, is checked in clear too.
PRIVATE_DIGESTS = frozenset(
    {
        "aaa670b8023c013a2d68990748bd8948de20ca80e4a7ce1e4ddc0e37f493d049",
        "1a48eadec94415532c01a81fc961837f47cce66194117d0ba7179437a57ce76b",
        "7b3351e43c80d7bd6248ed03bd6732c79f96137b16c4801d75ea2bad17d1d5aa",
        "bcb425a20388fab48a1ffb5e37564e55c0039f1118a5d2816d6f46d70e0a2e09",
        "3f34ccc7139e09213109ac543bd378a0c4fd65a433d0e1d9d9c0a82259034803",
        "d104b89e56dad506f1db07f2c99da0d8b27fc1d667dd8cac704159266f28b3d7",
        "738a9bd8ce7a242f8f8940e8eeb9ea095a2cd8bc16450f031474e9fd8baf1780",
    }
)
#: a run of digits as phone numbers are written: +49 (177) 123-4567, 0177/1234567
DIGIT_RUN = re.compile(r"\d[\d\s()./+-]*\d")
WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")


def fragments(text: str) -> set[str]:
    """Every piece of ``text`` that could be a fragment of a phone number or a street address."""
    found: set[str] = set()
    for run in DIGIT_RUN.findall(text):
        digits = re.sub(r"\D", "", run)
        for size in (7, 10, 12):
            found |= {digits[i : i + size] for i in range(len(digits) - size + 1)}
    words = [word.lower() for word in WORD.findall(text)]
    for size in (2, 3):
        found |= {"-".join(words[i : i + size]) for i in range(len(words) - size + 1)}
    found |= {f"{code} {city.lower()}" for code, city in re.findall(r"\b(\d{5})\s+([A-Za-zÄÖÜäöüß]+)", text)}
    return found


def private_fragments(text: str) -> int:
    """How many fragments of the owner's phone number or street ``text`` holds (not which: a
    failing test must not print them)."""
    digest = lambda fragment: hashlib.sha256(f"portfolio-private:{fragment}".encode()).hexdigest()  # noqa: E731
    return sum(digest(fragment) in PRIVATE_DIGESTS for fragment in fragments(text))


def test_private_fragments_are_recognised():
    """The check finds a fragment in every way a number or a street is written (a made-up one here)."""
    digest = lambda fragment: hashlib.sha256(f"portfolio-private:{fragment}".encode()).hexdigest()  # noqa: E731
    for spelling in ("+49 (0) 123 4567", "123-4567", "Tel. 1234567", "0049/123.45.67"):
        assert digest("1234567") in {digest(f) for f in fragments(spelling)}, spelling
    for spelling in ("Musterstrasse-am-See 3", "Musterstrasse am See 3", "MUSTERSTRASSE AM SEE"):
        assert digest("musterstrasse-am-see") in {digest(f) for f in fragments(spelling)}, spelling
    assert "12345 berlin" in fragments("Musterstrasse 3, 12345 Berlin")


def site_texts(outdir: Path) -> dict[str, str]:
    """The text of every file the build wrote that a visitor can fetch: pages, scripts, data, the
    inventory (unpacked), the PDFs' text."""
    texts = {}
    for path in sorted(outdir.rglob("*")):
        if path.suffix in (".html", ".js", ".json", ".txt", ".xml", ".bib", ".css"):
            texts[str(path)] = path.read_text(encoding="utf-8", errors="replace")
        elif path.name == "objects.inv":
            data = path.read_bytes()
            header_end = [i for i, b in enumerate(data) if b == 10][3] + 1
            texts[str(path)] = zlib.decompress(data[header_end:]).decode("utf-8", errors="replace")
        elif path.suffix == ".pdf":
            texts[str(path)] = " ".join(pages_text(path))
    return texts


def test_no_private_fragment_in_any_published_file(serial):
    texts = site_texts(serial.outdir)
    assert any(name.endswith(".pdf") for name in texts) and any(name.endswith("objects.inv") for name in texts)
    assert [name for name, text in texts.items() if private_fragments(text)] == []


def tracked_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=False)
    if listed.returncode:
        pytest.skip("not a git checkout")
    return [REPO / name for name in listed.stdout.decode().split("\0") if name]


def test_no_private_fragment_in_the_tracked_tree():
    """Not even the tests that guard against them hold the phone number's or the street's fragments."""
    found = []
    for path in tracked_files():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, IsADirectoryError, FileNotFoundError):
            continue
        if private_fragments(text):
            found.append(str(path.relative_to(REPO)))
    assert found == []


def private_values() -> dict[str, str]:
    """Phone and address from private.toml and the environment, as the extension reads them."""
    values: dict[str, str] = {}
    path = REPO / "private.toml"
    if path.is_file():
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("profile", {})
        values |= {k: v for k in ("phone", "address") if isinstance(v := table.get(k), str)}
    values |= {
        k: v
        for k, var in (("phone", "PORTFOLIO_PHONE"), ("address", "PORTFOLIO_ADDRESS"))
        if (v := os.environ.get(var))
    }
    return values


def test_private_values_published_nowhere(serial):
    """Where private.toml (or PORTFOLIO_PHONE / PORTFOLIO_ADDRESS) holds them: the number's last
    seven digits and the street's name are in no published file and no tracked one."""
    values = private_values()
    if not values:
        pytest.skip("no private.toml and no PORTFOLIO_PHONE / PORTFOLIO_ADDRESS here")
    needles = []
    if phone := values.get("phone"):
        needles.append(re.sub(r"\D", "", phone)[-7:])
    if address := values.get("address"):
        needles.append("-".join(WORD.findall(address.split(",")[0].lower())))
    texts = site_texts(serial.outdir)
    for path in tracked_files():
        if path.name != "private.toml":
            texts[str(path)] = path.read_text(encoding="utf-8", errors="replace")
    leaks = [name for name, text in texts.items() if any(needle and needle in fragments(text) for needle in needles)]
    assert leaks == []


def test_email_not_harvestable_from_any_file_of_the_site(serial):
    """Not in any page, script or sitemap, whether plain, entity- or percent-encoded."""
    for path in serial.outdir.rglob("*"):
        if path.suffix in (".html", ".js", ".xml", ".txt", ".json"):
            text = unquote(htmllib.unescape(path.read_text(errors="replace")))
            assert "sebastian@lapuschkin.com" not in text, path


def test_scholar_metrics_table(serial):
    html = (serial.outdir / "sections" / "publications.html").read_text()
    assert "9442" in html and "9002" in html and "25 January 2023" in html


def test_parallel_build_equals_serial(serial, tmp_path):
    parallel = build_cv(tmp_path, parallel=2)
    assert parallel.warning.getvalue() == ""
    pages = sorted(p.relative_to(serial.outdir) for p in serial.outdir.rglob("*.html"))
    assert pages == sorted(p.relative_to(parallel.outdir) for p in parallel.outdir.rglob("*.html"))
    for page in pages:
        assert (serial.outdir / page).read_text() == (parallel.outdir / page).read_text(), page


def test_speed_ups_off_write_the_same_files(serial, tmp_path):
    """The real portfolio with ``portfolio_speedups = False``: every file the same, byte for byte
    (pages, paper pages, PDFs, resume.json, BibTeX, ``.buildinfo``)."""
    off = build_cv(tmp_path, portfolio_speedups=False)
    assert off.warning.getvalue() == ""
    on, without = every_file(serial.outdir), every_file(off.outdir)
    assert any(name.endswith(".pdf") for name in on) and "resume.json" in on
    assert sorted(on) == sorted(without)
    assert [name for name in on if on[name] != without[name]] == []


def squash(text: str) -> str:
    """Compare text without white space: PDF extraction breaks lines anywhere."""
    return "".join(text.split())


def test_pdf_holds_every_section_card_and_paper(serial):
    from test_pdf import pdf_text

    pdf = serial.outdir / "sebastian-lapuschkin-cv.pdf"
    text = squash(pdf_text(pdf))
    for page in ("index", *(f"sections/{name}" for name in [*SECTIONS, "publications"])):
        html = BeautifulSoup((serial.outdir / f"{page}.html").read_text(), "html.parser")
        article = html.select_one("article[role=main]")
        for heading in article.select("h2, h3, h4"):
            website_only = (
                heading.parent.name == "section"
                and heading.parent.select(".cv-filter")
                and not heading.parent.select("p, article, .citation")
            )
            if website_only:  # a heading over the filter form alone is left out of the PDF
                assert squash(heading.get_text().rstrip("¶#")) not in text, (page, heading.get_text())
            elif "cv-title" in heading.get("class", []) or page != "index":
                assert squash(heading.get_text().rstrip("¶#")) in text, (page, heading.get_text())
        for title in article.select("div.citation .cv-pub-title"):
            assert squash(title.get_text()) in text
    for char in "üøöäč–“”ˣ":
        assert char in text


def test_nox_build_layout_has_pdf_link(serial):
    html = (serial.outdir / "index.html").read_text()
    link = BeautifulSoup(html, "html.parser").select_one("a.cv-download")
    assert link["href"] == "sebastian-lapuschkin-cv.pdf" and link.has_attr("download")
    assert link.get_text() == "Download CV (PDF)"


def test_funded_projects_in_the_cvs_order(serial):
    """The CV lists them by start date, newest first (sections/funding.md: cv-order: start)."""
    html = BeautifulSoup((serial.outdir / "sections" / "funding.html").read_text(), "html.parser")
    titles = [card.select_one(".cv-title").get_text().rstrip("¶") for card in html.select("article.cv-grant")]
    assert titles == ["TEMA", "DAKI-FWS", "iToBoS", "BerDiBa", "Patho234", "TraMeExCo"]


def test_selected_publications_on_the_landing_page(serial):
    """The six papers refs.bib marks keywords = {selected}, newest first, each linked to the full list."""
    html = BeautifulSoup((serial.outdir / "index.html").read_text(), "html.parser")
    links = [li.select_one("a")["href"] for li in html.select("ul.cv-selected li")]
    assert links == [
        f"sections/publications.html#paper-{key}"
        for key in (
            "hedstroem2023quantus",
            "achtibat2022where",
            "samek2021explaining",
            "lapuschkin2019clever",
            "montavon2017explaining",
            "bach2015pixel",
        )
    ]


def test_landing_page_description_from_conf(serial):
    html = BeautifulSoup((serial.outdir / "index.html").read_text(), "html.parser")
    assert html.find("meta", attrs={"name": "description"})["content"].startswith("Dr. Sebastian Lapuschkin heads")
