"""What an import did: one report for every command that brings content in (RenderCV, JSON Resume,
ORCID, enrich), printed at the end and never silent.

A *warning* is something the input said that could not be written exactly (a free-text date, a
link that is not http(s)); a *note* is a line about the run (an ignored part, where private data
went); *added* and *skipped* list what a merge into an existing project wrote and what it left
out because the project has it already.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Report:
    """Everything the command has to say, in the order it is printed."""

    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: cards and blocks written, by directive ("position", "bibliography", "bullet item")
    directives: Counter[str] = field(default_factory=Counter)
    #: the pages written, as project paths
    pages: list[str] = field(default_factory=list)
    #: publications written to refs.bib
    publications: int = 0
    #: of them, those marked ``selected = {true}`` (a replacing import's first few)
    selected: int = 0
    #: what a merge added ("refs.bib: @article{doe2020x} DOI 10.1000/x")
    added: list[str] = field(default_factory=list)
    #: what a merge left out, with why ("... : refs.bib has it already (doe2020x, same DOI)")
    skipped: list[str] = field(default_factory=list)

    def warn(self, where: str, what: str) -> None:
        self.warnings.append(f"warning: {where}: {what}")

    def add(self, what: str) -> None:
        self.added.append(f"added: {what}")

    def skip(self, what: str) -> None:
        self.skipped.append(f"skipped: {what}")

    def lines(self) -> list[str]:
        """The notes and warnings, then the summary of a replacing import."""
        counts = ", ".join(f"{kind} {n}" for kind, n in sorted(self.directives.items()))
        return [
            *self.notes,
            *self.warnings,
            f"pages written: {len(self.pages)} ({', '.join(self.pages)})",
            f"entries per directive: {counts or 'none'}",
            f"publications: {self.publications} in refs.bib"
            + (
                f" (the first {self.selected} marked selected = {{true}}: "
                "choose the selection for the short PDFs there)"
                if self.selected
                else ""
            ),
            f"warnings: {len(self.warnings)}",
        ]

    def merge_lines(self) -> list[str]:
        """The notes, what was added and skipped, the warnings, then the counts of a merge."""
        return [
            *self.notes,
            *self.added,
            *self.skipped,
            *self.warnings,
            f"added: {len(self.added)}, skipped: {len(self.skipped)}, warnings: {len(self.warnings)}",
        ]


class NullReport(Report):
    """Swallows warnings given once already (a second look at the same value)."""

    def warn(self, where: str, what: str) -> None:
        pass
