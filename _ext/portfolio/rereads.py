"""Pages Sphinx does not read again although they changed: a toctree listing a removed page.

Sphinx keeps the toctree of an unchanged page as it was read, so after a page is
deleted every page written warns that the toctree refers to it (once per page of
the site). The pages whose toctree lists a removed page are read again instead:
their toctree directive warns once, at its line, and the navigation is right.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment


def toctrees_listing_removed(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    return sorted(doc for doc, listed in env.toctree_includes.items() if doc not in removed and removed & set(listed))


def setup_rereads(app: Sphinx) -> None:
    app.connect("env-get-outdated", toctrees_listing_removed)
