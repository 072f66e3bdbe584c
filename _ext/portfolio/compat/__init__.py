"""Other packages' private names, one module per package (``bibliography/compat.py`` is
sphinxcontrib-bibtex's): when a release changes them, only these modules change."""
