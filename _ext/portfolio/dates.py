"""CV dates: parsed once, compared for sorting, shown for humans and machines.

A CV mixes precisions ("2013", "Jan 2021", "21 Oct 2022") and open ends
("present"); keeping the precision lets every output show exactly what the
author wrote, while a zero-padded key sorts them together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
PRESENT = "present"


class DateError(ValueError):
    """A date the author wrote that cannot be read."""


@dataclass(frozen=True, order=True)
class CVDate:
    """A calendar date of year, month or day precision, or the open end "present"."""

    year: int
    month: int = 0
    day: int = 0

    @property
    def is_present(self) -> bool:
        return self.year == 9999

    @property
    def iso(self) -> str:
        """The machine form for ``<time datetime>``: as precise as written."""
        if self.is_present:
            return ""
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def key(self) -> str:
        """A string that sorts chronologically across precisions."""
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def label(self) -> str:
        """The human form: "2013", "Jan 2021", "21 Oct 2022" or "present"."""
        if self.is_present:
            return PRESENT
        if not self.month:
            return str(self.year)
        month = _MONTHS[self.month - 1]
        if not self.day:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"


PRESENT_DATE = CVDate(9999)


def parse_date(text: str, *, allow_present: bool = False) -> CVDate:
    """Read ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` (or ``present`` where allowed)."""
    value = text.strip()
    if allow_present and value.lower() == PRESENT:
        return PRESENT_DATE
    match = _DATE_RE.match(value)
    if not match:
        expected = "YYYY, YYYY-MM, YYYY-MM-DD" + (" or present" if allow_present else "")
        raise DateError(f"{value!r} is not a date ({expected})")
    year, month, day = (int(g) if g else 0 for g in match.groups())
    if match.group(2) and not 1 <= month <= 12:
        raise DateError(f"{value!r} has no month {month}")
    if match.group(3) and not 1 <= day <= _DAYS_IN_MONTH[month - 1]:
        raise DateError(f"{value!r} has no day {day}")
    if month == 2 and day == 29 and not (year % 4 == 0 and (year % 100 or year % 400 == 0)):
        raise DateError(f"{value!r} is not a leap year")
    return CVDate(year, month, day)


def format_days(dates: list[CVDate]) -> str:
    """Several days of one month read "13, 14, 16 Dec 2021"; otherwise joined labels."""
    if len(dates) > 1 and all(d.day for d in dates) and len({(d.year, d.month) for d in dates}) == 1:
        return ", ".join(str(d.day) for d in dates[:-1]) + ", " + dates[-1].label
    return ", ".join(d.label for d in dates)
