"""Every use of another package's private names, one module per package."""
