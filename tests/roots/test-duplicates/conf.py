# Two pages claim one entry id; the test removes one page and rebuilds incrementally.
project = "Duplicates"
extensions = ["myst_parser", "portfolio"]
exclude_patterns = ["_build"]
portfolio_pdf = False
