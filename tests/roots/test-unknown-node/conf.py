import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
project = "Unknown Node"
author = "Eve Example"
extensions = ["myst_parser", "portfolio", "mystery"]
exclude_patterns = ["_build"]
