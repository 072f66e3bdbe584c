"""A normal build says nothing the owner cannot act on, and each problem once."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import REPO, copy_site, run_sphinx


def test_no_matplotlib_line_with_social_cards_off(tmp_path):
    """sphinxext-opengraph prints that matplotlib is missing when it is imported, cards or not."""
    src = copy_site(tmp_path / "src")
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO / "_ext")},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and done.stderr == ""
    assert 'property="og:title"' in (tmp_path / "out" / "index.html").read_text()  # opengraph still at work


def test_a_removed_page_still_in_a_toctree_warns_once(tmp_path):
    src = copy_site(tmp_path / "src")
    out = tmp_path / "out"
    assert run_sphinx(src, builddir=out).warning.getvalue() == ""
    (src / "sections" / "patents.md").unlink()
    warnings = run_sphinx(src, builddir=out).warning.getvalue()
    assert warnings.count("WARNING") == 1, warnings
    line = (src / "index.md").read_text().splitlines().index("```{toctree}") + 1
    assert f"index.md:{line}: WARNING: toctree contains reference to nonexisting document" in warnings  # its line
    assert "sections/patents" in warnings
    assert not (out / "html" / "sections" / "patents.html").exists()
