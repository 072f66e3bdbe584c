"""Checks of the bib files that pybtex and sphinxcontrib-bibtex do not report well.

pybtex stops at the first duplicate key and drops every entry after it, and an
unknown entry type crashes the style; so the files are scanned as text here
(with line numbers), pybtex's own errors are captured instead of raised, and
each problem becomes a ``portfolio.bib_*`` warning naming the key, file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pybtex.errors
from sphinx.application import Sphinx

from ..directives.base import MARKUP_RE
from ..encoding import first_bad_line
from ..warnings import warn
from .style import KNOWN_TYPES

_ENTRY_RE = re.compile(r"^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(][ \t]*([^,\s]*)", re.MULTILINE)
_SPECIAL = frozenset({"comment", "string", "preamble"})
REQUIRED_FIELDS = ("title", "year")
#: the venue field each type needs, without which the entry says only who and when
VENUE_FIELDS = {"article": "journal", "inproceedings": "booktitle", "incollection": "booktitle"}


@dataclass(frozen=True)
class BibEntrySpan:
    """Where an entry starts in its file, and its text up to the next entry."""

    type: str
    key: str
    path: Path
    line: int
    text: str


def scan(path: Path) -> list[BibEntrySpan]:
    """Split a bib file at each ``@type{key`` with the line it starts on."""
    text = path.read_text(encoding="utf-8", errors="replace")
    matches = [m for m in _ENTRY_RE.finditer(text) if m.group(1).lower() not in _SPECIAL]
    spans = []
    line, counted = 1, 0
    for i, m in enumerate(matches):
        line += text.count("\n", counted, m.start())  # counted once from the previous entry: linear
        counted = m.start()
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        spans.append(BibEntrySpan(m.group(1).lower(), m.group(2).strip(), path, line, text[m.start():end]))
    return spans


@lru_cache(maxsize=16)
def entry_sources(path: str, mtime_ns: int) -> dict[str, str]:
    """Each entry's text as written in the bib file (comments after it dropped), by key:
    what the BibTeX button shows. Cached per file version."""
    return {span.key: re.sub(r"(\n[ \t]*%[^\n]*)+\s*$", "", span.text.rstrip()) + "\n"
            for span in reversed(scan(Path(path)))}


def _malformed(text: str) -> bool:
    """Unbalanced braces, or no closing brace at the end (comments between entries aside)."""
    text = re.sub(r"^[ \t]*%.*$", "", text, flags=re.MULTILINE).replace("\\{", "").replace("\\}", "")
    return text.count("{") != text.count("}") or not re.search(r"[})]\s*$", text)


def lint_files(paths: list[Path]) -> dict[str, BibEntrySpan]:
    """Warn about malformed entries, duplicate keys and unknown types; map key -> span."""
    found: dict[str, BibEntrySpan] = {}
    for path in paths:
        if not path.is_file():
            continue  # check_bibfiles has warned
        if (line := first_bad_line(path)) is not None:
            warn("bytes that are not UTF-8 were replaced by \ufffd", "bib_encoding", f"{path}:{line}")
        for span in scan(path):
            where = f"{span.path}:{span.line}"
            if not span.key:
                warn(f"bib entry @{span.type} has no key", "bib_syntax", where)
                continue
            if _malformed(span.text):
                warn(f"bib entry {span.key!r} is malformed (unbalanced braces); entries after it "
                     "may be lost", "bib_syntax", where)
            if span.key in found:
                first = found[span.key]
                warn(f"duplicate bib key {span.key!r} (first at {first.path}:{first.line}); this one is "
                     "ignored", "bib_duplicate", where)
                continue
            if span.type not in KNOWN_TYPES:
                warn(f"bib entry {span.key!r} has unknown type @{span.type}; shown like @misc",
                     "bib_type", where)
            found[span.key] = span
    return found


def config_line(app: Sphinx, name: str) -> str:
    """``conf.py:<line>`` where a setting is made, for warnings about it."""
    conf = Path(app.confdir, "conf.py")
    lines = conf.read_text(encoding="utf-8", errors="replace").splitlines() if conf.is_file() else []
    line = next((i for i, text in enumerate(lines, 1) if text.lstrip().startswith(name)), 1)
    return f"{conf}:{line}"


def start_capture(app: Sphinx) -> None:
    """Before sphinxcontrib-bibtex parses: collect pybtex errors instead of stopping at them."""
    pybtex.errors.captured_errors = []


def check_bibfiles(app: Sphinx) -> None:
    """After the parse: report captured errors, then what the text scan and the data show."""
    captured, pybtex.errors.captured_errors = pybtex.errors.captured_errors or [], None
    paths = [Path(app.srcdir, p) for p in app.config.bibtex_bibfiles or []]
    for path in paths:
        if not path.is_file():
            warn(f"bib file {path.name!r} does not exist; its publications are missing", "bib_missing",
                 config_line(app, "bibtex_bibfiles"))
    spans = lint_files(paths)
    for error in captured:
        if "repeated bibliography entry" not in str(error):  # the scan reports those with lines
            where = f"{getattr(error, 'filename', None) or paths[0]}:{getattr(error, 'lineno', 1)}"
            warn(f"bib file error: {error}", "bib_syntax", where)
    data = app.env.get_domain("cite").bibdata.data  # type: ignore[attr-defined]
    for key, entry in data.entries.items():
        span = spans.get(key)
        where = f"{span.path}:{span.line}" if span else None
        needed = dict.fromkeys((*REQUIRED_FIELDS, VENUE_FIELDS.get(entry.type, "title")))
        for name in needed:
            if not entry.fields.get(name, "").strip():
                warn(f"bib entry {key!r} has no {name}", "bib_field", where)
        for name, value in entry.fields.items():
            if MARKUP_RE.search(value):
                warn(f"bib entry {key!r}: {name} contains HTML markup, which is shown as text", "bib_markup", where)
    for key, span in spans.items():
        if key not in data.entries:
            warn(f"bib entry {key!r} could not be read and is missing from the publications",
                 "bib_syntax", f"{span.path}:{span.line}")
