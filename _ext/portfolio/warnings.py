"""One place for the extension's warnings, so each has type ``portfolio`` and a subtype.

``suppress_warnings = ["portfolio.date"]`` silences one kind; ``-W`` fails on any.
"""

from __future__ import annotations

from typing import Any

from sphinx.util import logging

logger = logging.getLogger("portfolio")

TYPE = "portfolio"


def warn(message: str, subtype: str, location: Any) -> None:
    """Warn with file and line; ``location`` is a node or ``(docname, line)``."""
    logger.warning(message, location=location, type=TYPE, subtype=subtype)
