"""``resume.json``: every HTML build writes the CV in JSON Resume's format, valid against the
official schema v1.0.0 (from the npm package ``resume-schema``, as its authors publish it), in the
build's language, and read completely by a real client: ``resumed`` with ``jsonresume-theme-even``."""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build_site, copy_site, run_sphinx
from jsonschema import FormatChecker
from jsonschema.validators import validator_for

#: the real client, pinned: JSON Resume's command line and a theme that shows every section
RESUMED = "resumed@6.1.0"
THEME = "jsonresume-theme-even@0.26.1"


@pytest.fixture(scope="session")
def schema(tmp_path_factory) -> dict:
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("npm is needed to fetch the JSON Resume schema (.ci/run installs it)")
    folder = tmp_path_factory.mktemp("resume-schema")
    subprocess.run([npm, "pack", "resume-schema@1.0.0", "--silent"], cwd=folder, check=True, capture_output=True)
    with tarfile.open(folder / "resume-schema-1.0.0.tgz") as archive:
        return json.load(archive.extractfile("package/schema.json"))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def resume(tmp_path_factory) -> dict:
    app = build_site(tmp_path_factory.mktemp("site"))
    return json.loads((Path(app.outdir) / "resume.json").read_text(encoding="utf-8"))


def errors(resume: dict, schema: dict) -> list[str]:
    validator = validator_for(schema)(schema, format_checker=FormatChecker())
    return [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(resume)]


def test_valid_against_the_official_schema(resume, schema):
    assert errors(resume, schema) == []


def test_the_schema_would_notice(resume, schema):
    """The same file with one wrong field fails, so validation is real."""
    broken = json.loads(json.dumps(resume))
    broken["work"][0]["startDate"] = "January 2021"
    assert any("startDate" in e for e in errors(broken, schema))


def test_basics_and_profiles_without_private_contact(resume):
    basics = resume["basics"]
    assert basics["name"] == "Dr. Ada Example" and basics["label"] == "Group Leader"
    assert basics["location"] == {"city": "Berlin", "countryCode": "DE"}
    assert {p["network"] for p in basics["profiles"]} == {"GitHub", "LinkedIn", "ORCID", "Google Scholar"}
    assert "email" not in basics and "phone" not in basics


def test_summary_is_the_profile_and_the_bio(resume):
    """The profile's text, then the paragraphs of the landing page's bio section, references
    resolved as the page shows them (a talk by its title)."""
    paragraphs = resume["basics"]["summary"].split("\n\n")
    assert paragraphs[0] == "Ada Example leads the interpretable machine learning group at the Example Institute."
    assert paragraphs[1].startswith("Ada Example studies how learning machines reach their decisions; see Opening")
    assert len(paragraphs) == 2


def test_sections(resume):
    assert [w["position"] for w in resume["work"]] == ["Group Leader", "Postdoctoral Researcher"]
    assert resume["work"][0]["startDate"] == "2021-01" and "endDate" not in resume["work"][0]  # present
    assert resume["education"][0] == {
        "institution": "Example University",
        "studyType": "PhD",
        "area": "Machine Learning",
        "startDate": "2014",
        "endDate": "2018",
        "score": "summa cum laude",
        "courses": ["Thesis: Opening the black box", "Supervision: Prof. Dr. Example Supervisor"],
        "location": "Berlin, Germany",
    }
    assert [a["title"] for a in resume["awards"]] == ["Dissertation Award", "Best Paper Prize"]
    assert resume["awards"][1]["summary"] == "1st place"  # the award's note, qualifier kept
    papers = [p["name"] for p in resume["publications"]]
    assert papers[0] == "A Toolkit for Evaluating Explanations" and "Unmasking Clever Hans Predictors" in papers
    assert "Relevance Score Assignment for Networks" in papers  # the patent family
    doi = next(p for p in resume["publications"] if p["name"].startswith("On Pixel-wise"))
    assert doi["url"] == "https://doi.org/10.1371/journal.pone.0130140" and doi["publisher"] == "PLoS ONE"
    assert doi["authors"] == ["Example, A.", "Other, B.", "Third, C."]
    software = next(p for p in resume["projects"] if p["name"] == "Toolkit")
    assert software["url"] == "https://github.com/ada-example/toolkit" and software["keywords"] == ["Python"]
    assert [s["name"] for s in resume["skills"]] == ["Programming"]
    assert resume["skills"][0]["keywords"] == ["Python", "C++", "Rust"]  # one line of short items: a list
    assert resume["languages"] == [{"language": "German", "fluency": "native"}, {"language": "English"}]
    assert resume["volunteer"] == [
        {
            "organization": "Example Conference",
            "position": "Programme Committee Member",
            "startDate": "2019",
            "endDate": "2022",
        }
    ]


def test_talks_are_projects_of_type_talk(resume):
    """The schema names "talk" as a project's type: each talk is one, its event the entity."""
    talks = [p for p in resume["projects"] if p.get("type") == "talk"]
    assert [t["name"] for t in talks] == ["Opening the Black Box", "Explaining Decisions", "Relevance, Step by Step"]
    assert talks[0] | {} == {
        "name": "Opening the Black Box",
        "type": "talk",
        "startDate": "2023-05-04",
        "endDate": "2023-05-04",
        "entity": "Example Summit",
        "location": "Lisbon, Portugal",
        "keywords": ["invited talk", "keynote"],  # the kinds as the cards name them
        "url": "https://ada.example.org/slides.pdf",
    }
    assert talks[1]["startDate"] == "2021-12-13" and talks[1]["endDate"] == "2021-12-14"


def test_private_contact_on_request(tmp_path, schema):
    app = build_site(tmp_path, confoverrides={"portfolio_show_private_contact": True})
    data = json.loads((Path(app.outdir) / "resume.json").read_text(encoding="utf-8"))
    assert data["basics"]["email"] == "ada@example.org"
    assert errors(data, schema) == []


# -- what the pages say, as they say it ----------------------------------------------------------------

#: a position with a paragraph and bullets, skills written as a sentence and as a list, and papers
#: whose only links are code, or code and a PDF
ADDED = {
    "sections/experience.md": """
```{position} Research Engineer
:org: Example Lab
:start: 2016-01
:end: 2018-09

Built the first evaluation pipeline of the lab.

- **Research:** explanation methods for sequence models, with two workshops.
- **Teaching:** the machine learning seminar of the lab, every winter term.
```
""",
    "sections/skills.md": """
```{skill} Technical
Experience with a variety of tools, e.g., Python (NumPy, PyTorch, ...), Matlab, git, among others.
```

```{skill} Frameworks
- PyTorch
- JAX, with Flax
- TensorFlow
```
""",
    "refs.bib": """
@inproceedings{example2021code,
  author = {Example, A.},
  title = {A Paper Known by Its Code},
  booktitle = {Proceedings of the Example Workshop},
  year = {2021},
  code = {https://github.com/ada-example/known},
  url = {https://github.com/ada-example/known},
}
@inproceedings{example2021pdf,
  author = {Example, A.},
  title = {A Paper with a PDF},
  booktitle = {Proceedings of the Example Workshop},
  year = {2021},
  code = {https://github.com/ada-example/pdf},
  pdf = {https://workshop.example.org/papers/pdf.pdf},
}
""",
}


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[dict, Path]:
    """The fictional portfolio with ``ADDED``, built: its resume.json and its output folder."""
    source = copy_site(tmp_path_factory.mktemp("written") / "src")
    for name, text in ADDED.items():
        path = source / name
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    app = run_sphinx(source, "html", builddir=source.parent / "out")
    assert "WARNING" not in app.warning.getvalue(), app.warning.getvalue()
    outdir = Path(app.outdir)
    return json.loads((outdir / "resume.json").read_text(encoding="utf-8")), outdir


def test_bullets_are_highlights(written):
    work = next(w for w in written[0]["work"] if w["position"] == "Research Engineer")
    assert work["summary"] == "Built the first evaluation pipeline of the lab."
    assert work["highlights"] == [
        "Research: explanation methods for sequence models, with two workshops.",
        "Teaching: the machine learning seminar of the lab, every winter term.",
    ]


def test_skills_are_keywords_only_where_written_as_a_list(written):
    skills = {s["name"]: s["keywords"] for s in written[0]["skills"]}
    assert skills["Technical"] == [  # as the page shows it (Sphinx's smart punctuation)
        "Experience with a variety of tools, e.g., Python (NumPy, PyTorch, …), Matlab, git, among others."
    ]
    assert skills["Frameworks"] == ["PyTorch", "JAX, with Flax", "TensorFlow"]
    assert skills["Programming"] == ["Python", "C++", "Rust"]


def test_a_papers_url_is_the_paper_never_its_code(written):
    papers = {p["name"]: p for p in written[0]["publications"]}
    assert "url" not in papers["A Paper Known by Its Code"]
    assert papers["A Paper with a PDF"]["url"] == "https://workshop.example.org/papers/pdf.pdf"
    assert papers["A Toolkit for Evaluating Explanations"]["url"] == "https://toolkit.example.org"
    assert papers["From Attribution Maps to Concepts"]["url"] == "https://arxiv.org/abs/2206.03208"
    assert not any("github.com" in p.get("url", "") for p in papers.values())


def test_german_build_writes_german(tmp_path):
    """``-D language=de``: the texts of the German site (its .po files), not the English ones."""
    app = build_site(tmp_path, confoverrides={"language": "de"})
    data = json.loads((Path(app.outdir) / "resume.json").read_text(encoding="utf-8"))
    assert data["basics"]["label"] == "Gruppenleiterin"
    assert data["basics"]["summary"].startswith(
        "Ada Example leitet die Gruppe für interpretierbares maschinelles Lernen"
    )
    assert [w["position"] for w in data["work"]] == ["Gruppenleiterin", "Postdoktorandin"]
    assert data["work"][0]["name"] == "Beispielinstitut" and data["work"][0]["location"] == "Berlin, Deutschland"
    assert data["work"][0]["summary"].startswith("Leitet eine Gruppe von neun Forschenden")
    assert data["education"][0]["courses"] == [
        "Dissertation: Opening the black box",
        "Betreuung: Prof. Dr. Example Supervisor",
    ]
    assert [s["name"] for s in data["skills"]] == ["Programmierung"]
    assert data["languages"] == [{"language": "Deutsch", "fluency": "Muttersprache"}, {"language": "Englisch"}]
    assert data["awards"][0]["title"] == "Dissertationspreis"


# -- a real client ---------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def resumed(tmp_path_factory) -> Path:
    """``resumed`` and ``jsonresume-theme-even`` from npm, in a folder of their own."""
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is missing: the JSON Resume theme cannot be installed (.ci/run installs npm)")
    folder = tmp_path_factory.mktemp("resumed")
    done = subprocess.run(
        [npm, "install", "--silent", "--no-audit", "--no-fund", RESUMED, THEME],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return folder


def render(folder: Path, resume: dict) -> BeautifulSoup:
    (folder / "resume.json").write_text(json.dumps(resume, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(
        [
            "npx",
            "--no-install",
            "resumed",
            "render",
            "resume.json",
            "--theme",
            "jsonresume-theme-even",
            "-o",
            "resume.html",
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return BeautifulSoup((folder / "resume.html").read_text(encoding="utf-8"), "html.parser")


def words(text: str) -> str:
    return " ".join(text.split())


def test_a_theme_shows_every_section(written, resumed):
    """Rendered by ``resumed`` with a real theme, every section of the file is on the page, with
    every entry: positions with their bullets, the bio, degrees with thesis and supervision,
    memberships, awards, papers, talks, software, grants, skills and languages."""
    data, _ = written
    page = render(resumed, data)
    shown = words(page.get_text(" "))
    for section in ("work", "volunteer", "education", "projects", "awards", "publications", "skills", "languages"):
        assert page.select_one(f"section#{section}") is not None, section
    assert words(data["basics"]["summary"].split("\n\n")[0]) in shown
    expected = [
        *(w["position"] for w in data["work"]),
        *(h.split(":", 1)[1].strip() for w in data["work"] for h in w.get("highlights", [])),
        *(v["position"] for v in data["volunteer"]),
        *(e["institution"] for e in data["education"]),
        *(c.split(": ", 1)[1] for e in data["education"] for c in e.get("courses", [])),
        *(a["title"] for a in data["awards"]),
        *(p["name"] for p in data["publications"]),
        *(p["name"] for p in data["projects"]),
        *(s["name"] for s in data["skills"]),
        *(k for s in data["skills"] for k in s["keywords"]),
        *(lang["language"] for lang in data["languages"]),
    ]
    missing = [text for text in expected if words(text) not in shown]
    assert missing == []
