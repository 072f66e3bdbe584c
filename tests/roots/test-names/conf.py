extensions = ["myst_parser", "sphinxcontrib.bibtex", "portfolio"]
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "portfolio"
# the owner as one spelling with initials, one with a full first name and LaTeX, one composed
portfolio_owner_names = ["Example, A.", "Mar{\\'\\i}a M{\\\"u}ller", "Núñez, Zoë"]
nitpicky = True
