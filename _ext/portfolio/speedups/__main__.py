"""``python -m portfolio.speedups ARGS``: sphinx-build as ``nox -s build`` runs it (``fast_exit.py``)."""

import sys

from .fast_exit import main

sys.exit(main(sys.argv[1:]))
