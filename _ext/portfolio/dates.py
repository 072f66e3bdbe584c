"""CV dates: parsed once, compared for sorting, shown for humans in their language and for machines.

A CV mixes precisions ("2013", "Jan 2021", "21 Oct 2022") and open ends
("present"); keeping the precision lets every output show exactly what the
author wrote, while the dates still sort together. Month names, the order of day
and month and the word for "present" follow the build's ``language`` (Babel's
data, which Sphinx depends on); English keeps the CV's "21 Oct 2022".
"""

from __future__ import annotations

import datetime
import re
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_date
from babel.dates import format_skeleton

from .i18n import _

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
PRESENT = "present"
#: how a date is written: "short" (Jan 2021), "long" (January 2021), "numeric" (01/2021), "iso"
STYLES = ("short", "long", "numeric", "iso")
#: English patterns, day before month as CVs write them (Babel's "en" puts the month first)
_ENGLISH = {
    "short": ("MMM y", "d MMM y"),
    "long": ("MMMM y", "d MMMM y"),
    "numeric": ("MM/y", "dd/MM/y"),
}
#: the same in Babel's skeletons, which each language orders its own way
_SKELETONS = {
    "short": ("yMMM", "yMMMd"),
    "long": ("yMMMM", "yMMMMd"),
    "numeric": ("yMM", "yMMdd"),
}


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
    def label(self) -> str:
        """The English short form, for messages to the author: "2013", "Jan 2021", "21 Oct 2022"."""
        return format_date(self)


PRESENT_DATE = CVDate(9999)


@lru_cache(maxsize=16)
def locale_of(language: str | None) -> Locale:
    """The build's ``language`` as a Babel locale; English where Babel does not know it."""
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


def format_date(date: CVDate, language: str | None = "en", style: str = "short") -> str:
    """One date in the language's words: "Jan 2021", "Jan. 2021", "21 Oct 2022", "heute"."""
    if date.is_present:
        return str(_("present"))
    if style == "iso":
        return date.iso
    if not date.month:
        return str(date.year)
    locale = locale_of(language)
    precision = 1 if date.day else 0
    day = datetime.date(date.year, date.month, date.day or 1)
    if locale.language == "en":
        return babel_date(day, _ENGLISH[style][precision], locale=locale)
    return format_skeleton(_SKELETONS[style][precision], day, locale=locale)


def _day_first(language: str | None) -> str:
    """How a day is written where the language's date begins with it: "d" ("13 Dec 2021"),
    "d." ("13. Dez. 2021"); "" where the day comes later ("Dec 13, 2021")."""
    locale = locale_of(language)
    if locale.language == "en":
        return "d" if _ENGLISH["short"][1].startswith("d") else ""
    pattern = str(locale.datetime_skeletons.get(_SKELETONS["short"][1], ""))
    if not pattern.startswith("d") or pattern.startswith("dd"):
        return ""
    return "d." if pattern[1:2] == "." else "d"


def format_days(dates: Sequence[CVDate], language: str | None = "en", style: str = "short") -> str:
    """Several days of one month read "13, 14, 16 Dec 2021" ("13., 14., 16. Dez. 2021") in the
    short style, where the language writes the day first; otherwise each date in full."""
    day = _day_first(language) if style == "short" else ""
    if day and len(dates) > 1 and all(d.day for d in dates) and len({(d.year, d.month) for d in dates}) == 1:
        earlier = [f"{d.day}." if day == "d." else str(d.day) for d in dates[:-1]]
        return ", ".join([*earlier, format_date(dates[-1], language, style)])
    return ", ".join(format_date(d, language, style) for d in dates)


def format_range(start: CVDate | None, end: CVDate | None, language: str | None = "en", style: str = "short") -> str:
    """ "Jan 2021 – present", "2013 – 2018"."""
    return " – ".join(format_date(d, language, style) for d in (start, end) if d)


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


def source_date(confdir: str | Path, environ: Mapping[str, str]) -> CVDate | None:
    """The day the sources are from: ``SOURCE_DATE_EPOCH``, else the last git commit, else None.
    Never the clock: the same sources give the same PDF."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        epoch = last_commit(str(confdir))
    if not epoch.isdigit():
        return None
    day = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
    return CVDate(day.year, day.month, day.day)


@lru_cache(maxsize=4)
def last_commit(confdir: str) -> str:
    """The time of the last commit of the repository ``confdir`` is in (seconds, as text), or ""
    outside git; kept for the process, which ``nox -s serve`` forgets between builds."""
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=confdir,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""
