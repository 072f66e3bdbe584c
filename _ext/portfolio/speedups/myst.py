"""MyST's ``make_document`` with docutils' default settings worked out once, not per call.

MyST makes a throw-away document for every text it parses, even where Sphinx hands it one;
Sphinx parses every translated message on its own, and docutils' option parsing for each such
document was a sixth of a translated build. Same document, same settings.
"""

from __future__ import annotations

import inspect

from docutils import frontend, nodes
from docutils.parsers import Parser
from docutils.parsers.rst import Parser as RSTParser
from docutils.utils import new_document
from myst_parser.mdit_to_docutils import base

from .switch import Speedup, is_on

#: MyST's own function, put back where the speed-ups are off
ORIGINAL = getattr(base, "make_document", None)
#: global state: docutils' default settings per parser class, worked out once per process
_DEFAULT_SETTINGS: dict[type[Parser], frontend.Values] = {}


def make_document(source_path: str = "notset", parser_cls: type[Parser] = RSTParser) -> nodes.document:
    """MyST's ``make_document``, with the default settings of each parser class kept."""
    if parser_cls not in _DEFAULT_SETTINGS:
        _DEFAULT_SETTINGS[parser_cls] = frontend.get_default_settings(parser_cls)
    return new_document(source_path, settings=_DEFAULT_SETTINGS[parser_cls].copy())


def applies() -> bool:
    """MyST's function takes a path and a parser class and makes a document with that parser's
    default settings (what this one does too)."""
    if ORIGINAL is None:
        return False
    parameters = list(inspect.signature(ORIGINAL).parameters)
    return parameters == ["source_path", "parser_cls"] and {"get_default_settings", "new_document"} <= set(
        ORIGINAL.__code__.co_names
    )


SPEEDUP = Speedup("myst_document", "myst_parser.mdit_to_docutils.base.make_document", applies)


def install() -> None:
    """Global state: MyST's module function, replaced or put back for this build."""
    if ORIGINAL is not None:
        base.make_document = make_document if is_on(SPEEDUP) else ORIGINAL
