# Another lab's docs: stock Sphinx, MyST and intersphinx; no portfolio extension.
# The test points intersphinx_mapping at the freshly built tests/roots/test-site objects.inv.
project = "Lab docs"
extensions = ["myst_parser", "sphinx.ext.intersphinx"]
exclude_patterns = ["_build"]
nitpicky = True
intersphinx_mapping = {}
