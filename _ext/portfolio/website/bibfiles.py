"""BibTeX for other people's bibliographies: ``refs.bib`` with every listed paper, and one
``papers/<key>.bib`` beside each paper's page, at addresses that stay the same.

Written from the parsed and cleaned entries (``bibliography/bibtex.py``): no private field, no
field that only says how the site shows a paper, no text from between the entries of the owner's
bib files; in LaTeX that classic BibTeX and pdflatex read.
"""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.application import Sphinx

from ..bibliography.bibtex import to_bibtex
from ..compat import bibtex as compat
from ..config import portfolio_settings
from ..domain import cv_domain
from ..incremental import config_digest, fingerprint
from ..nodes import WEBSITE_BUILDERS
from ..outputs import Output, write_if_changed

#: the collection of every paper, in the site's root
ALL_PAPERS = "refs.bib"
#: the folder of the papers' pages and their BibTeX files
PAPERS = "papers"


class BibFiles(Output):
    """``refs.bib`` and ``papers/<key>.bib``: made from the bib files, the papers listed and the settings."""

    name = ALL_PAPERS

    def wanted(self, app: Sphinx) -> bool:
        return app.builder.name in WEBSITE_BUILDERS and compat.loaded(app)

    def made_from(self, app: Sphinx) -> str:
        sources = sorted((str(path), bibfile.mtime) for path, bibfile in compat.bibfiles(app.env).items())
        return fingerprint(config_digest(app), sources, sorted(cv_domain(app.env).papers.items()))

    def write(self, app: Sphinx) -> list[str]:
        entries, settings = compat.entries(app.env), portfolio_settings(app.config)
        texts, files = [], [ALL_PAPERS]
        for key, paper in sorted(cv_domain(app.env).papers.items()):
            if key not in entries:
                continue
            text = to_bibtex(entries[key], key, settings.bib_display_fields, settings.selected_keyword)
            text += "\n"
            texts.append(text)
            if paper.page:
                write_if_changed(Path(app.outdir, paper.page + ".bib"), text)
                files.append(paper.page + ".bib")
        write_if_changed(Path(app.outdir, ALL_PAPERS), "\n".join(texts))
        return files

    def claims(self, relative: str) -> bool:
        top, _, rest = relative.partition(os.sep)
        return relative.endswith(".bib") and (not rest or top == PAPERS)

    def own_files(self, app: Sphinx) -> set[str]:
        if not self.wanted(app):
            return set()
        papers = cv_domain(app.env).papers.values()
        return {ALL_PAPERS, *(paper.page + ".bib" for paper in papers if paper.page)}
