# A lab's docs citing papers of tests/roots/test-realbib whose keys are as exporters write them: in
# upper case (Crossref's Example_2020), ACM's DOI keys, DBLP's. Stock Sphinx, MyST and intersphinx;
# the test points intersphinx_mapping at the freshly built objects.inv.
project = "Lab docs"
extensions = ["myst_parser", "sphinx.ext.intersphinx"]
exclude_patterns = ["_build"]
nitpicky = True
intersphinx_mapping = {}
