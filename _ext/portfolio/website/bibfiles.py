"""BibTeX for other people's bibliographies: ``refs.bib`` with every listed paper, and one
``papers/<key>.bib`` beside each paper's page, at addresses that stay the same.

Written from the parsed and cleaned entries (``bibliography/bibtex.py``): no private field, no
field that only says how the site shows a paper, no text from between the entries of the owner's
bib files; in LaTeX that classic BibTeX and pdflatex read.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from ..bibliography.bibtex import to_bibtex
from ..compat import bibtex as compat
from ..config import portfolio_settings
from ..domain import CVDomain
from ..incremental import config_digest, fingerprint, record
from ..nodes import WEBSITE_BUILDERS
from ..outputs import write_if_changed

#: the collection of every paper, in the site's root
ALL_PAPERS = "refs.bib"


def write_bib_files(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in WEBSITE_BUILDERS or not compat.loaded(app):
        return
    domain: CVDomain = app.env.domains[CVDomain.name]  # type: ignore[assignment]
    outputs = record(app)
    sources = sorted((str(path), bibfile.mtime) for path, bibfile in compat.bibfiles(app.env).items())
    made = fingerprint(config_digest(app), sources, sorted(domain.papers.items()))
    if outputs.unchanged(ALL_PAPERS, made):  # made from the same bib files, papers and settings before
        return
    entries = compat.entries(app.env)
    texts, files = [], [ALL_PAPERS]
    for key, paper in sorted(domain.papers.items()):
        if key not in entries:
            continue
        text = to_bibtex(
            entries[key],
            key,
            portfolio_settings(app.config).bib_display_fields,
            portfolio_settings(app.config).selected_keyword,
        )
        text += "\n"
        texts.append(text)
        if paper.page:
            write_if_changed(Path(app.outdir, paper.page + ".bib"), text)
            files.append(paper.page + ".bib")
    write_if_changed(Path(app.outdir, ALL_PAPERS), "\n".join(texts))
    outputs.note(ALL_PAPERS, made, files)


def setup_bibfiles(app: Sphinx) -> None:
    app.connect("build-finished", write_bib_files)
