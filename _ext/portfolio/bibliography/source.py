"""The bib files as text: where each entry starts, and which ones are commented out.

pybtex reports neither line numbers nor ``%``-commented entries (BibTeX has no
line comments, so ``% @article{...}`` is still an entry to it); a linear scan of
the text gives both, for warnings that name file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

#: ``@type{key`` at the start of a line, possibly after a ``%`` and other text on that line
_ENTRY_RE = re.compile(r"^[ \t]*(%[^\n@]*)?@[ \t]*([A-Za-z]+)[ \t]*[{(][ \t]*([^,\s]*)", re.MULTILINE)
_COMMENT_LINE_RE = re.compile(r"^[ \t]*%.*$", re.MULTILINE)
_SPECIAL = frozenset({"comment", "string", "preamble"})


@dataclass(frozen=True)
class BibEntrySpan:
    """Where an entry starts in its file, and its text up to the next entry."""

    #: the entry type, lower case
    type: str
    #: the key as written
    key: str
    #: the bib file
    path: Path
    #: the line of the ``@``
    line: int
    #: the text from the ``@`` to the next entry
    text: str
    #: the line starts with ``%``: the owner meant to hide it
    commented: bool

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def holds(self, path: Path, line: int) -> bool:
        """True if ``line`` of ``path`` is part of this entry."""
        return path == self.path and self.line <= line <= self.line + self.text.count("\n")

    @property
    def malformed(self) -> bool:
        """Unbalanced braces, or no closing brace at the end (comment lines aside)."""
        text = _COMMENT_LINE_RE.sub("", self.text).replace("\\{", "").replace("\\}", "").rstrip()
        return text.count("{") != text.count("}") or not text.endswith(("}", ")"))


def scan(path: Path) -> list[BibEntrySpan]:
    """Split a bib file at each ``@type{key``, with the line it starts on."""
    text = path.read_text(encoding="utf-8", errors="replace")
    matches = [m for m in _ENTRY_RE.finditer(text) if m.group(2).lower() not in _SPECIAL]
    spans = []
    line, counted = 1, 0
    for i, m in enumerate(matches):
        at = text.index("@", m.start() if m.group(1) is None else m.end(1))
        line += text.count("\n", counted, at)  # counted once from the previous entry: linear
        counted = at
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        spans.append(
            BibEntrySpan(
                m.group(2).lower(), m.group(3).strip(), path, line, text[at:end], commented=m.group(1) is not None
            )
        )
    return spans
