"""The settings are one validated model: each bad value of conf.py gives one warning at its line
(``portfolio.config``), its default is used and every other setting applies; one rule for a PDF's
file name wherever one is given; ``-W`` fails on a bad setting; nothing reads them but the model."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, ROOTS, run_sphinx
from pypdf import PdfReader

#: appended to the design root's conf.py: three bad values among good ones
SETTINGS = """
portfolio_pdf_paper = "a5"
portfolio_pdf = "yes"
portfolio_owner_names = "Example, D."
portfolio_pdf_variants = {
    "cv": {"title": "Full CV"},
    "two": {
        "title": "Two pages",
        "paper": "us-letter",
        "limit": 0,
    },
}
"""
NAME_RULE = "must be a file name with one dot, ending in .pdf, without folders"


def project(tmp_path: Path, settings: str, name: str = "src") -> Path:
    src = tmp_path / name
    shutil.copytree(ROOTS / "test-pdf-design", src)
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(settings)
    return src


def line_of(src: Path, text: str) -> int:
    lines = (src / "conf.py").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def warnings(log: str) -> list[str]:
    return [line for line in log.splitlines() if "WARNING" in line]


def size(path: Path) -> tuple[float, float]:
    box = PdfReader(path).pages[0].mediabox
    return round(float(box.width), 2), round(float(box.height), 2)


def test_each_bad_value_warns_once_at_its_line_and_the_rest_applies(tmp_path):
    src = project(tmp_path, SETTINGS)
    app = run_sphinx(src, "cvpdf")
    found = warnings(app.warning.getvalue())
    conf = src / "conf.py"
    expected = [
        (line_of(src, "portfolio_pdf = "), "portfolio_pdf 'yes' must be True or False; using True"),
        (line_of(src, "portfolio_owner_names"), "portfolio_owner_names 'Example, D.' must be a list of strings"),
        (line_of(src, '"limit"'), "portfolio_pdf_variants['two']: limit 0 must be a whole number above 0"),
    ]
    assert len(found) == len(expected), found  # one warning per problem: none of Sphinx's besides
    for line, words in expected:
        assert any(f"{conf}:{line}: WARNING: {words}" in w and "[portfolio.config]" in w for w in found), found
    # the good values around them apply: the design's paper, the variants with their titles and own paper
    assert size(app.outdir / "design-cv.pdf") == (419.53, 595.28)  # a5
    assert size(app.outdir / "design-cv-two.pdf") == (612, 792)  # us-letter
    assert "Dr. Dana Example – Two pages" == PdfReader(app.outdir / "design-cv-two.pdf").metadata.title


@pytest.mark.parametrize(
    ("settings", "given"),
    [
        ('portfolio_pdf_name = "my.cv.pdf"\n', '"my.cv.pdf"'),
        ('portfolio_pdf_variants = {"cv": {}, "two": {"name": "my.two.pdf"}}\n', '"my.two.pdf"'),
        ('portfolio_pdf_name = "cv/../x.pdf"\n', '"cv/../x.pdf"'),
        ('portfolio_pdf_variants = {"cv": {}, "two": {"name": ".two.pdf"}}\n', '".two.pdf"'),
    ],
)
def test_one_rule_for_every_pdf_name(tmp_path, settings, given):
    """``portfolio_pdf_name`` and a variant's ``name`` follow the same rule, with the same words;
    the default name is used instead."""
    src = project(tmp_path, settings)
    app = run_sphinx(src, "cvpdf")
    found = warnings(app.warning.getvalue())
    assert len(found) == 1 and NAME_RULE in found[0] and "[portfolio.config]" in found[0], found
    assert f"{src / 'conf.py'}:{line_of(src, given)}:" in found[0]
    assert {p.name for p in app.outdir.glob("*.pdf")} <= {"design-cv.pdf", "design-cv-two.pdf"}
    assert (app.outdir / "design-cv.pdf").is_file()


def test_a_good_name_is_kept(tmp_path):
    src = project(
        tmp_path, 'portfolio_pdf_name = "dana-cv.pdf"\nportfolio_pdf_variants = {"cv": {}, "b": {"name": "b.pdf"}}\n'
    )
    app = run_sphinx(src, "cvpdf")
    assert not warnings(app.warning.getvalue())
    assert sorted(p.name for p in app.outdir.glob("*.pdf")) == ["b.pdf", "dana-cv.pdf"]


def test_a_setting_given_with_d_warns_at_conf_py(tmp_path):
    """A value of ``-D`` is not in conf.py: the warning names conf.py, at its first line."""
    src = project(tmp_path, "")
    app = run_sphinx(src, "cvpdf", confoverrides={"portfolio_order": "oldest"})
    found = warnings(app.warning.getvalue())
    assert len(found) == 1, found  # once, not on every page that sorts cards
    assert (
        f"{src / 'conf.py'}:1: WARNING: portfolio_order 'oldest' must be one of 'newest', 'start', 'source'" in found[0]
    )


def test_w_fails_on_a_bad_setting(tmp_path):
    src = project(tmp_path, 'portfolio_pdf_name = "my.cv.pdf"\n')
    command = [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "cvpdf", str(src), str(tmp_path / "out")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "_ext"), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, check=False)
    assert done.returncode != 0, done.stderr
    assert NAME_RULE in done.stderr and "[portfolio.config]" in done.stderr, done.stderr
    good = [*command[:-2], str(project(tmp_path, "", "good")), str(tmp_path / "good-out")]
    done = subprocess.run(good, capture_output=True, text=True, env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stderr  # the same build without the bad value passes


def test_settings_are_read_through_the_model_alone():
    """No module reads a ``portfolio_*`` value from Sphinx's config, or Sphinx's private option table:
    everything goes through ``portfolio_settings``, which checked it."""
    reads = re.compile(r"config\.portfolio_[a-z_]+|config\._options|getattr\(\w*config, f?\"portfolio_")
    found = [
        f"{path.relative_to(REPO)}:{number}"
        for path in sorted((REPO / "_ext" / "portfolio").rglob("*.py"))
        if path.name != "config.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if reads.search(line)
    ]
    assert found == []
