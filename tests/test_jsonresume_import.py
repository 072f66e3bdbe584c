"""nox -s import-jsonresume: a JSON Resume becomes this project's content, with the RenderCV
importer's safety (untrusted text, nothing replaced before the new content is complete, bounds on
size), and the round trip holds: the fictional portfolio's own resume.json, imported into a fresh
fork and built, gives the same entries, dates and papers.

Each case copies the project, commits it, runs the importer as a subprocess and builds the result
with a real Sphinx application.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REPO, build_site, run_sphinx
from sphinx.testing.util import SphinxTestApp
from test_rendercv_import import Site, files_of, git, normalise, outside_files, project_copy, run_importer

ROOT = REPO / "tests" / "roots" / "jsonresume"
COMPLETE = ROOT / "complete.json"
HOSTILE = REPO / "tests" / "roots" / "test-untrusted-jsonresume" / "hostile.json"


def run_import(project: Path, source: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_importer("portfolio.interop.jsonresume", project, source, *args)


@dataclass
class Imported:
    project: Path
    stdout: str
    app: SphinxTestApp

    @property
    def site(self) -> Site:
        return Site.read(self.project, self.app, self.stdout)


def import_and_build(source: Path, tmp: Path, *args: str) -> Imported:
    project = project_copy(tmp / "project")
    done = run_import(project, source, *args)
    assert done.returncode == 0, done.stderr
    return Imported(project, done.stdout, run_sphinx(project, "html"))


@pytest.fixture(scope="module")
def complete(tmp_path_factory) -> Imported:
    return import_and_build(COMPLETE, tmp_path_factory.mktemp("complete"))


def test_complete_resume_builds_without_warning(complete):
    assert complete.app.warning.getvalue() == ""
    assert "pages written:" in complete.stdout


def test_every_item_is_on_the_site(complete):
    """Each item of every section under its page, as a card or a paper; the bio on the landing page."""
    site = complete.site
    data = json.loads(COMPLETE.read_text(encoding="utf-8"))
    pages = {title: page.titles for title, page in site.pages.items()}
    assert pages["Experience"] == [w["position"] for w in data["work"]]
    assert pages["Education"] == ["PhD in Atmospheric Physics", "Bachelor in Physics"]
    assert pages["Awards"] == [a["title"] for a in data["awards"]]
    assert pages["Volunteering"] == ["Treasurer"] and pages["Certificates"] == ["Cloud Practitioner"]
    assert pages["Funding"][0] == "CLEAR"  # then its :title:, whose class is cv-title too
    assert pages["Software"] == ["stormkit"] and pages["Talks"] == ["Why Forecasts Fail"]
    assert pages["Projects"] == ["Radar Archive Cleanup"]
    assert pages["Skills"] == ["Programming", "Methods", "Languages"] and pages["Interests"] == ["Citizen science"]
    for paper in data["publications"]:
        assert normalise(paper["name"]) in site.pages["Publications"].citations
    about = site.pages["About"].text
    assert "Mira Sample builds interpretable models for weather data." in about
    assert "She also teaches a course on reproducible research." in about
    for text in (
        "Built a probabilistic nowcasting model.",
        "Thesis: Explaining Storm Forecasts",
        "Supervision: Prof. Ian Example",
    ):
        assert text in site.text, text
    assert "English (Native speaker)" in site.pages["Skills"].text


def test_options_and_files(complete):
    project = complete.project
    education = (project / "sections" / "education.md").read_text(encoding="utf-8")
    assert (
        ":thesis: Explaining Storm Forecasts\n:supervisors: Prof. Ian Example\n:distinction: with distinction\n"
        in education
    )
    assert ":distinction: 3.9/4.0" in education  # the old name "gpa"
    talks = (project / "sections" / "talks.md").read_text(encoding="utf-8")
    assert (
        ":event: Example Weather Summit\n:location: Reading, United Kingdom\n:date: 2024-03-12\n:kind: keynote, invited"
        in talks
    )
    bib = (project / "refs.bib").read_text(encoding="utf-8")
    assert "doi = {10.5555/example.storms}" in bib and "eprint = {2203.04567}" in bib
    assert "author = {Sample, Mira and Other, Bea}" in bib
    index = (project / "index.md").read_text(encoding="utf-8")
    assert (
        ":github: mira-sample\n:linkedin: mira-sample\n:scholar: https://scholar.google.com/citations?user=MIRASAMPLE"
        in index
    )
    assert ":photo: mira.png" in index and (project / "mira.png").is_file()
    assert 'BIB_NAMES = ["Sample, M."]' in (project / "conf.py").read_text(encoding="utf-8")


def test_report_names_what_is_not_exact(complete):
    for line in (
        "ignored: references: quotations of other people, theirs to publish: not imported",
        "ignored: x-generator: not a section of JSON Resume",
        "warning: work / Example Analytics: field 'team' has no counterpart here: kept in the text",
        "warning: awards / Best Poster: date 'Summer 2017' is not YYYY, YYYY-MM or YYYY-MM-DD: kept in the text",
        "warning: awards / Best Poster: no date, which a award card needs: written as an entry card",
        "warning: basics / profiles: Mastodon has no profile option: kept as a link",
    ):
        assert line in complete.stdout, line


def test_phone_and_street_only_in_private_toml(complete):
    import tomllib

    private = complete.project / "private.toml"
    assert tomllib.loads(private.read_text(encoding="utf-8"))["profile"] == {
        "phone": "+44 20 7946 0958",
        "address": "1 Example Road, EX1 2MP",
    }
    for path in complete.project.rglob("*"):
        if path.is_file() and path != private and ".git" not in path.parts:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "7946 0958" not in text and "Example Road" not in text, path
    git(complete.project, "check-ignore", "-q", "private.toml")


# -- the round trip ------------------------------------------------------------------------------------


def entries(resume: dict) -> dict:
    """What a round trip keeps: the entries with their dates, the papers with their years."""
    return {key: value for key, value in resume.items() if key not in ("basics", "meta")} | {
        "basics": {k: v for k, v in resume["basics"].items() if k != "image"}
    }


def test_round_trip(tmp_path):
    """The fictional portfolio's resume.json, imported into a fresh fork and built: the new site's
    resume.json holds the same entries, dates and papers (all but the photo, which is a web address)."""
    app = build_site(tmp_path / "original")
    exported = Path(app.outdir) / "resume.json"
    original = json.loads(exported.read_text(encoding="utf-8"))
    imported = import_and_build(exported, tmp_path / "fork")
    assert imported.app.warning.getvalue() == ""
    again = json.loads((Path(imported.app.outdir) / "resume.json").read_text(encoding="utf-8"))
    assert entries(again) == entries(original)
    assert "warning: basics / image: 'https://ada.example.org/_images/photo.png' is a web address" in imported.stdout


# -- hostile and malformed input -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    from corpus import PNG, SECRET

    tmp = tmp_path_factory.mktemp("hostile")
    (tmp / "outside").mkdir()
    (tmp / "outside" / "secret.txt").write_text(SECRET + "\n")
    (tmp / "outside" / "secret.png").write_bytes(PNG + SECRET.encode())
    (tmp / "cv").mkdir()
    (tmp / "cv" / "hostile.json").write_bytes(HOSTILE.read_bytes())
    before = outside_files(tmp)
    built = import_and_build(tmp / "cv" / "hostile.json", tmp)
    return tmp, built, before


def test_hostile_resume_builds_without_warning(hostile):
    _, built, _ = hostile
    assert built.app.warning.getvalue() == ""


def test_hostile_resume_each_neutralised_thing_is_reported(hostile):
    report = hostile[1].stdout
    for line in (
        "warning: basics / name: HTML markup in a title: its angle brackets written as ‹ and ›",
        "warning: basics / label: role contains HTML markup, which an option shows as text: kept in the text",
        "warning: basics / image: '../outside/secret.png' is not in the CV file's folder: no photo",
        "warning: basics / url: link target 'javascript:window.__pwned=1' is not http(s) or mailto: written as text",
        "warning: basics / profiles: GitHub: user name '<img src=x onerror=window.__pwned=1>' cannot be part of "
        "an address",
        "warning: basics / summary: raw HTML written as text",
        "warning: basics / summary: a MyST role or directive written as text",
        "warning: work / Evil Corp: link to a javascript: address written as text",
        "warning: work / Include Inc: a MyST role or directive written as text",
        "warning: publications / A DOI that closes its field: doi 'https://doi.org/10.1000/x}, note = {pwned' "
        "is not a DOI",
        "warning: languages: not a list: left out",
        "warning: volunteer / 1: an item that is not an object (str): left out",
        "warning: volunteer / 2: organization is a dict, not text: left out",
    ):
        assert line in report, line


def test_hostile_resume_reads_and_writes_nothing_outside(hostile):
    from corpus import SECRET
    from test_pdf import pdf_text

    tmp, built, before = hostile
    assert outside_files(tmp) == before
    for path in built.project.rglob("*"):
        if path.is_file() and ".git" not in path.parts:
            assert SECRET.encode() not in path.read_bytes(), path
    (pdf,) = Path(built.app.outdir).glob("*-cv.pdf")
    assert SECRET not in pdf_text(pdf)
    assert not list(built.project.glob(".portfolio-*"))


def test_hostile_resume_text_is_shown_as_written(hostile):
    site = hostile[1].site
    assert site.pages["Experience"].titles == ["Engineer ` lead", "Reader ``` of files"]
    for shown in (
        "<img src=x onerror=window.__pwned=1> in a summary",
        "<script>window.__pwned=1</script> and <!-- a comment -->",
        ":::{include} ../../outside/secret.txt :::",
        "GitHub: <img src=x onerror=window.__pwned=1>",
        "# not a heading",
    ):
        assert normalise(shown) in site.text, shown


def test_hostile_resume_runs_no_script_in_chromium(hostile):
    from browser import CHROMIUM, chromium, serve
    from hostile import site_problems

    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed")
    outdir = Path(hostile[1].app.outdir)
    with serve(outdir) as base, chromium() as browser:
        assert site_problems(browser, outdir, base) == []


def deep(levels: int) -> str:
    return '{"basics": {"name": "Deep"}, "work": ' + "[" * levels + "]" * levels + "}"


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("notjson.json", "{basics: nope", "not JSON"),
        ("list.json", '[{"basics": {}}]', "not a JSON object"),
        ("other.json", '{"name": "a package.json, say"}', "is this a JSON Resume?"),
        ("huge.json", '{"basics": {"name": "' + "x" * 2_100_000 + '"}}', "larger than 2 MB"),
        ("deep.json", deep(100_000), "nested too deeply"),
        (
            "bomb.yaml",
            "a: &a [x, x, x, x, x, x, x, x, x]\n"
            + "".join(f"a{n}: &a{n} [{', '.join([f'*a{n - 1}' if n > 1 else '*a'] * 9)}]\n" for n in range(1, 9))
            + "basics:\n  name: *a8\n",
            "aliases expand to more than",
        ),
    ],
    ids=["not-json", "a-list", "not-a-resume", "huge", "deep", "alias-bomb"],
)
def test_bad_input_changes_nothing(tmp_path, name, content, why):
    project = project_copy(tmp_path / "project")
    before = files_of(project)
    source = tmp_path / name
    source.write_text(content, encoding="utf-8")
    done = run_import(project, source, "--force")
    assert done.returncode == 1 and why in done.stderr, done.stderr[-500:]
    assert files_of(project) == before


def test_not_utf8_changes_nothing(tmp_path):
    project = project_copy(tmp_path / "project")
    before = files_of(project)
    source = tmp_path / "latin1.json"
    source.write_bytes('{"basics": {"name": "Jos\xe9"}}'.encode("latin-1"))
    done = run_import(project, source)
    assert done.returncode == 1 and "cannot read" in done.stderr
    assert files_of(project) == before


def test_refuses_over_uncommitted_changes_unless_forced(tmp_path):
    project = project_copy(tmp_path / "project")
    index = project / "index.md"
    index.write_text(index.read_text() + "\nAn unsaved thought.\n")
    refused = run_import(project, COMPLETE)
    assert refused.returncode == 2 and "uncommitted changes" in refused.stderr
    assert "An unsaved thought." in index.read_text()
    assert run_import(project, COMPLETE, "--force").returncode == 0
    assert "An unsaved thought." not in index.read_text()
