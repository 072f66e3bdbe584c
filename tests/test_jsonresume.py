"""``resume.json``: every HTML build writes the CV in JSON Resume's format, valid against the
official schema v1.0.0 (from the npm package ``resume-schema``, as its authors publish it)."""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest
from conftest import build_site
from jsonschema import FormatChecker
from jsonschema.validators import validator_for


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


def test_sections(resume):
    assert [w["position"] for w in resume["work"]] == ["Group Leader", "Postdoctoral Researcher"]
    assert resume["work"][0]["startDate"] == "2021-01" and "endDate" not in resume["work"][0]  # present
    assert resume["education"][0] | {} == {
        "institution": "Example University",
        "studyType": "PhD",
        "area": "Machine Learning",
        "startDate": "2014",
        "endDate": "2018",
        "score": "summa cum laude",
    }
    assert [a["title"] for a in resume["awards"]] == ["Dissertation Award", "Best Paper Prize"]
    papers = [p["name"] for p in resume["publications"]]
    assert papers[0] == "A Toolkit for Evaluating Explanations" and "Unmasking Clever Hans Predictors" in papers
    assert "Relevance Score Assignment for Networks" in papers  # the patent family
    doi = next(p for p in resume["publications"] if p["name"].startswith("On Pixel-wise"))
    assert doi["url"] == "https://doi.org/10.1371/journal.pone.0130140" and doi["publisher"] == "PLoS ONE"
    software = next(p for p in resume["projects"] if p["name"] == "Toolkit")
    assert software["url"] == "https://github.com/ada-example/toolkit" and software["keywords"] == ["Python"]
    assert [s["name"] for s in resume["skills"]] == ["Programming"]
    assert resume["skills"][0]["keywords"] == ["Python", "C++", "Rust"]
    assert resume["languages"] == [{"language": "German", "fluency": "native"}, {"language": "English"}]


def test_private_contact_on_request(tmp_path, schema):
    app = build_site(tmp_path, confoverrides={"portfolio_show_private_contact": True})
    data = json.loads((Path(app.outdir) / "resume.json").read_text(encoding="utf-8"))
    assert data["basics"]["email"] == "ada@example.org"
    assert errors(data, schema) == []
