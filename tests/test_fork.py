"""Fork it: ``nox -s new -- "Full Name"`` on a copy of this project, then built and edited.

The copy is committed in a git repository of its own, the starter runs as the README says,
and the result builds with the flags of ``nox -s build`` (``-W``). Nothing of the previous
owner may be left in the sources (README.md and its screenshot aside, which say whose they
are) or anywhere in ``_build/``. Who the previous owner is, is read from this checkout (the
personal block, the profile, refs.bib): the one test of the extension that reads the owner's
content, since it is about that content, and holds whoever owns the checkout, in every fork.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO

NAME = "Dr. María José Núñez-Ölçer"
SITE = "https://mjnunez.github.io/cv"
#: nox -s build's command (noxfile.py)
BUILD = ["-m", "sphinx", "-W", "--keep-going", "-n", "-q", "-b", "html", "-d", "_build/doctrees", ".", "_build/html"]
BUILD_DE = [*BUILD[:-4], "-D", "language=de", "-d", "_build/doctrees-de", ".", "_build/html/de"]
#: files that keep the previous owner's data by design (they say so)
KEPT = {"README.md", ".github/screenshot.png"}
CARDS = ("position", "education", "grant", "award", "talk", "patent", "software", "skill", "entry", "profile")


def git(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(project), "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        capture_output=True,
        text=True,
        check=True,
    )


def checkout(target: Path) -> Path:
    """This project as a fresh clone would have it (the files git tracks, as they are in this
    working tree: nothing untracked, such as an egg-info folder or private.toml), committed in a
    repository of its own."""
    tracked = git(REPO, "ls-files", "-z").stdout.split("\0")
    for name in filter(None, tracked):
        source = REPO / name
        if source.is_file():  # a tracked file deleted in this working tree is not in the copy either
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "the previous owner's portfolio")
    return target


def run(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(project / "_ext"), **env},
    )


def start(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """What ``nox -s new -- ...`` runs."""
    return run(project, "-m", "portfolio.interop.starter", *args)


def previous_owner() -> list[str]:
    """What identifies this checkout's owner: surname, email, inventory name, affiliation and its
    acronym, bib keys; only the strings the generic code does not hold anyway."""
    conf = (REPO / "conf.py").read_text()
    index = (REPO / "index.md").read_text()
    found = [m.group(1) for m in re.finditer(r"^:(?:email|affiliation): *(.+)$", index, re.MULTILINE)]
    found += [a for f in found for a in re.findall(r"\(([A-Z]{2,})\)", f)]
    found += [w for f in found for w in f.split()[:1] if "@" not in w]
    if m := re.search(r'^NAME = "(.+?)"', conf, re.MULTILINE):
        found.append(m.group(1).split()[-1])
    if m := re.search(r'^INVENTORY_NAME = "(.+?)"', conf, re.MULTILINE):
        found.append(m.group(1))
    found += re.findall(r"^@\w+\{([^,\s]+),", (REPO / "refs.bib").read_text(), re.MULTILINE)
    generic = "\n".join(p.read_text() for p in [*(REPO / "_ext").rglob("*.py"), REPO / "noxfile.py"])
    return sorted({s for s in found if len(s) >= 3 and not re.search(rf"\b{re.escape(s)}\b", generic)})


def texts(path: Path) -> list[str]:
    """A file as text, in every form that can hold words: PDF text, objects.inv decompressed."""
    data = path.read_bytes()
    found = [data.decode("utf-8", "replace")]
    if path.suffix == ".pdf":
        from test_pdf import pdf_text

        found.append(pdf_text(path))
    if path.name == "objects.inv":
        found.append(zlib.decompress(data.split(b"\n", 4)[4]).decode())
    return found


def leftovers(folder: Path, owner: list[str], skip: set[str] = frozenset()) -> list[str]:
    hits = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and ".git" not in p.parts):
        name = str(path.relative_to(folder))
        if name in skip:
            continue
        for text in texts(path):
            hits += [f"{name}: {s}" for s in owner if re.search(rf"(?<![\w@.]){re.escape(s)}(?!\w)", text)]
    return hits


@pytest.fixture(scope="module")
def forked(tmp_path_factory) -> Path:
    """The checkout turned into a CV skeleton for someone else, and built as nox -s build does."""
    project = checkout(tmp_path_factory.mktemp("fork") / "project")
    done = start(project, NAME)
    assert done.returncode == 0, done.stderr
    built = run(project, *BUILD, PORTFOLIO_SITE_URL=SITE)
    assert built.returncode == 0 and built.stderr == "" and built.stdout == "", built.stderr + built.stdout
    # and the German site, untranslated but without a warning, as nox -s build makes it
    german = run(project, *BUILD_DE, PORTFOLIO_SITE_URL=SITE)
    assert german.returncode == 0 and german.stderr == "" and german.stdout == "", german.stderr + german.stdout
    return project


def page(project: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((project / "_build" / "html" / f"{name}.html").read_text(), "html.parser")


def test_previous_owner_is_known():
    """The check below looks for something: every bib key at least."""
    keys = re.findall(r"^@\w+\{([^,\s]+),", (REPO / "refs.bib").read_text(), re.MULTILINE)
    assert keys and set(keys) <= set(previous_owner())


def test_nothing_of_the_previous_owner_is_left(forked):
    owner = previous_owner()
    assert leftovers(forked, owner, skip=KEPT | {"_build"}) == []
    assert leftovers(forked / "_build", owner) == []
    assert not (forked / "tests" / "content").exists()


def test_skeleton_has_one_of_every_card_and_the_new_name(forked):
    site = forked / "_build" / "html"
    html = "".join(p.read_text() for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "de")
    for kind in CARDS:
        card = 'cv-entry"' if kind == "entry" else f'cv-entry cv-{kind}"'
        assert html.count(f'<article class="{card}') == 1, kind
    conf = (forked / "conf.py").read_text()
    assert 'NAME = "María José Núñez-Ölçer"' in conf and 'BIB_NAMES = ["Núñez-Ölçer, M."]' in conf
    index = page(forked, "index")
    assert index.select_one("article[role=main] h1").get_text().startswith(NAME)
    assert [s.get_text() for s in index.select("ul.cv-selected strong")] == ["Núñez-Ölçer M J"]
    software = page(forked, "sections/software")
    assert software.select_one(".cv-papers a")["href"] == "publications.html#paper-nunezolcer2024example"
    assert (forked / "_build" / "html" / "maria-jose-nunez-olcer-cv.pdf").is_file()


def test_every_section_page_says_how_to_drop_it(forked):
    toctree = (forked / "index.md").read_text().split("```{toctree}")[1]
    for path in sorted((forked / "sections").glob("*.md")):
        listed = f"sections/{path.stem}"
        assert listed in toctree
        assert f"Delete this file and its line `{listed}` in index.md's toctree" in path.read_text(), path


def test_site_address_from_the_pages_workflow(forked):
    sitemap = (forked / "_build" / "html" / "sitemap.xml").read_text()
    assert f"<loc>{SITE}/index.html</loc>" in sitemap
    description = page(forked, "index").find("meta", attrs={"name": "description"})["content"]
    assert description.startswith("María José Núñez-Ölçer")
    assert (forked / "_build" / "html" / ".nojekyll").is_file()


def test_extension_tests_pass_in_the_fork(forked):
    """The extension's tests build tests/roots/, never the owner's pages: they pass in any fork."""
    done = run(forked, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_cards.py", "tests/test_names.py")
    assert done.returncode == 0, done.stdout[-3000:]


def test_edited_fork_builds_and_keeps_only_its_pages(forked):
    """The new owner edits: a paper with a LaTeX-escaped name, a talk, the patents page dropped."""
    bib = forked / "refs.bib"
    bib.write_text(
        bib.read_text() + "\n@inproceedings{nunez2025latex,\n"
        "  author = {N{\\'u}{\\~n}ez-{\\\"O}l{\\c{c}}er, Mar{\\'\\i}a Jos{\\'e} and Roe, Richard},\n"
        "  title = {Escaped Names},\n  booktitle = {Proceedings of Examples},\n  year = {2025},\n"
        "  keywords = {selected},\n}\n"
    )
    talks = forked / "sections" / "talks.md"
    talks.write_text(talks.read_text() + "\n```{talk} A Second Talk\n:date: 2025-02-03\n:event: Another Event\n```\n")
    (forked / "sections" / "patents.md").unlink()
    index = forked / "index.md"
    index.write_text(index.read_text().replace("sections/patents\n", ""))
    # the starter's publication page has a group for every type: the new @inproceedings is listed as it is
    built = run(forked, *BUILD, PORTFOLIO_SITE_URL=SITE)
    assert built.returncode == 0 and built.stderr == "", built.stderr
    assert not (forked / "_build" / "html" / "sections" / "patents.html").exists()
    selected = page(forked, "index").select("ul.cv-selected li")
    assert [li.select_one("strong").get_text() for li in selected] == ["Núñez-Ölçer M J", "Núñez-Ölçer M J"]
    assert selected[0].get_text().startswith("Escaped Names. ")
    assert len(page(forked, "sections/talks").select("article.cv-talk")) == 2


def test_refuses_uncommitted_changes_unless_forced(tmp_path):
    project = checkout(tmp_path / "project")
    (project / "sections" / "awards.md").write_text("# Awards\n\nnot committed\n")
    done = start(project, "Ada Lovelace")
    assert done.returncode == 2
    assert "uncommitted changes would be lost" in done.stderr and "sections/awards.md" in done.stderr
    assert "not committed" in (project / "sections" / "awards.md").read_text()  # nothing touched
    forced = start(project, "--force", "Ada Lovelace")
    assert forced.returncode == 0, forced.stderr
    assert "Lovelace, A." in (project / "conf.py").read_text()
    assert json.dumps("Ada Lovelace") in (project / "conf.py").read_text()


def test_private_toml_loses_the_previous_owners_profile(tmp_path):
    project = checkout(tmp_path / "project")
    (project / "private.toml").write_text('[profile]\nphone = "+49 30 000"\n\n[mine]\nkeep = "yes"\n')
    assert start(project, "Ada Lovelace").returncode == 0
    private = (project / "private.toml").read_text()
    assert "+49 30 000" not in private and 'keep = "yes"' in private


@pytest.mark.parametrize(
    ("given", "name", "bib_name", "key"),
    [
        ("Dr. María José Núñez-Ölçer", "María José Núñez-Ölçer", "Núñez-Ölçer, M.", "nunezolcer2024example"),
        ("Ludwig van Beethoven", "Ludwig van Beethoven", "van Beethoven, L.", "beethoven2024example"),
        ("Jean-Luc Picard, PhD", "Jean-Luc Picard", "Picard, J.", "picard2024example"),
        ("Madonna", "Madonna", "Madonna", "madonna2024example"),
        ("Ada {Ex}ample\\", "Ada Example", "Example, A.", "example2024example"),  # no BibTeX markup gets in
    ],
)
def test_names_as_people_write_them(given, name, bib_name, key):
    from portfolio.interop.starter import owner

    who = owner(given)
    assert (who.name, who.bib_name, who.key) == (name, bib_name, key)


# -- names that are not plain, and failures: nothing of the previous owner lost --------------------


def files_of(project: Path) -> dict[str, bytes]:
    """Every file of the checkout but git's, with its content."""
    return {
        str(p.relative_to(project)): p.read_bytes()
        for p in project.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(project).parts
    }


def test_a_name_with_markdown_and_markup_builds(tmp_path):
    """A backtick (it ended the profile's fence: the card vanished and -W passed), angle brackets
    (the theme writes the name as HTML), braces and %: the skeleton builds under -W with the card
    on the site and in the PDF, and the starter says how it wrote the name."""
    from test_pdf import pdf_text

    project = checkout(tmp_path / "project")
    done = start(project, "Ada `Ace` <b>Love</b>lace {x}%")
    assert done.returncode == 0, done.stderr
    assert "name: written as 'Ada `Ace` ‹b›Love‹/b›lace x'" in done.stdout
    built = run(project, *BUILD[:-1], str(tmp_path / "html"), PORTFOLIO_SITE_URL=SITE)
    assert built.returncode == 0 and built.stderr == "" and built.stdout == "", built.stderr + built.stdout
    index = BeautifulSoup((tmp_path / "html" / "index.html").read_text(), "html.parser")
    assert index.select_one("article[role=main] h1").get_text().startswith("Ada `Ace` ‹b›Love‹/b›lace x")
    assert index.select("b") == []  # no tag of the name's
    (pdf,) = (tmp_path / "html").glob("*-cv.pdf")
    assert "Ada `Ace` ‹b›Love‹/b›lace x" in pdf_text(pdf)


@pytest.mark.parametrize(
    ("name", "why"),
    [
        (b"Ada \xff\xfe Example", "not valid UTF-8"),
        (b"Ada " + b"Example" * 43, "characters long; at most 200"),
    ],
    ids=["invalid-utf8", "too-long"],
)
def test_a_bad_name_changes_nothing(tmp_path, name, why):
    project = checkout(tmp_path / "project")
    before = files_of(project)
    done = subprocess.run(
        [sys.executable, "-m", "portfolio.interop.starter", "--force", name],
        cwd=project,
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(project / "_ext")},
    )
    assert done.returncode == 1 and why in done.stderr.decode(), done.stderr
    assert files_of(project) == before


def test_a_failure_midway_leaves_the_previous_owner(tmp_path, monkeypatch):
    """The disk fills up while the skeleton is moved in: the previous owner's index.md, refs.bib,
    sections/, locales/ and conf.py are as they were, no temporary folder is left."""
    from portfolio.interop import project as project_module
    from portfolio.interop.starter import start as start_in_process

    project = checkout(tmp_path / "project")
    before = files_of(project)
    original = project_module.os.replace
    calls = {"n": 0}

    def replace(source: object, target: object) -> None:
        calls["n"] += 1
        if calls["n"] == 15:
            raise OSError(28, "No space left on device")
        original(source, target)

    monkeypatch.setattr(project_module.os, "replace", replace)
    code, lines = start_in_process("Ada Lovelace", project, force=True)
    assert code == 1 and "No space left on device; nothing was changed" in lines[0]
    assert calls["n"] > 15  # the rollback moved the previous content back
    assert files_of(project) == before
    assert not list(project.glob(".portfolio-*"))
