"""Files the build writes beside its pages (resume.json, BibTeX, the PDF): rewritten only when
their content changes, so a build that changes nothing touches nothing."""

from __future__ import annotations

from pathlib import Path


def write_if_changed(path: Path, data: bytes | str) -> bool:
    """Write ``data`` to ``path`` unless it holds exactly that already; True if written."""
    content = data.encode("utf-8") if isinstance(data, str) else data
    if path.is_file() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return True
