# Bibliographies as the tools export them (al-folio with its fields, IEEE Xplore, the ACM Digital
# Library, Zotero's BibTeX and BibLaTeX exports, Google Scholar, Crossref/ORCID, DBLP), written for
# these tests from each tool's published format; the entries are fictional. publications.md is the
# page the starter writes (nox -s new).
project = "Ada Example"
author = "Dr. Ada Example"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "portfolio"]
exclude_patterns = ["_build"]
nitpicky = True
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = [
    "alfolio.bib",
    "ieee.bib",
    "acm.bib",
    "zotero.bib",
    "zotero-biblatex.bib",
    "scholar.bib",
    "crossref.bib",
    "dblp.bib",
]
bibtex_default_style = "portfolio"
bibtex_reference_style = "label"
bibtex_tooltips = False
portfolio_owner_names = ["Example, A."]
html_baseurl = "https://ada.example.org/"
html_theme = "furo"
