"""Moving a CV in and out: ``resume.json`` written with every HTML build (the one part that runs in
Sphinx), and the commands that bring content in: the starter (``nox -s new``), the RenderCV and
JSON Resume importers, which replace the content (``project.replace_content``), the ORCID merge
and ``enrich``, which add to it and never overwrite. They share one card writer (``cards``), one
bib writer (``bib``), one report (``report``), the safe Markdown subset (``markdown``) and a
polite HTTP client (``http``)."""

from __future__ import annotations

from sphinx.application import Sphinx

from .jsonresume import setup_jsonresume


def setup_interop(app: Sphinx) -> None:
    setup_jsonresume(app)
