# Every PDF setting with a value that cannot be used: each warns at its line and the default is used.
project = "Bad Settings"
author = "Dr. Bea Example"
copyright = "2026, Bea Example"
extensions = ["myst_parser", "portfolio"]
exclude_patterns = ["_build"]
portfolio_pdf_theme = "baroque"
portfolio_pdf_paper = "a44"
portfolio_pdf_accent = "blue; #panic()"
portfolio_pdf_font = "No Such Font"
portfolio_pdf_font_size = 200
portfolio_pdf_margins = {"left": "2cm); #panic(", "top": "1cm"}
portfolio_pdf_date_format = "%Y"
portfolio_pdf_last_updated = "Updated"
portfolio_pdf_website = "yes"
portfolio_pdf_sections = "index"
portfolio_pdf_write = "everything"
portfolio_pdf_variants = {
    "main": {
        "title": "Main",
        "name": "elsewhere.pdf",
    },
    "Bad Id": {"title": "Left out"},
    "second": {
        "colour": "#ff0000",
        "kinds": ["position", "hobby"],
        "publications": "some",
        "limit": -1,
        "max_pages": "two",
        "paper": "a3",
        "sections": ["index", "nowhere", "index#no-such-section"],
        "name": "../escape.pdf",
    },
}
