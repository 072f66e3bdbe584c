"""Dates as other tools write them, in the form a directive option takes (``YYYY``, ``YYYY-MM``,
``YYYY-MM-DD``, ``present``): what every importer writes into ``:start:``, ``:date:`` and
``year``/``month`` fields. Anything else is free text, which the importers keep and report."""

from __future__ import annotations

import re

from ..dates import PRESENT, DateError, parse_date

MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
#: BibTeX's month macros, January first
MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
ENGLISH_DATES = (
    re.compile(rf"^(?P<day>\d{{1,2}})\.?\s+(?P<month>{_MONTH})\.?,?\s+(?P<year>\d{{4}})$", re.IGNORECASE),
    re.compile(rf"^(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}}),\s*(?P<year>\d{{4}})$", re.IGNORECASE),
    re.compile(rf"^(?P<month>{_MONTH})\.?,?\s+(?P<year>\d{{4}})$", re.IGNORECASE),
)


def iso_date(text: str, *, allow_present: bool = False) -> str | None:
    """The option form of a date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``present``), or None for
    free text ("Fall 2023"). Unambiguous English dates ("21 Oct 2022") are read too."""
    value = text.strip()
    if value.lower() == PRESENT:
        return PRESENT if allow_present else None
    for pattern in ENGLISH_DATES:
        if m := pattern.match(value):
            day = m.groupdict().get("day")
            value = f"{m['year']}-{MONTHS[m['month'].lower()]:02d}" + (f"-{int(day):02d}" if day else "")
            break
    try:
        parse_date(value)
    except DateError:
        return None
    return value


def from_parts(year: object, month: object = None, day: object = None) -> str | None:
    """A date given as its parts (ORCID's ``{"year": ..., "month": ...}``, Crossref's ``date-parts``),
    as far as they go; None where the year is missing or a part is not a number of its range."""
    parts = []
    for part, width in ((year, 4), (month, 2), (day, 2)):
        text = str(part).strip() if part is not None else ""
        if not text:
            break
        if not text.isdigit():
            return None
        parts.append(text.zfill(width))
    return iso_date("-".join(parts)) if parts else None


def bib_date_fields(iso: str) -> dict[str, str]:
    """``year``, ``month`` as a macro, and the full ``date`` where it has a day."""
    parts = iso.split("-")
    fields = {"year": parts[0]}
    if len(parts) > 1:
        fields["month"] = MONTH_MACROS[int(parts[1]) - 1]
    if len(parts) > 2:
        fields["date"] = iso
    return fields
