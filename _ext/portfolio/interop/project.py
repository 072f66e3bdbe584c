"""The project as files: what the starter (``nox -s new``) and the RenderCV importer both write.

Both replace the previous owner's content in place, so both share the same
checks before anything is touched (a ``conf.py`` with its personal block, no
uncommitted work in what is replaced, a ``private.toml`` that can be read), the same
writers (the personal block between ``# >>> personal`` and ``# <<< personal``, the
git-ignored ``private.toml``) and the same way to replace: the new content is made
complete in memory, written into a temporary folder of the project, and only then
swapped in; a failure on the way puts the previous content back (``replace_content``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

#: exit code when the checkout has uncommitted changes that would be lost
EXIT_DIRTY = 2
#: exit code for an unreadable input or a project that cannot be written into
EXIT_INPUT = 1

#: conf.py's personal block: the marker lines and what is between them
BLOCK_RE = re.compile(r"^(# >>> personal[^\n]*\n)(.*?)(^# <<< personal[^\n]*$)", re.MULTILINE | re.DOTALL)
#: academic titles before or after a name: the site shows the name without them
TITLES_RE = re.compile(r"^((dr|prof|mr|mrs|ms|mx)\.?(-ing\.)?\s+)+|,?\s+(ph\.?d\.?|m\.?d\.?)$", re.IGNORECASE)
#: image files a profile photo may be
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg")
#: the private data file: git-ignored, read by the ``profile`` directive
PRIVATE_FILE = "private.toml"


def without_titles(name: str) -> str:
    """ "Dr. Ada Example, PhD" -> "Ada Example": how the site and the PDF's file name show it."""
    return " ".join(TITLES_RE.sub("", name).split()) or " ".join(name.split())


# -- conf.py's personal block ----------------------------------------------------------------


@dataclass(frozen=True)
class Personal:
    """Everything personal in ``conf.py``; every other setting there derives from these."""

    #: the name as the site shows it, without titles
    name: str
    #: with titles, as the PDF's header and metadata show it
    full_name: str
    #: the site's address where no host (ReadTheDocs, GitHub Pages) sets one
    site_url: str
    #: what other projects call this site in their ``intersphinx_mapping``
    inventory_name: str
    #: the owner's name as the bib files spell it ("Last, F."), set in bold
    bib_names: list[str]
    #: the landing page's description for search engines and link previews
    description: str
    #: the PDF's keywords
    pdf_keywords: list[str] = field(default_factory=lambda: ["curriculum vitae"])


def shown_text(text: str) -> str:
    """A value the theme writes into pages as HTML (``html_title`` is the name): no angle brackets,
    which would open a tag there; ‹ and › in their place."""
    return text.replace("<", "‹").replace(">", "›")


def personal_block(personal: Personal) -> str:
    """The lines between conf.py's personal markers: Python literals of text that is safe as HTML."""

    def literal(value: Any) -> str:
        return json.dumps(shown_text(value) if isinstance(value, str) else value, ensure_ascii=False)

    rows = [
        (f"NAME = {literal(personal.name)}", "your name as the site shows it"),
        (f"FULL_NAME = {literal(personal.full_name)}", "with titles, as the PDF's header and metadata show it"),
        (f"SITE_URL = {literal(personal.site_url)}", "the site's address where no host sets one"),
        (
            f"INVENTORY_NAME = {literal(personal.inventory_name)}",
            "what other projects call this site in their intersphinx_mapping",
        ),
        (f"BIB_NAMES = {literal(personal.bib_names)}", "your name as refs.bib spells it: set in bold"),
        (f"PDF_KEYWORDS = {literal(personal.pdf_keywords)}", "the PDF's keywords"),
        (f"DESCRIPTION = {literal(personal.description)}", "the landing page's description for search engines"),
    ]
    return "".join(f"{code}  # {comment}\n" for code, comment in rows)


def has_block(project: Path) -> bool:
    conf = project / "conf.py"
    return conf.is_file() and BLOCK_RE.search(conf.read_text(encoding="utf-8")) is not None


def with_personal_block(project: Path, personal: Personal) -> str:
    """conf.py with the lines between the markers replaced; everything else stays as it is."""
    text = (project / "conf.py").read_text(encoding="utf-8")
    block = personal_block(personal)
    return BLOCK_RE.sub(lambda m: m.group(1) + block + m.group(3), text, count=1)


# -- the previous owner's content ------------------------------------------------------------


def photo_of(index: Path, project: Path) -> Path | None:
    """The profile photo that ``index.md`` names, where it is an image file of the project."""
    text = index.read_text(encoding="utf-8", errors="replace") if index.is_file() else ""
    if m := re.search(r"^:photo:\s*(\S.*?)\s*$", text, re.MULTILINE):
        photo = (project / m.group(1)).resolve()
        if photo.is_file() and photo.is_relative_to(project.resolve()) and photo.suffix.lower() in IMAGE_SUFFIXES:
            return photo
    return None


def previous_content(project: Path) -> list[Path]:
    """The previous owner's content: pages, landing page (and its photo), refs.bib, the pages'
    translations (``locales/``), content tests."""
    paths = sorted((project / "sections").glob("*")) if (project / "sections").is_dir() else []
    index = project / "index.md"
    if index.is_file():
        paths.append(index)
        if photo := photo_of(index, project):
            paths.append(photo)
    paths += [p for p in (project / "refs.bib", project / "locales", project / "tests" / "content") if p.exists()]
    return paths


def uncommitted(project: Path, paths: list[Path]) -> list[str] | None:
    """Changed, deleted or untracked files among ``paths`` (sections/ as a whole, and conf.py);
    None outside a git work tree, where there is nothing to lose that git could give back."""

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", "-C", str(project), *args], capture_output=True, text=True, check=False)

    try:
        inside = git("rev-parse", "--is-inside-work-tree")
    except OSError:
        return None
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        return None
    folders = {p.parent if p.parent.name == "sections" else p for p in [*paths, project / "conf.py"]}
    specs = sorted(str(p.resolve().relative_to(project.resolve())) for p in folders if p.exists())
    status = git("status", "--porcelain", "--untracked-files=all", "--", *specs)
    return [line[3:] for line in status.stdout.splitlines() if line.strip()]


def refusal(project: Path, force: bool) -> tuple[int, str] | None:
    """Why the previous owner's content may not be replaced (exit code, message), or None.

    Checked before anything is written: conf.py must have its personal block, and nothing
    that would be replaced may have uncommitted changes (``--force`` replaces it anyway)."""
    if not has_block(project):
        return EXIT_INPUT, (
            f"error: {project / 'conf.py'} has no block between '# >>> personal' and '# <<< personal' lines"
        )
    dirty = uncommitted(project, previous_content(project))
    if dirty and not force:
        return EXIT_DIRTY, (
            "error: uncommitted changes would be lost (commit them, or run with --force): " + ", ".join(dirty)
        )
    try:
        read_private_tables(project)
    except ValueError as err:
        return EXIT_INPUT, f"error: {err}"
    return None


# -- replacing the content -------------------------------------------------------------------

#: how a replacement names its temporary folders in the project (same file system: renames are atomic)
_NEW, _OLD = ".portfolio-new-", ".portfolio-old-"


class WriteError(Exception):
    """The new content could not be written; the previous content is back as it was."""


def replace_content(project: Path, files: dict[str, bytes], removed: list[Path]) -> None:
    """Put ``files`` (relative path: content) in place of the previous content (``removed``, and
    whatever the new files overwrite). Every new file is written into a temporary folder first;
    the previous files are then moved aside, the new ones moved in, and the previous ones deleted
    only when all of the new content is in place. On any error the previous content is moved back
    and ``WriteError`` says what failed."""
    staging = Path(tempfile.mkdtemp(prefix=_NEW, dir=project))
    backup = Path(tempfile.mkdtemp(prefix=_OLD, dir=project))
    moved: list[tuple[Path, Path]] = []  # (where it was, where it is now) for the previous content
    placed: list[Path] = []
    try:
        for name, data in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        targets = [project / name for name in files]
        for path in dict.fromkeys([*removed, *targets]):
            if path.exists() or path.is_symlink():
                aside = backup / path.relative_to(project)
                aside.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, aside)
                moved.append((path, aside))
        for name in files:
            target = project / name
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / name, target)
            placed.append(target)
    except OSError as err:
        for target in reversed(placed):
            target.unlink(missing_ok=True)
        for path, aside in reversed(moved):
            path.parent.mkdir(parents=True, exist_ok=True)
            os.replace(aside, path)
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(backup, ignore_errors=True)
        raise WriteError(f"{err}; nothing was changed") from err
    shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(backup, ignore_errors=True)


# -- private.toml ----------------------------------------------------------------------------


def read_private_tables(project: Path) -> dict[str, Any]:
    """private.toml as it is, or ValueError where it cannot be read (it is left for its owner to mend:
    its other tables would be lost)."""
    path = project / PRIVATE_FILE
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ValueError(f"{path} cannot be read ({err}); mend or remove it, then run again") from err


def private_text(project: Path, values: dict[str, Any]) -> str:
    """private.toml with its ``[profile]`` table the new owner's (none for no values), written by a
    TOML writer (any character of a value is escaped as TOML needs); other tables are kept."""
    data = read_private_tables(project)
    data.pop("profile", None)
    if values:
        data["profile"] = values
    header = "# Private data: git-ignored, never published; the profile reads phone and address from [profile].\n"
    return header + tomli_w.dumps(data)


def ignoring_private(project: Path) -> str | None:
    """.gitignore with a line for private.toml, which must never be committed; None where it has one."""
    path = project / ".gitignore"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    if any(line.strip() in (PRIVATE_FILE, "/" + PRIVATE_FILE) for line in text.splitlines()):
        return None
    separator = "" if not text or text.endswith("\n") else "\n"
    return f"{text}{separator}{PRIVATE_FILE}\n"


def private_files(project: Path, private: dict[str, Any], what: str, report: Any) -> dict[str, str]:
    """Private data (``what`` says which) for git-ignored private.toml's ``[profile]``, never for a
    tracked file; .gitignore with its line for private.toml where it has none."""
    files: dict[str, str] = {}
    if private or (project / PRIVATE_FILE).is_file():
        files[PRIVATE_FILE] = private_text(project, private)
        if (ignore := ignoring_private(project)) is not None:
            files[".gitignore"] = ignore
    if private:
        report.notes.append(
            f"private: {what} written to private.toml [profile], which git ignores; not written to any tracked file"
        )
    return files


# -- an import that replaces the content -------------------------------------------------------

#: the most the pages and refs.bib of an import may hold together
MAX_OUTPUT_BYTES = 10_000_000


def write_import(
    project: Path, files: dict[str, str], photo: tuple[str, bytes] | None, pages: list[str], report: Any
) -> int:
    """Write an import's new content (its files, the photo, the pages ``sections/<page>.md``) in place
    of the previous owner's (``replace_content``), once its size is checked; the exit code, with the
    reason in the report's notes where it is not 0, and the pages written in the report's."""
    data = {name: text.encode("utf-8") for name, text in files.items()}
    if photo:
        data[photo[0]] = photo[1]
    size = sum(len(content) for name, content in data.items() if name.endswith((".md", ".bib")))
    if size > MAX_OUTPUT_BYTES:
        report.notes = [
            f"error: the import would write {size:,} bytes of pages and refs.bib, more than {MAX_OUTPUT_BYTES:,};"
            " is this a CV? Nothing was changed"
        ]
        return EXIT_INPUT
    try:
        replace_content(project, data, previous_content(project))
    except WriteError as err:
        report.notes = [f"error: cannot write the new content: {err}"]
        return EXIT_INPUT
    report.pages = ["index.md", *(f"sections/{page}.md" for page in pages)]
    return 0


def exact_text(path: Path) -> str:
    """A file's text with its line endings as they are (``read_text`` would make ``\r\n`` ``\n``):
    what an edit in place starts from. UnicodeDecodeError where it is not UTF-8."""
    return path.read_bytes().decode("utf-8")


def write_atomically(path: Path, data: bytes) -> None:
    """One file replaced whole or not at all: written beside it, then renamed over it (its mode kept)."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        if path.exists():
            shutil.copymode(path, temporary)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        raise


#: a profile's email in a page: the option line inside a ``profile`` directive
_PROFILE_EMAIL_RE = re.compile(
    r"^[`~:]{3,}\s*\{profile\}[^\n]*\n(?:(?!^[`~:]{3,}).*\n)*?:email:[ \t]*(\S+)", re.MULTILINE
)


def owner_email(project: Path) -> str | None:
    """The profile's ``:email:`` in ``index.md``: who a polite client names as its contact."""
    index = project / "index.md"
    text = index.read_text(encoding="utf-8", errors="replace") if index.is_file() else ""
    found = _PROFILE_EMAIL_RE.search(text)
    return found.group(1) if found else None


def import_command(
    argv: list[str] | None, prog: str, description: str, source: tuple[str, str], run: Callable[..., tuple[int, Any]]
) -> int:
    """An importer's command line: the file (``source``: its name and help), ``--project``,
    ``--force``; ``run(file, project, force=...)`` imports, and its report is printed."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("source", type=Path, metavar=source[0], help=source[1])
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="the project to import into (default: .)")
    parser.add_argument("--force", action="store_true", help="import even over uncommitted changes")
    args = parser.parse_args(argv)
    code, report = run(args.source, args.project, force=args.force)
    lines = report.notes if code else report.lines()
    print("\n".join(lines), file=sys.stderr if code else sys.stdout)
    return int(code)
