"""nox -s enrich: entries without a DOI or arXiv id looked up on Crossref (REST ``works`` JSON) and
arXiv (Atom), offline against recorded answers (``apis.py``). Only a record whose title, year and
first author all agree is taken; the file keeps every other byte; ``--check`` writes nothing."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from apis import closed_port, recorded
from conftest import ROOTS

SITE_BIB = ROOTS / "test-site" / "refs.bib"
#: a file kept by hand: a comment, a string macro, quotes and bare numbers, no trailing comma, a
#: parenthesised entry, a commented-out copy, Windows line endings
BY_HAND = (
    "% My bibliography, kept by hand.\r\n"
    '@string{conf = "Proceedings of the Example Conference"}\r\n'
    "\r\n"
    "@inproceedings{example2020step,\r\n"
    '    title     = "Relevance, Step by Step",\r\n'
    "    author    = {Ada Example and Dana Fourth},\r\n"
    "    booktitle = conf,\r\n"
    "    year      = 2020\r\n"
    "}\r\n"
    "% @inproceedings{copy, title = {Relevance, Step by Step}, author = {Example, A.}, year = {2020}}\r\n"
    "@article(other2019clever, author = {Other, B. and Example, A.}, title = {Unmasking {Clever Hans} Predictors},"
    " journal = {Nature Communications}, year = {2019})\r\n"
)


def run(project: Path, api, *args: str, capsys) -> tuple[int, str, str]:
    from portfolio.interop import enrich

    code = enrich.main(
        [
            *args,
            "--project",
            str(project),
            "--crossref-api",
            api.api("crossref"),
            "--arxiv-api",
            api.api("arxiv"),
            "--delay",
            "0",
        ]
    )
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def project(tmp_path) -> Path:
    (tmp_path / "refs.bib").write_bytes(SITE_BIB.read_bytes())
    (tmp_path / "index.md").write_text("# Me\n\n```{profile} Ada Example\n:email: ada@example.org\n```\n")
    return tmp_path


def only_insertions(old: str, new: str) -> list[str]:
    """What ``new`` adds to ``old``; fails where anything of ``old`` changed or moved."""
    blocks = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    assert {tag for tag, *_ in blocks} <= {"equal", "insert"}, blocks
    return [new[j1:j2] for tag, _, _, j1, j2 in blocks if tag == "insert"]


def test_exact_matches_are_added_and_the_rest_reported(project, capsys):
    old = (project / "refs.bib").read_text()
    with recorded("recorded") as api:
        code, out, _ = run(project, api, capsys=capsys)
    assert code == 0
    for line in (
        "added: example2020step: doi 10.5555/example.2020.step (Crossref: title, year and first author agree)",
        "added: example2020step: arXiv 1911.01234 (arXiv: title, year and first author agree)",
        "skipped: example2023toolkit: Crossref's record 10.5555/example.2022.toolkit has the title but differs: "
        "year 2022",
        "skipped: example2023toolkit: arXiv has no record with this title",
        "skipped: other2019clever: Crossref's record 10.5555/example.2019.clever has the title but differs: "
        "first author 'Another'",
        "skipped: other2019clever: arXiv has 2 records that agree (1902.10001, 1903.20002): none taken",
        "refs.bib: written",
    ):
        assert line in out, line
    new = (project / "refs.bib").read_text()
    assert only_insertions(old, new) == [
        "  doi = {10.5555/example.2020.step},\n  eprint = {1911.01234},\n  archiveprefix = {arXiv},\n"
    ]
    assert "+  doi = {10.5555/example.2020.step},\n" in out  # the diff to review


def test_check_only_reports(project, capsys):
    before = (project / "refs.bib").read_bytes()
    with recorded("recorded") as api:
        code, out, _ = run(project, api, "--check", capsys=capsys)
    assert code == 0 and "refs.bib: not changed (--check)" in out and "+  eprint = {1911.01234},\n" in out
    assert (project / "refs.bib").read_bytes() == before


def test_a_file_kept_by_hand_keeps_every_byte(tmp_path, capsys):
    """Comments, a macro, quotes, field order, no trailing comma, parentheses, Windows line endings:
    the DOI and arXiv id go in at the end of the one entry, in its indentation, and nothing else moves.
    The commented-out copy is not looked up."""
    (tmp_path / "refs.bib").write_bytes(BY_HAND.encode())
    with recorded("recorded") as api:
        code, out, _ = run(tmp_path, api, "--mailto", "me@example.org", capsys=capsys)
    assert code == 0
    new = (tmp_path / "refs.bib").read_bytes().decode()
    assert only_insertions(BY_HAND, new) == [
        ",\r\n    doi = {10.5555/example.2020.step},\r\n    eprint = {1911.01234},\r\n    archiveprefix = {arXiv}"
    ]
    assert "entries: 3, without DOI or arXiv id: 2" in out
    assert all("mailto:me@example.org" in asked.user_agent for asked in api.asked)


def test_polite_one_request_at_a_time_with_a_cache(project, capsys):
    """Requests one after the other, the profile's address in the User-Agent and in Crossref's
    ``mailto``, a 503 asked again; the second run answers everything from the cache."""
    with recorded("recorded") as api:
        assert run(project, api, "--check", capsys=capsys)[0] == 0
        asked = len(api.asked)
        assert api.most_at_once == 1 and asked == 7  # 3 entries x 2 APIs, and the 503 once more
        assert all("mailto:ada@example.org" in a.user_agent for a in api.asked)
        assert all(a.query.get("mailto") == "ada@example.org" for a in api.asked if a.path.startswith("/crossref"))
        assert run(project, api, capsys=capsys)[0] == 0
        assert len(api.asked) == asked
    assert "doi = {10.5555/example.2020.step}" in (project / "refs.bib").read_text()


def test_offline_is_one_clear_line(project, capsys):
    from portfolio.interop import enrich

    before = (project / "refs.bib").read_bytes()
    code = enrich.main(["--project", str(project), "--crossref-api", closed_port(), "--delay", "0"])
    out = capsys.readouterr()
    assert code == 1 and out.out == ""
    assert out.err.count("\n") == 1 and out.err.startswith("error: cannot reach Crossref (127.0.0.1:")
    assert out.err.endswith("refs.bib not changed\n")
    assert (project / "refs.bib").read_bytes() == before


def test_hostile_answers_add_nothing_unsafe(project, capsys):
    """A DOI that would close its field, a script address as a DOI, an arXiv id that is a path or
    hides behind a script address, an XML entity bomb, malformed JSON and XML: each is left out
    and reported; the file still parses and holds no part of them."""
    from pybtex.database import parse_file

    old = (project / "refs.bib").read_text()
    with recorded("hostile") as api:
        code, out, _ = run(project, api, capsys=capsys)
    assert code == 0
    for line in (
        "warning: example2020step: Crossref's doi '10.1000/x}, note = {pwned' is not one: not added",
        "warning: example2023toolkit: Crossref's doi 'javascript:window.__pwned=1' is not one: not added",
        "warning: example2020step: arXiv sent XML with a DTD, which its format never has; not read: "
        "not looked up there",
        "warning: other2019clever: Crossref sent an answer that is not JSON: not looked up there",
        "warning: other2019clever: arXiv sent an answer that is not XML: not looked up there",
        "skipped: example2023toolkit: arXiv has no record with this title",
    ):
        assert line in out, line
    new = (project / "refs.bib").read_text()
    assert new == old
    assert len(parse_file(project / "refs.bib").entries) == 5


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (
            "{BERT}: Pre-training of Deep Bidirectional Transformers",
            "BERT: pre-training of deep bidirectional transformers",
            True,
        ),
        ("On Pixel-Wise Explanations", "On pixel-wise explanations.", True),
        ("On Pixel-Wise Explanations", "On Pixelwise Explanations", False),
        ('A Study of \\"Umlauts\\"', 'A study of "umlauts"', True),
    ],
)
def test_titles_agree_letter_for_letter(a, b, same):
    from portfolio.interop.bib import normalised_title

    assert (normalised_title(a) == normalised_title(b)) is same


def test_last_names_agree_in_their_spellings():
    from portfolio.text import spellings

    assert spellings("Müller") & spellings("Muller") and spellings("Müller") & spellings("Mueller")
    assert spellings("van Beethoven") & spellings("Van Beethoven")
    assert spellings("Þór") & spellings("Thor")
    assert not spellings("Example") & spellings("Another")


def test_a_broken_cache_is_asked_past(project, capsys):
    """A cache file that is not the cache's (cut short, of another shape) is not read: the API is asked."""
    with recorded("recorded") as api:
        assert run(project, api, "--check", capsys=capsys)[0] == 0
        asked = len(api.asked)
        for n, path in enumerate(sorted((project / "_build" / ".interop-cache").rglob("*.json"))):
            path.write_text(["{", "[]", '{"fetched": "soon", "status": 200, "body": "x"}'][n % 3])
        code, _, _ = run(project, api, capsys=capsys)
        assert len(api.asked) == asked + 6  # every entry asked again (the 503 is past)
    assert code == 0 and "doi = {10.5555/example.2020.step}" in (project / "refs.bib").read_text()
