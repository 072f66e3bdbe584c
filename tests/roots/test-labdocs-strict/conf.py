# Another lab's docs as ReadTheDocs recommends them: intersphinx only through explicit roles.
project = "Strict lab docs"
extensions = ["myst_parser", "sphinx.ext.intersphinx"]
exclude_patterns = ["_build"]
nitpicky = True
intersphinx_mapping = {}
intersphinx_disabled_reftypes = ["*"]
