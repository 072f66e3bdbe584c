"""``python -m portfolio.interop.rendercv CV.yaml``: see the package's docstring."""

import sys

from .write import main

sys.exit(main())
