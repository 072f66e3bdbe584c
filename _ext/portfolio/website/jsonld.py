"""JSON-LD blocks that no field can break out of."""

from __future__ import annotations

import json
from typing import Any


def json_ld(data: dict[str, Any]) -> str:
    """A JSON-LD script element. ``<``, ``>`` and ``&`` are written as JSON escapes, so no field
    can close the script or open a comment that swallows the rest of the page."""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True)
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{payload}</script>'
