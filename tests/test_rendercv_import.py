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
PROJECT_FILES = ("conf.py", "_ext", "pyproject.toml", "index.md", "sections", "refs.bib", ".gitignore")
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
    env = {**os.environ, "PYTHONPATH": str(project / "_ext")}
    return subprocess.run(
        [sys.executable, "-m", "portfolio.interop.rendercv", str(source), *args],
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
                assert heading == normalise(main.select_one(".cv-profile .cv-title").get_text().rstrip("¶"))
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
    assert "```{talk} On Engines\n:date: 2022-10-21\n:event: Royal Society Lecture\n" in talks


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
    from portfolio.interop.rendercv import bib_name

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
    from portfolio.interop.rendercv import iso_date

    assert iso_date(written) == option


def test_free_text_date_is_kept_and_warned():
    from portfolio.interop.rendercv import Dates, Report, map_dates

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
    from portfolio.interop.rendercv import Bibliography, Report

    report = Report()
    assert Bibliography.date_fields("2021-03", "P / X", report) == {"year": "2021", "month": "mar"}
    assert Bibliography.date_fields("2021-12-08", "P / X", report) == {
        "year": "2021",
        "month": "dec",
        "date": "2021-12-08",
    }
    assert Bibliography.date_fields("Fall 2023", "P / X", report) == {"year": "2023", "note": "Fall 2023"}
    assert len(report.warnings) == 1
