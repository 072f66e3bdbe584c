"""``patent``: a patent family; each body line is one publication number.

Body lines read ``OFFICE NUMBER [KIND] | granted|published YYYY-MM-DD [| title]``:
data, not Markdown, so each number is validated with its own line number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docutils import nodes
from sphinx.application import Sphinx

from ..dates import CVDate, DateError, parse_date
from ..nodes import cv_sep, cv_time
from ..warnings import Subtype
from .base import CardDirective, Values

_NUMBER_RE = re.compile(r"^(?P<office>[A-Z]{2})\s+(?P<number>[0-9][0-9/ ]*?)(?:\s+(?P<code>[A-Z][0-9]?))?$")
STATUSES = ("granted", "published", "filed")


@dataclass(frozen=True)
class PatentPublication:
    """One publication number of a family."""

    office: str
    number: str
    code: str
    status: str
    date: CVDate
    title: str

    @property
    def label(self) -> str:
        return " ".join(p for p in (self.office, self.number, self.code) if p)


class PatentDirective(CardDirective):
    """A patent family; the argument is its title, the body its publication numbers."""

    kind = "patent"

    def publications(self) -> list[PatentPublication]:
        """Parse the body; each bad line is warned about with its own line and left out."""
        found = []
        for offset, line in enumerate(self.content):
            if not line.strip():
                continue
            location = (self.env.docname, self.content_line(offset))
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
            found.append(PatentPublication(match["office"], match["number"].strip(), match["code"] or "",
                                           status_date[0].lower(), date, title))
        if not found:
            self.warn("no publication numbers in the body", Subtype.MISSING_OPTION)
        return found

    def content_line(self, offset: int) -> int:
        """The file line of a body line: MyST counts content from the directive, rST from the file."""
        base = self.content_offset if self.content_offset >= self.lineno else self.lineno + self.content_offset
        return base + offset + 1

    def read_options(self) -> Values:
        values = super().read_options()
        self._publications = self.publications()
        return values

    def sort_key(self, values: Values) -> str:
        return max((p.date.key for p in self._publications), default="")

    def body_nodes(self) -> list[nodes.Node]:
        family = self.title
        items = nodes.bullet_list(classes=["cv-patent-numbers"])
        for pub in self._publications:
            para = nodes.paragraph()
            para += nodes.strong(pub.label, pub.label, classes=["cv-patent-number"])
            para += cv_sep(" — ", " — ")
            para += nodes.Text(f"{pub.status} ")
            para += cv_time(pub.date.label, pub.date.label, datetime=pub.date.iso)
            if pub.title != family:
                para += cv_sep(" — ", " — ")
                para += nodes.emphasis(pub.title, pub.title)
            items += nodes.list_item("", para)
        return [items] if len(items) else []


def setup_patent(app: Sphinx) -> None:
    app.add_directive("patent", PatentDirective)
