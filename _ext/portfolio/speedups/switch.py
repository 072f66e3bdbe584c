"""The one switch of every speed-up: ``portfolio_speedups`` (default True).

A speed-up changes how fast a build runs, never what it writes. Each leans on something of another
package (or of Python) that a release may change, so each says what that is and checks that it is
still as expected: where it is not, the speed-up turns itself off with one warning
``portfolio.speedups`` and the build goes on as without it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sphinx.application import Sphinx
from sphinx.config import Config

from ..config import portfolio_settings
from ..warnings import Subtype, warn


@dataclass(frozen=True)
class Speedup:
    """One speed-up: what it relies on, and whether the installed versions still have it."""

    #: its name, in the warning that turns it off
    name: str
    #: what of another package (or of Python) it changes or relies on
    target: str
    #: whether that target is as the speed-up expects, in the installed versions
    applies: Callable[[], bool]


#: global state: the speed-ups on for the build under way (one build at a time in a process),
#: set when its settings are read
_ON: set[str] = set()


def is_on(speedup: Speedup) -> bool:
    return speedup.name in _ON


def choose(app: Sphinx, config: Config, speedups: Iterable[Speedup]) -> None:
    """Turn on those of ``speedups`` that apply, where ``portfolio_speedups`` is on."""
    _ON.clear()
    if not portfolio_settings(config).speedups:
        return
    for speedup in speedups:
        if speedup.applies():
            _ON.add(speedup.name)
        else:
            warn(
                f"speed-up {speedup.name!r} is off: {speedup.target} is not as it expects in the installed "
                "versions; the build goes on without it (see _ext/portfolio/speedups/)",
                Subtype.SPEEDUPS,
                f"{app.confdir / 'conf.py'}:1",
            )
