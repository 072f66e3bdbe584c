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

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from sphinx.application import Sphinx
from sphinx.builders import Builder

if TYPE_CHECKING:
    from .incremental import Record
    from .pdf.builder import PDFs


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
    pdfs: PDFs | None = None
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
