# A project with its own _static/portfolio.css: the project's file wins over the extension's.
project = "Static"
extensions = ["myst_parser", "portfolio"]
exclude_patterns = ["_build"]
html_static_path = ["_static"]
portfolio_pdf = False
