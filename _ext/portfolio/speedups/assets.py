"""The style sheets' and scripts' tags made once per build, not for every page.

Every page links the same style sheets and scripts, and Sphinx works out each one's checksum and
path anew for every page (a third of a paper page's time at 2,000 papers). The tag depends only
on the file, its attributes and the page's depth: made once per build for each.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from .switch import Speedup, is_on

#: what Sphinx's tag functions may depend on: the page's ``pathto``, the output folder, the builder
DEPENDS_ON = frozenset({"pathto", "outdir", "self"})
#: global state: the tags made in the build under way (each worker process keeps its own)
_TAGS: dict[tuple[Any, ...], str] = {}


def applies() -> bool:
    """Sphinx makes ``css_tag`` and ``js_tag`` for each page in ``handle_page``, from nothing but the
    asset, the page's ``pathto``, the output folder and the builder."""
    functions = {
        code.co_name: code
        for code in StandaloneHTMLBuilder.handle_page.__code__.co_consts
        if hasattr(code, "co_freevars")
    }
    return all(name in functions and set(functions[name].co_freevars) <= DEPENDS_ON for name in ("css_tag", "js_tag"))


SPEEDUP = Speedup("asset_tags", "css_tag and js_tag of Sphinx's StandaloneHTMLBuilder.handle_page", applies)


def forget(app: Sphinx) -> None:
    _TAGS.clear()


def shared_asset_tags(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if not is_on(SPEEDUP):
        return
    root = context.get("content_root", "")
    for name in ("css_tag", "js_tag"):
        made = context.get(name)
        if made is None:
            continue

        def shared(asset: Any, made: Any = made, name: str = name) -> str:
            attributes = getattr(asset, "attributes", {})
            key = (name, root, str(asset), getattr(asset, "filename", ""), tuple(sorted(attributes.items())))
            if key not in _TAGS:
                _TAGS[key] = made(asset)
            return _TAGS[key]

        context[name] = shared
