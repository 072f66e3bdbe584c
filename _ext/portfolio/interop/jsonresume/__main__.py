"""``python -m portfolio.interop.jsonresume resume.json``: see ``write.py``."""

import sys

from .write import main

sys.exit(main())
