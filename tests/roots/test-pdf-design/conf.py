# The PDF's design settings at their defaults; the tests set each one with confoverrides.
project = "Design"
author = "Dr. Dana Example"
copyright = "2026, Dana Example"
extensions = ["myst_parser", "portfolio"]
exclude_patterns = ["_build"]
nitpicky = True
html_baseurl = "https://dana.example.org/"
