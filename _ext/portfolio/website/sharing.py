"""What a link to the site shows before anyone opens it: a favicon, a preview image and a
readable description on every page.

- The favicon (unless ``html_favicon`` is set) is the owner's initials in a circle.
- The preview image (unless ``ogp_image`` is set; sphinxext-opengraph writes the tags) is a
  card with the name, role and affiliation, typeset by Typst as a PNG at the end of the build.
- The description of a page (unless the page gives one in its front matter) is, for the
  landing page, ``portfolio_description`` from the personal block; else the page's
  introduction, or a sentence made from its title and what it lists: never the first words
  of a table or a card.
"""

from __future__ import annotations

import os
import re
from html import escape
from pathlib import Path
from typing import Any

import typst
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

from ..config import portfolio_settings
from ..domain import cv_domain
from ..incremental import digest
from ..nodes import WEBSITE_BUILDERS, cv_entry
from ..outputs import Output, write_if_changed
from ..records import Entry
from ..text import typst_string
from ..validate import cut
from .highlights import PLURALS

FAVICON = "portfolio-favicon.svg"
PREVIEW = "_static/portfolio-preview.png"
OPENGRAPH = "sphinxext.opengraph"
#: a page's own introduction must say something: shorter paragraphs are not descriptions
MIN_INTRO = 40
DESCRIPTION_LENGTH = 200


def initials(name: str) -> str:
    """ "Dr. Ada Lovelace" -> "AL": the capitals of the words that are not titles."""
    words = [w for w in name.split() if not w.endswith(".") and w[:1].isupper()]
    return "".join(w[0] for w in words[:1] + words[1:][-1:]) or "CV"


def favicon(name: str) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="31" fill="#1f4e79"/>'
        '<text x="32" y="42" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="28" '
        f'font-weight="700" fill="#fff">{escape(initials(name))}</text></svg>\n'
    )


def defaults(app: Sphinx, config: Config) -> None:
    """A preview image where ``conf.py`` names none."""
    if OPENGRAPH in config.extensions and not config.ogp_image:
        config.ogp_image = PREVIEW
        config.ogp_image_alt = config.author or config.project


def write_favicon(app: Sphinx) -> None:
    """The favicon where ``conf.py`` names none, written into the site's ``_static`` folder. It is not
    given to Sphinx as ``html_favicon``: that would be a path in the build folders, and the settings'
    digest in ``.buildinfo`` would differ between two builds of the same sources into two folders."""
    if app.builder.format == "html" and not app.config.html_favicon:
        write_if_changed(Path(app.outdir, "_static", FAVICON), favicon(app.config.author or app.config.project))


def link_favicon(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Every page links that favicon (Sphinx makes the name a path from the page, after this)."""
    if not app.config.html_favicon and not context.get("favicon_url"):
        context["favicon_url"] = FAVICON


def preview_source(profile: Entry | None, name: str) -> str:
    lines = [org.name for org in profile.orgs] if profile else []
    if profile and profile.location:
        lines.append(profile.location)
    rows = "".join(f"#text(size: 34pt, fill: luma(235), {typst_string(line)})\n#v(6pt)\n" for line in lines[:3])
    return (
        '#set page(width: 1200pt, height: 630pt, margin: 80pt, fill: rgb("#1f4e79"))\n'
        '#set text(font: "Libertinus Serif", fill: white)\n'
        f'#text(size: 72pt, weight: "bold", {typst_string(name)})\n#v(24pt)\n{rows}'
    )


def site_preview_source(app: Sphinx) -> str:
    """The preview's Typst source, from the site's profile: the root page's, else the first."""
    profiles = cv_domain(app.env).of_kind("profile")
    profile = next((p for p in profiles if p.docname == app.config.root_doc), profiles[0] if profiles else None)
    return preview_source(profile, profile.title if profile else app.config.author)


class Preview(Output):
    """The preview image a link to the site shows (``_static/portfolio-preview.png``), drawn by
    Typst from the site's profile, where sphinxext-opengraph is loaded and ``ogp_image`` is ours."""

    name = "preview"

    def wanted(self, app: Sphinx) -> bool:
        builds = app.builder.name in WEBSITE_BUILDERS and OPENGRAPH in app.extensions
        return builds and app.config.ogp_image == PREVIEW

    def made_from(self, app: Sphinx) -> str:
        return digest((site_preview_source(app), getattr(typst, "__version__", "")))

    def write(self, app: Sphinx) -> list[str]:
        source = site_preview_source(app)
        png = typst.compile(source.encode(), format="png", ppi=72.0, ignore_system_fonts=True)
        write_if_changed(Path(app.outdir, PREVIEW), png)
        return [PREVIEW]

    def claims(self, relative: str) -> bool:
        return relative == os.path.normpath(PREVIEW)

    def own_files(self, app: Sphinx) -> set[str]:
        return {PREVIEW} if self.wanted(app) else set()


def introduction(doctree: nodes.document) -> str:
    """The page's own words before its first subsection, if they say enough."""
    section = next(iter(doctree.findall(nodes.section)), None)
    for child in section.children if section is not None else []:
        if isinstance(child, nodes.section):
            break
        if isinstance(child, nodes.paragraph) and len(text := " ".join(child.astext().split())) >= MIN_INTRO:
            return text
    return ""


def summary(title: str, author: str, cards: list[Entry], papers: int) -> str:
    """ "Talks and lectures – Dr. Ada Example. Talks and lectures: 3." """
    counts: dict[str, int] = {"paper": papers} if papers else {}
    for card in cards:
        if card.kind != "profile":
            counts[card.kind] = counts.get(card.kind, 0) + 1
    listed = "; ".join(f"{PLURALS[kind]}: {n}" for kind, n in counts.items())
    return f"{title} – {author}." + (f" {listed}." if listed else "")


def describe(app: Sphinx, pagename: str, doctree: nodes.document, title: str) -> str:
    if pagename == app.config.root_doc and (given := " ".join(portfolio_settings(app.config).description.split())):
        return given
    domain = cv_domain(app.env)
    cards = domain.on_page(pagename)
    author = app.config.author or app.config.project
    if text := introduction(doctree):
        return cut(text, DESCRIPTION_LENGTH)
    profile = next((c for c in cards if c.kind == "profile"), None)
    if profile is not None:
        about = ", ".join([*(o.name for o in profile.orgs), *([profile.location] if profile.location else [])])
        bio = next(
            (
                " ".join(p.astext().split())
                for p in doctree.findall(nodes.paragraph)
                if not any(isinstance(a, cv_entry) for a in _ancestors(p)) and len(p.astext()) >= MIN_INTRO
            ),
            "",
        )
        return cut(
            " ".join(part for part in (f"{profile.title}: {about}." if about else "", bio) if part), DESCRIPTION_LENGTH
        )
    papers = sum(1 for p in domain.papers.values() if p.docname == pagename)
    return summary(title, author, cards, papers)


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    found = []
    while node.parent is not None:
        node = node.parent
        found.append(node)
    return found


def add_description(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Before sphinxext-opengraph (priority 500) reads the page: a description of our own where the
    page has none, as ``<meta name="description">`` and as Open Graph's description."""
    if doctree is None or re.search(r'<meta\b[^>]*\bname="description"', context.get("metatags", "")):
        return
    title = re.sub(r"<[^>]+>", "", context.get("title", ""))
    description = describe(app, pagename, doctree, title)
    context["metatags"] = context.get("metatags", "") + f'\n<meta name="description" content="{escape(description)}" />'
    context["meta"] = {**(context.get("meta") or {}), "og:description": description}


def setup_sharing(app: Sphinx) -> None:
    app.connect("config-inited", defaults)
    app.connect("builder-inited", write_favicon)
    app.connect("html-page-context", link_favicon, priority=400)  # before Sphinx's paths (500)
    app.connect("html-page-context", add_description, priority=400)
