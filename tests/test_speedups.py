"""The speed-ups (``_ext/portfolio/speedups/``, switched by ``portfolio_speedups``) change how fast a
build runs and nothing it writes; each still applies to the installed versions, and one whose
target changed turns itself off with one warning. Other packages' private names stay in
``compat/`` and ``speedups/`` (``tests/lint_private_names.py``, run by ``nox -s lint``)."""

from __future__ import annotations

import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from conftest import ROOTS, copy_site, every_file, run_sphinx
from lint_private_names import problems
from portfolio.speedups import SPEEDUPS
from sphinx.jinja2glue import BuiltinTemplateLoader
from sphinx.testing.util import SphinxTestApp


def build(srcdir: Path, builddir: Path, speedups: bool, language: str) -> dict[str, bytes]:
    app = run_sphinx(srcdir, builddir=builddir, confoverrides={"portfolio_speedups": speedups, "language": language})
    assert app.warning.getvalue() == ""
    return every_file(Path(app.outdir))


@pytest.mark.parametrize("language", ["en", "de"])  # German: the pages translated from locales/de/
def test_speed_ups_on_and_off_write_the_same_files(tmp_path, language):
    """The fictional portfolio (website, paper pages, PDFs, resume.json), clean and after an edit."""
    built = {}
    for speedups in (True, False):
        src = copy_site(tmp_path / f"src-{speedups}")
        clean = build(src, tmp_path / f"out-{speedups}", speedups, language)
        talks = src / "sections" / "talks.md"  # a page without citations: the formatted entries are kept
        talks.write_text(talks.read_text().replace("{talk} Opening the Black Box", "{talk} Opening the Box"))
        edited = build(src, tmp_path / f"out-{speedups}", speedups, language)
        built[speedups] = (clean, edited)
    for (on, off), kind in zip(zip(built[True], built[False], strict=True), ("clean", "edited"), strict=True):
        assert any(name.endswith(".pdf") for name in on) and "index.html" in on, kind
        assert sorted(on) == sorted(off), kind
        assert [name for name in on if on[name] != off[name]] == [], kind
    assert built[True][0] != built[True][1]  # the edit is in the output


@pytest.mark.parametrize("speedup", SPEEDUPS, ids=[speedup.name for speedup in SPEEDUPS])
def test_each_speed_up_applies_to_the_installed_versions(speedup):
    """Fails where a release changed what a speed-up relies on: it is then off in every build
    (with a warning), and the maintainer updates it or drops it."""
    assert speedup.applies(), speedup.target


def test_a_speed_up_whose_target_changed_turns_itself_off(tmp_path, monkeypatch):
    """Sphinx's template loader no longer keeping its Jinja environment where it did: one warning, and
    the site is built as without the speed-up."""
    original = BuiltinTemplateLoader.init

    def init(self, *args, **kwargs):  # a loader of another release: it sets up no environment of that name
        return original(self, *args, **kwargs)

    monkeypatch.setattr(BuiltinTemplateLoader, "init", init)
    app = SphinxTestApp("html", srcdir=copy_layout(tmp_path / "src"), status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    warnings = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue()).splitlines()  # colours
    assert len(warnings) == 1, warnings
    assert "'jinja_templates' is off" in warnings[0] and warnings[0].endswith("[portfolio.speedups]")
    assert warnings[0].startswith(f"{Path(app.confdir, 'conf.py')}:")
    assert app.builder.templates.environment.auto_reload  # Jinja's default: the speed-up did nothing
    assert (Path(app.outdir) / "index.html").is_file()


def copy_layout(target: Path) -> Path:
    shutil.copytree(ROOTS / "test-layout", target)
    return target


def test_the_lint_finds_private_names_outside_the_seam(tmp_path):
    hacks = (
        "import gc\nimport gettext\nfrom sphinx.builders.html import _assets\nfrom myst_parser import mocking\n"
        "gc.freeze()\nmocking.MockState = None\nkept = gettext._translations\n"
        'handler = getattr(gettext, "_current_domain", None)\n'
    )
    for folder in ("website", "compat", "speedups"):
        (tmp_path / "_ext" / "portfolio" / folder).mkdir(parents=True)
        (tmp_path / "_ext" / "portfolio" / folder / "hacks.py").write_text(hacks)
    ours = "class Mine:\n    def __init__(self):\n        self._mine = 1\n\n\nvalue = Mine()._mine\n"
    (tmp_path / "_ext" / "portfolio" / "website" / "ours.py").write_text(ours)
    (tmp_path / "conf.py").write_text("")
    (tmp_path / "noxfile.py").write_text("")
    found = problems(tmp_path)
    assert [line.partition(":")[0] for line in found] == ["_ext/portfolio/website/hacks.py"] * 5, found
    assert [int(line.split(":")[1]) for line in found] == [3, 5, 6, 7, 8], found


def test_what_compat_relies_on_is_still_there():
    """The private names of ``compat/`` in the installed versions: where one is gone, a feature (a
    file left untouched, a catalog read again, a label) would silently stop working."""
    import gettext

    import furo
    import sphinx.ext.githubpages
    from portfolio.compat.furo import PYGMENTS_CSS_HANDLER
    from portfolio.compat.githubpages import NOJEKYLL_CNAME_HANDLER
    from sphinx import locale
    from sphinx.builders.html import _assets
    from sphinx.search import IndexBuilder

    modules = {"furo": furo, "sphinx.ext.githubpages": sphinx.ext.githubpages}
    for module, name in (PYGMENTS_CSS_HANDLER, NOJEKYLL_CNAME_HANDLER):
        assert callable(getattr(modules[module], name, None)), (module, name)
    assert isinstance(gettext._translations, dict) and isinstance(locale.translators, dict)
    assert callable(_assets._file_checksum_inner.cache_clear)
    assert {"_mapping", "_title_mapping"} <= set(IndexBuilder.__init__.__code__.co_names)
