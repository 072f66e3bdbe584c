"""Bib data from anywhere made safe to publish, once, right after it is parsed.

Each change is a warning with file and line, and every later reader (the list,
paper pages, meta tags, JSON-LD, the PDF) sees only the cleaned data:

- an entry commented out with ``%`` is left out (BibTeX itself would read it);
- private fields (``portfolio_bib_private_fields``: Zotero's ``file``, ``annote``, ...) are
  removed, silently: keeping them in ``refs.bib`` is what they are for;
- empty fields (IEEE Xplore's ``volume = {}``) are removed, silently: they say nothing;
- biblatex's ``date`` gives the ``year`` where there is none (Zotero's BibLaTeX export);
- a field over the length limit is cut;
- a link field that is not a web address, DOI or arXiv id is removed, and so is a file field
  (``pdf = {paper.pdf}``) that names no publishable file of the paper folder (``files``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from fnmatch import fnmatchcase

from pybtex.database import Entry
from sphinx.environment import BuildEnvironment

from ..compat import bibtex as compat
from ..config import portfolio_settings
from ..validate import MAX_ABSTRACT_LENGTH, MAX_LENGTH, cut, is_web_url
from ..warnings import Subtype, warn
from .files import check_files
from .links import LINK_FIELDS, archive, field_links, is_file
from .source import BibEntrySpan

_YEAR_RE = re.compile(r"^\s*\d{4}(?!\d)")


def sanitize(env: BuildEnvironment, spans: dict[str, list[BibEntrySpan]]) -> None:
    """Clean every entry; ``spans`` holds where each key is written (from ``source.scan``)."""
    private = tuple(pattern.lower() for pattern in portfolio_settings(env.config).bib_private_fields)
    for key, entry in list(compat.entries(env).items()):
        found = spans.get(key.lower(), [])
        where = found[0].where if found else None
        if found and all(span.commented for span in found):
            warn(
                f"bib entry {key!r} is commented out with '%', which BibTeX does not know; it is left out "
                "(delete it, or remove the '%' to publish it)",
                Subtype.BIB_COMMENTED,
                where,
            )
            compat.remove_entry(env, key)
            continue
        for span in found:
            if span.commented:
                warn(f"a commented-out copy of bib entry {key!r} is ignored", Subtype.BIB_COMMENTED, span.where)
        remove_private_fields(entry, private)
        remove_empty_fields(entry)
        cut_long_fields(entry, key, where)
        remove_bad_links(entry, key, where)
        check_files(env, entry, key, where)


def is_private(field: str, private: Iterable[str]) -> bool:
    """``private`` holds lower-case field names; a trailing ``*`` matches every name with that prefix."""
    return any(fnmatchcase(field.lower(), pattern) for pattern in private)


def remove_private_fields(entry: Entry, private: Iterable[str]) -> None:
    for name in [name for name in entry.fields if is_private(name, private)]:
        del entry.fields[name]
    for role in [role for role in entry.persons if is_private(role, private)]:
        del entry.persons[role]


def remove_empty_fields(entry: Entry) -> None:
    for name in [name for name, value in entry.fields.items() if not value.strip()]:
        del entry.fields[name]
    if "year" not in entry.fields and (year := _YEAR_RE.match(entry.fields.get("date", ""))):
        entry.fields["year"] = year.group()


def cut_long_fields(entry: Entry, key: str, where: str | None) -> None:
    for name, value in list(entry.fields.items()):
        limit = MAX_ABSTRACT_LENGTH if name.lower() == "abstract" else MAX_LENGTH
        if len(value) > limit:
            warn(
                f"bib entry {key!r}: {name} is {len(value)} characters long; cut to {limit}",
                Subtype.BIB_TOO_LONG,
                where,
            )
            entry.fields[name] = _balanced(cut(value, limit))


def _balanced(value: str) -> str:
    """A cut may split a ``{...}`` group: close what is open, drop what closes nothing."""
    depth, kept = 0, []
    for char in value:
        if char == "}" and depth == 0:
            continue
        depth += {"{": 1, "}": -1}.get(char, 0)
        kept.append(char)
    return "".join(kept) + "}" * depth


def remove_bad_links(entry: Entry, key: str, where: str | None) -> None:
    where_from = archive(entry)
    for name in (*LINK_FIELDS, "preview"):
        value = entry.fields.get(name)
        if value is None or (name == "eprint" and where_from.lower() != "arxiv") or is_file(name, value):
            continue  # an eprint of another archive is an id, never a link; files are checked by ``files``
        parts = value.split() if name == "code" else [value]
        good = [
            part for part in parts if field_links(name, part, where_from) or (name == "preview" and is_web_url(part))
        ]
        for part in parts:
            if part not in good:
                what = " or DOI" if name == "doi" else " or arXiv id" if name in ("eprint", "arxiv") else ""
                warn(
                    f"bib entry {key!r}: {name} {cut(part, 80)!r} is not a safe web address{what}; left out",
                    Subtype.BIB_URL,
                    where,
                )
        if good:
            entry.fields[name] = " ".join(good)
        else:
            del entry.fields[name]
