"""``patent``: a patent family; each body line is one publication number.

Body lines read ``OFFICE NUMBER [KIND] | granted|published YYYY-MM-DD [| title]``:
data, not Markdown, so each number is validated with its own line number.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..dates import DateError, parse_date
from ..records import PatentNumber
from ..validate import MAX_LENGTH
from ..warnings import Subtype
from .base import CardDirective, Values

_NUMBER_RE = re.compile(r"^(?P<office>[A-Z]{2})\s+(?P<number>[0-9][0-9/ ]*?)(?:\s+(?P<code>[A-Z][0-9]?))?$")
STATUSES = ("granted", "published", "filed")


class PatentDirective(CardDirective):
    """A patent family; the argument is its title, the body its publication numbers."""

    kind = "patent"

    def publications(self) -> tuple[PatentNumber, ...]:
        """Parse the body; each bad line is warned about with its own line and left out."""
        found = []
        for offset, line in enumerate(self.content):
            if not line.strip():
                continue
            location = (self.env.docname, self.content_line(offset))
            if len(line) > MAX_LENGTH:
                self.warn(f"a publication line of {len(line)} characters is left out", Subtype.PATENT, location)
                continue
            parts = [p.strip() for p in line.split("|")]
            match = _NUMBER_RE.match(" ".join(parts[0].split()))
            status_date = parts[1].split() if len(parts) > 1 else []
            problem = ""
            if not match:
                problem = "expected OFFICE NUMBER [KIND], e.g. 'EP 3271863 B1'"
            elif len(status_date) != 2 or status_date[0].lower() not in STATUSES:
                problem = "expected '| granted YYYY-MM-DD' or '| published YYYY-MM-DD'"
            elif len(parts) > 3:
                problem = "too many '|' separated parts"
            if not problem:
                try:
                    date = parse_date(status_date[1])
                except DateError as err:
                    problem = str(err)
            if problem or not match:
                self.warn(f"bad publication line {line.strip()!r}: {problem}", Subtype.PATENT, location)
                continue
            title = parts[2] if len(parts) > 2 and parts[2] else self.title
            found.append(
                PatentNumber(
                    match["office"], match["number"].strip(), match["code"] or "", status_date[0].lower(), date, title
                )
            )
        if not found:
            self.warn("no publication numbers in the body", Subtype.MISSING_OPTION)
        return tuple(found)

    def content_line(self, offset: int) -> int:
        """The file line of a body line: MyST counts content from the directive, rST from the file."""
        base = self.content_offset if self.content_offset >= self.lineno else self.lineno + self.content_offset
        return base + offset + 1

    def extra(self, values: Values) -> dict[str, Any]:
        return {"numbers": self.publications()}

    def body_nodes(self) -> list[nodes.Node]:
        """The body is data (publication numbers), drawn from the record."""
        return []


def setup_patent(app: Sphinx) -> None:
    app.add_directive("patent", PatentDirective)
