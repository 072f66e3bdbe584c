"""Rebuilds that do only what changed, and still equal a clean build.

Sphinx re-reads the pages whose sources changed and writes those, the pages whose toctree
lists them and the pages extensions name (``env-get-updated``). Two things every page shows
are not among them: the navigation (furo's sidebar holds the whole toctree with every page's
title and sections) and the checksums of the static files in its links. When either
changes, every page is written again here.

The files made beside the pages (paper pages, PDFs, the preview image, Sphinx's index and
search pages, search index and inventory) are each made again only when a digest of what
makes them changed. The digests are kept in a ``Record`` in the doctree folder, with the
size and time of each file they made: a file changed or removed since is made again.

The environment's ``generation`` changes whenever a page was read or removed; whatever is
made from the whole environment (the PDFs) is made again when it changes. The generation, the
navigation and the frame are kept in the ``cv`` domain's data (``domain.Kept``); the pages read in
this build, the record and the configuration's digest in the build's state (``state.py``).

A build that warned keeps nothing for the next one: neither its environment nor its record. Sphinx
repeats no warning of a page it does not read again, and the bib files' checks, the paper pages
and the PDFs warn only when they are made; so a ``-W`` build that failed would pass when run again
unchanged. The next build reads and makes everything afresh, and warns again, until the cause is
fixed (``nox -s build``, ``nox -s serve`` and plain ``sphinx-build`` alike), as Sphinx itself does
after a build that raised.
"""

from __future__ import annotations

import hashlib
import logging
import os
import types
import uuid
import weakref
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sphinx.application import ENV_PICKLE_FILENAME, Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.util.logging import NAMESPACE, is_suppressed_warning

from .domain import cv_domain
from .i18n import catalog_folders
from .state import Record, build_state


def digest(value: Any) -> str:
    """A digest of a value that is the same in every process: sets sorted, functions by name."""
    return hashlib.sha256(_stable(value).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def fingerprint(*parts: Any) -> str:
    """A quicker ``digest`` for values whose ``repr`` is already the same in every process (strings,
    numbers, tuples and lists of them, dataclasses of them)."""
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _stable(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ",".join(sorted(f"{_stable(k)}:{_stable(v)}" for k, v in value.items())) + "}"
    if isinstance(value, set | frozenset):
        return "{" + ",".join(sorted(_stable(v) for v in value)) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(_stable(v) for v in value) + "]"
    if isinstance(value, type | types.FunctionType | types.BuiltinFunctionType):
        return f"{value.__module__}.{value.__qualname__}"
    return repr(value) if isinstance(value, str | int | float | bool | None) else str(value)


def files_digest(paths: Iterable[Path]) -> str:
    """Size and time of every file below these files and folders (hidden ones left out)."""
    found = []
    for path in paths:
        if path.is_file():
            stat = path.stat()
            found.append((str(path), stat.st_size, stat.st_mtime_ns))
        for folder, dirnames, filenames in os.walk(path):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if not name.startswith("."):
                    stat = Path(folder, name).stat()
                    found.append((os.path.join(folder, name), stat.st_size, stat.st_mtime_ns))
    return digest(found)


# -- what changed ------------------------------------------------------------------------------


def generation(env: BuildEnvironment) -> str:
    """Changes whenever a page was read or removed (or the environment is new)."""
    return cv_domain(env).kept.generation


def changed_pages(app: Sphinx) -> set[str]:
    """The pages read or removed in this build (once they are read)."""
    return build_state(app).changed


def note_removed(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    build_state(app).changed |= removed
    return []


def note_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    build_state(app).changed |= set(docnames)


def new_generation(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After every read: a new generation where a page was read or removed."""
    if changed_pages(app) or not generation(env):
        cv_domain(env).kept.generation = uuid.uuid4().hex
    return []


def config_digest(app: Sphinx) -> str:
    """Every setting, the build's tags, the versions of the extensions and the translations: what a
    build is made with."""
    builder, state = app.builder, build_state(app)
    if not state.config_digest:
        values = {item.name: item.value for item in app.config}
        versions = {name: str(extension.version) for name, extension in app.extensions.items()}
        words = files_digest(catalog_folders(app))
        state.config_digest = digest((values, sorted(builder.tags), versions, builder.name, words))
    return state.config_digest


# -- the frame of every page -------------------------------------------------------------------


def navigation(env: BuildEnvironment) -> str:
    """What the sidebar and the previous/next links of every page are made of: each page's title
    and sections, the toctrees and their numbers."""
    pages = {
        doc: (env.titles[doc].astext() if doc in env.titles else "", env.tocs[doc].pformat() if doc in env.tocs else "")
        for doc in sorted(env.all_docs)
    }
    return digest((pages, env.toctree_includes, env.toc_secnumbers, sorted(env.glob_toctrees)))


def assets(app: Sphinx) -> str:
    """The static files (their checksums are in every page's links) and the extra files."""
    builder, config = app.builder, app.config
    confdir = Path(app.confdir)
    paths = [confdir / p for p in (*config.html_static_path, *config.html_extra_path)]
    theme = getattr(builder, "theme", None)
    paths += [Path(d, "static") for d in (theme.get_theme_dirs() if theme else [])]
    paths += [confdir / p for p in (config.html_logo, config.html_favicon) if p and "://" not in p]
    return files_digest(paths)


def frame(env: BuildEnvironment) -> str:
    """The digest of what every page shows besides its own content (see ``rewrite_everything``)."""
    return cv_domain(env).kept.frame


def rewrite_everything(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Every page, when the navigation or the static files changed since the pages were written."""
    if app.builder.format != "html":
        return []
    kept = cv_domain(env).kept
    if changed_pages(app) or not kept.navigation:
        kept.navigation = navigation(env)
    now = digest((kept.navigation, assets(app)))
    if now == kept.frame:
        return []
    kept.frame = now
    return sorted(env.found_docs)


# -- the record of the files made --------------------------------------------------------------


def record_path(builder: Builder) -> Path:
    return Path(builder.doctreedir, f"portfolio-outputs-{builder.name}.json")


def record(app: Sphinx | Builder) -> Record:
    """This build's record (one per builder, in the doctree folder)."""
    builder = app if isinstance(app, Builder) else app.builder
    state = build_state(builder)
    if state.record is None:
        state.record = Record(record_path(builder), Path(builder.outdir).resolve())
    return state.record


def save_record(app: Sphinx) -> None:
    """After a build that did not warn: the record, where this build made or kept an output."""
    outputs = build_state(app).record
    if outputs is not None and not warned(app):
        outputs.save()


# -- a build that warned -----------------------------------------------------------------------


class WarningCount(logging.Handler):
    """Counts the warnings of one application that ``suppress_warnings`` lets through."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__(logging.WARNING)
        self.app = weakref.ref(app)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        app = self.app()
        if app is None:
            return
        suppressed = getattr(getattr(app, "config", None), "suppress_warnings", ())
        if not is_suppressed_warning(getattr(record, "type", None), getattr(record, "subtype", None), suppressed):  # type: ignore[arg-type]
            self.count += 1


def _counter(app: Sphinx) -> WarningCount | None:
    return next(
        (h for h in logging.getLogger(NAMESPACE).handlers if isinstance(h, WarningCount) and h.app() is app), None
    )


def count_warnings(app: Sphinx) -> None:
    """From the extension's set-up on; counters of applications that are gone are taken off."""
    sphinx_logger = logging.getLogger(NAMESPACE)
    for handler in [h for h in sphinx_logger.handlers if isinstance(h, WarningCount) and h.app() is None]:
        sphinx_logger.removeHandler(handler)
    sphinx_logger.addHandler(WarningCount(app))


def warned(app: Sphinx) -> bool:
    counter = _counter(app)
    return counter is not None and counter.count > 0


def forget_warned_build(app: Sphinx, exception: Exception | None) -> None:
    """After the last output (``pipeline.py``): the environment and the record of a build that
    warned are not kept (after one that raised, Sphinx has removed the environment itself)."""
    counter = _counter(app)
    if counter is not None:
        logging.getLogger(NAMESPACE).removeHandler(counter)
    if exception is None and counter is not None and counter.count:
        Path(app.doctreedir, ENV_PICKLE_FILENAME).unlink(missing_ok=True)
        record_path(app.builder).unlink(missing_ok=True)


def setup_incremental(app: Sphinx) -> None:
    count_warnings(app)
    app.connect("env-get-outdated", note_removed)
    app.connect("env-before-read-docs", note_read)
    app.connect("env-get-updated", rewrite_everything)
