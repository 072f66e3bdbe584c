"""Sphinx configuration of the portfolio.

Everything personal lives in the block below, in index.md, sections/ and refs.bib;
every other setting here derives from the block, and the extension in _ext/ is generic,
so a fork changes only these files (`nox -s new -- "Full Name"` writes all of them).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

# >>> personal: everything about you that is not content (nox -s new and nox -s import-rendercv rewrite this block)
NAME = "Sebastian Lapuschkin"  # your name as the site shows it
FULL_NAME = "Dr. Sebastian Lapuschkin"  # with titles, as the PDF's header and metadata show it
SITE_URL = "https://sebastian-lapuschkin.readthedocs.io/en/latest/"  # the site's address where no host sets one
INVENTORY_NAME = "lapuschkin"  # what other projects call this site in their intersphinx_mapping
BIB_NAMES = ["Lapuschkin, S.", "Bach, S."]  # your name as refs.bib spells it: set in bold
PDF_KEYWORDS = [
    "curriculum vitae",
    "Explainable AI",
    "XAI",
    "machine learning",
    "Layer-wise Relevance Propagation",
]  # the PDF's keywords
DESCRIPTION = (
    "Dr. Sebastian Lapuschkin heads the Explainable Artificial Intelligence group at Fraunhofer HHI in Berlin. "
    "CV, publications, talks, software and funded projects."
)  # the landing page's description for search engines
# <<< personal

project = html_title = ogp_site_name = NAME
author = FULL_NAME
copyright = f"2026, {NAME}"
language = "en"
# The site's languages: the first at the site's root, each other one in a folder of its own
# (_build/html/de/), built from the translations in locales/ (README: "Translations").
portfolio_languages = ["en", "de"]
locale_dirs = ["locales"]
gettext_compact = False  # one .po file per page: locales/de/LC_MESSAGES/sections/talks.po

# portfolio before sphinxext.opengraph: it keeps opengraph from announcing on every build that
# matplotlib (for social cards, which are off below) is not installed
extensions = [
    "myst_parser",
    "sphinxcontrib.bibtex",
    "sphinx.ext.githubpages",
    "portfolio",
    "sphinxext.opengraph",
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
portfolio_pdf_keywords = PDF_KEYWORDS
# The PDFs written beside the site (README: "The PDF CV"); the first is the full CV, the one
# ReadTheDocs offers and the profile links. They choose kinds of entry rather than pages, so
# they fit any content (a fork's, an imported RenderCV file's); titles are given per language.
portfolio_pdf_variants = {
    "cv": {
        "title": {"en": "Full CV", "de": "Vollständiger Lebenslauf"},
        "description": {
            "en": "every position, talk, paper and project",
            "de": "alle Positionen, Vorträge, Publikationen und Projekte",
        },
    },
    "short": {
        "title": {"en": "Two-page CV", "de": "Lebenslauf auf zwei Seiten"},
        "description": {
            "en": "for grant proposals, with selected publications",
            "de": "für Förderanträge, mit ausgewählten Publikationen",
        },
        "theme": "modern",
        "kinds": ["position", "education", "grant", "award"],
        "descriptions": False,
        "publications": "selected",
        "max_pages": 2,
    },
    "publications": {
        "title": {"en": "Publication list", "de": "Publikationsliste"},
        "description": {
            "en": "every paper, with its arXiv and code addresses",
            "de": "alle Publikationen, mit ihren arXiv- und Code-Adressen",
        },
        "kinds": [],
        "prose": False,
    },
}

# -- publications --------------------------------------------------------------------------
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "portfolio"
# Every spelling of the owner's name in refs.bib; these are set in bold.
portfolio_owner_names = BIB_NAMES
bibtex_reference_style = "label"
# Hover texts on citations would format every entry a second time (~0.1 s a build).
bibtex_tooltips = False

# -- HTML ----------------------------------------------------------------------------------
# The site's address: ReadTheDocs sets it for its builds, the GitHub Pages workflow
# (.github/workflows/pages.yml) passes Pages' address; elsewhere SITE_URL (none: no address anywhere).
_site = os.environ.get("READTHEDOCS_CANONICAL_URL") or os.environ.get("PORTFOLIO_SITE_URL") or SITE_URL
html_baseurl = _site.rstrip("/") + "/" if _site else ""
# sitemap.xml and Open Graph tags use the same address.
ogp_site_url = html_baseurl
ogp_enable_meta_description = True
ogp_social_cards = {"enable": False}
# The name other projects give this site in their intersphinx_mapping.
portfolio_inventory_name = INVENTORY_NAME
# The landing page's meta description (search results, link previews).
portfolio_description = DESCRIPTION
html_theme = "furo"
html_show_sourcelink = False
html_copy_source = False

# -- Other builders ------------------------------------------------------------------------
# `sphinx-build -b latex` (README: "Supported builders and versions"): XeLaTeX sets every character
# the sources have, where pdfLaTeX stops at some (a paper title's superscript ˣ).
latex_engine = "xelatex"
