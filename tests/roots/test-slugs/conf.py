# each test names the owner: project = "<name>"
project = "Ada Example"
extensions = ["myst_parser", "portfolio"]
exclude_patterns = ["_build"]
html_baseurl = "https://cv.example.org/"
nitpicky = True
