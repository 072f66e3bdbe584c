"""The sessions CI runs test what deploys and what pyproject.toml allows, and `nox -s build` gives each
language's run its own files."""

from __future__ import annotations

import importlib.util
import os
import sys
import tomllib
from importlib.metadata import version
from types import ModuleType

import pytest
import sphinx
import yaml
from conftest import REPO, ROOTS
from packaging.requirements import Requirement
from sphinx.errors import VersionRequirementError
from sphinx.testing.util import SphinxTestApp

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
#: set by `nox -s tests` ("deploy") and `nox -s tests-lowest` ("lowest")
SESSION = os.environ.get("PORTFOLIO_TEST_VERSIONS", "")


@pytest.fixture(scope="module")
def noxfile() -> ModuleType:
    """noxfile.py, loaded as nox loads it (from the project's folder), its sessions registered."""
    import nox.registry

    spec = importlib.util.spec_from_file_location("noxfile", REPO / "noxfile.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPO)
        spec.loader.exec_module(module)
    module.sessions = nox.registry.get()
    return module


def floors() -> dict[str, str]:
    """Each dependency's lower bound, by name."""
    found = {}
    for text in PYPROJECT["dependencies"]:
        requirement = Requirement(text)
        (bound,) = (spec.version for spec in requirement.specifier if spec.operator == ">=")
        found[requirement.name] = bound
    return found


def test_tests_run_on_the_python_that_deploys(noxfile):
    """GitHub Pages' workflow and ReadTheDocs set up one Python; `nox -s tests` runs on it."""
    pages = yaml.safe_load((REPO / ".github/workflows/pages.yml").read_text())
    steps = pages["jobs"]["build"]["steps"]
    setup = next(step for step in steps if step.get("uses", "").startswith("actions/setup-python"))
    readthedocs = yaml.safe_load((REPO / ".readthedocs.yaml").read_text())
    assert setup["with"]["python-version"] == readthedocs["build"]["tools"]["python"] == noxfile.DEPLOY_PYTHON
    assert noxfile.sessions["tests"].python == noxfile.DEPLOY_PYTHON


def test_tests_lowest_runs_on_the_oldest_python(noxfile):
    assert PYPROJECT["requires-python"] == f">={noxfile.LOWEST_PYTHON}"
    assert noxfile.sessions["tests-lowest"].python == noxfile.LOWEST_PYTHON


def test_every_dependency_is_pinned_to_its_lower_bound(noxfile):
    assert noxfile.lowest(PYPROJECT["dependencies"]) == [f"{name}=={bound}" for name, bound in floors().items()]
    with pytest.raises(ValueError, match="lower bound"):
        noxfile.lowest(["sphinx"])  # a dependency without one is refused, not tested at its newest


def test_the_ci_workflow_sets_up_both_pythons(noxfile):
    """The GitHub workflow for pull requests runs .ci/run with the Pythons both sessions need."""
    workflow = yaml.safe_load((REPO / ".github/workflows/tests.yml").read_text())
    steps = workflow["jobs"]["tests"]["steps"]
    setup = next(step for step in steps if step.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["python-version"].split() == [noxfile.LOWEST_PYTHON, noxfile.DEPLOY_PYTHON]
    assert any(step.get("run") == "bash .ci/run" for step in steps)


@pytest.mark.skipif(SESSION != "deploy", reason="run by nox -s tests")
def test_this_session_runs_what_deploys(noxfile):
    assert f"{sys.version_info.major}.{sys.version_info.minor}" == noxfile.DEPLOY_PYTHON


@pytest.mark.skipif(SESSION != "lowest", reason="run by nox -s tests-lowest")
def test_this_session_runs_the_lowest_versions(noxfile):
    assert f"{sys.version_info.major}.{sys.version_info.minor}" == noxfile.LOWEST_PYTHON
    assert {name: version(name) for name in floors()} == floors()


def test_an_older_sphinx_stops_with_a_message(monkeypatch, tmp_path):
    """The extension asks for the Sphinx pyproject.toml allows: an older one ends the build with
    Sphinx's own message, not with an AttributeError of ours."""
    from portfolio import SPHINX_FLOOR

    assert floors()["sphinx"].startswith(f"{SPHINX_FLOOR}.")
    major, minor = map(int, SPHINX_FLOOR.split("."))
    monkeypatch.setattr(sphinx, "version_info", (major, minor - 1, 9, "final", 0))
    with pytest.raises(VersionRequirementError, match=rf"needs at least Sphinx v{SPHINX_FLOOR}"):
        SphinxTestApp("html", srcdir=ROOTS / "test-cards", builddir=tmp_path)


@pytest.mark.parametrize(
    ("given", "german"),
    [
        (["-w", "_build/warnings.log", "-E"], ["-w", "_build/warnings-de.log", "-E"]),
        (["--warning-file", "warnings.txt"], ["--warning-file", "warnings-de.txt"]),
        (["--warning-file=warnings.txt"], ["--warning-file=warnings-de.txt"]),
        (["-wwarnings.txt", "-T"], ["-wwarnings-de.txt", "-T"]),
        (["-d", "_build/trees"], ["-d", "_build/trees-de"]),
        (["-D", "portfolio_show_private_contact=1", "-W"], ["-D", "portfolio_show_private_contact=1", "-W"]),
    ],
)
def test_build_gives_each_language_its_own_files(noxfile, given, german):
    """`nox -s build -- -w warnings.log`: two runs side by side, each writing its own file."""
    assert noxfile.for_language(given, "en", "en") == given
    assert noxfile.for_language(given, "de", "en") == german
