"""What one build keeps while it runs, in one typed object per builder.

Two kinds of state live elsewhere: what belongs to a page (its entries, its lists) and what the
environment carries from one build to the next (the digests that tell a build what changed) are
in the ``cv`` domain's data (``domain.py``), pickled with the environment, which ``clear_doc`` and
``merge_domaindata`` keep right. What lives only as long as one build (when it started, the pages
it read, its record of the files made, the PDFs under way) is here: one ``BuildState`` for each
builder, made when first asked for, gone with the builder. No attribute of ours is set on Sphinx's
objects.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from weakref import WeakKeyDictionary

from sphinx.application import Sphinx
from sphinx.builders import Builder


class Underway(Protocol):
    """Work begun before the pages are written, finished (or given up) after them: the PDFs."""

    #: the folder its files go to
    outdir: Path

    def finish(self) -> list[Path]: ...

    def abandon(self) -> None: ...


class Record:
    """What each output beside the pages was made from (``digest``) and the files it made, as
    they were then (size and time). Saved after a successful build."""

    def __init__(self, path: Path, outdir: Path) -> None:
        self.path = path
        self.outdir = outdir
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        self.old: dict[str, dict[str, Any]] = data.get("outputs", {}) if data.get("outdir") == str(outdir) else {}
        self.new: dict[str, dict[str, Any]] = {}

    def _stat(self, relative: str) -> list[int] | None:
        try:
            stat = os.stat(os.path.join(self.outdir, relative))
        except OSError:
            return None
        return [stat.st_size, stat.st_mtime_ns]

    def get(self, name: str) -> dict[str, Any] | None:
        """The recorded entry of an output (``digest`` and what was noted with it), if every file
        it made is still as it was made."""
        entry = self.old.get(name)
        if entry is None or any(self._stat(f) != stat for f, stat in entry["files"].items()):
            return None
        return entry

    def unchanged(self, name: str, made_from: str) -> bool:
        """True, and the output kept in the record, where it was made from the same digest."""
        entry = self.get(name)
        if entry is None or entry["digest"] != made_from:
            return False
        self.new[name] = entry
        return True

    def keep(self, name: str) -> bool:
        """True, and the output kept in the record as it was, where its files are as they were made."""
        entry = self.get(name)
        if entry is not None:
            self.new[name] = entry
        return entry is not None

    def note(self, name: str, made_from: str, files: Iterable[str | Path], **extra: Any) -> None:
        """An output made in this build from ``made_from``: its files as they are now."""
        stats = {str(f): self._stat(str(f)) for f in files}
        self.new[name] = {"digest": made_from, "files": {f: s for f, s in stats.items() if s is not None}, **extra}

    def files(self, prefix: str = "") -> Iterator[str]:
        """The files of the outputs made or kept in this build."""
        for name, entry in self.new.items():
            if name.startswith(prefix):
                yield from entry["files"]

    def save(self) -> None:
        data = {"outdir": str(self.outdir), "outputs": dict(sorted(self.new.items()))}
        text = json.dumps(data, separators=(",", ":"), sort_keys=True)
        try:
            if self.path.read_text(encoding="utf-8") == text:
                return
        except OSError:
            pass
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(text, encoding="utf-8")


@dataclass
class BuildState:
    """One build of one builder, from ``builder-inited`` to ``build-finished``."""

    #: when the build started (``time.time_ns()``; None before ``builder-inited``): stale-file
    #: removal keeps what was written since
    started: int | None = None
    #: the images and downloads of the previous build's environment, where Sphinx copied them
    previous_files: set[Path] = field(default_factory=set)
    #: pages written that are not documents (genindex, search, paper pages)
    pages_written: set[str] = field(default_factory=set)
    #: the pages read or removed in this build
    changed: set[str] = field(default_factory=set)
    #: the digest of every setting, tag, extension version and translation ("" until asked for)
    config_digest: str = ""
    #: the record of the files made beside the pages, loaded when first asked for
    record: Record | None = None
    #: the PDFs, translated before the pages are written and written after them
    pdfs: Underway | None = None
    #: pages with a bibliography or citation before this build read any
    cited_before: set[str] = field(default_factory=set)
    #: whether sphinxcontrib-bibtex formatted the entries in this build (else they are the last build's)
    formatted: bool = True
    #: each style sheet's and script's tag, by file, attributes and the page's depth
    asset_tags: dict[tuple[Any, ...], str] = field(default_factory=dict)
    #: the navigation every paper page shows, by the arguments it was drawn with
    paper_toctrees: dict[str, str] = field(default_factory=dict)


#: global state: each builder's, as long as the builder lives
_STATES: WeakKeyDictionary[Builder, BuildState] = WeakKeyDictionary()


def build_state(app: Sphinx | Builder) -> BuildState:
    """The state of the build the application's builder (or this builder) is running."""
    builder = app if isinstance(app, Builder) else app.builder
    state = _STATES.get(builder)
    if state is None:
        state = _STATES[builder] = BuildState()
    return state
