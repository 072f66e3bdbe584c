# The project every malformed input of the corpus is dropped into (as bad.md or refs.bib).
project = "Corpus"
author = "Ada Example"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "portfolio"]
exclude_patterns = ["_build", "expect"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "portfolio"
portfolio_owner_names = ["Example, A."]
html_copy_source = False
