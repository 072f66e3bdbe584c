"""Every use of Sphinx's private names, for each Sphinx the extension supports (8.2 and 9.x)."""

from __future__ import annotations

import sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment


def builder_class(env: BuildEnvironment) -> type[Builder]:
    """The class of the builder the environment is built for, where a transform has the
    environment but no builder: Sphinx 9 keeps it as ``env._builder_cls`` (and deprecates
    ``env.app``); Sphinx 8.2 has only the application's builder."""
    if sphinx.version_info >= (9,):
        return env._builder_cls
    return type(env.app.builder)
