"""BibTeX for visitors: an entry written from its parsed fields.

The text of ``refs.bib`` is never shown as it is: it holds whatever free text
and ``@comment`` sits between entries, and the fields that reference managers
keep for their user, which ``sanitize`` has removed from the parsed data.
"""

from __future__ import annotations

from pybtex.database import Entry


def to_bibtex(entry: Entry, key: str) -> str:
    """``@type{key,`` then the persons, then the fields in the file's order."""
    lines = [f"@{entry.type}{{{key},"]
    for role, persons in entry.persons.items():
        lines.append(f"  {role.lower()} = {{{' and '.join(str(p) for p in persons)}}},")
    lines += [f"  {name.lower()} = {{{value}}}," for name, value in entry.fields.items()]
    lines.append("}")
    return "\n".join(lines)
