"""Every use of Sphinx's private names and of its state with no public way to change it, for each
Sphinx the extension supports (8.2 and 9.x).

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
from sphinx import locale
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains.std import StandardDomain
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


def drop_empty_words(indexer: Any) -> None:
    """Words of the search index that no page holds any more: Sphinx's ``IndexBuilder`` removes a
    re-read page from every word (``_mapping``, ``_title_mapping``) but keeps the word itself."""
    for mapping in (getattr(indexer, "_mapping", {}), getattr(indexer, "_title_mapping", {})):
        for word in [word for word, pages in mapping.items() if not pages]:
            del mapping[word]


def set_label(std: StandardDomain, name: str, docname: str, anchor: str, title: str) -> None:
    """A label that ``:ref:`` and other projects' intersphinx find, made by another domain: the
    standard domain has ``note_hyperlink_target``, which warns about a label it replaces."""
    std.labels[name] = (docname, anchor, title)
    std.anonlabels[name] = (docname, anchor)


def remove_label(std: StandardDomain, name: str) -> None:
    """A label made with ``set_label`` forgotten (the standard domain clears labels per page only)."""
    std.labels.pop(name, None)
    std.anonlabels.pop(name, None)


def forget_translator(catalog: str, namespace: str = "general") -> None:
    """Sphinx keeps each catalog it loaded (``sphinx.locale.translators``) for the life of the
    process, with no public way to read one again."""
    locale.translators.pop((namespace, catalog), None)


def forget_static_checksums() -> None:
    """Sphinx caches each static file's checksum (the ``?v=`` of its links) for the life of the
    process: a process that builds again after a static file changed must work it out again."""
    from sphinx.builders.html import _assets

    getattr(_assets._file_checksum_inner, "cache_clear", lambda: None)()


def replace_handler(
    app: Sphinx, event: str, is_theirs: Callable[[Any], bool], replacement: Callable[[Any], Callable[..., Any]]
) -> None:
    """Another extension's handler of ``event`` (told by ``is_theirs``: Sphinx names no listener)
    replaced, at its priority, by what ``replacement`` makes of it."""
    for listener in list(app.events.listeners.get(event, [])):
        if is_theirs(listener.handler):
            app.disconnect(listener.id)
            app.connect(event, replacement(listener.handler), priority=listener.priority)
