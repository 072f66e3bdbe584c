"""Every ``conf.py`` setting of the extension, declared once.

A setting read while a page is parsed is registered with rebuild ``"env"`` (a
change re-reads every page); one read while writing uses ``"html"`` (a change
rewrites every page). The README's table of settings is checked against this list.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config

from .text import slug
from .warnings import Subtype, warn

#: fields that reference managers (Zotero, JabRef, Mendeley, BibDesk) write for their user alone
PRIVATE_BIB_FIELDS = (
    "file",
    "annote",
    "annotation",
    "owner",
    "timestamp",
    "date-added",
    "date-modified",
    "mendeley-*",
    "comment",
    "comments",
    "groups",
    "readstatus",
    "priority",
    "ranking",
    "relevance",
    "printed",
    "qualityassured",
    "bdsk-*",
    "local-url",
)
#: fields that only say how the site shows a paper (al-folio's buttons, badge, preview and flags, as its
#: ``filtered_bibtex_keywords`` lists them): never in the BibTeX the site publishes
DISPLAY_BIB_FIELDS = (
    "abbr",
    "additional_info",
    "altmetric",
    "arxiv",
    "award",
    "award_name",
    "bibtex_show",
    "blog",
    "code",
    "dimensions",
    "google_scholar_id",
    "html",
    "inspirehep_id",
    "pdf",
    "poster",
    "preview",
    "selected",
    "slides",
    "supp",
    "video",
    "website",
)


@dataclass(frozen=True)
class Setting:
    """One ``conf.py`` value: what Sphinx needs to register it, and what the README says of it."""

    #: the name in ``conf.py``
    name: str
    #: the value where ``conf.py`` does not set it
    default: Any
    #: what a change rebuilds: ``"env"`` re-reads pages, ``"html"`` rewrites them
    rebuild: Literal["env", "html", ""]
    #: the types a value may have
    types: tuple[type, ...]
    #: one line for the README
    description: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "portfolio_order",
        "newest",
        "env",
        (str,),
        '"newest" sorts each run of cards newest first (by end date); "start" by start date, newest first; '
        '"source" keeps the written order',
    ),
    Setting(
        "portfolio_show_private_contact",
        False,
        "env",
        (bool,),
        "show the profile's phone and street address (they are never shown otherwise)",
    ),
    Setting(
        "portfolio_inventory_name",
        "",
        "env",
        (str,),
        "the name other projects give this site in their intersphinx_mapping",
    ),
    Setting(
        "portfolio_owner_names",
        [],
        "env",
        (list, tuple),
        "every spelling of the owner's name in the bib files; set in bold",
    ),
    Setting(
        "portfolio_bib_private_fields",
        list(PRIVATE_BIB_FIELDS),
        "env",
        (list, tuple),
        "bib fields never published anywhere (a trailing * matches a prefix)",
    ),
    Setting(
        "portfolio_bib_display_fields",
        list(DISPLAY_BIB_FIELDS),
        "html",
        (list, tuple),
        "bib fields that only say how the site shows a paper (al-folio's pdf, code, abbr, selected, ...): "
        "never in the published BibTeX",
    ),
    Setting(
        "portfolio_paper_files",
        "papers",
        "env",
        (str,),
        "the folder (in the source folder, beside conf.py) of the files that bib fields such as pdf = {paper.pdf} name",
    ),
    Setting(
        "portfolio_trust_raw_html",
        True,
        "env",
        (bool,),
        "False: raw HTML in pages is shown as text and file inclusion is off (for forks that merge "
        "others' pull requests)",
    ),
    Setting(
        "portfolio_paper_pages",
        True,
        "html",
        (bool,),
        "write a page per paper (papers/<key>.html) with its abstract, BibTeX and meta tags",
    ),
    Setting(
        "portfolio_languages",
        [],
        "html",
        (list, tuple),
        'the site\'s languages, e.g. ["en", "de"]: the first at the root, each other one built with '
        "-D language=<code> into a folder <code>/, its PDFs named …-<code>.pdf; pages link each other (hreflang)",
    ),
    Setting("portfolio_pdf", True, "html", (bool,), "write the PDF beside every HTML build"),
    Setting("portfolio_pdf_name", "", "html", (str,), "its file name (default: <project>-cv.pdf)"),
    Setting("portfolio_pdf_title", "", "html", (str,), "PDF title (default: <author> – Curriculum Vitae)"),
    Setting("portfolio_pdf_keywords", [], "html", (list, tuple), "PDF keywords"),
    Setting("portfolio_pdf_keep_typst", False, "html", (bool,), "also write the .typ source, for debugging the layout"),
    Setting(
        "portfolio_pdf_font_paths",
        [],
        "html",
        (list, tuple),
        "folders (relative to conf.py) of font files to ship, e.g. for CJK names",
    ),
    Setting("portfolio_pdf_fonts", [], "html", (list, tuple), "font families to fall back on after the theme's"),
    # -- PDF design and variants (checked in pdf/settings.py; a bad value warns and the default is used)
    Setting("portfolio_pdf_theme", "classic", "html", (str,), '"classic" (serif) or "modern" (sans-serif, icons)'),
    Setting("portfolio_pdf_paper", "a4", "html", (str,), 'Typst paper name: "a4", "us-letter", ...'),
    Setting("portfolio_pdf_accent", "", "html", (str,), 'accent colour "#rrggbb" (default: the theme\'s)'),
    Setting("portfolio_pdf_font", "", "html", (str,), "font family, bundled or shipped (default: the theme's)"),
    Setting("portfolio_pdf_font_size", 10, "html", (int, float), "base font size in points"),
    Setting(
        "portfolio_pdf_margins",
        "",
        "html",
        (str, dict),
        'page margins: "2cm", or {"x": "2cm", "top": "1.5cm", ...} (default: the theme\'s)',
    ),
    Setting(
        "portfolio_pdf_date_format",
        "short",
        "html",
        (str,),
        '"short" (Jan 2021), "long" (January 2021), "numeric" (01/2021) or "iso" (2021-01)',
    ),
    Setting(
        "portfolio_pdf_last_updated",
        "Last updated {date}",
        "html",
        (str,),
        'a line with the date of SOURCE_DATE_EPOCH or the last git commit ("" for none)',
    ),
    Setting("portfolio_pdf_website", True, "html", (bool,), "link the website (html_baseurl) in the PDF's header"),
    Setting(
        "portfolio_pdf_sections",
        [],
        "html",
        (list, tuple),
        'pages ("sections/talks") or sections ("index#short-bio") in the PDF, in order (default: the toctree)',
    ),
    Setting("portfolio_pdf_variants", {}, "html", (dict,), "several PDFs from the same sources: id -> settings"),
    Setting("portfolio_pdf_write", "all", "html", (str,), '"all" variants, "default" (the first) or one id'),
    # -- forks: names, selected publications, the landing page's description, private contact data
    Setting(
        "portfolio_author_names",
        "initials",
        "env",
        (str,),
        '"initials" ("Höhne M-C M": first names shortened) or "full" (first names as the bib file has them), '
        "for every author",
    ),
    Setting(
        "portfolio_selected_keyword",
        "selected",
        "html",
        (str,),
        "the bib keyword (in an entry's keywords) that puts a paper into {selected-publications}, as al-folio's "
        "selected = {true} does",
    ),
    Setting("portfolio_speedups", True, "", (bool,), "the speed-ups of speedups/ (the same output, faster)"),
    Setting(
        "portfolio_description",
        "",
        "html",
        (str,),
        "the landing page's meta description for search results and link previews",
    ),
)


def setup_config(app: Sphinx) -> None:
    for setting in SETTINGS:
        app.add_config_value(
            setting.name, setting.default, setting.rebuild, setting.types, description=setting.description
        )
    app.connect("config-inited", check_pdf_name)


def conf_location(app: Sphinx, name: str) -> str:
    """``conf.py:<line>`` where a setting is made, for warnings about it."""
    conf = Path(app.confdir, "conf.py")
    lines = conf.read_text(encoding="utf-8", errors="replace").splitlines() if conf.is_file() else []
    line = next((i for i, text in enumerate(lines, 1) if text.lstrip().startswith(name)), 1)
    return f"{conf}:{line}"


def default_pdf_name(project: str) -> str:
    """``"María Example-Ñúñez"`` -> ``maria-example-nunez-cv.pdf``: the project's slug, one dot (as
    ReadTheDocs wants)."""
    return f"{slug(project) or 'cv'}-cv.pdf"


def writes_paper_pages(builder: type[Builder] | Builder, config: Config) -> bool:
    """Paper pages are written by the multi-page HTML builders (not singlehtml, not EPUB)."""
    return builder.format == "html" and builder.name not in ("singlehtml", "epub") and config.portfolio_paper_pages


def pdf_name(config: Config) -> str:
    return config.portfolio_pdf_name or default_pdf_name(config.project)


def check_pdf_name(app: Sphinx, config: Config) -> None:
    """``portfolio_pdf_name`` is a file name in the output folder: a path could write anywhere."""
    name = config.portfolio_pdf_name
    if name and (Path(name).name != name or "\\" in name or name.startswith(".") or not name.endswith(".pdf")):
        warn(
            f"portfolio_pdf_name {name!r} must be a file name ending in .pdf, without folders; using "
            f"{default_pdf_name(config.project)!r}",
            Subtype.CONFIG,
            conf_location(app, "portfolio_pdf_name"),
        )
        config.portfolio_pdf_name = ""
