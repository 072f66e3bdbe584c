"""BibTeX for visitors: an entry written from its parsed fields, private ones left out.

The text of ``refs.bib`` is never shown as it is: it holds what reference
managers keep for their user (``file`` paths, ``annote``, time stamps) and
whatever free text sits between entries.
"""

from __future__ import annotations

from collections.abc import Iterable
from fnmatch import fnmatchcase

from pybtex.database import Entry


def is_private(field: str, private: Iterable[str]) -> bool:
    """``private`` holds field names; a trailing ``*`` matches every name with that prefix."""
    return any(fnmatchcase(field.lower(), pattern.lower()) for pattern in private)


def to_bibtex(entry: Entry, key: str, private: Iterable[str]) -> str:
    """``@type{key,`` then the persons, then the public fields in the file's order."""
    private = tuple(private)
    lines = [f"@{entry.type}{{{key},"]
    for role, persons in entry.persons.items():
        if not is_private(role, private):
            lines.append(f"  {role.lower()} = {{{' and '.join(str(p) for p in persons)}}},")
    for name, value in entry.fields.items():
        if not is_private(name, private):
            lines.append(f"  {name.lower()} = {{{value}}},")
    lines.append("}")
    return "\n".join(lines)
