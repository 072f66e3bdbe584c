# A builder we never wrote visitors for: cards must fall back to docutils' own nodes.
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
project = "Fallback"
extensions = ["myst_parser", "portfolio", "otherbuilder"]
exclude_patterns = ["_build"]
