"""Files the build writes beside its pages, after them (the PDFs, resume.json, BibTeX, the preview
image, the sitemap): each an ``Output`` that says what it is made from, what it writes and which
files of the output folder are its own. ``pipeline.py`` runs them in one ordered list.

A file is rewritten only when its content changes, and an output made by an earlier build from the
same inputs (with its files as that build wrote them) is not made again, so a build that changes
nothing touches nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from sphinx.application import Sphinx

from .incremental import record


def write_if_changed(path: Path, data: bytes | str) -> bool:
    """Write ``data`` to ``path`` unless it holds exactly that already; True if written."""
    content = data.encode("utf-8") if isinstance(data, str) else data
    if path.is_file() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return True


class Output(Protocol):
    """One output written after the pages; each output class names it as its base."""

    #: its name in the record of the files made (``incremental.Record``)
    name: str

    def wanted(self, app: Sphinx) -> bool:
        """Whether this build writes it."""
        ...

    def made_from(self, app: Sphinx) -> str | None:
        """The digest of everything it is made from: where an earlier build made it from the same
        and its files are as that build wrote them, it is not made again. None: made on every
        build (its file rewritten only where it changed), or recorded by the output itself."""
        ...

    def write(self, app: Sphinx) -> list[str]:
        """Write its files; those it made, relative to the output folder."""
        ...

    def claims(self, relative: str) -> bool:
        """Whether a file of the output folder (relative to it, as ``os.path`` writes it) is of a
        kind this output writes: stale-file removal judges those."""
        ...

    def own_files(self, app: Sphinx) -> set[str]:
        """The files of the kinds it claims that the current sources make (relative to the output
        folder): stale-file removal keeps them."""
        ...

    def abandon(self, app: Sphinx) -> None:
        """The build failed: let go of work under way, write nothing (most have none)."""
        return None

    def run(self, app: Sphinx) -> None:
        """Make it, unless an earlier build made it from the same inputs."""
        made = self.made_from(app)
        if made is None:
            self.write(app)
            return
        outputs = record(app)
        if not outputs.unchanged(self.name, made):
            outputs.note(self.name, made, self.write(app))
