"""The last page: never a few lines alone where a slightly tighter layout does without it.

A CV whose last page holds two lines reads as unfinished, and costs a sheet. Typst lays a
document out once; whether its end spills over is known only then. So a PDF is compiled as
designed, and how far down its last page the content reaches is read from that PDF
(``last_page_fill``). Where it has more than one page and its last page's content ends within the
top third, the vertical space between blocks (paragraphs, entries, headings, lists; never the
text's size or its line spacing) is tightened step by step down to four fifths of the design
(``SPACINGS``), and the loosest spacing that saves the page is taken (a bisection: two more
compiles). Where none saves it, the PDF stays as designed. The same source always gives the same
PDF.

The spacing is ``design.spacing`` in the Typst source (``source.py``): the themes multiply
their gaps by it.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable

#: the spacings, loosest first: the design's own, then down to about four fifths of it
SPACINGS = (1.0, 0.94, 0.88, 0.82)
#: a last page whose content ends higher than this (a share of the page's height) holds a few lines
FEW_LINES = 1 / 3
#: a page object in Typst's PDF output (its page dictionaries are plain objects)
_PAGE_RE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
#: the page tree's root (a dictionary without nested ones) and its list of pages, in their order
_PAGES_RE = re.compile(rb"<<([^<>]*/Type\s*/Pages\b[^<>]*)>>")
_KIDS_RE = re.compile(rb"/Kids\s*\[([^\]]*)\]")
_REF_RE = re.compile(rb"(\d+)\s+0\s+R")
_CONTENTS_RE = re.compile(rb"/Contents\s+(\d+)\s+0\s+R")
_MEDIABOX_RE = re.compile(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]")
_LENGTH_RE = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")
#: in a page's content: a marked-content sequence opening (its tag), closing, or a placement's y
_CONTENT_RE = re.compile(rb"/(\w+)\s*(?:<<.*?>>|/\w+)?\s*BDC|\bBMC\b|\bEMC\b|(?:[-\d.]+\s+){5}([-\d.]+)\s+cm", re.S)

Compile = Callable[[str], tuple[bytes, list[str]]]
"""Typst source -> PDF bytes and Typst's warnings."""


def page_count(pdf: bytes) -> int:
    """How many pages Typst wrote (0 if that cannot be told)."""
    return len(_PAGE_RE.findall(pdf))


def _object(pdf: bytes, number: bytes, stream: bool = False) -> re.Match[bytes] | None:
    end = rb"stream\r?\n" if stream else rb"endobj"
    return re.search(rb"(?<!\d)" + number + rb"\s+0\s+obj\s*<<(.*?)>>\s*" + end, pdf, re.S)


def last_page_fill(pdf: bytes) -> float | None:
    """How far down the last page its content reaches, as a share of the page's height (0: its top,
    1: its foot), read from Typst's tagged PDF: the lowest placement outside the header and footer,
    which Typst marks as pagination artifacts. None where the PDF does not say (then the layout is
    tried tighter all the same)."""
    tree = _PAGES_RE.search(pdf)
    kids = _KIDS_RE.search(tree.group(1)) if tree else None
    refs = _REF_RE.findall(kids.group(1)) if kids else []
    page = _object(pdf, refs[-1]) if refs else None
    contents = _CONTENTS_RE.search(page.group(1)) if page else None
    box = _MEDIABOX_RE.search(page.group(1)) if page else None
    stream = _object(pdf, contents.group(1), stream=True) if contents else None
    length = _LENGTH_RE.search(stream.group(1)) if stream else None
    if box is None or stream is None or length is None:
        return None
    data = pdf[stream.end() : stream.end() + int(length.group(1))]
    try:
        data = zlib.decompress(data) if b"/FlateDecode" in stream.group(1) else data
    except zlib.error:
        return None
    height = float(box.group(4)) - float(box.group(2))
    marks: list[bool] = []  # open marked-content sequences: whether each is an artifact
    lowest: float | None = None
    for found in _CONTENT_RE.finditer(data):
        if found.group(0).endswith(b"BDC"):
            marks.append(found.group(1) == b"Artifact")
        elif found.group(0) == b"BMC":
            marks.append(False)
        elif found.group(0) == b"EMC":
            marks = marks[:-1]
        elif not any(marks):
            y = float(found.group(2))
            lowest = y if lowest is None else min(lowest, y)
    return None if lowest is None or height <= 0 else (height - lowest) / height


def spacing_line(spacing: float) -> str:
    """The line of the design dictionary that sets the spacing (``source.py`` writes it)."""
    return f"\n  spacing: {spacing:g},\n"


def respaced(source: str, spacing: float) -> str:
    """``source`` with its blocks' spacing set to ``spacing`` (of the design's)."""
    return source.replace(spacing_line(SPACINGS[0]), spacing_line(spacing), 1)


def fitted(compile_source: Compile, source: str) -> tuple[bytes, list[str]]:
    """The PDF of ``source``, tightened where that saves a last page of a few lines (see above)."""
    best = compile_source(source)
    pages, fill = page_count(best[0]), last_page_fill(best[0])
    if pages < 2 or spacing_line(SPACINGS[0]) not in source or (fill is not None and fill > FEW_LINES):
        return best
    low, high = 1, len(SPACINGS) - 1  # the loosest tighter spacing that saves the page, by bisection
    while low <= high:
        middle = (low + high) // 2
        candidate = compile_source(respaced(source, SPACINGS[middle]))
        if 0 < page_count(candidate[0]) < pages:
            best, high = candidate, middle - 1
        else:
            low = middle + 1
    return best
