"""Small line icons for contact links and buttons, drawn for this project (24 x 24, in the
text's colour). They are decoration: every link also carries its name as text."""

from __future__ import annotations

from sphinx.builders import Builder

from ..nodes import WEBSITE_BUILDERS

_PATHS = {
    "email": '<rect x="3" y="5" width="18" height="14" rx="2"/><path d="M3.5 6.5 12 13l8.5-6.5"/>',
    "github": '<path d="M8.5 7 3.5 12l5 5M15.5 7l5 5-5 5M13.5 5l-3 14"/>',
    "linkedin": '<rect x="3" y="3" width="18" height="18" rx="3"/><path d="M7.5 10.5v6M7.5 7.5v.01M11 16.5v-6'
    'M11 13c0-1.7 1-2.6 2.4-2.6 1.5 0 2.1 1 2.1 2.6v3.5"/>',
    "orcid": '<circle cx="12" cy="12" r="9"/><path d="M9 10.5v5.5M9 7.8v.01M12 8v8h1.8a4 4 0 0 0 0-8z"/>',
    "scholar": '<path d="M12 4 2.5 9l9.5 5 9.5-5z"/><path d="M6.5 11.2v4.3c1.3 1.5 3.3 2.3 5.5 2.3s4.2-.8 5.5-2.3v-4.3'
    'M21.5 9v5"/>',
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


def icon(name: str) -> str:
    """The icon's SVG; "" for a name without one."""
    path = _PATHS.get(name)
    return f"<svg {_SVG}>{path}</svg>" if path else ""


def icon_for(builder: Builder, name: str) -> str:
    """The icon on the website's pages; none from other builders of HTML (EPUB, help files): an EPUB
    must declare every page with inline SVG in its package, which Sphinx's does not, and the link's
    words say it all."""
    return icon(name) if builder.name in WEBSITE_BUILDERS else ""
