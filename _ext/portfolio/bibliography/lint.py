"""Checks of the bib files that pybtex and sphinxcontrib-bibtex do not report well.

pybtex stops at the first duplicate key and drops every entry after it, and an
unknown entry type crashes the style; so pybtex's own errors are captured
instead of raised, the files are scanned as text (``source``), and each
problem becomes a ``portfolio.bib_*`` warning naming the key, file and line.
The parsed data is then cleaned (``sanitize``) before anything reads it.

Keys are compared as BibTeX and pybtex compare them, without regard to case: ``Case2015`` and
``case2015`` are one key to them, so the second is a duplicate. Two entries of one work (a paper
exported from ORCID beside the same paper from Google Scholar: the same DOI, or the same title and
year) are both listed, with a ``portfolio.bib_same_work`` warning.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pybtex.errors
from pybtex.database import Entry
from sphinx.application import Sphinx

from ..compat import bibtex as compat
from ..config import conf_location
from ..domain import CVDomain
from ..encoding import first_bad_line
from ..text import folded_words
from ..validate import has_markup
from ..warnings import Subtype, logger, warn
from .ids import MAX_KEY_LENGTH, unsafe_key
from .latex import plain
from .links import bare_doi, entry_links
from .sanitize import sanitize
from .source import BibEntrySpan, scan
from .style import KNOWN_TYPES

REQUIRED_FIELDS = ("title", "year")
#: the fields (any one of them) that say where an entry of each type appeared, without which it
#: says only who and when
VENUE_FIELDS: dict[str, tuple[str, ...]] = {
    "article": ("journal", "journaltitle"),
    "inproceedings": ("booktitle",),
    "conference": ("booktitle",),
    "incollection": ("booktitle",),
    "inbook": ("booktitle", "publisher", "chapter"),
    "book": ("publisher", "organization", "series"),
    "proceedings": ("publisher", "organization", "series", "booktitle"),
    "phdthesis": ("school", "institution"),
    "mastersthesis": ("school", "institution"),
    "thesis": ("school", "institution"),
    "techreport": ("institution",),
    "report": ("institution",),
}


def lint_files(paths: list[Path]) -> dict[str, list[BibEntrySpan]]:
    """Warn about malformed entries, duplicate keys and unknown types; map each key in lower case
    (as pybtex looks keys up) -> its spans."""
    found: dict[str, list[BibEntrySpan]] = {}
    for path in paths:
        if not path.is_file():
            continue  # check_bibfiles has warned
        if (line := first_bad_line(path)) is not None:
            warn("bytes that are not UTF-8 were replaced by \ufffd", Subtype.BIB_ENCODING, f"{path}:{line}")
        for span in scan(path):
            if not span.key:
                warn(f"bib entry @{span.type} has no key", Subtype.BIB_SYNTAX, span.where)
                continue
            same = found.setdefault(span.key.lower(), [])
            if span.commented:  # sanitize warns about these, or about their copy
                same.append(span)
                continue
            if span.malformed:
                warn(
                    f"bib entry {span.key!r} is malformed (unbalanced braces); entries after it may be lost",
                    Subtype.BIB_SYNTAX,
                    span.where,
                )
            first = next((s for s in same if not s.commented), None)
            if first is not None:
                case = (
                    ""
                    if first.key == span.key
                    else f" as {first.key!r}, in another case, which BibTeX takes for the same key"
                )
                warn(
                    f"duplicate bib key {span.key!r} (first{case} at {first.where}); this one is ignored: "
                    "give it a key of its own",
                    Subtype.BIB_DUPLICATE,
                    span.where,
                )
                continue
            if span.type not in KNOWN_TYPES:
                warn(
                    f"bib entry {span.key!r} has unknown type @{span.type}; shown like @misc",
                    Subtype.BIB_TYPE,
                    span.where,
                )
            if unsafe_key(span.key):
                shown = span.key if len(span.key) <= 80 else f"{span.key[:60]}... ({len(span.key)} characters)"
                why = (
                    f"is longer than {MAX_KEY_LENGTH} characters"
                    if len(span.key) > MAX_KEY_LENGTH
                    else "has characters that cannot be part of a file name or address"
                )
                warn(
                    f"bib key {shown!r} {why}; its page and id get a name made from it",
                    Subtype.BIB_KEY,
                    span.where,
                )
            same.append(span)
    return found


def start_capture(app: Sphinx) -> None:
    """Before sphinxcontrib-bibtex parses: collect pybtex errors instead of stopping at them."""
    pybtex.errors.captured_errors = []


def check_bibfiles(app: Sphinx) -> None:
    """After the parse: report captured errors and what the text scan and the data show, then
    clean the data. Parsed data is cached between builds; it is checked once, when it is new."""
    captured: list[Any] = pybtex.errors.captured_errors or []
    pybtex.errors.captured_errors = None
    if not compat.needs_check(app.env):
        return
    paths = [Path(app.confdir, p).resolve() for p in app.config.bibtex_bibfiles or []]
    for path in paths:
        if not path.is_file():
            warn(
                f"bib file {path.name!r} does not exist; its publications are missing",
                Subtype.BIB_MISSING,
                conf_location(app, "bibtex_bibfiles"),
            )
    spans = lint_files(paths)
    commented = [span for found in spans.values() for span in found if span.commented]
    for error in captured:
        path = Path(getattr(error, "filename", None) or paths[0]).resolve()
        line = getattr(error, "lineno", None) or 1
        # the scan reports repeated keys with their lines; a commented-out entry is warned about once
        if "repeated bibliography entry" not in str(error) and not any(s.holds(path, line) for s in commented):
            warn(f"bib file error: {error}", Subtype.BIB_SYNTAX, f"{path}:{line}")
    sanitize(app.env, spans)
    entries = compat.entries(app.env)
    where: dict[str, str] = {}
    for key, entry in entries.items():
        if key.lower() not in spans:
            continue  # a name pybtex made up for an entry without a key, which has been warned about
        where[key] = spans[key.lower()][0].where
        for name in REQUIRED_FIELDS:
            if not entry.fields.get(name, "").strip():
                warn(f"bib entry {key!r} has no {name}", Subtype.BIB_FIELD, where[key])
        venues = VENUE_FIELDS.get(entry.type, ())
        if venues and not any(entry.fields.get(name, "").strip() for name in venues):
            warn(f"bib entry {key!r} has no {' or '.join(venues)}", Subtype.BIB_FIELD, where[key])
        for name, value in entry.fields.items():
            if has_markup(value):
                warn(
                    f"bib entry {key!r}: {name} contains HTML markup, which is shown as text",
                    Subtype.BIB_MARKUP,
                    where[key],
                )
    for lower, found in spans.items():
        if lower not in entries and not all(span.commented for span in found):
            warn(
                f"bib entry {found[0].key!r} could not be read and is missing from the publications",
                Subtype.BIB_SYNTAX,
                found[0].where,
            )
    check_same_works(entries, where)
    compat.set_locations(app.env, where)
    compat.mark_checked(app.env)


def same_title(entry: Entry) -> str:
    """A title as words, whatever its case, accents, LaTeX and punctuation: how two exports of one
    paper agree."""
    return " ".join(folded_words(plain(entry.fields.get("title", ""))))


def check_same_works(entries: dict[str, Entry], where: dict[str, str]) -> None:
    """Warn where an entry is a work that an entry before it already is: same DOI, or the same
    title and year."""
    seen: dict[tuple[str, str], str] = {}
    for key, entry in entries.items():
        marks = []
        if doi := bare_doi(entry.fields.get("doi", "")).casefold():
            marks.append(("the same DOI", doi))
        if (title := same_title(entry)) and (year := entry.fields.get("year", "").strip()):
            marks.append(("the same title and year", f"{title} ({year})"))
        for reason, mark in marks:
            if (first := seen.get((reason, mark))) is not None:
                warn(
                    f"bib entry {key!r} is the same work as {first!r} (at {where.get(first, '?')}): {reason}; "
                    "both are listed (delete one, or keep one entry per work)",
                    Subtype.BIB_SAME_WORK,
                    where.get(key),
                )
                break
        for reason, mark in marks:
            seen.setdefault((reason, mark), key)


def report_unlinked(app: Sphinx, exception: Exception | None) -> None:
    """One line at the end of a build: the listed papers a reader cannot follow anywhere (no doi,
    url, pdf or eprint). Information, not a warning: a CV may well give no DOIs."""
    if exception is not None:
        return
    domain: CVDomain = app.env.domains[CVDomain.name]  # type: ignore[assignment]
    entries = compat.entries(app.env)
    listed = [key for key in sorted(domain.papers) if key in entries]
    unlinked = [key for key in listed if not entry_links(entries[key], files="")]
    if unlinked:
        shown = ", ".join(unlinked[:8]) + (", ..." if len(unlinked) > 8 else "")
        logger.info(f"{len(unlinked)} of {len(listed)} publications link nowhere (no doi, url, pdf or eprint): {shown}")
