# Page breaks: headings, year labels and a section's few lines of lead over many entries of
# different heights, so that in either theme some of them fall at a page's foot.
project = "Breaks"
author = "Dr. Bo Example"
copyright = "2026, Bo Example"
extensions = ["myst_parser", "portfolio"]
exclude_patterns = ["_build"]
nitpicky = True
portfolio_pdf_variants = {
    "cv": {"title": "Full CV"},
    "short": {"title": "Short CV", "descriptions": False},
}
