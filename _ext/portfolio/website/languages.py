"""One site in several languages: where each language lives, and how its pages find each other.

``portfolio_languages`` names the languages the site is built in, the first one
the default. The default language is the site's root; each other one is built
with ``-D language=<code>`` into a folder named by its code (``_build/html/de/``),
so its address is the root's plus ``de/``. On ReadTheDocs, where each language
is a project of its own at ``/<language>/<version>/``, the address of this build
is ``READTHEDOCS_CANONICAL_URL`` and the other languages swap the language part.

For a language other than the first, ``html_baseurl`` (and ``ogp_site_url``
where ``conf.py`` made it the same) gain the folder, so the canonical link, the
sitemap, Open Graph and the PDF's website link name this language's pages. Every
page then lists its counterparts as ``hreflang`` alternates in ``<head>`` and as
links in the sidebar.

ReadTheDocs names its languages in its own codes ("pt-br"). It gives its HTML build Sphinx's
("-D language=pt_BR"), but ``READTHEDOCS_LANGUAGE`` keeps its own, so a build that passes it on
(the PDF job of ``.readthedocs.yaml``) is given "pt-br": ``language`` is normalised as ReadTheDocs
does before anything reads it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.osutil import relative_uri

from ..config import portfolio_settings
from ..i18n import _
from ..nodes import WEBSITE_BUILDERS
from ..writers.icons import icon

TEMPLATES = Path(__file__).with_name("templates")
#: the sidebar template with the links to the other languages
SIDEBAR = "portfolio/languages.html"


@dataclass(frozen=True)
class Language:
    """One language of the site, as a page of this build sees it."""

    #: the language code: "en", "de", "pt_BR"
    code: str
    #: its name in itself: "English", "Deutsch"
    name: str
    #: the code as HTML writes it: "pt-BR"
    tag: str
    #: the folder of its pages relative to the default language's root: "" or "de/"
    folder: str
    #: its root's address where the site's address is known ("https://…/de/"), else ""
    root: str


def sphinx_code(code: str) -> str:
    """A language code as Sphinx and gettext spell it: "pt-br" is "pt_BR", "zh-hans" "zh_Hans", as
    ReadTheDocs maps its codes for Sphinx (its ``OLD_LANGUAGES_CODE_MAPPING``; Django's
    ``to_locale`` for the others); a code without a region stays as it is."""
    lang, dash, region = code.partition("-")
    if not dash:
        return code
    region = region.upper() if len(region) <= 2 else region[:1].upper() + region[1:].lower()
    return f"{lang.lower()}_{region}"


def normalise_language(app: Sphinx, config: Config) -> None:
    if isinstance(config.language, str):
        config.language = sphinx_code(config.language)


def languages(config: Config) -> list[Language]:
    """The site's languages in ``conf.py``'s order; none where this build's language is not
    one of them (a one-off ``-D language=fr`` build stands alone)."""
    codes = portfolio_settings(config).languages
    if config.language not in codes:
        return []
    default = codes[0]
    own_root = config.html_baseurl.rstrip("/") + "/" if config.html_baseurl else ""
    found = []
    for code in codes:
        try:
            name = Locale.parse(code).get_display_name(code) or code
        except (ValueError, UnknownLocaleError):
            name = code
        folder = "" if code == default else f"{code}/"
        root = _swap(own_root, config.language, code, folder) if own_root else ""
        found.append(Language(code, name[:1].upper() + name[1:], code.replace("_", "-"), folder, root))
    return found


def _on_readthedocs() -> bool:
    return os.environ.get("READTHEDOCS") == "True" and bool(os.environ.get("READTHEDOCS_CANONICAL_URL"))


#: hosts that serve each language of a project at ``/<language>/<version>/``
READTHEDOCS_HOSTS = (".readthedocs.io", ".readthedocs-hosted.com", ".rtfd.io")


def _readthedocs_address(url: str, language: str) -> bool:
    """Whether ``url`` is ReadTheDocs' address of a project in ``language``
    (``https://x.readthedocs.io/en/latest/``), wherever this build runs: its other languages are
    projects of their own at ``/<code>/<version>/``, not folders below it."""
    parts = urlsplit(url)
    return (parts.hostname or "").endswith(READTHEDOCS_HOSTS) and parts.path.startswith(f"/{language}/")


def _swap(own_root: str, own: str, other: str, folder: str) -> str:
    """The root of ``other`` from this build's root: ReadTheDocs' ``/de/latest/`` becomes
    ``/en/latest/``; elsewhere the default root plus the language's folder."""
    if _on_readthedocs() or _readthedocs_address(own_root, own):
        return own_root.replace(f"/{own}/", f"/{other}/", 1)
    default_root = own_root.removesuffix(f"{own}/") if own_root.endswith(f"/{own}/") else own_root
    return default_root + folder


def set_base_url(app: Sphinx, config: Config) -> None:
    """A language other than the first lives in its folder: its pages' addresses say so.
    ``conf.py`` cannot see ``-D language``, so this is done here, once it is known."""
    codes = portfolio_settings(config).languages
    if not codes or config.language not in codes or config.language == codes[0] or _on_readthedocs():
        return
    base = config.html_baseurl
    if base and _readthedocs_address(base, codes[0]):  # the site's address names the default language's project
        config.html_baseurl = base.replace(f"/{codes[0]}/", f"/{config.language}/", 1)
        if getattr(config, "ogp_site_url", None) == base:
            config.ogp_site_url = config.html_baseurl
    elif base and not base.rstrip("/").endswith(f"/{config.language}"):
        localised = f"{base.rstrip('/')}/{config.language}/"
        if getattr(config, "ogp_site_url", None) == base:
            config.ogp_site_url = localised
        config.html_baseurl = localised


def language_links(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``<link rel="alternate" hreflang>`` to each language's version of this page, and the
    sidebar's links to the others."""
    if app.builder.name not in WEBSITE_BUILDERS:
        return
    found = languages(app.config)
    if len(found) < 2:
        return
    uri = app.builder.get_target_uri(pagename)
    own = next(lang for lang in found if lang.code == app.config.language)
    here = own.folder + uri

    def relative(lang: Language) -> str:
        """Within this build's layout; ReadTheDocs' is another one, so there only the address works."""
        return lang.root + uri if lang.root and _on_readthedocs() else relative_uri(here, lang.folder + uri)

    def absolute(lang: Language) -> str:
        return lang.root + uri if lang.root else relative(lang)

    tags = [f'<link rel="alternate" hreflang="{lang.tag}" href="{escape(absolute(lang))}" />' for lang in found]
    tags.append(f'<link rel="alternate" hreflang="x-default" href="{escape(absolute(found[0]))}" />')
    context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(tags)
    context["portfolio_languages_label"] = str(_("Other languages"))
    context["portfolio_languages_icon"] = icon("website")
    context["portfolio_languages"] = [
        {"tag": lang.tag, "name": lang.name, "href": relative(lang)} for lang in found if lang is not own
    ]
    sidebars = context.get("sidebars")
    if isinstance(sidebars, list) and SIDEBAR not in sidebars:
        after = sidebars.index("sidebar/search.html") + 1 if "sidebar/search.html" in sidebars else len(sidebars)
        context["sidebars"] = [*sidebars[:after], SIDEBAR, *sidebars[after:]]


def add_templates(app: Sphinx, config: Config) -> None:
    config.templates_path = [*config.templates_path, str(TEMPLATES)]


def setup_languages(app: Sphinx) -> None:
    app.connect("config-inited", normalise_language, priority=100)  # before any other reads it
    app.connect("config-inited", set_base_url, priority=600)
    app.connect("config-inited", add_templates)
    app.connect("html-page-context", language_links)
