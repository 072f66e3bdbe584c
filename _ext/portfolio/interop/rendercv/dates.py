"""RenderCV's rules for an entry's dates, as directive options: ``date`` wins over a range, an end
alone is a date, a start alone runs to present; free text ("Fall 2023") is kept for the body."""

from __future__ import annotations

from dataclasses import dataclass

from ...dates import PRESENT, parse_date
from .. import markdown as md
from ..dates import iso_date
from ..report import Report
from .read import Dates


@dataclass
class When:
    """An entry's dates as directive options, and what only its text can say."""

    options: dict[str, str]
    text: str | None = None


def resolve(dates: Dates, where: str, report: Report) -> tuple[str | None, str | None, str | None]:
    """RenderCV's rules: ``date`` wins over a range; an end alone is a date; a start alone runs to present."""
    if dates.date:
        if dates.start or dates.end:
            report.warn(where, "start_date/end_date not used: RenderCV shows only date when both are given")
        return dates.date, None, None
    if dates.end and not dates.start:
        return dates.end, None, None
    if dates.start and not dates.end:
        return None, dates.start, PRESENT
    return None, dates.start, dates.end


def map_dates(dates: Dates, single: str, where: str, report: Report) -> When:
    """The options a directive takes (``single`` names where a lone date goes); free text is kept
    for the body (``*When:* Fall 2023``) and warned about."""
    one, start, end = resolve(dates, where, report)
    options: dict[str, str] = {}
    free = False
    for name, value in ((single, one), ("start", start), ("end", end)):
        if value is not None:
            iso = iso_date(value, allow_present=name == "end")
            if iso is None:
                free = True
            else:
                options[name] = iso
    shown = one if one is not None else f"{start} – {end}"
    if (
        {"start", "end"} <= options.keys()
        and options["end"] != PRESENT
        and parse_date(options["end"]) < parse_date(options["start"])
    ):
        del options["end"]
        report.warn(where, f"{shown!r} ends before it starts: the end kept in the text")
        return When(options, f"*When:* {md.escape(shown, line_start=False)}")
    if not free:
        return When(options)
    report.warn(where, f"date {shown!r} is not YYYY, YYYY-MM or YYYY-MM-DD: kept in the text")
    return When(options, f"*When:* {md.escape(shown, line_start=False)}")
