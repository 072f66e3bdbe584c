# Bib input that must warn: keys (300 characters, one in two cases, two that make one id), an entry
# no bibliography lists, one work exported twice (Google Scholar, ORCID/Crossref), file fields that
# lead out of the paper folder or name files that run script. papers/conf-link.pdf, a link to
# ../conf.py, is made by the test.
project = "Warnings"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "portfolio"]
exclude_patterns = ["_build"]
nitpicky = True
bibtex_bibfiles = ["keys.bib", "scholar.bib", "orcid.bib", "files.bib"]
bibtex_default_style = "portfolio"
portfolio_owner_names = ["Example, A."]
