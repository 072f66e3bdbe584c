"""nox -s import-rendercv: RenderCV's own examples become a site that builds under -W
(the owner's own CV is imported in ``tests/content/test_cv_import.py``).

Each case copies the project, commits it, runs the importer as a subprocess, builds the result
with a real Sphinx application and looks for every entry of the YAML on the site.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import REPO, run_sphinx
from sphinx.testing.util import SphinxTestApp

ROOT = REPO / "tests" / "roots" / "rendercv"
PROJECT_FILES = ("conf.py", "_ext", "pyproject.toml", "index.md", "sections", "refs.bib", "locales", ".gitignore")
SAMPLE_PHONE = "+1 415 555 0134"
CASES = {
    "classic": ROOT / "John_Doe_ClassicTheme_CV.yaml",
    "moderncv": ROOT / "John_Doe_ModerncvTheme_CV.yaml",
    "sb2nov": ROOT / "John_Doe_Sb2novTheme_CV.yaml",
    "skillicons": ROOT / "John_Doe_SkillIcons_CV.yaml",
    "sample_entries": ROOT / "sample_entries.yaml",
    "edge_cases": ROOT / "edge_cases.yaml",
}


def git(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(project), "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        capture_output=True,
        text=True,
        check=True,
    )


def project_copy(target: Path, *, commit: bool = True) -> Path:
    """The project's sources (no .git, _build, .nox or tests), committed in a repository of their own."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            shutil.copyfile(source, target / name)
    if commit:
        git(target, "init", "-q")
        git(target, "add", "-A")
        git(target, "commit", "-q", "-m", "the previous owner's portfolio")
    return target


def run_import(project: Path, source: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_importer("portfolio.interop.rendercv", project, source, *args)


def run_importer(module: str, project: Path, source: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """An importer's command (``python -m <module>``) run in a project copy, with that copy's extension."""
    env = {**os.environ, "PYTHONPATH": str(project / "_ext")}
    return subprocess.run(
        [sys.executable, "-m", module, str(source), *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def sample_cv(tmp: Path) -> Path:
    """RenderCV's sample entries (one of each type) as a CV: one section per entry, plus a phone."""
    sample = yaml.safe_load((ROOT / "sample_entries.yaml").read_text(encoding="utf-8"))
    cv = {
        "cv": {"name": "Sam Sample", "phone": SAMPLE_PHONE, "sections": {key: [value] for key, value in sample.items()}}
    }
    path = tmp / "sample_cv.yaml"
    path.write_text(yaml.safe_dump(cv, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# -- what the site shows -------------------------------------------------------------------


def normalise(text: str) -> str:
    """Text as Sphinx shows it: smart quotes and dashes, one space."""
    text = text.replace("---", "—").replace("--", "–").replace("...", "…")
    for curly, straight in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"')):
        text = text.replace(curly, straight)
    return " ".join(text.split())


def plain(markdown: Any) -> str:
    """RenderCV Markdown as the text a reader sees (links, emphasis and code markers gone)."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", str(markdown))
    text = re.sub(r"`+([^`]*)`+", r"\1", text)
    text = re.sub(r"\*+", "", text)
    return normalise(text)


@dataclass
class Page:
    """One built page: its card titles, its publication list and its whole text."""

    titles: list[str]
    citations: str
    text: str


@dataclass
class Site:
    """A built import, its pages by their heading (the landing page, titled with the name, as "About")."""

    project: Path
    stdout: str
    warnings: str
    pages: dict[str, Page]

    @classmethod
    def read(cls, project: Path, app: SphinxTestApp, stdout: str) -> Site:
        pages = {}
        for path in sorted([app.outdir / "index.html", *(app.outdir / "sections").glob("*.html")]):
            main = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("article[role=main]")
            heading = normalise(main.select_one("h1").get_text().rstrip("¶"))
            if path.name == "index.html":
                # the page's heading is the profile's name: the card does not say it again
                assert main.select_one(".cv-profile") is not None and main.select_one(".cv-profile .cv-title") is None
                heading = "About"
            titles = [normalise(t.get_text().rstrip("¶")) for t in main.select("article.cv-entry .cv-title")]
            citations = "\n".join(normalise(c.get_text()) for c in main.select("div.citation"))
            pages[heading] = Page(titles, citations, normalise(main.get_text()))
        return cls(project, stdout, app.warning.getvalue(), pages)

    @property
    def text(self) -> str:
        return "\n".join(page.text for page in self.pages.values())

    @property
    def citations(self) -> str:
        return "\n".join(page.citations for page in self.pages.values())


def import_and_build(source: Path, tmp: Path) -> Site:
    """A copy of the project, the CV imported into it, and the result built."""
    project = project_copy(tmp / "project")
    done = run_import(project, source)
    assert done.returncode == 0, done.stderr
    app = run_sphinx(project, "html")
    return Site.read(project, app, done.stdout)


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """Import and build each case once per module."""
    cache: dict[str, Site] = {}

    def _imported(case: str) -> Site:
        if case not in cache:
            tmp = tmp_path_factory.mktemp(case)
            source = sample_cv(tmp) if case == "sample_entries" else CASES[case]
            cache[case] = import_and_build(source, tmp)
        return cache[case]

    return _imported


def section_title(key: str) -> str:
    """RenderCV's section title: a key with a space or a capital as it is, else Title Cased."""
    if " " in key or key != key.lower():
        return key
    small = {"and", "of", "in", "for", "to", "a", "the", "on", "with", "at", "by", "from", "or"}
    return " ".join(w if w in small else w.capitalize() for w in key.split("_"))


def expected(source: Path) -> list[tuple[str, str, str]]:
    """What each entry of a RenderCV file must leave on its section's page: (section, what, text),
    where what is a card title, a paper title or text."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    if source.name == "sample_entries.yaml":
        data = {"cv": {"sections": {k: [v] for k, v in data.items()}}}
    want = []
    for key, entries in data["cv"]["sections"].items():
        section = section_title(key)
        for entry in entries:
            if isinstance(entry, str):
                want.append((section, "text", plain(entry)))
            elif "institution" in entry or "degree" in entry:
                title = " in ".join(plain(entry[k]) for k in ("degree", "area") if entry.get(k))
                want.append((section, "card", title))
            elif "company" in entry or "position" in entry:
                want.append((section, "card", plain(entry["position"])))
            elif "label" in entry:
                want += [(section, "card", plain(entry["label"])), (section, "text", plain(entry["details"]))]
            elif "title" in entry and "authors" in entry:
                want.append((section, "paper", plain(entry["title"])))
            elif "name" in entry:
                want.append((section, "card", plain(entry["name"])))
            elif key := next((k for k in ("bullet", "number", "reversed_number") if k in entry), None):
                want.append((section, "text", plain(entry[key])))
            else:
                want += [(section, "text", f"{k}: {plain(v)}") for k, v in entry.items()]
    return want


# -- every case ------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_import_builds_without_warning(imported, case):
    site = imported(case)
    assert site.warnings == ""
    assert "pages written:" in site.stdout and "entries per directive:" in site.stdout


def missing_entries(site: Site, source: Path) -> list[tuple[str, str, str]]:
    """Each card under its title, each paper in the list, each text on its section's page (text
    sections about the person on the landing page): what is not there."""
    empty = Page([], "", "")
    missing = []
    for section, what, text in expected(source):
        page = site.pages.get(section, empty)
        if what == "card":
            found = text in page.titles
        elif what == "paper":
            found = text in page.citations
        else:
            found = text in page.text or (section in site.pages["About"].text and text in site.pages["About"].text)
        if not found:
            missing.append((section, what, text))
    return missing


@pytest.mark.parametrize("case", CASES)
def test_every_entry_is_on_the_site(imported, case, tmp_path):
    source = sample_cv(tmp_path) if case == "sample_entries" else CASES[case]
    assert missing_entries(imported(case), source) == []


@pytest.mark.parametrize("case", CASES)
def test_phone_only_in_private_toml(imported, case):
    site = imported(case)
    source = CASES[case]
    phone = SAMPLE_PHONE if case == "sample_entries" else yaml.safe_load(source.read_text())["cv"].get("phone")
    if not phone:
        assert not (site.project / "private.toml").exists()
        return
    private = site.project / "private.toml"
    assert f'phone = "{phone}"' in private.read_text()
    for path in site.project.rglob("*"):
        if path.is_file() and path != private and ".git" not in path.parts:
            assert phone not in path.read_text(encoding="utf-8", errors="replace"), path
    git(site.project, "check-ignore", "-q", "private.toml")  # raises unless ignored
    listed = git(site.project, "ls-files", "--cached", "--others", "--exclude-standard").stdout.split()
    assert "private.toml" not in listed


def test_ignored_parts_reported(imported):
    site = imported("classic")
    assert "ignored: design:" in site.stdout and "ignored: locale:" in site.stdout
    assert "ignored: settings:" in site.stdout


# -- edge cases ------------------------------------------------------------------------------


def test_profile_networks(imported):
    site = imported("edge_cases")
    index = (site.project / "index.md").read_text()
    assert ":scholar: https://scholar.google.com/citations?user=AbC123xyz" in index
    assert ":orcid: 0000-0002-1825-0097" in index and ":photo: edge_cases_photo.png" in index
    assert "[Mastodon: @ada@mastodon.social](https://mastodon.social/@ada)" in index
    assert (site.project / "edge_cases_photo.png").is_file()
    assert "warning: cv / social_networks: Mastodon has no profile option: kept as a link" in site.stdout
    assert "ada.private@example.org" not in site.text and "other_emails" in (site.project / "private.toml").read_text()


def test_free_text_dates_kept_and_warned(imported):
    site = imported("edge_cases")
    assert "When: Fall 2023" in site.text and "When: sometime in 2021" in site.text
    assert "warning: Awards and Honors / Fellowship: date 'Fall 2023' is not YYYY" in site.stdout
    talks = (site.project / "sections" / "invited-talks.md").read_text()
    assert "~~~{talk} On Engines\n:date: 2022-10-21\n:event: Royal Society Lecture\n" in talks


def test_markdown_kept_in_bodies_and_plain_in_options(imported):
    site = imported("edge_cases")
    experience = (site.project / "sections" / "experience.md").read_text()
    assert ":org: Analytical Ltd\n" in experience and "[Analytical Ltd](https://analytical.example)" in experience
    assert "  - first part\n  - second part" in experience  # RenderCV's " - " nested highlights
    education = (site.project / "sections" / "education.md").read_text()
    assert "\\:not an option: but text" in education
    assert ":not an option: but text" in site.text


def test_bib_entries_escaped_but_links_usable(imported):
    site = imported("edge_cases")
    bib = (site.project / "refs.bib").read_text()
    assert (
        "title = {Sketch of the Analytical Engine \\& 50\\% more\\_stuff {\\textasciitilde} {\\textbackslash} back}"
    ) in bib
    assert "url = {https://example.org/paper_v2}" in bib and "doi = {10.1000/xyz}" in bib
    assert "author = {Müller-Lovelace, A. and Menabrea, L. F. and Babbage, Charles and others}" in bib
    assert "Sketch of the Analytical Engine & 50% more_stuff ~ \\ back" in site.citations
    html = (site.project / "_build" / "html" / "sections" / "conference-proceedings.html").read_text()
    assert 'href="https://example.org/paper_v2"' in html
    assert "<strong>Müller-Lovelace A</strong>" in html  # "A. Müller-Lovelace" is the owner too


def test_reversed_numbers_written_out(imported):
    site = imported("edge_cases")
    html = (site.project / "_build" / "html" / "sections" / "timeline.html").read_text()
    assert [int(n) for n in re.findall(r'<ol class="arabic simple" start="(\d+)"', html)] == [3, 2]
    main = BeautifulSoup(html, "html.parser").select_one("article[role=main]").get_text()
    assert main.index("three") < main.index("two") < main.index("one")


# -- the command's safety --------------------------------------------------------------------


def test_refuses_over_uncommitted_changes_unless_forced(tmp_path):
    project = project_copy(tmp_path / "project")
    index = project / "index.md"
    index.write_text(index.read_text() + "\nAn unsaved thought.\n")
    refused = run_import(project, CASES["classic"])
    assert refused.returncode == 2
    assert "uncommitted changes" in refused.stderr and "index.md" in refused.stderr
    assert "An unsaved thought." in index.read_text() and (project / "sections" / "talks.md").exists()
    forced = run_import(project, CASES["classic"], "--force")
    assert forced.returncode == 0, forced.stderr
    assert "An unsaved thought." not in index.read_text() and not (project / "sections" / "talks.md").exists()


def test_runs_outside_a_git_work_tree(tmp_path):
    project = project_copy(tmp_path / "project", commit=False)
    done = run_import(project, CASES["classic"])
    assert done.returncode == 0, done.stderr
    assert (project / "sections" / "experience.md").is_file()


def test_removes_previous_content_tests(tmp_path):
    project = project_copy(tmp_path / "project", commit=False)
    (project / "tests" / "content").mkdir(parents=True)
    (project / "tests" / "content" / "test_talks.py").write_text("def test_old_owner(): pass\n")
    assert run_import(project, CASES["classic"]).returncode == 0
    assert not (project / "tests" / "content").exists()


# -- unit level ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("display", "bibtex", "owner"),
    [
        ("J. Doe", "Doe, J.", False),
        ("**Jane Doe**", "Doe, Jane", True),
        ("Doe J", "Doe, J.", False),
        ("***H. Tom***", "Tom, H.", True),
        ("*John Doe*", "Doe, John", True),
        ("**Example A**", "Example, A.", True),
        ("Müller K-R", "Müller, K.-R.", False),
        ("Höhne M-C M", "Höhne, M.-C. M.", False),
        ("Anders CJ", "Anders, C. J.", False),
        ("Yolcu GÜ", "Yolcu, G. Ü.", False),
        ("Ludwig van Beethoven", "van Beethoven, Ludwig", False),
        ("Doe, Jane", "Doe, Jane", False),
        ("et al.", "others", False),
    ],
)
def test_author_names(display, bibtex, owner):
    from portfolio.interop.bib import bib_name

    assert bib_name(display) == (bibtex, owner)


@pytest.mark.parametrize(
    ("written", "option"),
    [
        ("2021", "2021"),
        ("2021-03", "2021-03"),
        ("2021-03-04", "2021-03-04"),
        ("21 Oct 2022", "2022-10-21"),
        ("Sept 2021", "2021-09"),
        ("October 5, 2020", "2020-10-05"),
        ("Fall 2023", None),
        ("13/14/16 Dec 2021", None),
        ("2021-02-30", None),
        ("present", None),
    ],
)
def test_dates_to_options(written, option):
    from portfolio.interop.dates import iso_date

    assert iso_date(written) == option


def test_free_text_date_is_kept_and_warned():
    from portfolio.interop.rendercv.dates import map_dates
    from portfolio.interop.rendercv.read import Dates
    from portfolio.interop.report import Report

    report = Report()
    when = map_dates(Dates(start="Fall 2023", end="present"), "start", "Talks / X", report)
    assert when.options == {"end": "present"}
    assert when.text == "*When:* Fall 2023 – present"
    assert report.warnings == [
        "warning: Talks / X: date 'Fall 2023 – present' is not YYYY, YYYY-MM or YYYY-MM-DD: kept in the text"
    ]
    assert map_dates(Dates(start="2020-01"), "start", "Talks / X", report).options == {
        "start": "2020-01",
        "end": "present",
    }  # RenderCV: a start alone runs to present


def test_publication_date_fields():
    from portfolio.interop.bib import Bibliography
    from portfolio.interop.report import Report

    report = Report()
    assert Bibliography.date_fields("2021-03", "P / X", report) == {"year": "2021", "month": "mar"}
    assert Bibliography.date_fields("2021-12-08", "P / X", report) == {
        "year": "2021",
        "month": "dec",
        "date": "2021-12-08",
    }
    assert Bibliography.date_fields("Fall 2023", "P / X", report) == {"year": "2023", "note": "Fall 2023"}
    assert len(report.warnings) == 1


# -- hostile input ---------------------------------------------------------------------------

HOSTILE = REPO / "tests" / "roots" / "test-untrusted-rendercv" / "hostile.yaml"


@dataclass
class Hostile:
    """The hostile CV imported beside an ``outside`` folder with a secret, and built."""

    tmp: Path
    project: Path
    stdout: str
    app: SphinxTestApp
    outside_before: dict[str, bytes]


def outside_files(tmp: Path) -> dict[str, bytes]:
    return {str(p.relative_to(tmp)): p.read_bytes() for p in (tmp / "outside").rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Hostile:
    from corpus import PNG, SECRET

    tmp = tmp_path_factory.mktemp("hostile")
    (tmp / "outside").mkdir()
    (tmp / "outside" / "secret.txt").write_text(SECRET + "\n")
    (tmp / "outside" / "secret.png").write_bytes(PNG + SECRET.encode())
    (tmp / "cv").mkdir()
    shutil.copyfile(HOSTILE, tmp / "cv" / "hostile.yaml")
    before = outside_files(tmp)
    project = project_copy(tmp / "project")
    done = run_import(project, tmp / "cv" / "hostile.yaml")
    assert done.returncode == 0, done.stderr
    app = run_sphinx(project, "html")
    return Hostile(tmp, project, done.stdout, app, before)


def test_hostile_cv_builds_without_warning(hostile):
    """Everything neutralised is text: nothing left for Sphinx or the extension to warn about."""
    assert hostile.app.warning.getvalue() == ""


def test_hostile_cv_each_neutralised_thing_is_reported(hostile):
    report = hostile.stdout
    for line in (
        "warning: cv / name: HTML markup in a title: its angle brackets written as ‹ and ›",
        "warning: cv / headline: raw HTML written as text",
        "warning: cv / headline: a MyST role or directive written as text",
        "warning: cv / photo: '../outside/secret.png' is not in the CV file's folder: no photo",
        "warning: cv / social_networks: GitHub: user name '<img src=x onerror=window.__pwned=1>' cannot be part of"
        " an address: kept as text",
        "warning: cv / social_networks: X: user name 'eve/../../x?y=<script>' cannot be part of an address",
        "warning: cv / custom_connections: link target 'javascript:window.__pwned=1' is not http(s) or mailto:"
        " written as text",
        "warning: Experience / Engineer ` lead: raw HTML written as text",
        "warning: Experience / Engineer ` lead: a MyST role or directive written as text",
        "warning: Experience / Engineer ` lead: link to a javascript: address written as text",
        "warning: Experience / Reader ``` of files: a MyST role or directive written as text",
        "warning: Talks / A Talk: url 'x><img src=x onerror=window.__pwned=1>' is not an http(s) URL: kept as text",
        "warning: Notes / :::{include} ../../outside/secret.txt :::: a MyST role or directive written as text",
        "warning: Notes / <script>window.__pwned=1</script> and <!-- a comment -->: raw HTML written as text",
        "warning: Publications / A <i onmouseover=window.__pwned=1>Paper</i>: raw HTML written as text",
        "warning: Publications / A <i onmouseover=window.__pwned=1>Paper</i>: link to a javascript: address",
        "warning: Publications / A <i onmouseover=window.__pwned=1>Paper</i>: doi 'javascript:window.__pwned=1' is"
        " not a DOI: left out of refs.bib",
        "warning: Publications / A <i onmouseover=window.__pwned=1>Paper</i>: url 'javascript:window.__pwned=1' is"
        " not an http(s) address: left out of refs.bib",
    ):
        assert line in report, line


def test_hostile_cv_reads_and_writes_nothing_outside(hostile):
    """The secret next to the project is in no file of the project or the site (the PDF included),
    the outside folder is as it was, and no temporary folder of the import is left."""
    from corpus import SECRET
    from test_pdf import pdf_text

    assert outside_files(hostile.tmp) == hostile.outside_before
    for path in hostile.project.rglob("*"):
        if path.is_file() and ".git" not in path.parts:
            assert SECRET.encode() not in path.read_bytes(), path
    (pdf,) = Path(hostile.app.outdir).glob("*-cv.pdf")
    assert SECRET not in pdf_text(pdf)
    assert not list(hostile.project.glob(".portfolio-*"))
    assert not (hostile.project / "secret.png").exists()


def test_hostile_cv_text_is_shown_as_written(hostile):
    """Neutralised, not dropped: the cards with a backtick in their title are on the site and in the
    PDF, and each payload shows as the text it is."""
    from test_pdf import pdf_text

    site = Site.read(hostile.project, hostile.app, hostile.stdout)
    assert site.pages["Experience"].titles == ["Engineer ` lead", "Reader ``` of files"]
    text = site.text
    for shown in (
        "<img src=x onerror=window.__pwned=1> in a summary",
        "{download}hosts <../../outside/secret.txt> and {eval-rst}x",  # `...` is code in Markdown
        "{include} ../../outside/secret.txt",
        ":::{include} ../../outside/secret.txt :::",
        "<script>window.__pwned=1</script> and <!-- a comment -->",
        "$$x$$ {{ substitution }} (label)= % not a comment % a comment line # not a heading 1. not a list ---",
        "GitHub: <img src=x onerror=window.__pwned=1>",
        "x><img src=x onerror=window.__pwned=1>",
    ):
        assert normalise(shown) in text, shown
    (pdf,) = Path(hostile.app.outdir).glob("*-cv.pdf")
    words = normalise(pdf_text(pdf))
    assert "Engineer ` lead" in words and "Reader ``` of files" in words
    assert "<img src=x onerror=window.__pwned=1> in a summary" in words


def test_hostile_cv_runs_no_script_in_chromium(hostile):
    from browser import CHROMIUM, chromium, serve
    from hostile import site_problems

    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed")
    outdir = Path(hostile.app.outdir)
    with serve(outdir) as base, chromium() as browser:
        assert site_problems(browser, outdir, base) == []


# -- the photo: only an image from the YAML's folder ---------------------------------------------


@pytest.mark.parametrize(
    ("photo", "why"),
    [
        ("{outside}/secret.png", "is not in the CV file's folder"),  # an absolute path
        ("../outside/secret.png", "is not in the CV file's folder"),
        ("linked.png", "is not in the CV file's folder"),  # a symlink out of it
        ("scripted.svg", "is an SVG with an event handler (onload)"),
        ("notes.png", "is not an image"),
        ("missing.png", "is not a file"),
    ],
)
def test_photo_only_an_image_in_the_yaml_folder(tmp_path, photo, why):
    from corpus import PNG
    from portfolio.interop.profile import read_photo
    from portfolio.interop.report import Report

    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.png").write_bytes(PNG)
    cv = tmp_path / "cv"
    cv.mkdir()
    (cv / "linked.png").symlink_to(tmp_path / "outside" / "secret.png")
    (cv / "scripted.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=1"/>')
    (cv / "notes.png").write_text("not a picture")
    report = Report()
    given = photo.format(outside=tmp_path / "outside")
    assert read_photo(given, cv, "cv / photo", report) is None
    assert report.warnings == [f"warning: cv / photo: {given[:80]!r} {why}: no photo"]  # the report cuts a path
    (cv / "me.png").write_bytes(PNG)
    assert read_photo("me.png", cv, "cv / photo", Report()) == ("me.png", PNG)


# -- the command replaces only once the new content is complete -----------------------------------


def files_of(project: Path) -> dict[str, bytes]:
    """Every file of the project but git's, with its content."""
    return {
        str(p.relative_to(project)): p.read_bytes()
        for p in project.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(project).parts
    }


def write_cv(tmp: Path, cv: dict[str, Any], name: str = "cv.yaml") -> Path:
    path = tmp / name
    path.write_text(yaml.safe_dump({"cv": cv}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def previous(tmp_path) -> Path:
    """A copy of the project (index.md, refs.bib, sections/, locales/ of its owner), committed."""
    project = project_copy(tmp_path / "project")
    assert (project / "locales").is_dir() and (project / "sections").is_dir()
    return project


@pytest.mark.parametrize("failing", ["write_bytes", "replace"])
def test_a_failure_midway_leaves_the_previous_content(previous, monkeypatch, failing):
    """The disk fills up while the new pages are written (``write_bytes``), or while they are moved
    in (``replace``): the previous index.md, refs.bib, sections/ and locales/ are as they were,
    and no temporary folder is left."""
    from portfolio.interop import project as project_module
    from portfolio.interop.rendercv import import_cv

    before = files_of(previous)
    calls = {"n": 0}
    if failing == "write_bytes":
        original_write = Path.write_bytes

        def write_bytes(self: Path, data: bytes) -> int:
            calls["n"] += 1
            if calls["n"] == 4:
                raise OSError(28, "No space left on device")
            return original_write(self, data)

        monkeypatch.setattr(Path, "write_bytes", write_bytes)
    else:
        original_replace = project_module.os.replace

        def replace(source: Any, target: Any) -> None:
            calls["n"] += 1
            if calls["n"] == 12:  # some of the previous content moved aside, some of the new moved in
                raise OSError(28, "No space left on device")
            original_replace(source, target)

        monkeypatch.setattr(project_module.os, "replace", replace)
    code, report = import_cv(CASES["classic"], previous, force=True)
    assert code == 1 and "No space left on device; nothing was changed" in report.notes[0], report.notes
    assert calls["n"] >= (4 if failing == "write_bytes" else 12)
    assert files_of(previous) == before
    assert not list(previous.glob(".portfolio-*"))


def test_a_long_section_title_is_imported(previous, tmp_path):
    """A 300-character section title: a page of its own, named by the title's first words."""
    title = "Selected " + "Very" * 73 + " Long Title"
    source = write_cv(tmp_path, {"name": "Ada Example", "sections": {title: ["A paragraph."]}})
    done = run_import(previous, source, "--force")
    assert done.returncode == 0, done.stderr
    (page,) = (previous / "sections").glob("selected-*.md")
    assert len(page.name) < 100 and f"# {title}\n" in page.read_text()


def test_invalid_input_changes_nothing(previous, tmp_path):
    """Input that cannot be imported stops before anything is written."""
    before = files_of(previous)
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"cv:\n  name: \xff\xfe not UTF-8\n")
    done = run_import(previous, bad, "--force")
    assert done.returncode == 1 and "cannot read" in done.stderr
    assert files_of(previous) == before


# -- resource bounds ---------------------------------------------------------------------------


def alias_bomb(levels: int) -> str:
    """YAML whose every level lists the one before nine times: 9**levels values in a few hundred bytes."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, levels):
        lines.append(f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]")
    lines.append(
        f"cv:\n  name: Bomb\n  sections:\n    Bombs:\n      - name: Bomb\n        date: 2020\n        x: *a{levels - 1}"
    )
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (alias_bomb(9), "aliases expand to more than"),
        (alias_bomb(6), "aliases expand to more than"),
        (
            'big: &big "' + "x" * 50_000 + '"\ncv:\n  name: A\n  sections:\n    S:\n' + "      - *big\n" * 400,
            "aliases expand",
        ),
        ("cv: &cv\n  name: Loop\n  sections:\n    Loop:\n      - *cv\n", "recursive alias"),
        ("cv: " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
        ("cv:\n  name: Big\n  headline: " + "x" * 2_100_000 + "\n", "larger than 2 MB"),
    ],
    ids=["nine-levels", "six-levels", "big-string", "recursive", "deep", "huge"],
)
def test_resource_bombs_are_refused(previous, tmp_path, text, why):
    before = files_of(previous)
    source = tmp_path / "bomb.yaml"
    source.write_text(text, encoding="utf-8")
    done = run_import(previous, source, "--force")
    assert done.returncode == 1 and why in done.stderr, done.stderr[-2000:]
    assert files_of(previous) == before


def test_emphasis_patterns_are_linear_and_long_text_cut(previous, tmp_path):
    """A 24 kB headline of emphasis markers (once quadratic) is read, cut to an option's length, reported."""
    source = write_cv(tmp_path, {"name": "Ada Example", "headline": "*a_" * 8000, "sections": {"S": ["x"]}})
    done = run_import(previous, source, "--force")
    assert done.returncode == 0, done.stderr
    assert "warning: cv / headline: text of 24000 characters cut to 1000" in done.stdout


def test_output_size_is_capped(previous, tmp_path, monkeypatch):
    from portfolio.interop import project as project_module
    from portfolio.interop.rendercv import import_cv

    monkeypatch.setattr(project_module, "MAX_OUTPUT_BYTES", 2_000)
    before = files_of(previous)
    code, report = import_cv(CASES["classic"], previous, force=True)
    assert code == 1 and "more than 2,000; is this a CV? Nothing was changed" in report.notes[0], report.notes
    assert files_of(previous) == before


# -- private.toml ------------------------------------------------------------------------------


def test_private_toml_is_valid_toml_whatever_the_phone(previous, tmp_path):
    """A phone with a DEL character: private.toml parses, holds it exactly, and the next import works."""
    import tomllib

    phone = "+49 30\x7f 1234"
    source = write_cv(tmp_path, {"name": "Ada Example", "phone": phone, "sections": {"S": ["x"]}})
    for _ in range(2):
        done = run_import(previous, source, "--force")
        assert done.returncode == 0, done.stderr
        private = tomllib.loads((previous / "private.toml").read_text(encoding="utf-8"))
        assert private["profile"]["phone"] == phone


def test_unreadable_private_toml_stops_the_import(previous, tmp_path):
    """private.toml that cannot be read is not overwritten (its other tables would be lost)."""
    (previous / "private.toml").write_text('[profile]\nphone = "+49 30\x7f 1234"\n[mine]\nkeep = 1\n')
    before = files_of(previous)
    source = write_cv(tmp_path, {"name": "Ada Example", "sections": {"S": ["x"]}})
    done = run_import(previous, source, "--force")
    assert done.returncode == 1 and "private.toml cannot be read" in done.stderr
    assert files_of(previous) == before


# -- the safe Markdown subset --------------------------------------------------------------------

#: what imported text may become once MyST reads it: paragraphs, emphasis, http(s) links, code, breaks
SAFE_TOKENS = {
    *(f"{kind}_{end}" for kind in ("paragraph", "em", "strong", "link") for end in ("open", "close")),
    *("inline", "text", "code_inline", "softbreak", "hardbreak"),
}
#: every MyST syntax extension on, whether or not a project enables it
MYST_EXTENSIONS = {
    "amsmath", "attrs_block", "attrs_inline", "colon_fence", "deflist", "dollarmath", "fieldlist",
    "html_admonition", "html_image", "linkify", "replacements", "smartquotes", "strikethrough",
    "substitution", "tasklist",
}  # fmt: skip


@pytest.mark.parametrize(
    "source",
    [
        "<img src=x onerror=alert(1)>",
        "```{include} /etc/passwd\n```",
        ":::{include} x\n:::",
        "~~~{literalinclude} x\n~~~",
        "{eval-rst}`.. raw:: html`",
        "{download}`x <../../etc/hosts>`",
        "$$x$$ and $y$",
        "{{ substitution }} {#id .class}",
        "(label)=\n# heading\n+++",
        "[x](javascript:alert(1)) ![i](https://x/i.png) <https://x> <javascript:alert(1)>",
        "a | b\n--|--\nc | d",
        "- [ ] task\n* item\n1) one\n2024. a year\n> quote",
        "x\n===\n\n---",
        "[^1]: footnote\n[ref]: https://x",
        "term\n: definition\n:field: value\n% comment",
        "~~strike~~ &lt;script&gt; <!-- comment -->",
        "    indented code",
        "**bold *italic* `code` [link](https://example.org/a_(b)) end**",
    ],
)
def test_imported_markdown_can_only_say_the_subset(source):
    """Whatever the imported text, MyST with every extension on reads the written Markdown as
    paragraphs, emphasis, code and http(s) links, and shows the text as it was written."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser
    from portfolio.interop import markdown as md

    notes: list[str] = []
    written = md.markdown(source, notes.append)
    parser = create_md_parser(MdParserConfig(enable_extensions=MYST_EXTENSIONS), RendererHTML)

    def tokens(found: list[Any]) -> list[Any]:
        return [t for token in found for t in (token, *tokens(token.children or []))]

    parsed = tokens(parser.parse(written))
    assert {t.type for t in parsed} <= SAFE_TOKENS, written
    assert all(t.attrs["href"].startswith(("https://", "http://")) for t in parsed if t.type == "link_open")
    assert md.plain(written) == md.plain(source)  # the same text, as written
