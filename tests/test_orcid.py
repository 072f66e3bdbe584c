"""nox -s import-orcid: a public ORCID record (API v3.0 JSON) merged into a project that has content
already. Offline: the record is replayed from ``tests/roots/apis/`` by a local server (``apis.py``),
through the command's real client (requests, retries, the cache).

The project is the fictional portfolio (``tests/roots/test-site``), which has some of the record's
works, positions, degrees and grants already: those stay as they are and are not written twice.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from apis import closed_port, recorded
from conftest import copy_site, run_sphinx
from test_rendercv_import import files_of as all_files

ORCID_ID = "0000-0002-1825-0097"


def files_of(project: Path) -> dict[str, bytes]:
    """The project's files, but the build's folder (where the answers' cache is)."""
    return {name: data for name, data in all_files(project).items() if not name.startswith("_build/")}


def run(project: Path, api_base: str, *args: str, capsys) -> tuple[int, str, str]:
    """The command in this process (its argument parser, client and writer), as `nox -s import-orcid` runs it."""
    from portfolio.interop import orcid

    code = orcid.main([*args, "--project", str(project), "--orcid-api", api_base, "--delay", "0"])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_site(tmp_path / "project")


def test_merge_adds_what_the_project_lacks_and_reports_the_rest(project, capsys):
    with recorded("recorded") as api:
        code, out, err = run(project, api.api("orcid"), ORCID_ID, capsys=capsys)
    assert code == 0, err
    for line in (
        "added: refs.bib: @article{example2024concept} 'Concept Relevance Maps for Vision Models' (2024), "
        "doi 10.5555/example.2024.maps",
        "added: refs.bib: @inproceedings{other2023benchmark} 'A Benchmark of Attribution Faithfulness' (2023), "
        "doi 10.5555/example.2023.bench",
        "added: refs.bib: @misc{example2022notes} 'Notes on Layered Relevance' (2022)",
        "added: sections/experience.md: position 'Visiting Researcher'",
        "added: sections/education.md: education 'Diploma in Physics'",
        "added: sections/funding.md: grant 'Explaining Explanations'",
        "skipped: work 'On Pixel-wise Explanations for Clever Classifiers' (2015): refs.bib has it "
        "(example2015pixel, same DOI)",
        "skipped: work 'Relevance, Step by Step' (2020): refs.bib has it (example2020step, same title and year); "
        "ORCID has its DOI 10.5555/example.2020.step, which the entry lacks (nox -s enrich, or add it)",
        "skipped: work 'Concept relevance maps for vision models' (2024): refs.bib has it "
        "(example2024concept, same title and year)",
        "skipped: position 'Group Leader': sections/experience.md has it (position 'Group Leader')",
        "skipped: education 'PhD': sections/education.md has it (education 'PhD in Machine Learning')",
        "skipped: grant 'TEMA': sections/funding.md has it (grant 'TEMA')",
        "warning: orcid / works: ORCID could not send a work: Work 1010 does not exist or is not public",
        "added: sections/publications.md: a bibliography of example2021teaching, which no bibliography listed",
    ):
        assert line in out, line
    assert "--- a/refs.bib\n+++ b/refs.bib\n" in out  # the diff to review


def test_nothing_is_overwritten(project, capsys):
    """Every file the merge touched holds its previous bytes first, then only what was added; no
    other file changed."""
    before = files_of(project)
    with recorded("recorded") as api:
        assert run(project, api.api("orcid"), ORCID_ID, capsys=capsys)[0] == 0
    after = files_of(project)
    changed = sorted(name for name in after if after.get(name) != before.get(name))
    assert changed == [
        "refs.bib",
        "sections/education.md",
        "sections/experience.md",
        "sections/funding.md",
        "sections/publications.md",
    ]
    for name in changed:
        old, new = before[name].decode(), after[name].decode()
        blocks = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
        assert {tag for tag, *_ in blocks} <= {"equal", "insert"}, name
        assert new.startswith(old), name


def test_merged_project_builds_and_shows_the_new_entries(project, capsys):
    with recorded("recorded") as api:
        assert run(project, api.api("orcid"), ORCID_ID, capsys=capsys)[0] == 0
    app = run_sphinx(project, "html")
    assert app.warning.getvalue() == ""
    outdir = Path(app.outdir)
    experience = (outdir / "sections" / "experience.html").read_text(encoding="utf-8")
    assert "Visiting Researcher" in experience and "Zurich, Switzerland" in experience
    assert "Explaining Explanations" in (outdir / "sections" / "funding.html").read_text(encoding="utf-8")
    publications = (outdir / "sections" / "publications.html").read_text(encoding="utf-8")
    assert "Concept Relevance Maps for Vision Models" in publications
    assert 'href="https://doi.org/10.5555/example.2024.maps"' in publications
    assert "https://arxiv.org/abs/2201.00042" in publications
    assert (project / "refs.bib").read_text().count("On Pixel-wise Explanations for Clever Classifiers") == 1
    assert "Teaching Machines to Explain" in publications  # listed by a section of its own: no type listed it
    assert (
        '\n## Book chapters\n\n```{bibliography}\n:filter: key in {"example2021teaching"}\n:labelprefix: B\n```\n'
        in (project / "sections" / "publications.md").read_text()
    )


def test_a_second_run_adds_nothing_and_asks_nothing(project, capsys):
    """Merged twice, the project is as after the first; the second run answers from the cache."""
    with recorded("recorded") as api:
        assert run(project, api.api("orcid"), ORCID_ID, capsys=capsys)[0] == 0
        merged, asked = files_of(project), len(api.asked)
        code, out, _ = run(project, api.api("orcid"), ORCID_ID, capsys=capsys)
        assert len(api.asked) == asked
    assert code == 0 and "nothing to add" in out and "added: 0," in out
    assert files_of(project) == merged


def test_polite_client(project, capsys):
    """One request at a time, the profile's address in the User-Agent, a 503 with Retry-After asked
    again after the pause it names."""
    with recorded("recorded") as api:
        assert run(project, api.api("orcid"), ORCID_ID, capsys=capsys)[0] == 0
    assert api.most_at_once == 1
    assert all("mailto:ada@example.org" in asked.user_agent for asked in api.asked)
    paths = [asked.path.rsplit("/", 1)[-1] for asked in api.asked]
    assert paths == [
        "works",
        "1001,1002,1003,1005,1006,1007,1008,1009",
        "employments",
        "employments",
        "educations",
        "fundings",
    ]


def test_check_writes_nothing(project, capsys):
    before = files_of(project)
    with recorded("recorded") as api:
        code, out, _ = run(project, api.api("orcid"), ORCID_ID, "--check", capsys=capsys)
    assert code == 0 and "not written (--check)" in out and "+@article{example2024concept," in out
    assert files_of(project) == before


def test_a_new_kind_gets_a_page_in_the_toctree(project, capsys):
    """A project without a page of positions: the merge writes one and lists it in index.md."""
    (project / "sections" / "experience.md").unlink()
    index = project / "index.md"
    index.write_text(index.read_text().replace("sections/experience\n", ""))
    with recorded("recorded") as api:
        assert run(project, api.api("orcid"), ORCID_ID, capsys=capsys)[0] == 0
    page = (project / "sections" / "experience.md").read_text()
    assert page.startswith("# Experience\n") and "{position} Group Leader" in page
    assert "sections/skills\nsections/experience\n```" in index.read_text()
    assert run_sphinx(project, "html").warning.getvalue() == ""


# -- what stops it, with one line ------------------------------------------------------------------------


def test_offline_is_one_clear_line(project, capsys):
    before = files_of(project)
    code, out, err = run(project, f"{closed_port()}/v3.0", ORCID_ID, capsys=capsys)
    assert code == 1 and out == ""
    assert (
        err.count("\n") == 1
        and err.startswith("error: cannot reach ORCID (127.0.0.1:")
        and "nothing was changed" in err
    )
    assert files_of(project) == before


@pytest.mark.parametrize(
    ("given", "why"),
    [
        ("0000-0002-1825-0098", "is not an ORCID iD"),  # a wrong check digit
        ("0000-0002-1825", "is not an ORCID iD"),
        ("../../etc/passwd", "is not an ORCID iD"),
        ("https://orcid.org/0000-0001-5109-3700", "ORCID has no public record 0000-0001-5109-3700"),
    ],
)
def test_what_is_no_record_is_one_line(project, capsys, given, why):
    before = files_of(project)
    with recorded("recorded") as api:
        code, _, err = run(project, api.api("orcid"), given, capsys=capsys)
    assert code == 1 and err.count("\n") == 1 and why in err
    assert files_of(project) == before


def test_an_answer_over_the_cap_is_not_read(project, capsys, monkeypatch):
    from portfolio.interop import http

    monkeypatch.setattr(http, "MAX_RESPONSE_BYTES", 1000)
    before = files_of(project)
    with recorded("recorded") as api:
        code, _, err = run(project, api.api("orcid"), ORCID_ID, capsys=capsys)
    assert code == 1 and "ORCID sent more than" in err
    assert files_of(project) == before


def test_orcid_ids():
    from portfolio.interop.orcid import checked_id

    assert checked_id("0000-0002-1825-0097") == "0000-0002-1825-0097"
    assert checked_id("https://orcid.org/0000-0001-5109-3700/") == "0000-0001-5109-3700"
    assert checked_id("0000-0002-1694-233X") == "0000-0002-1694-233X"  # a check digit of 10
    assert checked_id("0000-0002-1825-0096") is None


# -- a hostile record --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    import contextlib
    import io

    from corpus import SECRET
    from portfolio.interop import orcid

    tmp = tmp_path_factory.mktemp("hostile")
    (tmp / "outside").mkdir()
    (tmp / "outside" / "secret.txt").write_text(SECRET + "\n")  # where the record's paths point
    project = copy_site(tmp / "project")
    out = io.StringIO()
    with recorded("hostile") as api, contextlib.redirect_stdout(out):
        code = orcid.main([ORCID_ID, "--project", str(project), "--orcid-api", api.api("orcid"), "--delay", "0"])
    assert code == 0
    return project, out.getvalue(), run_sphinx(project, "html")


def test_hostile_record_builds_without_warning(hostile):
    assert hostile[2].warning.getvalue() == ""


def test_hostile_record_each_neutralised_thing_is_reported(hostile):
    report = hostile[1]
    for line in (
        "doi 'javascript:window.__pwned=1' is not a DOI: left out of refs.bib",
        "arXiv id '../../etc/passwd' is not one: left out of refs.bib",
        "text of 2021 characters cut to 1000",
        "HTML markup in a title: its angle brackets written as ‹ and ›",
        "link target 'javascript:window.__pwned=1' is not http(s) or mailto: written as text",
        "warning: orcid / educations: ORCID's answer has no list of affiliation groups: none read",
        "a work without a title: left out",
    ):
        assert line in report, line


def test_hostile_record_reads_nothing_and_runs_nothing(hostile):
    from browser import CHROMIUM, chromium, serve
    from corpus import SECRET
    from hostile import site_problems
    from pybtex.database import parse_file

    project, _, app = hostile
    bib = parse_file(project / "refs.bib")
    links = [entry.fields.get(name, "") for entry in bib.entries.values() for name in ("doi", "url", "eprint")]
    assert not any("pwned" in link or ".." in link for link in links), links
    for path in project.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed")
    outdir = Path(app.outdir)
    with serve(outdir) as base, chromium() as browser:
        assert site_problems(browser, outdir, base) == []


def test_a_malformed_answer_is_one_line(project, capsys):
    """ORCID's answer cut short (not JSON): one line, nothing changed."""
    before = files_of(project)
    with recorded("malformed") as api:
        code, out, err = run(project, api.api("orcid"), ORCID_ID, capsys=capsys)
    assert code == 1 and out == "" and err == "error: ORCID sent an answer that is not JSON; nothing was changed\n"
    assert files_of(project) == before
