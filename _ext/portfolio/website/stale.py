"""The output folder holds exactly what the current sources make.

Sphinx writes into the output folder and never removes anything: the page of a
deleted document, the page of a paper whose entry left ``refs.bib``, a PDF under
last month's name, an image no page shows stay there and are deployed with the
site. After every build of the website, once the outputs written after the pages are
written (``pipeline.py``), the files that no current source makes are removed, so an
incremental build leaves the same files as a clean one. Only files this kind of build makes
are judged, only inside the output folder: pages (by the builder's suffix), ``_sources/``,
the images and downloads that the previous build's sources used (other extensions write into
``_images/`` too: what Sphinx did not copy there is not ours to judge), and the files of the
kinds each output claims (``Output.claims``: the PDFs and their Typst sources at the top, the
BibTeX files, ``resume.json``, ``sitemap.xml``), which are kept where an output owns them
(``Output.own_files``) or recorded them (``incremental.Record``). Files copied from
``html_extra_path``, ``_static/``, hidden files and folders (doctrees kept inside
the output), the folders of the site's other languages (``de/``) and everything else stay.
A build that read nothing and wrote no page (the builder's ``unchanged``) leaves the folder
as the last build left it, with nothing to remove.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from ..config import portfolio_settings
from ..incremental import record
from ..nodes import WEBSITE_BUILDERS
from ..outputs import Output
from ..state import build_state

logger = logging.getLogger(__name__)

#: folders of files Sphinx copies from the sources, none of them a page of the site
COPIES = ("_images", "_downloads", "_sources")


def _active(app: Sphinx) -> bool:
    return app.builder.name in WEBSITE_BUILDERS


def copied_files(app: Sphinx) -> set[Path]:
    """The images and downloads the environment's documents use, where Sphinx copies them."""
    env = app.env
    return {Path("_images", name) for _, name in env.images.values()} | {
        Path("_downloads", dest) for _, dest in env.dlfiles.values()
    }


def note_start(app: Sphinx) -> None:
    """Before reading, the environment is still the previous build's."""
    state = build_state(app)
    state.started = time.time_ns()
    state.pages_written = set()
    state.previous_files = copied_files(app)


def note_page(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Pages that are not documents (genindex, search, paper pages) are written in the main
    process on every build: those written are those that exist."""
    if _active(app):
        build_state(app).pages_written.add(pagename)


def expected(app: Sphinx, outputs: Iterable[Output]) -> set[str]:
    """Every file of the judged kinds that the current sources make, relative to the output folder
    (as strings: a site may have thousands of paper pages)."""
    builder, env, config = app.builder, app.env, app.config
    outdir = Path(app.outdir)
    docs = {config.root_doc} if builder.name == "singlehtml" else set(env.found_docs)
    pages = docs | build_state(app).pages_written
    found = {str(Path(builder.get_outfilename(page)).relative_to(outdir)) for page in pages}  # type: ignore[attr-defined]
    found |= {str(p) for p in copied_files(app)}
    found |= {os.path.normpath(name) for name in record(app).files()}  # made by an earlier build, still current
    found |= {str(Path("_images", name)) for name in getattr(builder, "images", {}).values()}
    if config.html_copy_source:
        for doc in docs:
            suffix = str(env.doc2path(doc, False))[len(doc) :]
            source = doc + suffix
            if suffix != config.html_sourcelink_suffix:
                source += config.html_sourcelink_suffix
            found.add(str(Path("_sources", source)))
    for output in outputs:
        found |= {os.path.normpath(name) for name in output.own_files(app)}
    return found


def extra_files(app: Sphinx) -> set[str]:
    """What ``html_extra_path`` copies into the output folder, relative to it: never judged."""
    found: set[str] = set()
    for entry in app.config.html_extra_path:
        path = Path(app.confdir, entry)
        if path.is_file():
            found.add(path.name)
        elif path.is_dir():
            found |= {str(p.relative_to(path)) for p in path.rglob("*") if p.is_file()}
    return found


def judged(
    outdir: Path,
    suffix: str,
    doctrees: Path,
    previous: set[Path],
    claimed: Callable[[str], bool],
    languages: tuple[str, ...] = (),
) -> Iterator[str]:
    """The files of the kinds this build makes: pages, ``_sources``, the previous build's images
    and downloads, and what an output claims; never through a symlink, never in the folders of
    the site's other languages (their own builds judge those).
    (Paths as strings while walking: thousands of paper pages make ``Path`` slow here.)"""
    before = {str(p) for p in previous}
    root, skipped = str(outdir), str(doctrees)
    for folder, dirnames, filenames in os.walk(root):
        top = folder == root
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not d.startswith(".")
            and not os.path.islink(os.path.join(folder, d))
            and os.path.join(folder, d) != skipped
            and not (top and (d == "_static" or d in languages))
        )
        relative_folder = "" if top else os.path.relpath(folder, root)
        first = relative_folder.split(os.sep, 1)[0]
        for name in sorted(filenames):
            if name.startswith(".") or os.path.islink(os.path.join(folder, name)):
                continue
            relative = os.path.join(relative_folder, name) if relative_folder else name
            page = name.endswith(suffix) and first not in COPIES
            if page or first == "_sources" or relative in before or claimed(relative):
                yield relative


def remove_stale(app: Sphinx, outputs: tuple[Output, ...]) -> None:
    """After the outputs of a successful website build: remove every judged file no current
    source makes, and the folders this empties."""
    if not _active(app):
        return
    if getattr(app.builder, "unchanged", False):  # no page written, nothing read or removed: nothing went stale
        return
    outdir = Path(app.outdir).resolve()
    keep = expected(app, outputs) | extra_files(app)
    state = build_state(app)
    started = state.started if state.started is not None else time.time_ns()
    doctrees = Path(app.doctreedir).resolve()
    suffix = getattr(app.builder, "out_suffix", ".html")
    removed: list[Path] = []
    languages = tuple(code for code in portfolio_settings(app.config).languages if code != app.config.language)

    def claimed(relative: str) -> bool:
        return any(output.claims(relative) for output in outputs)

    for relative in judged(outdir, suffix, doctrees, state.previous_files, claimed, languages):
        path = outdir / relative
        if relative in keep or path.stat().st_mtime_ns >= started:  # written by this build
            continue
        path.unlink()
        removed.append(Path(relative))
    for folder in sorted({p.parent for p in removed}, key=lambda p: len(p.parts), reverse=True):
        while folder != Path(".") and (outdir / folder).is_dir() and not any((outdir / folder).iterdir()):
            (outdir / folder).rmdir()
            folder = folder.parent
    if removed:
        more = " ..." if len(removed) > 5 else ""
        logger.info(f"removed {len(removed)} stale file(s): {', '.join(map(str, removed[:5]))}{more}")


def setup_stale(app: Sphinx) -> None:
    """``remove_stale`` runs in the pipeline, after the outputs."""
    app.connect("builder-inited", note_start)
    app.connect("html-page-context", note_page)
