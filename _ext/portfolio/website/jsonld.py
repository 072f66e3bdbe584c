"""JSON inside ``<script>`` elements that no value can break out of: JSON-LD for search
engines, and the script's words."""

from __future__ import annotations

import json
from typing import Any


def json_script(data: dict[str, Any], mime: str, element_id: str = "") -> str:
    """A script element holding ``data``. ``<``, ``>`` and ``&`` are written as JSON escapes, so no
    value can close the script or open a comment that swallows the rest of the page."""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True)
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    id_attribute = f' id="{element_id}"' if element_id else ""
    return f'<script type="{mime}"{id_attribute}>{payload}</script>'


def json_ld(data: dict[str, Any]) -> str:
    return json_script(data, "application/ld+json")
