"""What the PDFs need besides the settings: their title and language (the day of the sources is
``dates.source_date``).

The design settings and the variants are declared and checked in ``config.py`` (``Design``,
``VariantOptions``) and read through ``portfolio_settings``; ``select.py`` applies a variant to
the document and ``source.py`` writes the design for the theme.
"""

from __future__ import annotations

import re

from sphinx.config import Config

from ..config import FONTS, LAST_UPDATED, Variant, portfolio_settings
from ..i18n import _

#: the keyword (``keywords = {selected}`` in a bib entry) that ``publications: "selected"`` keeps
SELECTED = "selected"
_LANG_RE = re.compile(r"^([a-zA-Z]{2,3})(?:[_-]([a-zA-Z]{2}))?$")


def pdf_title(config: Config, variant: Variant, default: bool) -> str:
    """The PDF's title: ``portfolio_pdf_title`` or "<author> – Curriculum Vitae" for the default
    PDF, "<author> – <its title>" for the others."""
    author = config.author or config.project
    if default:
        return str(portfolio_settings(config).pdf_title or f"{author} – {_('Curriculum Vitae')}")
    return f"{author} – {variant.title}"


def typst_language(language: str | None) -> tuple[str, str | None]:
    """Sphinx's ``language`` ("de", "pt_BR") as Typst's ``lang`` and ``region``."""
    match = _LANG_RE.match(language or "")
    if not match:
        return "en", None
    return match.group(1).lower(), (match.group(2) or "").lower() or None


__all__ = ["FONTS", "LAST_UPDATED", "SELECTED", "Variant", "pdf_title", "typst_language"]
