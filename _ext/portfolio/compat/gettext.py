"""Every use of the private names of Python's ``gettext``."""

from __future__ import annotations

import gettext
from pathlib import Path
from typing import Any


def forget_catalogs(folders: list[Path]) -> None:
    """``gettext.translation`` keeps every catalog file it read for the life of the process
    (``gettext._translations``, by path), and offers no way to read one again: a process that
    builds again (``nox -s serve``, the tests) would go on with a ``.po`` file's old words."""
    cached: dict[tuple[Any, str], Any] = gettext._translations  # type: ignore[attr-defined]
    for key in [key for key in cached if any(Path(key[1]).is_relative_to(folder) for folder in folders)]:
        del cached[key]
