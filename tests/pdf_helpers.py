"""Reading PDFs in tests: text per page, text positions and sizes, colours, fonts, outlines."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from pypdf import PdfReader


def pages_text(path: Path) -> list[str]:
    """Each page's text with white space squeezed."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def squash(text: str) -> str:
    """Text without white space (extraction breaks lines anywhere) and with straight quotes (the
    PDF has Sphinx's curly ones)."""
    return "".join(text.split()).translate(str.maketrans("“”‘’", "\"\"''"))


def text_runs(path: Path, page: int = 0) -> list[tuple[str, float, float, float]]:
    """(text, x, y, size) of every piece of text on a page, in points from the lower left."""
    runs: list[tuple[str, float, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            runs.append((text, cm[4] + tm[4], cm[5] + tm[5], size))

    PdfReader(path).pages[page].extract_text(visitor_text=visit)
    return runs


def body_size(path: Path) -> float:
    """The most common text size on the first page."""
    sizes = Counter(round(size, 2) for text, _, _, size in text_runs(path) for _ in text.split())
    return sizes.most_common(1)[0][0]


def fill_colours(path: Path) -> set[tuple[float, float, float]]:
    """Every RGB fill and stroke colour set in the content streams."""
    colours = set()
    for page in PdfReader(path).pages:
        data = page.get_contents().get_data()
        for r, g, b in re.findall(rb"([\d.]+) ([\d.]+) ([\d.]+) (?:scn|sc|SCN|SC|rg|RG)\b", data):
            colours.add((float(r), float(g), float(b)))
    return colours


def has_colour(path: Path, hex_colour: str) -> bool:
    want = tuple(int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return any(all(abs(a - b) < 0.003 for a, b in zip(colour, want, strict=True)) for colour in fill_colours(path))


def fonts(path: Path) -> dict[str, bool]:
    """Each font's name and whether its file is embedded."""
    found: dict[str, bool] = {}
    for page in PdfReader(path).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                embedded = descriptor is not None and any(
                    k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
                )
                found[str(font.get("/BaseFont", ""))] = embedded
    return found


def outline_titles(path: Path) -> list[str]:
    """The bookmarks, depth first."""

    def walk(items: Iterable[object]) -> list[str]:
        titles: list[str] = []
        for item in items:
            titles += walk(item) if isinstance(item, list) else [str(item.title)]  # type: ignore[attr-defined]
        return titles

    return walk(PdfReader(path).outline)


def reading_order_errors(
    text: str, entries: Iterable[object], headings: Iterable[str] = (), window: int = 400
) -> list[str]:
    """For each entry record: its title, then each organisation, then its dates, within ``window``
    characters after the title (white space aside), as an applicant-tracking system reads the
    text. An organisation that one of ``headings`` names is left out under it."""
    flat = squash(text)
    grouped = {_short(squash(h)).casefold() for h in headings}
    errors = []
    for entry in entries:
        title = squash(entry.title)  # type: ignore[attr-defined]
        parts = [
            squash(org.name)
            for org in entry.orgs  # type: ignore[attr-defined]
            if _short(squash(org.name)).casefold() not in grouped
        ]
        dates = squash(entry.when.text()) if entry.when else ""  # type: ignore[attr-defined]
        starts = [m.start() for m in re.finditer(re.escape(title), flat)]

        if not any(_follows(flat, start + len(title), [*parts, dates], window) for start in starts):
            errors.append(f"{entry.title!r}: not followed by {parts} and {dates!r}")  # type: ignore[attr-defined]
    return errors


def _follows(flat: str, at: int, parts: list[str], window: int) -> bool:
    """Each of ``parts`` (an empty one aside) within ``window`` characters after the one before."""
    for part in parts:
        found = flat.find(part, at, at + window) if part else at
        if found < 0:
            return False
        at = found + len(part)
    return True


def _short(name: str) -> str:
    """ "Royal Institution(RI)" -> "Royal Institution": a heading may leave out the abbreviation."""
    return re.sub(r"\([^()]*\)$", "", name)


def lines(path: Path, page: int) -> list[str]:
    """A page's lines of text, top to bottom: the runs that share a baseline, left to right (a
    title and the dates beside it are one line)."""
    rows: dict[int, list[tuple[float, str]]] = {}
    for text, x, y, _size in text_runs(path, page):
        rows.setdefault(round(y), []).append((x, text))
    return [" ".join(" ".join(t for _, t in sorted(parts)).split()) for _, parts in sorted(rows.items(), reverse=True)]


def page_image(path: Path, page: int, dpi: int = 50) -> list[bytes]:
    """A page as grey pixels, one ``bytes`` per row (0 black, 255 white), rendered by poppler's
    ``pdftoppm``; the test is skipped where that is not installed."""
    import shutil
    import subprocess

    import pytest

    if shutil.which("pdftoppm") is None:
        pytest.skip("needs pdftoppm (poppler-utils)")
    done = subprocess.run(
        ["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page + 1), "-l", str(page + 1), str(path)],
        capture_output=True,
        check=True,
    )
    magic, width, height, _maxval, pixels = done.stdout.split(maxsplit=4)
    assert magic == b"P5"
    w, h = int(width), int(height)
    return [pixels[row * w : (row + 1) * w] for row in range(h)]


def ink_bands(rows: list[bytes], threshold: int = 200) -> list[tuple[int, int]]:
    """The runs of rows with ink on them (a pixel darker than ``threshold``), as (first, last) rows."""
    bands: list[tuple[int, int]] = []
    for y, row in enumerate(rows):
        if min(row) < threshold:
            if bands and bands[-1][1] == y - 1:
                bands[-1] = (bands[-1][0], y)
            else:
                bands.append((y, y))
    return bands


def body_fill(path: Path, page: int) -> float:
    """How far down a page its body reaches, as a share of the page's height: the lowest ink above
    the footer (the page's last band of ink)."""
    rows = page_image(path, page)
    bands = ink_bands(rows)
    return bands[-2][1] / len(rows) if len(bands) > 1 else 0.0
