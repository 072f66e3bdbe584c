"""JSON Resume in and out: every HTML build writes ``resume.json`` (``export``), and
``nox -s import-jsonresume`` makes a project's content from one (``read``, ``write``)."""

from __future__ import annotations

from .export import FILENAME, ResumeJSON

__all__ = ["FILENAME", "ResumeJSON"]
