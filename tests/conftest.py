"""Test set-up: the extension on sys.path and Sphinx's own testing fixtures."""

from __future__ import annotations

import importlib
import re
import shutil
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from sphinx.application import builtin_extensions
from sphinx.testing.util import SphinxTestApp

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "_ext"))

pytest_plugins = ("sphinx.testing.fixtures",)

# Sphinx's modules translate their words when first imported, if a build in some language is then
# under way (``_("Python Module Index")`` is then a plain string): imported here, before any build,
# they stay lazy, so that an English build after a German one in this process names its pages in
# English, as a build in a fresh process does.
for _module in builtin_extensions:
    importlib.import_module(_module)


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


ROOTS = REPO / "tests" / "roots"


def copy_portfolio(target: Path) -> Path:
    """The owner's portfolio, to be edited by a test without touching the repository
    (for ``tests/content/`` only: the extension's tests build ``tests/roots/``)."""
    shutil.copytree(REPO, target, ignore=shutil.ignore_patterns("_build", ".nox", ".git", "tests", ".*cache", ".venv"))
    return target


def build_cv(outdir: Path, parallel: int = 0, buildername: str = "html", **settings: Any) -> SphinxTestApp:
    """The owner's portfolio, built from the repository (for ``tests/content/``)."""
    overrides = {"nitpicky": True, **settings}
    return run_sphinx(REPO, buildername, builddir=outdir, parallel=parallel, confoverrides=overrides)


def every_file(outdir: Path) -> dict[str, bytes]:
    """Every file a build wrote into its output folder, hidden ones (``.buildinfo``) too."""
    return {str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*")) if p.is_file()}


def copy_site(target: Path) -> Path:
    """``tests/roots/test-site``, a complete fictional portfolio, to be built or edited."""
    shutil.copytree(ROOTS / "test-site", target, dirs_exist_ok=True)
    return target


def build_site(outdir: Path, parallel: int = 0, buildername: str = "html", **kwargs: Any) -> SphinxTestApp:
    """The fictional portfolio, built once into ``outdir`` from a fresh copy of its sources."""
    return run_sphinx(copy_site(outdir / "src"), buildername, builddir=outdir / "out", parallel=parallel, **kwargs)


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
