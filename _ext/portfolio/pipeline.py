"""What the build does after reading and after writing the pages, in the order it runs.

After reading (``env-updated``), in two lists around sphinxcontrib-bibtex's own handler (priority
500), which formats the entries of every bibliography: ``BEFORE_FORMATTING`` runs before it,
``AFTER_FORMATTING`` after it, each in its order. Each step reads what the steps before it made:
the papers' files are published before the entries that link to them are formatted; the papers'
ids and pages come from the formatted entries; the labels other projects link to and the pages
rewritten because what they show changed come from the papers and entries.

After the pages (``build-finished``), one line on the papers that link nowhere, then ``OUTPUTS``
in their order, each an ``outputs.Output`` that says what it is made from, what it writes and which
files are its own; then stale-file removal, which asks the outputs for their files; then the
record of what was made (kept only where the build did not warn). The handler runs late (priority
900), after other extensions' handlers (500 by default), which may write into the output folder or
warn; only the garbage collector's settings are put back after it (``speedups/collector.py``, 1000).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .bibliography.files import publish
from .bibliography.ids import canonical_ids
from .bibliography.lint import report_unlinked
from .bibliography.selected import rewrite_changed
from .domain import publish_labels, rewrite_linked_pages
from .incremental import forget_warned_build, new_generation, save_record
from .interop.jsonresume import ResumeJSON
from .outputs import Output
from .pdf import PDFFiles
from .private import remember
from .website.bibfiles import BibFiles
from .website.sharing import Preview
from .website.sitemap import Sitemap
from .website.stale import remove_stale

#: a step after reading: the pages it asks to be written again
AfterReading = Callable[[Sphinx, BuildEnvironment], Iterable[str]]

#: after reading, before sphinxcontrib-bibtex formats the entries
BEFORE_FORMATTING: tuple[AfterReading, ...] = (
    new_generation,  # the environment's generation, new where a page was read or removed
    remember,  # the private contact values the profiles were read with
    publish,  # the files the bib entries name, as downloads, with their addresses for the links
)
#: after sphinxcontrib-bibtex formatted the entries (or kept the last build's)
AFTER_FORMATTING: tuple[AfterReading, ...] = (
    canonical_ids,  # each paper's id and page, from the formatted entries: the domain's papers
    publish_labels,  # the labels of every entry and paper that other projects link to
    rewrite_linked_pages,  # pages showing other pages' entries, where those changed
    rewrite_changed,  # pages whose selected publications changed
)

#: the outputs written after the pages, in this order
OUTPUTS: tuple[Output, ...] = (PDFFiles(), BibFiles(), Preview(), ResumeJSON(), Sitemap())
#: where the two lists run among the handlers of ``env-updated`` (sphinxcontrib-bibtex's: 500),
#: and where the outputs run among those of ``build-finished``
BEFORE_FORMATTING_PRIORITY = 400
AFTER_FORMATTING_PRIORITY = 600
AFTER_THE_PAGES_PRIORITY = 900


def run_all(steps: tuple[AfterReading, ...]) -> AfterReading:
    def after_reading(app: Sphinx, env: BuildEnvironment) -> list[str]:
        return [docname for step in steps for docname in step(app, env)]

    after_reading.__doc__ = "After reading: " + ", ".join(step.__name__ for step in steps) + ", in this order."
    return after_reading


def after_the_pages(app: Sphinx, exception: Exception | None) -> None:
    """The outputs, stale-file removal and the record; after a build that failed, none of them."""
    try:
        if exception is not None:
            for output in OUTPUTS:
                output.abandon(app)
            return
        report_unlinked(app)
        for output in OUTPUTS:
            if output.wanted(app):
                output.run(app)
        remove_stale(app, OUTPUTS)
        save_record(app)
    finally:
        forget_warned_build(app, exception)


def setup_pipeline(app: Sphinx) -> None:
    app.connect("env-updated", run_all(BEFORE_FORMATTING), priority=BEFORE_FORMATTING_PRIORITY)
    app.connect("env-updated", run_all(AFTER_FORMATTING), priority=AFTER_FORMATTING_PRIORITY)
    app.connect("build-finished", after_the_pages, priority=AFTER_THE_PAGES_PRIORITY)
