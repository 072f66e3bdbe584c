"""Other packages' private names, one module per package: when a release changes them, only
these modules change. A feature that needs another package's internals (a cache to forget, a
handler to replace, a record with no public accessor) asks its module here; what only makes a
build faster is in ``speedups/`` instead, behind ``portfolio_speedups``. ``tests/lint_private_names.py``
(``nox -s lint``) finds any private name of another package used outside the two."""
