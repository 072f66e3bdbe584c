# phone and address come from private.toml (written by the tests: it is git-ignored) or the environment
extensions = ["myst_parser", "portfolio"]
exclude_patterns = ["_build"]
portfolio_show_private_contact = False
