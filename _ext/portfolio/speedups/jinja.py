"""The theme's templates compiled once, not in every build (a tenth of a second a build here).

Jinja's bytecode goes into Jinja's own cache folder for the user, as Python keeps its own beside
the modules; each template is checked against its source when a build starts, not again for every
page and every template it includes (17 a page with furo). Set on the Jinja environment of
Sphinx's template loader, which furo renders with.
"""

from __future__ import annotations

import inspect
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from sphinx.jinja2glue import BuiltinTemplateLoader

from .switch import Speedup, is_on


def applies() -> bool:
    """Sphinx's loader keeps its Jinja environment as ``environment``, and Jinja's environments
    take a bytecode cache and ``auto_reload``."""
    parameters = inspect.signature(Environment).parameters
    return (
        "environment" in BuiltinTemplateLoader.init.__code__.co_names
        and "bytecode_cache" in parameters
        and "auto_reload" in parameters
    )


SPEEDUP = Speedup("jinja_templates", "sphinx.jinja2glue.BuiltinTemplateLoader.environment (Jinja)", applies)


def compile_once(templates: Any) -> None:
    """After the builder set up its templates (``init_templates``)."""
    environment = getattr(templates, "environment", None)
    if is_on(SPEEDUP) and isinstance(environment, Environment):
        if environment.bytecode_cache is None:
            environment.bytecode_cache = FileSystemBytecodeCache()
        environment.auto_reload = False
