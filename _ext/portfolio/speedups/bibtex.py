"""sphinxcontrib-bibtex's formatted entries, kept where nothing they are made from changed.

After every read, also one that read no page at all, sphinxcontrib-bibtex formats every entry
of every bibliography again: a fifth of a second for fifty papers here, seconds for thousands.
Its results are kept with the environment. Where the pages read or removed in this build held
no bibliography and no citation before and hold none now, and the bib files and the order of
the pages are the same (and so is the builder, which decides whether papers have pages), they are
kept as they are and its handler does not run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..compat import bibtex as compat
from ..compat.sphinx import replace_handler
from ..domain import cv_domain
from ..incremental import changed_pages, digest
from ..state import build_state
from .switch import Speedup, is_on

SPEEDUP = Speedup(
    "bibtex_formatting",
    "sphinxcontrib-bibtex's env-updated handler and its domain's records",
    compat.has_env_updated_handler,
)


def formatted_again(app: Sphinx) -> bool:
    """Whether sphinxcontrib-bibtex formatted the entries in this build (else they are the last build's)."""
    return build_state(app).formatted


def note_cited(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    """Before the changed pages are forgotten: which pages held bibliographies or citations."""
    build_state(app).cited_before = compat.pages_with_citations(env)
    return []


def when_needed(format_all: Callable[[Sphinx, BuildEnvironment], Iterable[str]]) -> Callable[..., Any]:
    def env_updated(app: Sphinx, env: BuildEnvironment) -> Iterable[str]:
        state, kept = build_state(app), cv_domain(env).kept
        inputs = digest((compat.formatting_inputs(env), app.builder.name))
        cited = state.cited_before | compat.pages_with_citations(env)
        same = kept.bibtex_inputs == inputs and not changed_pages(app) & cited
        kept.bibtex_inputs = inputs
        state.formatted = not same
        return [] if same else format_all(app, env)

    env_updated.__doc__ = "sphinxcontrib-bibtex's ``env_updated``, where something it formats from changed."
    return env_updated


def format_when_needed(app: Sphinx) -> None:
    """Replace sphinxcontrib-bibtex's handler, once every extension is set up."""
    if not is_on(SPEEDUP):  # and a later build with it on formats afresh
        cv_domain(app.env).kept.bibtex_inputs = None
        return
    replace_handler(app, "env-updated", compat.env_updated_handler, when_needed)


def setup_reuse(app: Sphinx) -> None:
    app.connect("builder-inited", format_when_needed)
    app.connect("env-get-outdated", note_cited, priority=100)
