"""Importers: other CV tools' files become this project's pages, refs.bib and conf.py block."""
