extensions = ["myst_parser", "sphinxcontrib.bibtex", "portfolio"]
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "portfolio"
bibtex_reference_style = "label"
portfolio_owner_names = ["Example, A."]
nitpicky = True
