project = "Cards"
copyright = "2026, Example"
version = "1"
extensions = ["myst_parser", "portfolio"]
exclude_patterns = ["_build"]
nitpicky = True
