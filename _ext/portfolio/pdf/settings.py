"""What the PDFs need besides the settings: their title, the day of the sources, the language.

The design settings and the variants are declared and checked in ``config.py`` (``Design``,
``VariantOptions``) and read through ``portfolio_settings``; ``select.py`` applies a variant to
the document and ``source.py`` writes the design for the theme.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Mapping
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from sphinx.config import Config

from ..config import FONTS, LAST_UPDATED, Variant, portfolio_settings
from ..dates import CVDate
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


# -- dates ------------------------------------------------------------------------------------


def source_date(confdir: str | Path, environ: Mapping[str, str]) -> CVDate | None:
    """The day the sources are from: ``SOURCE_DATE_EPOCH``, else the last git commit, else None.
    Never the clock: the same sources give the same PDF."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        epoch = _last_commit(str(confdir))
    if not epoch.isdigit():
        return None
    day = datetime.fromtimestamp(int(epoch), UTC)
    return CVDate(day.year, day.month, day.day)


@lru_cache(maxsize=4)
def _last_commit(confdir: str) -> str:
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=confdir,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def typst_language(language: str | None) -> tuple[str, str | None]:
    """Sphinx's ``language`` ("de", "pt_BR") as Typst's ``lang`` and ``region``."""
    match = _LANG_RE.match(language or "")
    if not match:
        return "en", None
    return match.group(1).lower(), (match.group(2) or "").lower() or None


__all__ = ["FONTS", "LAST_UPDATED", "SELECTED", "Variant", "pdf_title", "source_date", "typst_language"]
