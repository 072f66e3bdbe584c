"""The search index of an incremental build equals a clean build's.

Sphinx removes a re-read page from every word of its index but keeps words
that no page holds any more (``"1st": []`` after "1st" was edited away), so an
edited site would differ from the same site built afresh. Those words are
dropped before the index is written (``html-collect-pages`` runs just before).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sphinx.application import Sphinx

from ..compat.sphinx import drop_empty_words as drop_words_of_no_page


def drop_empty_words(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    drop_words_of_no_page(getattr(app.builder, "indexer", None))
    yield from ()


def setup_search(app: Sphinx) -> None:
    app.connect("html-collect-pages", drop_empty_words)
