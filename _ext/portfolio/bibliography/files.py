"""The project's own files that bib fields name: al-folio's ``pdf = {paper.pdf}``, ``supp``,
``slides``, ``poster`` and ``preview``.

Such a value is a path inside the paper folder (``portfolio_paper_files``, ``papers/`` beside
``conf.py``), as al-folio reads them from ``assets/pdf/``. A bib file is untrusted: the value
must stay inside that folder and the project (no ``..``, no absolute path, no symlink out),
name a regular file, and not be a kind of file a browser runs script in (HTML, SVG, XML); a
preview must be an image. Otherwise the field is left out with a ``portfolio.bib_file`` warning.

The files are published as Sphinx publishes ``{download}`` files: registered in the
environment's download files (under a name of our own, so that they are replaced as a whole on
every build), copied into ``_downloads/`` with the site, and removed from it with the stale files
when no entry names them any more.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from pybtex.database import Entry
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..compat import bibtex as compat
from ..config import portfolio_settings
from ..warnings import Subtype, warn
from .links import FILE_FIELDS, LocalFiles, is_file

#: the name the files are registered under in the environment's download files (no document has it)
OWNER = "_portfolio/paper-files"
#: kinds of file that run script when a browser opens them from the site
ACTIVE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".svg", ".svgz", ".xml", ".xsl", ".js", ".mjs"})
#: what a ``preview`` may be
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"})


def folder(env: BuildEnvironment) -> Path:
    return Path(env.srcdir, portfolio_settings(env.config).paper_files)


def problem(field: str, value: str, base: Path, project: Path) -> str:
    """Why a field's value cannot be published as a file of the paper folder ("" if it can)."""
    value = value.strip()
    path = PurePosixPath(value)
    if not value or "\\" in value or path.is_absolute() or value.startswith("~") or ":" in value:
        return "is not a file name inside the paper folder (an absolute path)"
    if ".." in path.parts:
        return "leaves the paper folder ('..')"
    found = Path(base, *path.parts)
    try:
        real = found.resolve(strict=True)
    except (OSError, RuntimeError):
        return f"is not in the paper folder ({found} does not exist)"
    if not real.is_relative_to(base.resolve()) or not real.is_relative_to(project.resolve()):
        return "leads out of the paper folder (a symbolic link)"
    if not real.is_file():
        return "is not a file"
    suffix = real.suffix.lower()
    if suffix in ACTIVE_SUFFIXES:
        return f"is a {suffix} file, which could run script on the site"
    if field == "preview" and suffix not in IMAGE_SUFFIXES:
        return f"is not an image ({', '.join(sorted(IMAGE_SUFFIXES))})"
    return ""


def check_files(env: BuildEnvironment, entry: Entry, key: str, where: str | None) -> None:
    """Leave out every file field of an entry that names no publishable file, with a warning."""
    base, project = folder(env), Path(env.srcdir)
    for field in FILE_FIELDS:
        value = entry.fields.get(field)
        if value is None or not is_file(field, value):
            continue
        if reason := problem(field, value, base, project):
            warn(
                f"bib entry {key!r}: {field} {value.strip()[:80]!r} {reason}; left out "
                f"(put the file into {portfolio_settings(env.config).paper_files}/ or give a https:// address)",
                Subtype.BIB_FILE,
                where,
            )
            del entry.fields[field]


def wanted(env: BuildEnvironment) -> dict[str, Path]:
    """The files the entries name now, by value, as paths relative to the source folder."""
    base = folder(env)
    found: dict[str, Path] = {}
    for entry in compat.entries(env).values():
        for field in FILE_FIELDS:
            value = entry.fields.get(field, "").strip()
            if value and is_file(field, value):
                path = Path(base, *PurePosixPath(value).parts)
                if path.is_file():  # checked when the bib file was read; gone since: no link
                    found[value] = path.relative_to(env.srcdir)
    return found


def publish(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Before the entries are formatted (``env-updated``): the files the entries name, as download
    files of the site, and their addresses for the links."""
    if not compat.loaded(app):
        return []
    env.dlfiles.purge_doc(OWNER)
    targets = {value: f"_downloads/{env.dlfiles.add_file(OWNER, path)}" for value, path in wanted(env).items()}
    LocalFiles.targets = dict(sorted(targets.items()))
    base = (app.config.html_baseurl or "").strip()
    LocalFiles.site = base if not base or base.endswith("/") else base + "/"
    return []
