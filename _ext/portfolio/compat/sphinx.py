"""Every use of Sphinx's private names, for each Sphinx the extension supports (8.2 and 9.x).

Sphinx parses each translated message (a ``.po`` file's msgstr) with a module function of
``sphinx.transforms.i18n`` (``publish_msgstr`` in 8.2, ``_publish_msgstr`` in 9.x, with other
parameters), and offers no hook around it: the parse reads files (``include``) before any
transform could look at the result.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sphinx
from docutils import nodes
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.transforms import i18n as _i18n

#: one translated message parsed: (its text, source path, line, docutils settings) to its nodes
MsgstrParser = Callable[[str, str, int, Any], nodes.Element]


def builder_class(env: BuildEnvironment) -> type[Builder]:
    """The class of the builder the environment is built for, where a transform has the
    environment but no builder: Sphinx 9 keeps it as ``env._builder_cls`` (and deprecates
    ``env.app``); Sphinx 8.2 has only the application's builder."""
    if sphinx.version_info >= (9,):
        return env._builder_cls
    return type(env.app.builder)


def wrap_msgstr_parser(wrapper: Callable[[MsgstrParser], MsgstrParser]) -> None:
    """Parse every translated message through ``wrapper(<Sphinx's parse>)``; once per process,
    however many applications set the extension up (global state)."""
    name = "_publish_msgstr" if sphinx.version_info >= (9,) else "publish_msgstr"
    current = getattr(_i18n, name)
    if getattr(current, "portfolio_wrapped", False):
        return

    if sphinx.version_info >= (9,):

        def replacement(source: str, source_path: str, source_line: int, **kwargs: Any) -> nodes.Element:
            def parse(text: str, path: str, line: int, settings: Any) -> nodes.Element:
                return current(text, path, line, **{**kwargs, "settings": settings})

            return wrapper(parse)(source, source_path, source_line, kwargs["settings"])

    else:

        def replacement(  # type: ignore[misc]
            app: Any, source: str, source_path: str, source_line: int, config: Any, settings: Any
        ) -> nodes.Element:
            def parse(text: str, path: str, line: int, settings: Any) -> nodes.Element:
                return current(app, text, path, line, config, settings)

            return wrapper(parse)(source, source_path, source_line, settings)

    replacement.portfolio_wrapped = True  # type: ignore[attr-defined]
    setattr(_i18n, name, replacement)
