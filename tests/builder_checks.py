"""The builders' own checkers, run on their output: epubcheck for EPUB, Sphinx's Makefile (latexmk) for
LaTeX. Each skips the test where its tool is not installed (``.ci/run`` installs them from Debian)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest


def epubcheck(epub: Path) -> list[str]:
    """epubcheck's findings (``ERROR(RSC-005): file(line,col): message``), but for its CSS parser's
    known limit: it does not know ``:has()`` (CSS-008 on a line that has one)."""
    found = shutil.which("epubcheck")
    if found is None or shutil.which("java") is None:
        pytest.skip("epubcheck is not installed (Debian: apt-get install epubcheck)")
    # Debian's /usr/bin/epubcheck is the jar itself, run through binfmt where that is set up; Java's
    # quick compiler alone halves the time of one short run
    java = ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar"]
    command = [*java, found] if Path(found).resolve().suffix == ".jar" else [found]
    done = subprocess.run([*command, str(epub)], capture_output=True, text=True, timeout=300)
    findings = re.findall(r"^((?:FATAL|ERROR|WARNING)\((\S+)\): (.+?)\((\d+),-?\d+\): .*)$", done.stderr, re.M)
    real = []
    for line, code, path, number in findings:
        inside = path.partition(".epub/")[2]
        if code == "CSS-008" and ":has(" in (epub.parent / inside).read_text().splitlines()[int(number) - 1]:
            continue
        real.append(line)
    assert findings or done.returncode == 0, done.stdout + done.stderr  # it ran, and said why it failed
    return real


def compile_latex(outdir: Path) -> tuple[Path, str]:
    """Sphinx's Makefile in ``outdir`` (latexmk with the engine of ``latex_engine``), stopping at the
    first error; the PDF and LaTeX's log."""
    if not (shutil.which("latexmk") and shutil.which("xelatex") and shutil.which("make")):
        pytest.skip("latexmk and xelatex are not installed (Debian: latexmk texlive-xetex texlive-latex-extra)")
    done = subprocess.run(
        ["make", "-C", str(outdir), "all-pdf", "LATEXMKOPTS=-halt-on-error -interaction=nonstopmode"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    (tex,) = outdir.glob("*.tex")
    log = tex.with_suffix(".log").read_text(errors="replace") if tex.with_suffix(".log").is_file() else ""
    assert done.returncode == 0, done.stdout[-3000:] + log[-3000:]
    return tex.with_suffix(".pdf"), log
