# One publication list grouped by year (bibliography's :group: year).
project = "Years"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "portfolio"]
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "portfolio"
portfolio_owner_names = ["Owner, A."]
