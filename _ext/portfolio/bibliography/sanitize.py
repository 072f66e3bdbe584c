"""Bib data from anywhere made safe to publish, once, right after it is parsed.

Each change is a warning with file and line, and every later reader (the list,
paper pages, meta tags, JSON-LD, the PDF) sees only the cleaned data:

- an entry commented out with ``%`` is left out (BibTeX itself would read it);
- private fields (``portfolio_bib_private_fields``: Zotero's ``file``, ``annote``, ...) are
  removed, silently: keeping them in ``refs.bib`` is what they are for;
- a field over the length limit is cut;
- a link field that is not a web address, DOI or arXiv id is removed.
"""

from __future__ import annotations

from collections.abc import Iterable
from fnmatch import fnmatchcase

from pybtex.database import Entry
from sphinx.environment import BuildEnvironment

from ..validate import MAX_ABSTRACT_LENGTH, MAX_LENGTH, cut
from ..warnings import Subtype, warn
from . import compat
from .links import LINK_FIELDS, field_links
from .source import BibEntrySpan


def sanitize(env: BuildEnvironment, spans: dict[str, list[BibEntrySpan]]) -> None:
    """Clean every entry; ``spans`` holds where each key is written (from ``source.scan``)."""
    private = tuple(pattern.lower() for pattern in env.config.portfolio_bib_private_fields)
    for key, entry in list(compat.entries(env).items()):
        found = spans.get(key, [])
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
        cut_long_fields(entry, key, where)
        remove_bad_links(entry, key, where)


def is_private(field: str, private: Iterable[str]) -> bool:
    """``private`` holds lower-case field names; a trailing ``*`` matches every name with that prefix."""
    return any(fnmatchcase(field.lower(), pattern) for pattern in private)


def remove_private_fields(entry: Entry, private: Iterable[str]) -> None:
    for name in [name for name in entry.fields if is_private(name, private)]:
        del entry.fields[name]
    for role in [role for role in entry.persons if is_private(role, private)]:
        del entry.persons[role]


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
    archive = entry.fields.get("archiveprefix", "arXiv")
    for name in LINK_FIELDS:
        value = entry.fields.get(name)
        if value is None or (name == "eprint" and archive.lower() != "arxiv"):
            continue  # an eprint of another archive is an id, never a link
        parts = value.split() if name == "code" else [value]
        good = [part for part in parts if field_links(name, part, archive)]
        for part in parts:
            if part not in good:
                warn(
                    f"bib entry {key!r}: {name} {cut(part, 80)!r} is not a safe web address"
                    f"{' or DOI' if name == 'doi' else ' or arXiv id' if name == 'eprint' else ''}; left out",
                    Subtype.BIB_URL,
                    where,
                )
        if good:
            entry.fields[name] = " ".join(good)
        else:
            del entry.fields[name]
