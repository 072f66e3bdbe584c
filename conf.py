"""Sphinx configuration of Dr. Sebastian Lapuschkin's portfolio.

Everything personal lives here, in index.md, sections/ and refs.bib;
the extension in _ext/ is generic, so a fork changes only these files.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "Sebastian Lapuschkin"
author = "Dr. Sebastian Lapuschkin"
copyright = "2026, Sebastian Lapuschkin"
language = "en"

extensions = [
    "myst_parser",
    "sphinxcontrib.bibtex",
    "sphinx_sitemap",
    "sphinxext.opengraph",
    "portfolio",
]

root_doc = "index"
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build", ".*", "README.md", "tests"]
nitpicky = True

myst_enable_extensions = ["deflist", "colon_fence", "fieldlist"]
myst_heading_anchors = 3

# -- portfolio -----------------------------------------------------------------------------
# Phone and street address (profile options) are shown only when this is True.
portfolio_show_private_contact = False
# "newest" sorts each run of cards newest first; "source" keeps the written order.
portfolio_order = "newest"
# PDF metadata: the keywords a reader's PDF viewer and search engines see.
portfolio_pdf_keywords = ["curriculum vitae", "Explainable AI", "XAI", "machine learning",
                          "Layer-wise Relevance Propagation"]

# -- publications --------------------------------------------------------------------------
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "portfolio"
# Every spelling of the owner's name in refs.bib; these are set in bold.
portfolio_owner_names = ["Lapuschkin, S.", "Bach, S."]
bibtex_reference_style = "label"
# Hover texts on citations would format every entry a second time (~0.1 s a build).
bibtex_tooltips = False

# -- HTML ----------------------------------------------------------------------------------
# The site's address: ReadTheDocs sets it for its builds; elsewhere the default below.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "https://sebastian-lapuschkin.readthedocs.io/en/latest/")
# sitemap.xml and Open Graph tags use the same address.
sitemap_url_scheme = "{link}"
ogp_site_url = html_baseurl
ogp_site_name = "Sebastian Lapuschkin"
ogp_enable_meta_description = True
ogp_social_cards = {"enable": False}
# The name other projects give this site in their intersphinx_mapping.
portfolio_inventory_name = "lapuschkin"
html_theme = "furo"
html_title = "Sebastian Lapuschkin"
html_show_sourcelink = False
html_copy_source = False
