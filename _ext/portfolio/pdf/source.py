"""The Typst source of one PDF: the design as a dictionary, the theme, and the translated body.

Every value in the ``design`` dictionary is either checked (``settings.py``: paper names,
``#rrggbb`` colours, lengths) or written through ``text.typst_markup()``/``typst_string()``: conf.py's text can
no more inject Typst than a bib entry can.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.builders import Builder

from ..config import portfolio_settings
from ..dates import format_date, source_date
from ..i18n import _
from ..text import typst_markup as markup
from ..text import typst_string as string
from ..validate import is_web_url
from .fit import SPACINGS
from .settings import LAST_UPDATED, Variant, pdf_title, typst_language
from .translator import TypstTranslator, short_address

THEMES = Path(__file__).with_name("themes")


def _array(items: list[str]) -> str:
    """A Typst array of already-written values (one item needs its trailing comma)."""
    return "(" + "".join(f"{item}, " for item in items).rstrip(" ") + ")"


#: "Page 2 of 9", in the build's language; one message, so a translation can order it its own way
PAGE_OF = _("Page {page} of {pages}")


def page_of() -> str:
    """The words before, between and after the page number and the page count, as a Typst array."""
    text = str(PAGE_OF)
    before, rest = text.split("{page}", 1) if "{page}" in text else ("", text)
    between, after = rest.split("{pages}", 1) if "{pages}" in rest else (rest, "")
    return _array([f"[{markup(part)}]" for part in (before, between, after)])


def last_updated(line: str) -> str:
    """The "last updated" line; the default one in the build's language."""
    return str(_("Last updated {date}")) if line == LAST_UPDATED else line


#: the addresses a new project starts with (``nox -s new``): no site lives there (RFC 2606)
PLACEHOLDER_HOSTS = frozenset({"example.org", "example.com", "example.net"})


def site_address(baseurl: str) -> str:
    """The website's address for the header: ``html_baseurl`` as this build's language has it
    (``/de/latest/`` on ReadTheDocs, ``<site>/de/`` elsewhere), and none while it is a
    placeholder that no site answers at."""
    host = (urlsplit(baseurl).hostname or "").removeprefix("www.")
    return baseurl if is_web_url(baseurl) and host not in PLACEHOLDER_HOSTS else ""


def design_source(builder: Builder, variant: Variant, default: bool) -> str:
    """``#let design = (...)``: what the theme reads (see ``themes/common.typ``)."""
    config = builder.config
    settings = portfolio_settings(config)
    design = variant.design
    lang, region = typst_language(config.language)
    day = source_date(builder.confdir, os.environ) if design.last_updated else None
    updated = (
        f"[{markup(last_updated(design.last_updated).replace('{date}', format_date(day, lang, design.date_format)))}]"
        if day
        else "none"
    )
    baseurl = site_address(config.html_baseurl or "")
    website = (
        f"(url: {string(baseurl)}, label: [{markup(short_address(baseurl))}])" if design.website and baseurl else "none"
    )
    margin = "(" + ", ".join(f"{side}: {length}" for side, length in design.margins) + ")" if design.margins else "none"
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    values = {
        "title": string(pdf_title(config, variant, default)),
        "author": string(config.author or config.project),
        "keywords": _array([string(k) for k in settings.pdf_keywords]),
        "date": "auto" if epoch.isdigit() else "none",
        "name": f"[{markup(config.author or config.project)}]",
        "paper": string(design.paper),
        "accent": f"rgb({string(design.accent)})" if design.accent else "none",
        "font": string(design.font) if design.font else "none",
        "fonts": _array([string(f) for f in settings.pdf_fonts]),
        "size": f"{design.font_size:g}pt",
        "margin": margin,
        "lang": string(lang),
        "region": string(region) if region else "none",
        "updated": updated,
        "website": website,
        # the template's own words, in the build's language: "Page 2 of 9"
        "page_of": page_of(),
        # the vertical space between blocks, of the theme's: the design's own; fit.py may tighten it
        "spacing": f"{SPACINGS[0]:g}",
    }
    return "#let design = (\n" + "".join(f"  {key}: {value},\n" for key, value in values.items()) + ")\n"


def typst_source(tree: nodes.document, builder: Builder, variant: Variant, default: bool, images: bool = True) -> str:
    """The design, the shared helpers, the variant's theme and the translated body."""
    labels: set[str] = {i for node in tree.findall(nodes.Element) for i in node["ids"]}
    translator = TypstTranslator(tree, builder, labels, images, variant.design.date_format)
    tree.walkabout(translator)
    return "\n".join(
        (
            f"// the PDF {variant.id!r}",
            design_source(builder, variant, default),
            (THEMES / "common.typ").read_text(encoding="utf-8"),
            (THEMES / f"{variant.design.theme}.typ").read_text(encoding="utf-8"),
            "#show: cv\n",
            translator.astext(),
        )
    )
