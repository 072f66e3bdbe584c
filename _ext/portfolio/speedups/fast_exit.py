"""``sphinx-build`` for ``nox -s build``: ``python -m portfolio.speedups ARGS``, ended without
taking its heap apart object by object (as mypy ends): a fifth of a rebuild's time here, a second
at 2,000 papers. Every file is written and closed by then; the standard streams are flushed.
``os._exit`` is Python's documented way to end a process without its clean-up."""

from __future__ import annotations

import os
import sys

from .switch import Speedup, is_on


def applies() -> bool:
    return callable(getattr(os, "_exit", None))


SPEEDUP = Speedup("fast_exit", "os._exit", applies)


def main(argv: list[str]) -> int:
    from sphinx.cmd.build import main as sphinx_build

    code = sphinx_build(argv)
    if is_on(SPEEDUP):  # as the build's settings said
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code
