"""What content from others may not do: read files outside the project, or run script.

Directive options and bib files are always treated as untrusted, and so is what a
translator's ``.po`` file puts in place of an option (``i18n.py``). Page bodies, and the
translations of their paragraphs, are the owner's own writing unless
``portfolio_trust_raw_html = False`` (for a fork that merges other people's pull requests):
then raw HTML is shown as text, with a warning where it was, file inclusion (``include``,
``literalinclude``, ``raw :file:``, ``csv-table :file:``) is off, a download may not be a file
a browser would run, and every link is http(s), mailto or relative. Whatever the setting, an
image or a download is a file of the project, an image is an image by its content (an SVG
without script), and a translation reads no file at all.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives, languages
from docutils.parsers.rst.directives.misc import Include
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.directives.code import LiteralInclude
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from .compat import sphinx as sphinx_compat
from .config import portfolio_settings
from .nodes import cv_linebreak
from .private import PRIVATE_FILE
from .text import LINE_BREAK
from .warnings import Subtype, warn

#: how each image format starts; SVG is text and is recognised by its root element
_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"%PDF-")
_REMOTE = ("http://", "https://", "data:")
#: the names an image file may have: a browser shows each of them as an image, never runs it as a page
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".pdf"})
#: SVG elements that run script or embed a document of their own
_SVG_ACTIVE = frozenset({"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"})
#: attribute values that run script where a browser follows them (entities are decoded by then)
_SCRIPT_URL_RE = re.compile(r"(?:java|vb)script:|data:(?!image/(?:png|jpeg|gif|webp)[;,])", re.IGNORECASE)
#: what no image needs: a DTD of its own (entities expand before anything is checked), a style sheet
#: that transforms the document (XSLT may write a page with script)
_SVG_REFUSED_RE = re.compile(rb"<!DOCTYPE[^>]*\[|<!ENTITY|<\?xml-stylesheet", re.IGNORECASE)
#: file names a browser runs as a page or a script when it opens them from the site
_ACTIVE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".xht", ".xml", ".js", ".mjs", ".svgz", ".shtml"})


def _local(name: str) -> str:
    """An XML name without its namespace: ``{http://www.w3.org/2000/svg}script`` -> ``script``."""
    return name.rpartition("}")[2].lower()


def svg_problem(data: bytes) -> str:
    """Why an SVG could run script when opened from the site ("" if it cannot): a script element,
    an event handler, an embedded document, a ``javascript:`` address, a DTD or a style sheet."""
    if _SVG_REFUSED_RE.search(data):
        return "is an SVG with a DTD or a style sheet"
    try:
        root = ElementTree.fromstring(data)
    except (ElementTree.ParseError, ValueError):
        return "is not a well-formed SVG"
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if _local(element.tag) in _SVG_ACTIVE:
            return f"is an SVG with a <{_local(element.tag)}> element"
        for name, value in element.attrib.items():
            if _local(name).startswith("on"):
                return f"is an SVG with an event handler ({_local(name)})"
            if _SCRIPT_URL_RE.search(re.sub(r"[\x00-\x20]", "", value)):
                return "is an SVG with a script address"
    return ""


def _is_svg(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype svg")) and b"<svg" in text


def image_problem(path: Path) -> str:
    """Why a file of the project cannot be published as an image ("" if it can): it is not PNG,
    JPEG, GIF, WebP, PDF or SVG by its content, its name is not an image's, or it is a scripted SVG."""
    with path.open("rb") as file:
        head = file.read(1024)
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        return f"is not named as an image ({', '.join(sorted(IMAGE_SUFFIXES))})"
    if head.startswith(_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return ""
    if _is_svg(head):
        return svg_problem(path.read_bytes())
    return "is not an image"


def is_image_file(path: Path) -> bool:
    """PNG, JPEG, GIF, WebP, PDF or SVG without script, by content, with an image's name."""
    return not image_problem(path)


def inside(path: Path, folder: Path) -> bool:
    """True if ``path``, with every symlink followed, is in ``folder``."""
    return path.resolve().is_relative_to(folder.resolve())


class ImagesInsideProject(SphinxTransform):
    """Every image is a file of the project and really an image (a scripted SVG is not); others
    are left out with a warning before Sphinx would copy them into the site (``:photo: /conf.py``
    is not a photo)."""

    default_priority = 100

    def apply(self, **kwargs: object) -> None:
        srcdir = Path(self.env.srcdir)
        for image in list(self.document.findall(nodes.image)):
            uri = image.get("uri", "")
            if not uri or uri.startswith(_REMOTE) or "*" in uri:
                continue
            _, path = self.env.relfn2path(uri, self.env.docname)
            problem = ""
            if not inside(Path(path), srcdir):
                problem = "is outside the project"
            elif Path(path).is_file():
                problem = image_problem(Path(path))
            if problem:
                warn(f"image {uri!r} {problem}; left out", Subtype.IMAGE, image)
                image.parent.remove(image)


def scheme(address: str) -> str:
    """The scheme of an address as a browser reads it (it drops spaces and control characters
    first: ``java\tscript:`` is ``javascript:``), lower-cased; "" for a relative address."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", address)
    found = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", cleaned)
    return found.group(1).lower() if found else ""


#: what a link of an untrusted page may be: these schemes, or a relative address
SAFE_SCHEMES = frozenset({"", "http", "https", "mailto"})


def _not_content(relative: Path) -> bool:
    """A file of the project that is not what pages publish: settings (``conf.py``), hidden files
    and folders (``.git/``, ``.env``), the build's own folders."""
    return relative.name == "conf.py" or any(part.startswith((".", "_build")) for part in relative.parts)


class DownloadsInsideProject(SphinxTransform):
    """``{download}`` publishes a file of the project, never one outside it (``../../etc/hosts``);
    while page bodies are untrusted, not a file a browser would run either (a page, a script, a
    scripted SVG), nor the project's settings or hidden files, and a remote download is http(s).
    ``private.toml`` is never published. Refused ones are shown as their text."""

    default_priority = 100

    def apply(self, **kwargs: object) -> None:
        trusted = portfolio_settings(self.config).trust_raw_html
        srcdir = Path(self.env.srcdir)
        for ref in list(self.document.findall(addnodes.download_reference)):
            target = ref.get("reftarget", "")
            problem = ""
            if "://" in target:
                if not trusted and scheme(target) not in SAFE_SCHEMES - {"mailto"}:
                    problem = "is not an http(s) address"
            else:
                _, found = self.env.relfn2path(target, self.env.docname)
                path = Path(found)
                if not inside(path, srcdir):
                    problem = "is outside the project"
                elif path.name == PRIVATE_FILE:
                    problem = "holds private contact data"
                elif not trusted and _not_content(path.resolve().relative_to(srcdir.resolve())):
                    problem = "is not content of the site (portfolio_trust_raw_html = False)"
                elif not trusted and path.suffix.lower() in _ACTIVE_SUFFIXES:
                    problem = "is a file a browser would run (portfolio_trust_raw_html = False)"
                elif not trusted and path.suffix.lower() == ".svg" and path.is_file():
                    problem = svg_problem(path.read_bytes())
            if problem:
                warn(f"download {target!r} {problem}; shown as text", Subtype.FILE_INSERTION, ref)
                ref.replace_self(nodes.inline(ref.rawsource, "", *ref.children))


class SafeReferences(SphinxTransform):
    """With ``portfolio_trust_raw_html = False``, every link of a page is http(s), mailto or
    relative: a reST link or target to ``javascript:``, a figure's ``:target:``, a button of
    another extension, is shown as its text. Runs after docutils has resolved named targets."""

    default_priority = 700

    def apply(self, **kwargs: object) -> None:
        if portfolio_settings(self.config).trust_raw_html:
            return
        for ref in list(self.document.findall(nodes.reference)):
            address = ref.get("refuri", "")
            if isinstance(ref, addnodes.download_reference) or scheme(address) in SAFE_SCHEMES:
                continue
            warn(
                f"link to {address[:80]!r} is not http(s), mailto or relative; shown as text",
                Subtype.URL,
                ref,
            )
            ref.replace_self(list(ref.children) or [nodes.Text(ref.astext())])


def hard_line_breaks(tree: nodes.Node) -> None:
    """MyST writes a Markdown hard line break (a line ending in ``\\`` or two spaces) as two raw
    nodes, ``<br />`` for HTML and ``\\\\`` for LaTeX: every other output lost it (the PDF glued
    the words, ``resume.json`` showed the markup) and untrusted pages warned about raw HTML. One
    ``cv_linebreak`` in their place, which every writer draws as its line break."""
    for raw in list(tree.findall(nodes.raw)):
        if raw.get("format") != "html" or raw.astext() != "<br />\n":
            continue
        following = raw.next_node(descend=False, siblings=True)
        if isinstance(following, nodes.raw) and following.get("format") == "latex" and following.astext() == "\\\\\n":
            following.parent.remove(following)
            raw.replace_self(cv_linebreak(LINE_BREAK, LINE_BREAK))


class HardLineBreaks(SphinxTransform):
    """Every hard line break of a page (``hard_line_breaks``); a card's body has them already."""

    default_priority = 90  # before RawHtmlAsText

    def apply(self, **kwargs: object) -> None:
        hard_line_breaks(self.document)


class RawHtmlAsText(SphinxTransform):
    """With ``portfolio_trust_raw_html = False``, raw HTML (MyST's HTML syntax, the ``raw``
    directive) is shown as the text it is."""

    default_priority = 100

    def apply(self, **kwargs: object) -> None:
        if portfolio_settings(self.config).trust_raw_html:
            return
        for raw in list(self.document.findall(nodes.raw)):
            warn("raw HTML is shown as text (portfolio_trust_raw_html = False)", Subtype.RAW_HTML, raw)
            text = nodes.Text(raw.astext())
            if isinstance(raw.parent, nodes.TextElement):
                raw.replace_self(text)
            else:
                raw.replace_self(nodes.literal_block(raw.astext(), raw.astext()))


#: the directives that do nothing but read a file
INCLUSIONS = ("include", "literalinclude")


class RefusedInclusion(SphinxDirective):
    """``include`` and ``literalinclude`` while page bodies are untrusted, and in every translated
    message: a warning, no file read."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = {**(Include.option_spec or {}), **(LiteralInclude.option_spec or {})}  # accepted, and ignored

    def run(self) -> list[nodes.Node]:
        why = "in a translation" if _translating else "while portfolio_trust_raw_html = False"
        warn(f"{self.name!r} is off {why}; nothing is included", Subtype.FILE_INSERTION, self.get_location())
        return []


#: whether a translated message (a ``.po`` file's msgstr) is being parsed: global state of the
#: process, set only while ``_publish_msgstr`` runs (parallel reads are processes, not threads)
_translating = False


@contextmanager
def _inclusions_refused() -> Iterator[None]:
    """``include`` and ``literalinclude`` refused for the duration, then as they were."""
    global _translating
    english = languages.get_language("en")
    previous = {name: directives.directive(name, english, None)[0] for name in INCLUSIONS}  # type: ignore[arg-type]
    _translating = True
    try:
        for name in INCLUSIONS:
            directives.register_directive(name, RefusedInclusion)
        yield
    finally:
        _translating = False
        for name, directive in previous.items():
            if directive is not None:
                directives.register_directive(name, directive)


class _Parsed:
    """The messages of the page being translated, parsed once: ``Locale`` parses each message
    twice (once for section titles, once for everything), which warned twice about the same line."""

    def __init__(self) -> None:
        #: the page's docutils settings, which both of ``Locale``'s passes hand over
        self.settings: Any = None
        self.patches: dict[tuple[str, str, int], nodes.Element] = {}

    def get(self, settings: Any, key: tuple[str, str, int]) -> nodes.Element | None:
        if settings is not self.settings:
            self.settings, self.patches = settings, {}
        found = self.patches.get(key)
        return found.deepcopy() if found is not None else None


#: global state: the page whose messages were parsed last (one page at a time per process)
_parsed = _Parsed()


def _confine(parse: sphinx_compat.MsgstrParser) -> sphinx_compat.MsgstrParser:
    """Sphinx's parse of a translated message, with no file read: a ``.po`` file comes from a
    translator, and its text reaches the site and the PDF. What it may do besides is what the
    page it translates may do (raw HTML, links: the transforms above run on the result)."""

    def confined(source: str, source_path: str, source_line: int, settings: Any) -> nodes.Element:
        key = (source, source_path, source_line)
        if (known := _parsed.get(settings, key)) is not None:
            return known
        settings = settings.copy()
        settings.file_insertion_enabled = False  # raw :file:, csv-table :file:, include in reST
        with _inclusions_refused():
            patch = parse(source, source_path, source_line, settings)
        _parsed.patches[key] = patch.deepcopy()
        return patch

    return confined


def refuse_file_insertion(app: Sphinx, config: Config) -> None:
    """Untrusted page bodies may not pull files in: ``include``, ``literalinclude`` and the
    ``:file:`` options of docutils' directives are off."""
    if not portfolio_settings(config).trust_raw_html:
        for name in INCLUSIONS:
            app.add_directive(name, RefusedInclusion, override=True)


def no_file_options(app: Sphinx) -> None:
    if not portfolio_settings(app.config).trust_raw_html:
        app.env.settings["file_insertion_enabled"] = False


def visit_linebreak_html(self: Any, node: nodes.Element) -> None:
    self.body.append("<br />\n")
    raise nodes.SkipNode


def visit_linebreak_latex(self: Any, node: nodes.Element) -> None:
    self.body.append("\\\\\n")
    raise nodes.SkipNode


def visit_linebreak_text(self: Any, node: nodes.Element) -> None:
    self.add_text("\n")
    raise nodes.SkipNode


def setup_untrusted(app: Sphinx) -> None:
    app.add_node(
        cv_linebreak,
        html=(visit_linebreak_html, None),
        latex=(visit_linebreak_latex, None),
        text=(visit_linebreak_text, None),
    )
    sphinx_compat.wrap_msgstr_parser(_confine)
    app.add_transform(ImagesInsideProject)
    app.add_transform(DownloadsInsideProject)
    app.add_transform(SafeReferences)
    app.add_transform(HardLineBreaks)
    app.add_transform(RawHtmlAsText)
    app.connect("config-inited", refuse_file_insertion)
    app.connect("builder-inited", no_file_options)
