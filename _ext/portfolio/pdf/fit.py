"""The last page: never a few lines alone where a slightly tighter layout does without it.

A CV whose last page holds two lines reads as unfinished, and costs a sheet. Typst lays a
document out once; whether its end spills over is known only then. So a PDF is compiled as
designed, and where it has more than one page it is compiled once more with the vertical space
between blocks (paragraphs, entries, headings, lists; never the text's size or its line spacing)
at its tightest (``SPACINGS``). Where that needs fewer pages, the loosest spacing that needs as
few is taken; otherwise the PDF as designed. The same source always gives the same PDF.

The spacing is ``design.spacing`` in the Typst source (``source.py``): the themes multiply
their gaps by it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: the spacings tried, loosest first: the design's own, then down to four fifths of it
SPACINGS = (1.0, 0.94, 0.88, 0.82)
#: a page object in Typst's PDF output (its page dictionaries are plain objects)
_PAGE_RE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")

Compile = Callable[[str], tuple[bytes, list[str]]]
"""Typst source -> PDF bytes and Typst's warnings."""


def page_count(pdf: bytes) -> int:
    """How many pages Typst wrote (0 if that cannot be told)."""
    return len(_PAGE_RE.findall(pdf))


def spacing_line(spacing: float) -> str:
    """The line of the design dictionary that sets the spacing (``source.py`` writes it)."""
    return f"\n  spacing: {spacing:g},\n"


def respaced(source: str, spacing: float) -> str:
    """``source`` with its blocks' spacing set to ``spacing`` (of the design's)."""
    return source.replace(spacing_line(SPACINGS[0]), spacing_line(spacing), 1)


def fitted(compile_source: Compile, source: str) -> tuple[bytes, list[str]]:
    """The PDF of ``source``, tightened where that saves its last page (see above)."""
    pdf, warnings = compile_source(source)
    pages = page_count(pdf)
    if pages < 2 or spacing_line(SPACINGS[0]) not in source:
        return pdf, warnings
    tightest = compile_source(respaced(source, SPACINGS[-1]))
    fewest = page_count(tightest[0])
    if not 0 < fewest < pages:
        return pdf, warnings
    for spacing in SPACINGS[1:-1]:
        candidate = compile_source(respaced(source, spacing))
        if page_count(candidate[0]) == fewest:
            return candidate
    return tightest
