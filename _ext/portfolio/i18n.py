"""The extension's own words, in the build's ``language``: a gettext catalog.

Every string the extension writes into a page, the script or the PDF goes through
``_`` (Sphinx's ``get_translation``, evaluated when the string is used, so the
build's language applies). The catalogs are kept as ``.po`` files in ``locale/``
and compiled with Babel (a Sphinx dependency) when Sphinx starts, into the build's
doctree folder: no binary file in the repository. ``sphinx.po`` beside it fills the
gaps of Sphinx's own catalog ("Link to this heading", furo's "Back to top").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from docutils import nodes
from sphinx import locale
from sphinx.application import Sphinx
from sphinx.builders.gettext import MessageCatalogBuilder
from sphinx.locale import get_translation
from sphinx.transforms import SphinxTransform
from sphinx.transforms.i18n import parse_noqa
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import extract_messages

from .compat.gettext import forget_catalogs
from .compat.sphinx import builder_class, forget_translator
from .nodes import cv_body, cv_header, cv_org, cv_place
from .validate import MAX_LENGTH, cut, has_markup
from .warnings import Subtype, warn

CATALOG = "portfolio"
#: ``locale/<lang>/LC_MESSAGES/sphinx.po``: the words of Sphinx's templates and of furo's that
#: Sphinx's own catalog lacks; Sphinx's translation wins where it has one
SPHINX_CATALOG = "sphinx"
SOURCES = Path(__file__).with_name("locale")
#: where the catalogs are compiled, in the build's doctree folder
COMPILED = "portfolio-locale"

_ = get_translation(CATALOG)


def compile_catalogs(target: Path) -> Path:
    """Each ``locale/<lang>/LC_MESSAGES/*.po`` as a ``.mo`` under ``target``, when it changed."""
    for po in sorted(SOURCES.glob("*/LC_MESSAGES/*.po")):
        mo = target / po.relative_to(SOURCES).with_suffix(".mo")
        if mo.is_file() and mo.stat().st_mtime_ns >= po.stat().st_mtime_ns:
            continue
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as source:
            catalog = read_po(source)
        with mo.open("wb") as out:
            write_mo(out, catalog)
    return target


def project_locale_dirs(app: Sphinx) -> list[Path]:
    """The project's ``locale_dirs``, which Sphinx reads relative to the source folder."""
    return [Path(app.srcdir, folder) for folder in app.config.locale_dirs]


def catalog_folders(app: Sphinx) -> list[Path]:
    """Where the words of this build's language come from: the extension's catalogs and the
    project's ``locale_dirs`` (an edited ``.po`` changes pages Sphinx does not read again)."""
    return [folder / str(app.config.language) for folder in (SOURCES, *project_locale_dirs(app))]


def pgettext(context: str, message: str) -> str:
    """``message`` as the build's language says it in ``context`` (``msgctxt`` in the catalog): a
    doctorate's "Thesis" is a German "Dissertation", another degree's an "Abschlussarbeit"."""
    if not locale.is_translator_registered(CATALOG):
        return message
    return locale.get_translator(CATALOG).pgettext(context, message)


class KeepTranslatedInlines(SphinxTransform):
    """An organisation or a place is an inline node marked ``translatable`` so that gettext lists
    it and ``Locale`` translates it; Sphinx's ``RemoveTranslatableInline`` (priority 999) would then
    unwrap every such inline. Once ``Locale`` is done the mark has served: drop it, keeping the node."""

    default_priority = 998

    def apply(self, **kwargs: Any) -> None:
        if issubclass(builder_class(self.env), MessageCatalogBuilder):
            return
        for kind in (cv_org, cv_place):
            for node in self.document.findall(kind):
                node.attributes.pop("translatable", None)


def _option_text(node: nodes.Node) -> bool:
    """Whether a translatable node shows an option or a title of a card (its header, its labelled
    details), not the author's Markdown body."""
    parent = node.parent
    while parent is not None and not isinstance(parent, cv_body):
        if isinstance(parent, cv_header) or (
            isinstance(parent, nodes.field_list) and "cv-details" in parent["classes"]
        ):
            return True
        parent = parent.parent
    return False


class TranslatedOptionsAsText(SphinxTransform):
    """A card's title and options are plain text, never Markdown: their translations in a ``.po``
    file are too. Sphinx's ``Locale`` (priority 20) parses every msgstr as the page's markup, so a
    translated title could carry HTML, a role that copies a file (``{download}``) or a directive;
    here (before it) each such message becomes the text it says, checked as the option is (length,
    markup warned about), and is taken from ``Locale``'s way."""

    default_priority = 15

    def apply(self, **kwargs: Any) -> None:
        if issubclass(builder_class(self.env), MessageCatalogBuilder):
            return
        domain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        folders = [Path(self.env.srcdir, folder) for folder in self.config.locale_dirs]
        catalog, has_catalog = locale.init(folders, self.config.language, domain)
        if not has_catalog:
            return
        for node, message in list(extract_messages(self.document)):
            if not _option_text(node):
                continue
            node["translatable"] = False  # Locale passes it by
            translated, _noqa = parse_noqa(catalog.gettext(message))
            text = " ".join(translated.split())
            if not text or translated == message:
                continue
            if len(text) > MAX_LENGTH:
                warn(f"a translated title or option is {len(text)} characters long; cut", Subtype.TOO_LONG, node)
                text = cut(text)
            if has_markup(text):
                warn("a translated title or option contains HTML markup, shown as text", Subtype.MARKUP, node)
            node[:] = [nodes.Text(text)]


def forget_project_catalogs(app: Sphinx) -> None:
    """Global state: Python's ``gettext`` and Sphinx keep every catalog they loaded for the life of
    the process, so a process that builds again (``nox -s serve``, the tests) went on translating
    with a ``.po`` file's old words. The project's own catalogs are read afresh by each build."""
    folders = [folder.resolve() for folder in project_locale_dirs(app)]
    forget_catalogs(folders)
    for folder in folders:  # the pages' catalogs (a page's name, or its folder's), not the extensions'
        messages = folder / str(app.config.language) / "LC_MESSAGES"
        for po in messages.rglob("*.po"):
            domain = po.relative_to(messages).with_suffix("").as_posix()
            source = Path(app.srcdir, domain)
            if source.is_dir() or any(
                source.with_name(source.name + suffix).is_file() for suffix in app.config.source_suffix
            ):
                forget_translator(domain)


def setup_i18n(app: Sphinx) -> None:
    compiled = str(compile_catalogs(Path(app.doctreedir, COMPILED)))
    app.add_message_catalog(CATALOG, compiled)
    # words of Sphinx and furo that Sphinx's catalog lacks for a language: added as its fallback
    app.add_message_catalog(SPHINX_CATALOG, compiled)
    app.add_transform(KeepTranslatedInlines)
    app.add_transform(TranslatedOptionsAsText)
    app.connect("builder-inited", forget_project_catalogs)
