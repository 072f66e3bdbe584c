"""Bib fields are LaTeX: as pybtex rich text for formatting, as plain text for titles and tags.

Parsing LaTeX is most of pybtex's formatting time: text without any LaTeX
markup skips it, and strings that recur (names, venues) are cached.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pybtex.plugin import find_plugin
from pybtex.richtext import Text

_LATEX_RE = re.compile(r"[\\{}$~%#&^_]|--|``|''")


@lru_cache(maxsize=65536)
def rich(latex: str) -> Text:
    """A field's LaTeX as rich text."""
    return Text.from_latex(latex) if _LATEX_RE.search(latex) else Text(latex)


@lru_cache(maxsize=65536)
def plain(latex: str) -> str:
    """A field without braces and LaTeX markup: for link texts, objects.inv and meta tags."""
    return rich(latex).render(_text_backend())


@lru_cache(maxsize=1)
def _text_backend() -> Any:
    """pybtex finds backends through entry points, milliseconds a lookup: once is enough."""
    return find_plugin("pybtex.backends", "text")()
