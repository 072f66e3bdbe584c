"""``python -m portfolio.speedups ARGS``: sphinx-build as ``nox -s build`` runs it (``exit.py``)."""

import sys

from .exit import main

sys.exit(main(sys.argv[1:]))
