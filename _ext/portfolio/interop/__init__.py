"""Moving a CV in and out: the RenderCV importer (a command) and the JSON Resume export."""

from __future__ import annotations

from sphinx.application import Sphinx

from .jsonresume import setup_jsonresume


def setup_interop(app: Sphinx) -> None:
    setup_jsonresume(app)
