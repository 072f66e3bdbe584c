"""Small icons for contact links and buttons, in the text's colour: line icons drawn for this project
(24 x 24), and the brands' own marks for GitHub, LinkedIn, ORCID and Google Scholar (Font Awesome
Free's, CC BY 4.0, shipped in ``brands/`` with their licence). They are decoration: every link also
carries its name as text."""

from __future__ import annotations

import re
from functools import cache
from html import escape
from pathlib import Path

from sphinx.builders import Builder

from ..nodes import WEBSITE_BUILDERS

_PATHS = {
    "email": '<rect x="3" y="5" width="18" height="14" rx="2"/><path d="M3.5 6.5 12 13l8.5-6.5"/>',
    "website": '<circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3c2.5 2.6 3.7 5.6 3.7 9s-1.2 6.4-3.7 9'
    'M12 3C9.5 5.6 8.3 8.6 8.3 12s1.2 6.4 3.7 9"/>',
    "phone": '<path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2"/>',
    "address": '<path d="M12 21s-7-6.1-7-11.5a7 7 0 0 1 14 0C19 14.9 12 21 12 21z"/><circle cx="12" cy="9.5" r="2.5"/>',
    "download": '<path d="M12 4v11M7 10.5l5 5 5-5M5 19.5h14"/>',
}


#: the attributes every icon shares: decoration, hidden from screen readers and from the tab order
_SVG = (
    'xmlns="http://www.w3.org/2000/svg" class="cv-icon" aria-hidden="true" focusable="false" '
    'viewBox="0 0 24 24" width="18" height="18" fill="none" '
    'stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"'
)


#: the brands' marks: a contact option's name -> its file in ``brands/``
BRANDS = {"github": "github.svg", "linkedin": "linkedin.svg", "orcid": "orcid.svg", "scholar": "google-scholar.svg"}
_BRAND_FOLDER = Path(__file__).with_name("brands")
_VIEWBOX_RE = re.compile(r'viewBox="([\d .]+)"')
_PATH_RE = re.compile(r'<path[^>]*\sd="([^"]+)"')


@cache
def brand(name: str) -> str:
    """A brand's mark as inline SVG, from its shipped file (its shape only: no comment, no colour)."""
    source = (_BRAND_FOLDER / BRANDS[name]).read_text(encoding="utf-8")
    box, paths = _VIEWBOX_RE.search(source), _PATH_RE.findall(source)
    if box is None or not paths:
        return ""
    shape = "".join(f'<path d="{escape(d, quote=True)}"/>' for d in paths)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cv-icon cv-brand" aria-hidden="true" focusable="false" '
        f'viewBox="{box.group(1)}" width="18" height="18" fill="currentColor">{shape}</svg>'
    )


def icon(name: str) -> str:
    """The icon's SVG; "" for a name without one."""
    if name in BRANDS:
        return brand(name)
    path = _PATHS.get(name)
    return f"<svg {_SVG}>{path}</svg>" if path else ""


def icon_for(builder: Builder, name: str) -> str:
    """The icon on the website's pages; none from other builders of HTML (EPUB, help files): an EPUB
    must declare every page with inline SVG in its package, which Sphinx's does not, and the link's
    words say it all."""
    return icon(name) if builder.name in WEBSITE_BUILDERS else ""
