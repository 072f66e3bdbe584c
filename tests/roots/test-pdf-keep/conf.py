# Entries of every length: a short one never splits across pages, a long one breaks cleanly.
project = "Keep"
author = "Kim Example"
copyright = "2026, Kim Example"
extensions = ["myst_parser", "portfolio"]
exclude_patterns = ["_build"]
