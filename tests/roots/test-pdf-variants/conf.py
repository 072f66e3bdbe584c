# Several PDFs from one source: a full CV, a one-page CV with selected papers in the modern
# theme on US letter, recent papers only, and a CV over its page budget.
project = "Variants"
author = "Dr. Vera Example"
copyright = "2026, Vera Example"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "portfolio"]
exclude_patterns = ["_build"]
nitpicky = True
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "portfolio"
bibtex_reference_style = "label"
bibtex_tooltips = False
portfolio_owner_names = ["Example, V."]
html_baseurl = "https://vera.example.org/cv/"
portfolio_pdf_variants = {
    "full": {"title": "Full CV", "description": "everything"},
    "short": {
        "title": {"en": "One-page CV", "de": "Lebenslauf auf einer Seite"},
        "description": {"en": "for grant proposals", "de": "für Förderanträge"},
        "theme": "modern",
        "paper": "us-letter",
        "sections": ["index#short-bio", "sections/experience", "sections/publications"],
        "kinds": ["position"],
        "descriptions": False,
        "publications": "selected",
        "titles": {"sections/publications": "Selected publications"},
        "tags": ["short"],
        "max_pages": 1,
    },
    "recent": {
        "title": "Recent papers",
        "sections": ["sections/publications"],
        "since": 2020,
        "limit": 2,
    },
    "budget": {
        "title": "Over budget",
        "exclude": ["index#short-bio"],
        "paper": "a6",
        "max_pages": 1,
    },
}
