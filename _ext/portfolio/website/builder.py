"""Sphinx's HTML builder, which writes nothing when nothing changed, compiles the theme's
templates once (``speedups/jinja.py``).

After writing the pages, Sphinx's builder writes the index and search pages, the search
index, the inventory, ``.buildinfo`` and every static file again on every build, even when
no page was read or written. Where no page is to be written and these were made by an
earlier build from the same environment, settings and static files (``incremental.py``'s
record), this builder leaves them as they are: a build that changes nothing touches no file.
Everything else is Sphinx's ``html`` builder, which this one replaces under its name.
"""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.html import INVENTORY_FILENAME, StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment

from ..incremental import config_digest, digest, frame, generation, record
from ..speedups.jinja import compile_once

#: the record's name for what the builder writes after the pages
FINISH = "html:finish"


class PortfolioHTMLBuilder(StandaloneHTMLBuilder):
    """``-b html``: Sphinx's, without rewriting what an unchanged build would write the same."""

    name = "html"

    def __init__(self, app: Sphinx, env: BuildEnvironment) -> None:
        super().__init__(app, env)
        self.sphinx = app
        #: nothing to write: the index and search pages, search index, inventory and static files stay
        self.unchanged = False
        self._finish_pages: list[Path] = []
        self._collecting = False

    def init_templates(self) -> None:
        super().init_templates()
        compile_once(self.templates)

    def finish_digest(self) -> str:
        return digest((generation(self.env), frame(self.env), config_digest(self.sphinx)))

    def prepare_writing(self, docnames: Set[str]) -> None:
        self.unchanged = not docnames and record(self).unchanged(FINISH, self.finish_digest())
        super().prepare_writing(docnames)

    def load_indexer(self, docnames: Set[str]) -> None:
        if not self.unchanged:  # the search index is not written: no need to read it
            super().load_indexer(docnames)

    def copy_assets(self) -> None:
        if not self.unchanged:
            super().copy_assets()

    def finish(self) -> None:
        if self.unchanged:  # pages of extensions (a paper's) decide for themselves
            self.finish_tasks.add_task(self.gen_pages_from_extensions)
            return
        self._finish_pages = []
        super().finish()
        self.finish_tasks.join()
        written = [*self._finish_pages, Path(self.outdir, INVENTORY_FILENAME), Path(self.outdir, ".buildinfo")]
        if self.indexer is not None:
            written.append(Path(self.outdir, self.searchindex_filename))
        outdir = Path(self.outdir)
        record(self).note(FINISH, self.finish_digest(), [p.relative_to(outdir) for p in written if p.is_file()])

    def gen_indices(self) -> None:
        self._collect(super().gen_indices)

    def gen_additional_pages(self) -> None:
        self._collect(super().gen_additional_pages)

    def _collect(self, write: Any) -> None:
        """Note the pages Sphinx itself writes after the documents (not the extensions')."""
        self._collecting = True
        try:
            write()
        finally:
            self._collecting = False

    def handle_page(
        self,
        pagename: str,
        addctx: dict[str, Any],
        templatename: str = "page.html",
        *,
        outfilename: Path | None = None,
        event_arg: Any = None,
    ) -> None:
        super().handle_page(pagename, addctx, templatename, outfilename=outfilename, event_arg=event_arg)
        if self._collecting:
            self._finish_pages.append(Path(outfilename) if outfilename else self.get_output_path(pagename))


def setup_builder(app: Sphinx) -> None:
    app.add_builder(PortfolioHTMLBuilder, override=True)
