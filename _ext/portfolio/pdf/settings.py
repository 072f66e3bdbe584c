"""The PDF's design settings and variants, read from ``conf.py`` and checked once.

``conf.py`` sets a design (``portfolio_pdf_theme``, ``_paper``, ``_accent``, ...) and, in
``portfolio_pdf_variants``, any number of PDFs that each choose their content and may change
that design. A bad value never reaches Typst: it warns (``portfolio.config``, at its line in
``conf.py``) and the default is used. Everything here is pure data; ``select.py`` applies a
variant to the document and ``source.py`` writes the design for the theme.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import typst
from sphinx.application import Sphinx
from sphinx.config import Config

from ..config import conf_location, pdf_name
from ..dates import CVDate
from ..i18n import _, language_suffix
from ..records import CARD_KINDS
from ..text import typst_string
from ..warnings import Subtype, warn

#: the fonts shipped with the extension (OFL), used by the modern theme
FONTS = Path(__file__).with_name("fonts")
THEMES = ("classic", "modern")
DATE_FORMATS = ("short", "long", "numeric", "iso")
PUBLICATIONS = ("all", "selected", "none")
#: the keyword (``keywords = {selected}`` in a bib entry) that ``publications: "selected"`` keeps
SELECTED = "selected"
#: the sides Typst's ``page(margin: ...)`` takes
MARGIN_SIDES = ("left", "right", "top", "bottom", "x", "y", "rest")
_LENGTH_RE = re.compile(r"^\d{1,3}(?:\.\d{1,3})?(?:mm|cm|in|pt)$")
_COLOUR_RE = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
_LANG_RE = re.compile(r"^([a-zA-Z]{2,3})(?:[_-]([a-zA-Z]{2}))?$")

Report = Callable[[str, tuple[str, ...]], None]
"""``report(message, path)``: a warning about a setting (``path``: its name, then the keys inside it)."""


#: the "last updated" line's default, which the PDF writes in the build's language
LAST_UPDATED = "Last updated {date}"


@dataclass(frozen=True)
class Design:
    """How a PDF looks; each field is a ``portfolio_pdf_<name>`` setting or a variant key."""

    #: "classic" or "modern": the template file in ``themes/``
    theme: str = "classic"
    #: a Typst paper name
    paper: str = "a4"
    #: "#rrggbb", or "" for the theme's
    accent: str = ""
    #: a font family, or "" for the theme's
    font: str = ""
    #: base text size in points
    font_size: float = 10
    #: (side, length) pairs for Typst's ``margin``; () for the theme's
    margins: tuple[tuple[str, str], ...] = ()
    #: how dates are written (``DATE_FORMATS``)
    date_format: str = "short"
    #: the "last updated" line with ``{date}``; "" for none
    last_updated: str = LAST_UPDATED
    #: link the website (``html_baseurl``) in the header
    website: bool = True


@dataclass(frozen=True)
class Variant:
    """One PDF of the build: which content, and which design."""

    #: its key in ``portfolio_pdf_variants`` ("cv" where there is none)
    id: str
    #: its file name in the output folder
    name: str
    #: what it is ("Two-page CV"): the website's link text and the PDF title's end, in the build's
    #: language (``conf.py`` may give one text per language: ``{"en": ..., "de": ...}``)
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
    #: False leaves out each card's body (descriptions, details, tags): one line or two per entry
    descriptions: bool = True
    #: False leaves out sections that hold no entry and no paper (a bio, notes): a list of entries alone
    prose: bool = True
    #: tags for ``{only}`` in this PDF alone
    tags: tuple[str, ...] = ()
    #: headings to print differently: section -> title
    titles: tuple[tuple[str, str], ...] = ()
    #: warn (``portfolio.pdf_pages``) when the PDF has more pages
    max_pages: int | None = None
    design: Design = field(default_factory=Design)


# -- checking single values -----------------------------------------------------------------
#
# Each checker returns the value to use, or raises ValueError with what is wrong.


def _string(value: Any, choices: Sequence[str] = ()) -> str:
    if not isinstance(value, str):
        raise ValueError("must be a string")
    if choices and value not in choices:
        raise ValueError(f"must be one of {', '.join(repr(c) for c in choices)}")
    return value


def _text(value: Any) -> str | dict[str, str]:
    """A text, or one text per language (``{"en": "Two-page CV", "de": "Lebenslauf, zwei Seiten"}``)."""
    if isinstance(value, dict) and value and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        return dict(value)
    if not isinstance(value, str):
        raise ValueError('must be a string, or a dict of language codes to strings ({"en": ..., "de": ...})')
    return value


def in_language(text: str | dict[str, str], config: Config) -> str:
    """The text for the build's language: its own, else the site's first language's, else the first."""
    if isinstance(text, str):
        return text
    for code in (config.language, *config.portfolio_languages):
        if code in text:
            return text[code]
    return next(iter(text.values()))


@lru_cache(maxsize=32)
def _typst_paper(name: str) -> bool:
    """Whether Typst knows the paper: asked of Typst itself, so every name it has is allowed
    (the two everyone uses without the 20 ms that asking takes)."""
    if name in ("a4", "us-letter"):
        return True
    source = f"#set page(paper: {typst_string(name)})".encode()
    try:
        typst.compile(source, format="pdf", ignore_system_fonts=True)
    except typst.TypstError:
        return False
    return True


def check_paper(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[a-z0-9-]{1,40}", value) or not _typst_paper(value):
        raise ValueError('must be a Typst paper name such as "a4" or "us-letter"')
    return value


def check_accent(value: Any) -> str:
    if not isinstance(value, str) or (value and not _COLOUR_RE.match(value)):
        raise ValueError('must be a colour "#rrggbb" (or "" for the theme\'s)')
    return value


@lru_cache(maxsize=8)
def font_families(font_paths: tuple[str, ...]) -> frozenset[str]:
    """The families Typst can use: its own, the extension's and the project's (never the machine's)."""
    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=True, font_paths=[str(FONTS), *font_paths])
    return frozenset(f.casefold() for f in fonts.families())


def check_font_size(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 6 <= value <= 20:
        raise ValueError("must be a number of points from 6 to 20")
    return float(value)


def check_margins(value: Any) -> tuple[tuple[str, str], ...]:
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


def check_last_updated(value: Any) -> str:
    if not isinstance(value, str) or (value and "{date}" not in value) or len(value) > 200:
        raise ValueError('must be a line with "{date}" in it, or "" for none')
    return value


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be True or False")
    return value


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValueError("must be a list of strings")
    return tuple(value)


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


def _file_name(value: Any) -> str:
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


#: design settings: (variant key, checker); the ``conf.py`` name is ``portfolio_pdf_<key>``
DESIGN: dict[str, Callable[[Any], Any]] = {
    "theme": lambda v: _string(v, THEMES),
    "paper": check_paper,
    "accent": check_accent,
    "font": _string,  # checked against the fonts in ``design()``, which knows the project's font folders
    "font_size": check_font_size,
    "margins": check_margins,
    "date_format": lambda v: _string(v, DATE_FORMATS),
    "last_updated": check_last_updated,
    "website": _bool,
}

#: content keys of a variant and their checkers
CONTENT: dict[str, Callable[[Any], Any]] = {
    "name": _file_name,
    "title": _text,
    "description": _text,
    "sections": _strings,
    "exclude": _strings,
    "kinds": _kinds,
    "publications": lambda v: _string(v, PUBLICATIONS),
    "since": _count,
    "limit": _count,
    "descriptions": _bool,
    "prose": _bool,
    "tags": _strings,
    "titles": _titles,
    "max_pages": _count,
}


# -- reading conf.py --------------------------------------------------------------------------


def _checked(
    values: Mapping[str, Any], checkers: Mapping[str, Callable[[Any], Any]], path: tuple[str, ...], report: Report
) -> dict[str, Any]:
    """The values that pass their checker; a warning for each other one."""
    good: dict[str, Any] = {}
    where = _where(path)
    for key, value in values.items():
        if key not in checkers:
            report(f"{where}: no such key {key!r} (keys: {', '.join(checkers)}); ignored", (*path, key))
            continue
        try:
            good[key] = checkers[key](value)
        except ValueError as err:
            report(f"{where}: {key} {value!r} {err}; using the default", (*path, key))
    return good


def _where(path: tuple[str, ...]) -> str:
    return path[0] + "".join(f"[{key!r}]" for key in path[1:])


def _design(
    base: Design, values: Mapping[str, Any], font_paths: tuple[str, ...], path: tuple[str, ...], report: Report
) -> Design:
    good = _checked(values, DESIGN, path, report)
    font = good.get("font", "")
    if font and font.casefold() not in font_families(font_paths):
        report(
            f"{_where(path)}: font {font!r} is neither bundled nor in portfolio_pdf_font_paths; using the theme's",
            (*path, "font"),
        )
        del good["font"]
    return replace(base, **good)


def base_design(config: Config) -> Design:
    """The design ``conf.py`` sets for every PDF (its settings were checked at ``config-inited``)."""
    return Design(
        **{key: getattr(config, f"portfolio_pdf_{key}") for key in DESIGN if key != "margins"},
        margins=check_margins(config.portfolio_pdf_margins),
    )


def variants(config: Config, confdir: str | Path, report: Report = lambda message, path: None) -> list[Variant]:
    """Every PDF the build writes, the default (first) one first; one where ``conf.py`` sets none.
    ``report`` hears of bad values (they were reported at ``config-inited``, so the default is silent)."""
    font_paths = tuple(str(Path(confdir, p)) for p in config.portfolio_pdf_font_paths)
    base = base_design(config)
    sections = tuple(config.portfolio_pdf_sections)
    default = Variant(id="cv", name=pdf_name(config), title=str(_("Curriculum Vitae")), sections=sections, design=base)
    found: list[Variant] = []
    stem = pdf_name(config).removesuffix(".pdf")
    for key, values in config.portfolio_pdf_variants.items():
        path = ("portfolio_pdf_variants", str(key))
        if not isinstance(key, str) or not _ID_RE.match(key) or not isinstance(values, Mapping):
            report(
                f"portfolio_pdf_variants: {key!r} must be a short id (a-z, 0-9, - and _) with a dict; left out", path
            )
            continue
        content = _checked({k: v for k, v in values.items() if k not in DESIGN}, CONTENT, path, report)
        own = f"{stem}-{key}.pdf"
        name = content.pop("name", own if found else default.name)
        if not found and name != default.name:  # the profile's link and ReadTheDocs expect it there
            report(
                f"{_where(path)}: the first variant is the default PDF, named by portfolio_pdf_name", (*path, "name")
            )
            name = default.name
        if name in (v.name for v in found):
            report(f"{_where(path)}: name {name!r} is another variant's; using {own!r}", (*path, "name"))
            name = own
        design = _design(base, {k: v for k, v in values.items() if k in DESIGN}, font_paths, path, report)
        title = in_language(content.pop("title", key if found else default.title), config)
        if "description" in content:
            content["description"] = in_language(content["description"], config)
        content.setdefault("sections", sections)
        found.append(Variant(id=key, name=name, title=title, design=design, **content))
    suffix = language_suffix(config)
    return [replace(v, name=f"{v.name.removesuffix('.pdf')}{suffix}.pdf") if suffix else v for v in found or [default]]


def written(config: Config, confdir: str | Path, report: Report = lambda message, path: None) -> list[Variant]:
    """The variants this build writes (``portfolio_pdf_write``): all, the default or one."""
    every = variants(config, confdir, report)
    choice = config.portfolio_pdf_write
    if choice == "all":
        return every
    if choice == "default":
        return every[:1]
    chosen = [v for v in every if v.id == choice]
    if not chosen:
        report(
            f"portfolio_pdf_write {choice!r} is not 'all', 'default' or a variant ({', '.join(v.id for v in every)}); "
            "writing all",
            ("portfolio_pdf_write",),
        )
    return chosen or every


def pdf_title(config: Config, variant: Variant, default: bool) -> str:
    """The PDF's title: ``portfolio_pdf_title`` or "<author> – Curriculum Vitae" for the default
    PDF, "<author> – <its title>" for the others."""
    author = config.author or config.project
    if default:
        return str(config.portfolio_pdf_title or f"{author} – {_('Curriculum Vitae')}")
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


# -- wiring --------------------------------------------------------------------------------------


def location(app: Sphinx, path: tuple[str, ...]) -> str:
    """``conf.py:<line>`` of a setting, or of a key inside it (the first line after the setting's
    that names the key in quotes)."""
    where = conf_location(app, path[0])
    conf, _, line = where.rpartition(":")
    if len(path) == 1 or not Path(conf).is_file():
        return where
    lines = Path(conf).read_text(encoding="utf-8", errors="replace").splitlines()
    number = int(line)
    for key in path[1:]:
        number = next(
            (n for n in range(number, len(lines) + 1) if f'"{key}"' in lines[n - 1] or f"'{key}'" in lines[n - 1]),
            number,
        )
    return f"{conf}:{number}"


def check_settings(app: Sphinx, config: Config) -> None:
    """At ``config-inited``: every PDF setting checked once; a bad one warns and is reset to its
    default (before Sphinx's own type check, which would warn again and keep it)."""

    def report(message: str, path: tuple[str, ...]) -> None:
        warn(message, Subtype.CONFIG, location(app, path))

    font_paths = tuple(str(Path(app.confdir, p)) for p in config.portfolio_pdf_font_paths)
    for key, check in DESIGN.items():
        name = f"portfolio_pdf_{key}"
        value = getattr(config, name)
        try:
            check(value)
            if key == "font" and value and value.casefold() not in font_families(font_paths):
                raise ValueError("is neither bundled nor in portfolio_pdf_font_paths")
        except ValueError as err:
            default = app.config._options[name].default
            report(f"{name} {value!r} {err}; using {default!r}", (name,))
            setattr(config, name, default)
    try:
        _strings(config.portfolio_pdf_sections)
    except ValueError as err:
        report(f"portfolio_pdf_sections {err}; using the toctree's order", ("portfolio_pdf_sections",))
        config.portfolio_pdf_sections = []
    if not isinstance(config.portfolio_pdf_variants, Mapping):
        report("portfolio_pdf_variants must be a dict of ids to dicts; writing one PDF", ("portfolio_pdf_variants",))
        config.portfolio_pdf_variants = {}
    if not isinstance(config.portfolio_pdf_write, str):
        report("portfolio_pdf_write must be 'all', 'default' or a variant's id; writing all", ("portfolio_pdf_write",))
        config.portfolio_pdf_write = "all"
    written(config, app.confdir, report)


__all__ = ["Design", "Variant", "check_settings", "variants", "written"]
