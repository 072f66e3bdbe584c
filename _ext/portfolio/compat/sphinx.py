"""Sphinx's private names that the extension needs, in one place.

Sphinx parses each translated message (a ``.po`` file's msgstr) with the module function
``sphinx.transforms.i18n._publish_msgstr``, and offers no hook around it: the parse reads
files (``include``) before any transform could look at the result.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sphinx.transforms import i18n as _i18n

#: what ``wrap_msgstr_parser`` takes: a function from Sphinx's parser to its replacement
Wrapper = Callable[[Callable[..., Any]], Callable[..., Any]]


def wrap_msgstr_parser(wrapper: Wrapper) -> None:
    """Parse every translated message through ``wrapper(<Sphinx's parser>)``; once per process,
    however many applications set the extension up (global state)."""
    current = _i18n._publish_msgstr
    if not getattr(current, "portfolio_wrapped", False):
        wrapped = wrapper(current)
        wrapped.portfolio_wrapped = True  # type: ignore[attr-defined]
        _i18n._publish_msgstr = wrapped
