"""Python's garbage collector, set for the length of a build.

A build makes and drops millions of small objects (docutils nodes, Jinja's output); with the
default thresholds the collector walks the whole heap, the loaded environment included, again
and again: a fifth of a rebuild's time here. During a build it runs less often (generation 0
after 50,000 allocations instead of 700); cycles are still collected, only later. The settings
before the build are put back when it ends, for a process that goes on (``nox -s serve``, tests).
``nox -s serve`` also moves what it set up before a build out of the collector's way (``freeze``).
"""

from __future__ import annotations

import gc

from sphinx.application import Sphinx
from sphinx.config import Config

from .switch import Speedup, is_on

#: during a build: (generation 0, 1, 2), see ``gc.set_threshold``
THRESHOLDS = (50_000, 20, 10)
#: global state: the thresholds before the build, to put back
_BEFORE: list[tuple[int, ...]] = []


def applies() -> bool:
    """The collector has three generations with a threshold each, and can freeze what exists."""
    return len(gc.get_threshold()) == len(THRESHOLDS) and callable(getattr(gc, "freeze", None))


SPEEDUP = Speedup("collector", "gc.set_threshold and gc.freeze (Python's garbage collector)", applies)


def relax(app: Sphinx, config: Config) -> None:
    """From the settings on (before the pickled environment is loaded) to the end of the build."""
    if is_on(SPEEDUP):
        _BEFORE.append(gc.get_threshold())
        gc.set_threshold(*THRESHOLDS)


def restore(app: Sphinx, exception: Exception | None) -> None:
    if _BEFORE:
        gc.set_threshold(*_BEFORE.pop())


def freeze() -> None:
    """What a long-lived process set up for its next build lives through that build: the collector
    need not look at it (``nox -s serve``, once the application is set up)."""
    if is_on(SPEEDUP):
        gc.freeze()


def unfreeze() -> None:
    gc.unfreeze()
