project = "Escape Test"
author = "Eve Example"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "portfolio"]
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "portfolio"
portfolio_owner_names = ["Example, E."]
portfolio_pdf_keywords = ["CV", "testing"]
