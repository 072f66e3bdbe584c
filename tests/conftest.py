"""Test set-up: the extension on sys.path and Sphinx's own testing fixtures."""

from __future__ import annotations

import re
import shutil
import sys
from io import StringIO
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "_ext"))

pytest_plugins = ("sphinx.testing.fixtures",)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return REPO / "tests" / "roots"


def assert_warned(log: str, where: str, type_subtype: str, words: str = "") -> None:
    """``log`` has a warning at ``where`` (``file:line``) with these words and ``[type.subtype]``."""
    pattern = rf"{re.escape(where)}: WARNING: .*{re.escape(words)}.* \[{re.escape(type_subtype)}\]"
    assert re.search(pattern, log), log


def run_sphinx(srcdir: Path, buildername: str = "html", **kwargs) -> SphinxTestApp:
    """Build ``srcdir`` with a real Sphinx application; status and warnings are kept."""
    app = SphinxTestApp(buildername, srcdir=srcdir, status=StringIO(), warning=StringIO(), **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def build_root(root: Path, tmp: Path, buildername: str = "html", **kwargs) -> SphinxTestApp:
    """Copy a test root to ``tmp`` and build it there."""
    shutil.copytree(root, tmp, dirs_exist_ok=True)
    return run_sphinx(tmp, buildername, **kwargs)


def copy_portfolio(target: Path) -> Path:
    """The portfolio's sources, to be edited by a test without touching the repository."""
    shutil.copytree(REPO, target, ignore=shutil.ignore_patterns("_build", ".nox", ".git", "tests", ".*cache", ".venv"))
    return target


@pytest.fixture(scope="module")
def build(rootdir, tmp_path_factory):
    """Build ``tests/roots/test-<name>`` once per module and per set of arguments."""
    cache: dict[tuple, SphinxTestApp] = {}

    def _build(name: str, buildername: str = "html", **kwargs) -> SphinxTestApp:
        key = (name, buildername, repr(sorted(kwargs.items())))
        if key not in cache:
            cache[key] = build_root(rootdir / f"test-{name}", tmp_path_factory.mktemp(name), buildername, **kwargs)
        return cache[key]

    return _build


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """Each case of ``tests/roots/corpus`` built once per test session (see ``corpus.py``)."""
    from corpus import build_case

    cache: dict[str, object] = {}

    def _build(case: str):
        if case not in cache:
            cache[case] = build_case(case, tmp_path_factory.mktemp(case))
        return cache[case]

    return _build
