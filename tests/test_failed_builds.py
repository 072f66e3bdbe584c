"""A ``-W`` build keeps failing until its cause is fixed: run again unchanged, it gives the same
warnings (of the bib files and of pages it need not read again) and fails again, as ``nox -s build``
runs it and in ``nox -s serve``; once fixed, it passes, and a build after that does nothing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, ROOTS

#: nox -s build's sphinx-build (noxfile.py: SPHINX_OPTIONS, -b html, doctrees outside the site)
BUILD = ["-m", "sphinx", "-W", "--keep-going", "-n", "-q", "-b", "html", "-d", "_build/doctrees", ".", "_build/html"]
BAD_ENTRY = """
@article{bad2020link,
  author = {Owner, A.},
  title = {A Bad Link},
  journal = {J},
  year = {2020},
  url = {javascript:alert(1)},
}
"""
BAD_CARD = "\n```{talk} A Talk on a Bad Day\n:date: 2021-02-30\n:event: Example Workshop\n```\n"
WARNINGS = ("[portfolio.bib_url]", "[portfolio.date]")


def broken(target: Path) -> Path:
    """``test-bib`` with a bad link in its bib file and a bad date on its second page."""
    project = shutil.copytree(ROOTS / "test-bib", target)
    with (project / "refs.bib").open("a") as bib:
        bib.write(BAD_ENTRY)
    with (project / "talk.md").open("a") as page:
        page.write(BAD_CARD)
    return project


def fix(project: Path) -> None:
    bib = project / "refs.bib"
    bib.write_text(bib.read_text().replace("url = {javascript:alert(1)}", "url = {https://example.org/bad}"))
    page = project / "talk.md"
    page.write_text(page.read_text().replace("2021-02-30", "2021-02-28"))


def build(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *BUILD],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO / "_ext")},
    )


def times(folder: Path) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_a_failed_build_fails_again_until_fixed(tmp_path):
    project = broken(tmp_path / "project")
    first = build(project)
    assert first.returncode != 0 and all(w in first.stderr for w in WARNINGS), first.stderr
    again = build(project)  # nothing changed: the same warnings, the same failure
    assert again.returncode != 0
    assert [w for w in WARNINGS if w in again.stderr] == list(WARNINGS), again.stderr
    fix(project)
    fixed = build(project)
    assert fixed.returncode == 0 and fixed.stderr == "", fixed.stderr
    before = times(project / "_build" / "html")
    unchanged = build(project)  # a build that warned nothing keeps its environment: nothing to do
    assert unchanged.returncode == 0 and unchanged.stderr == ""
    assert times(project / "_build" / "html") == before


@pytest.fixture
def serving(tmp_path):
    from test_serve import free_port

    project = broken(tmp_path / "project")
    port = free_port()
    command = [sys.executable, "-m", "portfolio.serve", "-q", "--port", str(port), str(project), str(tmp_path / "html")]
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            command, env={**os.environ, "PYTHONPATH": str(REPO / "_ext")}, stdout=out, stderr=out
        )
        try:
            yield project, log
        finally:
            process.terminate()
            process.wait(timeout=60)


def builds_in(log: Path) -> int:
    return len(re.findall(r"^serve: built in", log.read_text(), re.MULTILINE))


def wait_for(log: Path, count: int) -> str:
    deadline = time.monotonic() + 180
    while builds_in(log) < count:
        assert time.monotonic() < deadline, log.read_text()
        time.sleep(0.1)
    return log.read_text()


def test_serve_repeats_the_warnings_until_fixed(serving):
    """A save of an unrelated page builds again: the bib file's and the page's warnings come again."""
    project, log = serving
    first = wait_for(log, 1)
    assert all(first.count(w) == 1 for w in WARNINGS), first
    index = project / "index.md"
    index.write_text(index.read_text() + "\nOne more sentence.\n")
    second = wait_for(log, 2)
    assert all(second.count(w) == 2 for w in WARNINGS), second
    fix(project)
    third = wait_for(log, 3)
    assert all(third.count(w) == 2 for w in WARNINGS), third  # fixed: no more
