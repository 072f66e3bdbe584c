# A complete, fictional portfolio: every directive, publications with links, a linking page.
# The extension's site-level tests (browser, determinism, intersphinx) build this project.
project = "Ada Example"
author = "Dr. Ada Example"
copyright = "2026, Ada Example"
version = "1"
language = "en"
# portfolio before sphinxext.opengraph: no "matplotlib is not installed" line on every build
extensions = ["myst_parser", "sphinxcontrib.bibtex", "portfolio", "sphinxext.opengraph"]
exclude_patterns = ["_build"]
nitpicky = True
myst_enable_extensions = ["deflist", "colon_fence", "fieldlist"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "portfolio"
bibtex_reference_style = "label"
bibtex_tooltips = False
portfolio_owner_names = ["Example, A."]
portfolio_inventory_name = "ada"
html_baseurl = "https://ada.example.org/"
ogp_site_url = html_baseurl
ogp_enable_meta_description = True
ogp_social_cards = {"enable": False}
html_theme = "furo"
html_title = "Ada Example"
html_show_sourcelink = False
html_copy_source = False
# English at the root, German in de/ (built with -D language=de from locales/de/)
portfolio_languages = ["en", "de"]
locale_dirs = ["locales"]
gettext_compact = False
