"""Reading a file someone sent (a RenderCV YAML, a JSON Resume) with bounds: its size, the
expansion of its YAML aliases and its nesting are checked before anything is built from it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

#: the largest CV file read (a long CV is some tens of kB)
MAX_BYTES = 2_000_000
#: how large a YAML file may become once its aliases are expanded: as large as it may be written out
MAX_EXPANDED = MAX_BYTES


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def expanded_size(root: yaml.Node, limit: int = MAX_EXPANDED) -> int:
    """How large the YAML document is with every alias expanded (one per value and one per character
    of text; at most ``limit + 1``), in time linear in its nodes: nine levels of aliases in a few
    hundred bytes stand for billions of values (an "alias bomb"). A recursive alias is refused."""
    sizes: dict[int, int] = {}
    ancestors: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            ancestors.discard(key)
            own = len(node.value) if isinstance(node, yaml.ScalarNode) else 0
            sizes[key] = min(limit + 1, 1 + own + sum(sizes[id(child)] for child in _children(node)))
        elif key in ancestors:
            raise ValueError("a YAML alias refers to a value that holds it (a recursive alias)")
        elif key not in sizes:
            ancestors.add(key)
            stack.append((node, True))
            stack += [(child, False) for child in _children(node)]
    return sizes[id(root)]


def checked_size(path: Path) -> None:
    if path.stat().st_size > MAX_BYTES:
        raise ValueError(f"larger than {MAX_BYTES // 1_000_000} MB; is this a CV?")


def read_yaml(path: Path) -> Any:
    """The YAML file's data, with its size and its aliases checked before anything is built from it.
    Raises ValueError (or yaml.YAMLError, RecursionError, OSError) for what cannot be read."""
    checked_size(path)
    loader = yaml.SafeLoader(path.read_text(encoding="utf-8"))
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if expanded_size(node) > MAX_EXPANDED:
            raise ValueError(f"its aliases expand to more than {MAX_EXPANDED:,} characters (an alias bomb?)")
        return loader.construct_document(node)
    finally:
        loader.dispose()


def read_json(path: Path) -> Any:
    """The JSON file's data, its size checked first; ValueError for what is not JSON (or RecursionError
    for nesting deeper than Python reads)."""
    checked_size(path)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise ValueError(f"not JSON: {err}") from err


def read_data(path: Path) -> Any:
    """A JSON file, or a YAML one by its suffix (JSON Resume tools read both)."""
    return read_yaml(path) if path.suffix.lower() in (".yaml", ".yml") else read_json(path)
