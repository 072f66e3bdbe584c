"""Every ``conf.py`` setting of the extension, declared once: the pydantic model ``Settings``.

Each field is a ``portfolio_*`` value with its rule (``Annotated`` validators, as RenderCV's
settings have), its default, what a change rebuilds and its README line; Sphinx's
``add_config_value`` is made from it. The values are validated once, at ``config-inited``: a bad
one warns (``portfolio.config``, at its line of ``conf.py``) and its default is used, the rest
applies. Everything reads them through ``portfolio_settings(config)``.

A setting read while a page is parsed is registered with rebuild ``"env"`` (a change re-reads
every page); one read while writing uses ``"html"`` (a change rewrites every page).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, get_args
from weakref import WeakKeyDictionary

import typst
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
)
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config

from .i18n import _
from .records import CARD_KINDS
from .text import slug, typst_string
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


# -- the rules: each checks one value as conf.py gives it, returns it as the extension uses it, or
# raises ValueError saying what is wrong (the warning's words)


@dataclass(frozen=True)
class Rebuild:
    """What a change of the setting rebuilds (Sphinx's ``rebuild``), in a field's ``Annotated``."""

    #: ``"env"`` re-reads every page (read while parsing); ``"html"`` rewrites them (read while writing);
    #: ``""`` neither (the output is the same whatever the value)
    what: Literal["env", "html", ""]


ENV = Rebuild("env")
HTML = Rebuild("html")
NOTHING = Rebuild("")

Theme = Literal["classic", "modern"]
DateFormat = Literal["short", "long", "numeric", "iso"]
Publications = Literal["all", "selected", "none"]
Order = Literal["newest", "start", "source"]
AuthorForm = Literal["initials", "full"]
#: the sides Typst's ``page(margin: ...)`` takes
MARGIN_SIDES = ("left", "right", "top", "bottom", "x", "y", "rest")
#: the fonts shipped with the extension (OFL), used by the modern theme
FONTS = Path(__file__).with_name("pdf") / "fonts"
#: the "last updated" line's default, which the PDF writes in the build's language
LAST_UPDATED = "Last updated {date}"
_LENGTH_RE = re.compile(r"^\d{1,3}(?:\.\d{1,3})?(?:mm|cm|in|pt)$")
_COLOUR_RE = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


def one_of(kind: Any) -> BeforeValidator:
    """The rule of a ``Literal``: one of its values, said in the warning."""
    choices = get_args(kind)

    def check(value: Any) -> Any:
        if not isinstance(value, str) or value not in choices:
            raise ValueError(f"must be one of {', '.join(repr(c) for c in choices)}")
        return value

    return BeforeValidator(check)


def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("must be a string")
    return value


def _flag(value: Any) -> bool:
    """True or False; 1 and 0 too, as ``-D name=1`` gives them."""
    if not isinstance(value, bool) and value not in (0, 1):
        raise ValueError("must be True or False")
    return bool(value)


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValueError("must be a list of strings")
    return tuple(value)


def _languages(value: Any) -> tuple[str, ...]:
    codes = _strings(value)
    if not all(codes):
        raise ValueError('must be a list of language codes, e.g. ["en", "de"]')
    return codes


def _text(value: Any) -> str | dict[str, str]:
    """A text, or one text per language (``{"en": "Two-page CV", "de": "Lebenslauf, zwei Seiten"}``)."""
    if (
        isinstance(value, Mapping)
        and value
        and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
    ):
        return dict(value)
    if not isinstance(value, str):
        raise ValueError('must be a string, or a dict of language codes to strings ({"en": ..., "de": ...})')
    return value


def pdf_file_name(value: Any) -> str:
    """The one rule for every PDF's name (``portfolio_pdf_name``, a variant's ``name``): a file in
    the output folder (a path could write anywhere), with one dot (as ReadTheDocs wants)."""
    if (
        not isinstance(value, str)
        or Path(value).name != value
        or "\\" in value
        or value.startswith(".")
        or not value.endswith(".pdf")
        or value.count(".") != 1
    ):
        raise ValueError("must be a file name with one dot, ending in .pdf, without folders")
    return value


def _optional_pdf_file_name(value: Any) -> str:
    return "" if value == "" else pdf_file_name(value)


@lru_cache(maxsize=32)
def _typst_paper(name: str) -> bool:
    """Whether Typst knows the paper: asked of Typst itself, so every name it has is allowed
    (the two everyone uses without the 20 ms that asking takes)."""
    if name in ("a4", "us-letter"):
        return True
    try:
        typst.compile(f"#set page(paper: {typst_string(name)})".encode(), format="pdf", ignore_system_fonts=True)
    except typst.TypstError:
        return False
    return True


def _paper(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[a-z0-9-]{1,40}", value) or not _typst_paper(value):
        raise ValueError('must be a Typst paper name such as "a4" or "us-letter"')
    return value


def _accent(value: Any) -> str:
    if not isinstance(value, str) or (value and not _COLOUR_RE.match(value)):
        raise ValueError('must be a colour "#rrggbb" (or "" for the theme\'s)')
    return value


@lru_cache(maxsize=8)
def font_families(font_paths: tuple[str, ...]) -> frozenset[str]:
    """The families Typst can use: its own, the extension's and the project's (never the machine's)."""
    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=True, font_paths=[str(FONTS), *font_paths])
    return frozenset(f.casefold() for f in fonts.families())


def _font(value: str, info: ValidationInfo) -> str:
    """A family Typst has (checked where the project's font folders are known: ``context``)."""
    families = (info.context or {}).get("fonts")
    if value and families is not None and value.casefold() not in families:
        raise ValueError("is neither bundled nor in portfolio_pdf_font_paths")
    return value


def _points(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 6 <= value <= 20:
        raise ValueError("must be a number of points from 6 to 20")
    return float(value)


def _margins(value: Any) -> tuple[tuple[str, str], ...]:
    """ "2cm" for every side, or a dict of sides; each a length in mm, cm, in or pt."""
    message = f'must be a length such as "2cm", or a dict of {", ".join(MARGIN_SIDES)} to lengths'
    if value == "":
        return ()
    if isinstance(value, str):
        value = {"rest": value}
    if not isinstance(value, Mapping) or not value:
        raise ValueError(message)
    sides = []
    for side, length in value.items():
        if side not in MARGIN_SIDES or not isinstance(length, str) or not _LENGTH_RE.match(length):
            raise ValueError(message)
        sides.append((side, length))
    return tuple(sides)


def _last_updated(value: Any) -> str:
    if not isinstance(value, str) or (value and "{date}" not in value) or len(value) > 200:
        raise ValueError('must be a line with "{date}" in it, or "" for none')
    return value


def _kinds(value: Any) -> tuple[str, ...]:
    kinds = _strings(value)
    if unknown := [k for k in kinds if k not in CARD_KINDS]:
        raise ValueError(f"has unknown kinds {', '.join(map(repr, unknown))} (kinds: {', '.join(CARD_KINDS)})")
    return kinds


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 10_000:
        raise ValueError("must be a whole number above 0")
    return value


def _titles(value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, Mapping) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ValueError('must be a dict of sections to titles, e.g. {"sections/publications": "Selected papers"}')
    return tuple(value.items())


def _optional(check: Callable[[Any], Any]) -> BeforeValidator:
    """The rule of a key whose ``None`` means "not set": no limit, every kind, the usual name."""
    return BeforeValidator(lambda value: None if value is None else check(value))


def _variant_id(value: Any) -> str:
    if not isinstance(value, str) or not _ID_RE.match(value):
        raise ValueError("must be a short id (a-z, 0-9, - and _) with a dict")
    return value


def _variants(value: Any) -> dict[Any, Any]:
    if not isinstance(value, Mapping):
        raise ValueError("must be a dict of ids to dicts")
    return dict(value)


Flag = Annotated[bool, BeforeValidator(_flag)]
Text = Annotated[str, BeforeValidator(_string)]
Strings = Annotated[tuple[str, ...], BeforeValidator(_strings)]
Count = Annotated[int | None, _optional(_count)]
Translatable = Annotated[str | dict[str, str], BeforeValidator(_text)]


# -- the model --------------------------------------------------------------------------------


class _Model(BaseModel):
    # every default goes through its rule too: conf.py's form in, the extension's form out
    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)


class Design(_Model):
    """How a PDF looks: each field is a ``portfolio_pdf_<field>`` setting and a variant's key."""

    #: the template file in ``themes/``
    theme: Annotated[
        Theme, one_of(Theme), HTML, Field(description='"classic" (serif) or "modern" (sans-serif, icons)')
    ] = "classic"
    #: a Typst paper name
    paper: Annotated[
        str, BeforeValidator(_paper), HTML, Field(description='Typst paper name: "a4", "us-letter", ...')
    ] = "a4"
    #: "#rrggbb", or "" for the theme's
    accent: Annotated[
        str, BeforeValidator(_accent), HTML, Field(description='accent colour "#rrggbb" (default: the theme\'s)')
    ] = ""
    #: a font family, or "" for the theme's
    font: Annotated[
        str,
        BeforeValidator(_string),
        AfterValidator(_font),
        HTML,
        Field(description="font family, bundled or shipped (default: the theme's)"),
    ] = ""
    #: base text size in points
    font_size: Annotated[float, BeforeValidator(_points), HTML, Field(description="base font size in points")] = 10
    #: (side, length) pairs for Typst's ``margin``; () for the theme's
    margins: Annotated[
        tuple[tuple[str, str], ...],
        BeforeValidator(_margins),
        HTML,
        Field(description='page margins: "2cm", or {"x": "2cm", "top": "1.5cm", ...} (default: the theme\'s)'),
    ] = ""  # type: ignore[assignment]  # conf.py's form of (): the rule makes it one
    #: how dates are written
    date_format: Annotated[
        DateFormat,
        one_of(DateFormat),
        HTML,
        Field(description='"short" (Jan 2021), "long" (January 2021), "numeric" (01/2021) or "iso" (2021-01)'),
    ] = "short"
    #: the "last updated" line with ``{date}``; "" for none
    last_updated: Annotated[
        str,
        BeforeValidator(_last_updated),
        HTML,
        Field(description='a line with the date of SOURCE_DATE_EPOCH or the last git commit ("" for none)'),
    ] = LAST_UPDATED
    #: link the website (``html_baseurl``) in the header
    website: Annotated[Flag, HTML, Field(description="link the website (html_baseurl) in the PDF's header")] = True


class VariantOptions(Design):
    """One entry of ``portfolio_pdf_variants``: which content, and the design keys it changes
    (those it does not set are the ``portfolio_pdf_*`` settings')."""

    #: its file name; the first variant's is ``portfolio_pdf_name``, the others' ``<stem>-<id>.pdf``
    name: Annotated[str | None, _optional(pdf_file_name)] = None
    #: what it is ("Two-page CV"), or one text per language; the first variant's default is "Curriculum Vitae"
    title: Annotated[str | dict[str, str] | None, _optional(_text)] = None
    #: one line for the website's list of PDFs
    description: Translatable = ""
    #: pages ("sections/talks") or sections ("index#short-bio") in order; None for portfolio_pdf_sections
    sections: Annotated[tuple[str, ...] | None, _optional(_strings)] = None
    #: pages or sections left out
    exclude: Strings = ()
    #: kinds of card kept; None for all
    kinds: Annotated[tuple[str, ...] | None, _optional(_kinds)] = None
    #: which papers
    publications: Annotated[Publications, one_of(Publications)] = "all"
    #: only papers of this year or later
    since: Count = None
    #: at most this many papers (the newest)
    limit: Count = None
    #: False leaves out each card's body (descriptions, details, tags): one line or two per entry
    descriptions: Flag = True
    #: False leaves out sections that hold no entry and no paper (a bio, notes): a list of entries alone
    prose: Flag = True
    #: tags for ``{only}`` in this PDF alone
    tags: Strings = ()
    #: headings to print differently: section -> title
    titles: Annotated[tuple[tuple[str, str], ...], BeforeValidator(_titles)] = {}  # type: ignore[assignment]
    #: warn (``portfolio.pdf_pages``) when the PDF has more pages
    max_pages: Count = None

    def design(self, base: Design) -> Design:
        """The base design with the keys this variant sets."""
        return base.model_copy(update={key: getattr(self, key) for key in self.model_fields_set & set(DESIGN_KEYS)})


DESIGN_KEYS = tuple(Design.model_fields)


@dataclass(frozen=True)
class Variant:
    """One PDF of the build, resolved: its file, its words in the build's language, its design."""

    #: its key in ``portfolio_pdf_variants`` ("cv" where there is none)
    id: str
    #: its file name in the output folder (with ``-<language>`` for a language other than the first)
    name: str
    #: what it is ("Two-page CV"): the website's link text and the PDF title's end, in the build's language
    title: str
    #: one line for the website's list of PDFs, in the build's language
    description: str = ""
    #: pages ("sections/talks") or sections ("index#short-bio") in order; () for the toctree's
    sections: tuple[str, ...] = ()
    #: pages or sections left out
    exclude: tuple[str, ...] = ()
    #: kinds of card kept; None for all
    kinds: tuple[str, ...] | None = None
    #: "all", "selected" or "none"
    publications: str = "all"
    #: only papers of this year or later
    since: int | None = None
    #: at most this many papers (the newest)
    limit: int | None = None
    #: False leaves out each card's body
    descriptions: bool = True
    #: False leaves out sections that hold no entry and no paper
    prose: bool = True
    #: tags for ``{only}`` in this PDF alone
    tags: tuple[str, ...] = ()
    #: headings to print differently: section -> title
    titles: tuple[tuple[str, str], ...] = ()
    #: warn (``portfolio.pdf_pages``) when the PDF has more pages
    max_pages: int | None = None
    design: Design = field(default_factory=Design)
    #: the first variant: named by ``portfolio_pdf_name``, titled by ``portfolio_pdf_title``
    default: bool = True


class Settings(_Model):
    """Every ``portfolio_*`` setting of ``conf.py``: the field ``x`` is ``portfolio_x``, and the fields
    of ``pdf_design`` are ``portfolio_pdf_<field>``. Sphinx's ``add_config_value`` is made from it,
    ``check_settings`` validates it once, ``portfolio_settings`` reads it."""

    order: Annotated[
        Order,
        one_of(Order),
        ENV,
        Field(
            description='"newest" sorts each run of cards newest first (by end date); "start" by start date, '
            'newest first; "source" keeps the written order'
        ),
    ] = "newest"
    show_private_contact: Annotated[
        Flag, ENV, Field(description="show the profile's phone and street address (they are never shown otherwise)")
    ] = False
    inventory_name: Annotated[
        Text, ENV, Field(description="the name other projects give this site in their intersphinx_mapping")
    ] = ""
    owner_names: Annotated[
        Strings, ENV, Field(description="every spelling of the owner's name in the bib files; set in bold")
    ] = []  # type: ignore[assignment]  # conf.py's form (a list): the rule makes it a tuple
    bib_private_fields: Annotated[
        Strings, ENV, Field(description="bib fields never published anywhere (a trailing * matches a prefix)")
    ] = list(PRIVATE_BIB_FIELDS)  # type: ignore[assignment]
    bib_display_fields: Annotated[
        Strings,
        HTML,
        Field(
            description="bib fields that only say how the site shows a paper (al-folio's pdf, code, abbr, selected, "
            "...): never in the published BibTeX"
        ),
    ] = list(DISPLAY_BIB_FIELDS)  # type: ignore[assignment]
    paper_files: Annotated[
        Text,
        ENV,
        Field(
            description="the folder (in the source folder, beside conf.py) of the files that bib fields such as "
            "pdf = {paper.pdf} name"
        ),
    ] = "papers"
    trust_raw_html: Annotated[
        Flag,
        ENV,
        Field(
            description="False: raw HTML in pages is shown as text and file inclusion is off (for forks that merge "
            "others' pull requests)"
        ),
    ] = True
    paper_pages: Annotated[
        Flag,
        HTML,
        Field(description="write a page per paper (papers/<key>.html) with its abstract, BibTeX and meta tags"),
    ] = True
    languages: Annotated[
        tuple[str, ...],
        BeforeValidator(_languages),
        HTML,
        Field(
            description='the site\'s languages, e.g. ["en", "de"]: the first at the root, each other one built with '
            "-D language=<code> into a folder <code>/, its PDFs named …-<code>.pdf; pages link each other (hreflang)"
        ),
    ] = []  # type: ignore[assignment]
    pdf: Annotated[Flag, HTML, Field(description="write the PDF beside every HTML build")] = True
    pdf_name: Annotated[
        str,
        BeforeValidator(_optional_pdf_file_name),
        HTML,
        Field(description="its file name (default: <project>-cv.pdf)"),
    ] = ""
    pdf_title: Annotated[Text, HTML, Field(description="PDF title (default: <author> – Curriculum Vitae)")] = ""
    pdf_keywords: Annotated[Strings, HTML, Field(description="PDF keywords")] = []  # type: ignore[assignment]
    pdf_keep_typst: Annotated[Flag, HTML, Field(description="also write the .typ source, for debugging the layout")] = (
        False
    )
    pdf_font_paths: Annotated[
        Strings, HTML, Field(description="folders (relative to conf.py) of font files to ship, e.g. for CJK names")
    ] = []  # type: ignore[assignment]
    pdf_fonts: Annotated[Strings, HTML, Field(description="font families to fall back on after the theme's")] = []  # type: ignore[assignment]
    #: the settings ``portfolio_pdf_theme``, ``portfolio_pdf_paper``, ...: every PDF's design
    pdf_design: Design = Design()
    pdf_sections: Annotated[
        Strings,
        HTML,
        Field(
            description='pages ("sections/talks") or sections ("index#short-bio") in the PDF, in order '
            "(default: the toctree)"
        ),
    ] = []  # type: ignore[assignment]
    pdf_variants: Annotated[
        dict[Annotated[str, BeforeValidator(_variant_id)], VariantOptions],
        BeforeValidator(_variants),
        HTML,
        Field(description="several PDFs from the same sources: id -> settings"),
    ] = {}
    pdf_write: Annotated[Text, HTML, Field(description='"all" variants, "default" (the first) or one id')] = "all"
    author_names: Annotated[
        AuthorForm,
        one_of(AuthorForm),
        ENV,
        Field(
            description='"initials" ("Höhne M-C M": first names shortened) or "full" (first names as the bib file '
            "has them), for every author"
        ),
    ] = "initials"
    selected_keyword: Annotated[
        Text,
        HTML,
        Field(
            description="the bib keyword (in an entry's keywords) that puts a paper into {selected-publications}, "
            "as al-folio's selected = {true} does"
        ),
    ] = "selected"
    speedups: Annotated[Flag, NOTHING, Field(description="the speed-ups of speedups/ (the same output, faster)")] = True
    description: Annotated[
        Text, HTML, Field(description="the landing page's meta description for search results and link previews")
    ] = ""

    #: what the PDFs' names and words depend on besides these settings: Sphinx's ``project`` and ``language``
    _project: str = PrivateAttr(default="")
    _language: str | None = PrivateAttr(default=None)

    @property
    def pdf_file(self) -> str:
        """The first PDF's file name: ``portfolio_pdf_name`` or ``<project>-cv.pdf``."""
        return self.pdf_name or default_pdf_name(self._project)

    def in_language(self, text: str | dict[str, str]) -> str:
        """The text for the build's language: its own, else the site's first language's, else the first."""
        if isinstance(text, str):
            return text
        for code in (self._language, *self.languages):
            if code in text:
                return text[code]
        return next(iter(text.values()))

    @cached_property
    def pdfs(self) -> tuple[Variant, ...]:
        """Every PDF of the build, the default (first) one first; one where ``conf.py`` sets none.
        Resolved when first read (its default title in the build's language); nothing is checked here."""
        base = self.pdf_design
        stem = self.pdf_file.removesuffix(".pdf")
        found = [
            Variant(
                id=key,
                name=options.name or (f"{stem}-{key}.pdf" if i else self.pdf_file),
                title=self.in_language(options.title or (key if i else str(_("Curriculum Vitae")))),
                description=self.in_language(options.description),
                sections=self.pdf_sections if options.sections is None else options.sections,
                exclude=options.exclude,
                kinds=options.kinds,
                publications=options.publications,
                since=options.since,
                limit=options.limit,
                descriptions=options.descriptions,
                prose=options.prose,
                tags=options.tags,
                titles=options.titles,
                max_pages=options.max_pages,
                design=options.design(base),
                default=i == 0,
            )
            for i, (key, options) in enumerate(self.pdf_variants.items())
        ] or [
            Variant(
                id="cv", name=self.pdf_file, title=str(_("Curriculum Vitae")), sections=self.pdf_sections, design=base
            )
        ]
        if self._language in self.languages[1:]:  # its files beside the default language's
            return tuple(replace(v, name=f"{v.name.removesuffix('.pdf')}-{self._language}.pdf") for v in found)
        return tuple(found)

    @property
    def written(self) -> tuple[Variant, ...]:
        """The PDFs this build writes (``portfolio_pdf_write``): all, the default or one."""
        if self.pdf_write == "default":
            return self.pdfs[:1]
        return tuple(v for v in self.pdfs if self.pdf_write in ("all", v.id))


# -- from the model to Sphinx, from conf.py to the model ----------------------------------------


@dataclass(frozen=True)
class ConfValue:
    """One ``conf.py`` value as Sphinx registers it and the README lists it, made from the model."""

    #: the name in ``conf.py``
    name: str
    #: where the model keeps it: the field, then the field inside ``pdf_design``
    path: tuple[str, ...]
    #: the value where ``conf.py`` does not set it, as ``conf.py`` writes it
    default: Any
    #: what a change rebuilds
    rebuild: Literal["env", "html", ""]
    #: one line for the README
    description: str


def _conf_values() -> tuple[ConfValue, ...]:
    values = []
    for name, info in Settings.model_fields.items():
        nested = info.annotation is Design  # its fields are settings of their own: portfolio_pdf_<field>
        for key, part in Design.model_fields.items() if nested else [("", info)]:
            values.append(
                ConfValue(
                    name=f"portfolio_pdf_{key}" if nested else f"portfolio_{name}",
                    path=(name, key) if nested else (name,),
                    default=part.default,
                    rebuild=next(m.what for m in part.metadata if isinstance(m, Rebuild)),
                    description=part.description or "",
                )
            )
    return tuple(values)


#: every ``conf.py`` value of the extension, in the model's order (the README's table lists them)
SETTINGS = _conf_values()
_BY_PATH = {value.path: value for value in SETTINGS}

_GONE = object()

Report = Callable[[str, tuple[str, ...]], None]
"""``report(message, path)``: a problem with a setting (``path``: its name, then the keys inside it)."""


def _raw(config: Config) -> dict[str, Any]:
    """The settings as ``conf.py`` (and ``-D``) gives them, in the model's shape; copies, so that
    leaving a bad value out never changes the user's."""
    data: dict[str, Any] = {}
    for value in SETTINGS:
        given = getattr(config, value.name)
        if isinstance(given, Mapping):
            given = {k: dict(v) if isinstance(v, Mapping) else v for k, v in given.items()}
        *parents, last = value.path
        target = data
        for key in parents:
            target = target.setdefault(key, {})
        target[last] = given
    return data


def _conf_path(loc: tuple[str | int, ...]) -> tuple[str, ...]:
    """A place in the model (pydantic's ``loc``) as the setting's name and the keys inside it."""
    if loc[0] == "pdf_design":
        return (f"portfolio_pdf_{loc[1]}",)
    return (f"portfolio_{loc[0]}", *(str(key) for key in loc[1:] if key != "[key]"))


def _where(path: tuple[str, ...]) -> str:
    return path[0] + "".join(f"[{key!r}]" for key in path[1:])


def _message(error: Mapping[str, Any]) -> tuple[str, tuple[str | int, ...]]:
    """What one pydantic error says, in the words of conf.py; and the input to leave out for it
    (a setting, a variant's key, or a variant that is no id with a dict)."""
    loc = error["loc"]
    problem = str(error["ctx"]["error"]) if error["type"] == "value_error" else error["msg"]
    if loc[0] == "pdf_variants" and len(loc) > 1:
        variant = loc[:2]
        if len(loc) == 2 or loc[2] == "[key]":
            return (
                f"portfolio_pdf_variants: {loc[1]!r} must be a short id (a-z, 0-9, - and _) with a dict; left out",
                variant,
            )
        where, key = _where(_conf_path(variant)), loc[2]
        if error["type"] == "extra_forbidden":
            return f"{where}: no such key {key!r} (keys: {', '.join(VariantOptions.model_fields)}); ignored", loc[:3]
        return f"{where}: {key} {error['input']!r} {problem}; using the default", loc[:3]
    value = _BY_PATH.get(tuple(str(k) for k in loc[:2])) or _BY_PATH[(str(loc[0]),)]
    return f"{value.name} {error['input']!r} {problem}; using {value.default!r}", loc[: len(value.path)]


def _leave_out(data: dict[Any, Any], loc: tuple[str | int, ...]) -> bool:
    """Drop a bad input, so that its default is used (a bad variant goes altogether)."""
    *parents, last = loc
    for key in parents:
        data = data.get(key, {})  # gone with a bad variant
    return data.pop(last, _GONE) is not _GONE


def _cross_problems(settings: Settings) -> Iterator[tuple[str, tuple[str | int, ...]]]:
    """What a value can only be judged by with the others: the variants' names, the variant to write."""
    names: list[str] = []
    for i, (key, options) in enumerate(settings.pdf_variants.items()):
        where, name = _where(("portfolio_pdf_variants", key)), ("pdf_variants", key, "name")
        if i == 0 and options.name is not None and options.name != settings.pdf_file:
            # the profile's link and ReadTheDocs expect it there
            yield f"{where}: the first variant is the default PDF, named by portfolio_pdf_name", name
        elif options.name is not None and options.name in names:
            own = f"{settings.pdf_file.removesuffix('.pdf')}-{key}.pdf"
            yield f"{where}: name {options.name!r} is another variant's; using {own!r}", name
        names.append(options.name or "")
    ids = [*settings.pdf_variants] or ["cv"]
    if settings.pdf_write not in ("all", "default", *ids):
        yield (
            f"portfolio_pdf_write {settings.pdf_write!r} is not 'all', 'default' or a variant ({', '.join(ids)}); "
            "writing all",
            ("pdf_write",),
        )


def validated(config: Config, confdir: str | Path | None, report: Report) -> Settings:
    """The settings of ``config``: each bad value reported once (with its place) and left out, so
    that its default is used and everything else applies. ``confdir`` (the project's font folders)
    lets the fonts be checked."""
    data = _raw(config)
    context: dict[str, Any] = {}
    if confdir is not None:
        paths = data["pdf_font_paths"] if isinstance(data["pdf_font_paths"], list | tuple) else []
        context["fonts"] = font_families(tuple(str(Path(confdir, p)) for p in paths if isinstance(p, str)))
    while True:
        try:
            settings = Settings.model_validate(data, context=context)
        except ValidationError as err:
            problems = [_message(error) for error in err.errors(include_url=False)]
        else:
            settings._project, settings._language = str(config.project), config.language
            problems = list(_cross_problems(settings))
            if not problems:
                return settings
        seen = set()
        for message, loc in problems:
            if loc not in seen:
                seen.add(loc)
                report(message, _conf_path(loc))
        if not any([_leave_out(data, loc) for loc in sorted(seen, key=len)]):  # every one, parents first
            raise RuntimeError(f"a default fails its own rule: {problems}")


#: each build's settings, validated at ``config-inited``
_VALIDATED: WeakKeyDictionary[Config, Settings] = WeakKeyDictionary()


def portfolio_settings(config: Config) -> Settings:
    """The one way to read a ``portfolio_*`` setting: validated, typed, the default where
    ``conf.py``'s value was bad. A ``Config`` that never went through ``config-inited`` (made by
    hand) is validated here, without warnings."""
    if config not in _VALIDATED:
        _VALIDATED[config] = validated(config, None, lambda message, path: None)
    return _VALIDATED[config]


def check_settings(app: Sphinx, config: Config) -> None:
    """At ``config-inited`` (once ``language`` is normalised): every setting checked once; a bad one
    warns at its line of ``conf.py`` (``portfolio.config``) and its default is used."""

    def report(message: str, path: tuple[str, ...]) -> None:
        warn(message, Subtype.CONFIG, conf_location(app, *path))

    _VALIDATED[config] = validated(config, app.confdir, report)


def setup_config(app: Sphinx) -> None:
    """Each setting registered from the model; Sphinx checks no type (the model does)."""
    for value in SETTINGS:
        app.add_config_value(value.name, value.default, value.rebuild, Any, description=value.description)
    app.connect("config-inited", check_settings, priority=200)  # after the language is normalised (100)


def conf_location(app: Sphinx, name: str, *keys: str) -> str:
    """``conf.py:<line>`` where a setting is made (its ``name =`` line; line 1 where conf.py does not set
    it, as with ``-D``), for warnings about it; with ``keys``, the first line after it that names each
    key in quotes."""
    conf = Path(app.confdir, "conf.py")
    lines = conf.read_text(encoding="utf-8", errors="replace").splitlines() if conf.is_file() else []
    assignment = re.compile(rf"\s*{re.escape(name)}\s*(?::[^=]*)?=")
    line = next((i for i, text in enumerate(lines, 1) if assignment.match(text)), 1)
    for key in keys:
        line = next(
            (n for n in range(line, len(lines) + 1) if f'"{key}"' in lines[n - 1] or f"'{key}'" in lines[n - 1]), line
        )
    return f"{conf}:{line}"


def default_pdf_name(project: str) -> str:
    """``"María Example-Ñúñez"`` -> ``maria-example-nunez-cv.pdf``: the project's slug, one dot (as
    ReadTheDocs wants)."""
    return f"{slug(project) or 'cv'}-cv.pdf"


def writes_paper_pages(builder: type[Builder] | Builder, config: Config) -> bool:
    """Paper pages are written by the multi-page HTML builders (not singlehtml, not EPUB)."""
    return (
        builder.format == "html"
        and builder.name not in ("singlehtml", "epub")
        and portfolio_settings(config).paper_pages
    )
