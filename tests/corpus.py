"""The malformed- and hostile-input corpus: ``tests/roots/corpus/<case>/``.

Each case's files are dropped into the project in ``_base/`` (``bad.md``, ``refs.bib``, ...)
and the project is built as HTML with its PDF, in ``<tmp>/project``, beside an ``outside``
folder that holds a secret the build must never read or change. ``expect`` lists, one per line:

- ``warning <file>:<line> <type.subtype>``: a warning that must appear, with file and line;
- ``literal <text>``: user text that must print as written in the PDF and never be live markup
  in the HTML;
- ``absent <text>``: text in no file of the site (the PDF's text included);
- ``absent-in <file> <text>``: text not in that file of the site;
- ``conf <line>``: a line added to ``conf.py``;
- ``browser``: ``test_security.py`` loads every page in Chromium and checks that nothing runs;
- ``search <words>``: it also searches the site for these words.

A file ``<name>.symlink`` becomes a symbolic link ``<name>`` to the path it holds; a folder
(``locales/``) is copied as it is.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from conftest import REPO, run_sphinx
from sphinx.testing.util import SphinxTestApp

CORPUS = REPO / "tests" / "roots" / "corpus"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("_"))
#: what the files outside the project hold; no output may contain it
SECRET = "OUTSIDE-THE-PROJECT-7f3a9c"
#: a real PNG (1x1) with the secret after its end, so a copied file would carry it
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@dataclass
class Expect:
    """What a case's ``expect`` file asks."""

    warnings: list[tuple[str, str]] = field(default_factory=list)
    literals: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    absent_in: list[tuple[str, str]] = field(default_factory=list)
    conf: list[str] = field(default_factory=list)
    browser: bool = False
    search: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, case: str) -> Expect:
        expect = cls()
        for line in (CORPUS / case / "expect").read_text(encoding="utf-8").splitlines():
            kind, _, value = line.partition(" ")
            if kind == "warning":
                where, _, subtype = value.rpartition(" ")
                expect.warnings.append((where, subtype))
            elif kind in ("literal", "absent", "conf", "search"):
                getattr(expect, {"literal": "literals"}.get(kind, kind)).append(value)
            elif kind == "absent-in":
                name, _, text = value.partition(" ")
                expect.absent_in.append((name, text))
            elif kind == "browser":
                expect.browser = True
            elif line.strip():
                raise ValueError(f"{case}/expect: unknown line {line!r}")
        return expect


@dataclass
class Built:
    """One case, built."""

    app: SphinxTestApp
    project: Path
    expect: Expect
    #: files outside the project, before and after the build: (relative path, content)
    outside_before: set[tuple[str, bytes]]
    outside_after: set[tuple[str, bytes]]


def _outside(tmp: Path) -> set[tuple[str, bytes]]:
    return {
        (str(p.relative_to(tmp)), p.read_bytes())
        for p in tmp.rglob("*")
        if p.is_file() and "project" not in p.relative_to(tmp).parts[:1]
    }


def build_case(case: str, tmp: Path) -> Built:
    project, outside = tmp / "project", tmp / "outside"
    outside.mkdir(parents=True)
    (outside / "secret.txt").write_text(SECRET + "\n")
    (outside / "secret.png").write_bytes(PNG + SECRET.encode())
    shutil.copytree(CORPUS / "_base", project)
    expect = Expect.read(case)
    for path in (CORPUS / case).iterdir():
        if path.name == "refs.bib.missing":
            (project / "refs.bib").unlink()
        elif path.name.endswith(".symlink"):
            os.symlink(path.read_text().strip(), project / path.name.removesuffix(".symlink"))
        elif path.is_dir():  # a folder of the project: locales/ with a translator's .po file
            shutil.copytree(path, project / path.name, dirs_exist_ok=True)
        elif path.name != "expect":
            shutil.copyfile(path, project / path.name)
    if expect.conf:
        with (project / "conf.py").open("a") as conf:
            conf.write("".join(line + "\n" for line in expect.conf))
    before = _outside(tmp)
    app = run_sphinx(project)
    return Built(app, project, expect, before, _outside(tmp))
