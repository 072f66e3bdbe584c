extensions = ["myst_parser", "portfolio"]
exclude_patterns = ["_build"]
