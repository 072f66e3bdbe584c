"""Import a RenderCV 2.x YAML file: it replaces this project's content in place.

A RenderCV user keeps the whole CV in one YAML file; this turns it into the pages,
directives, ``refs.bib`` entries and ``conf.py`` personal block this project is written
in, so nothing has to be retyped. What has no exact counterpart here is kept as
Markdown in the output and reported as a warning line, never dropped.

    python -m portfolio.interop.rendercv [--force] CV.yaml [--project DIR]

``read`` reads the YAML into RenderCV's entry types, ``dates`` applies RenderCV's date rules,
``cards`` and ``bib`` write entries through the shared card and bib writers (``interop.cards``,
``interop.bib``), ``write`` makes the pages and replaces the content (``interop.project``).
"""

from __future__ import annotations

from .write import import_cv, main

__all__ = ["import_cv", "main"]
