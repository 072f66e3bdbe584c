# A small German portfolio for the browser tests of the layout: a heading that names the cards'
# organisation, talks under a heading that names their kind, a long German title, German search.
project = "Ada Beispiel"
author = "Dr. Ada Beispiel"
language = "de"
extensions = ["myst_parser", "portfolio"]
exclude_patterns = ["_build"]
nitpicky = True
myst_enable_extensions = ["colon_fence"]
html_theme = "furo"
html_title = "Ada Beispiel"
html_show_sourcelink = False
html_copy_source = False
portfolio_pdf = False
