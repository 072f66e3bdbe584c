"""What content from others may not do: read files outside the project, or run script.

Directive options and bib files are always treated as untrusted. Page bodies
are the owner's own writing unless ``portfolio_trust_raw_html = False`` (for a
fork that merges other people's pull requests): then raw HTML is shown as
text, with a warning where it was, and file inclusion (``include``,
``literalinclude``, ``raw :file:``) is off.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst.directives.misc import Include
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.directives.code import LiteralInclude
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from .warnings import Subtype, warn

#: how each image format starts; SVG is text and is recognised by its root element
_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"%PDF-")
_REMOTE = ("http://", "https://", "data:")


def is_image_file(path: Path) -> bool:
    """PNG, JPEG, GIF, WebP, PDF or SVG by content, whatever the file is called."""
    with path.open("rb") as file:
        head = file.read(1024)
    if head.startswith(_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return True
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype svg")) and b"<svg" in text


def inside(path: Path, folder: Path) -> bool:
    """True if ``path``, with every symlink followed, is in ``folder``."""
    return path.resolve().is_relative_to(folder.resolve())


class ImagesInsideProject(SphinxTransform):
    """Every image is a file of the project and really an image; others are left out with a
    warning before Sphinx would copy them into the site (``:photo: /conf.py`` is not a photo)."""

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
            elif Path(path).is_file() and not is_image_file(Path(path)):
                problem = "is not an image"
            if problem:
                warn(f"image {uri!r} {problem}; left out", Subtype.IMAGE, image)
                image.parent.remove(image)


class RawHtmlAsText(SphinxTransform):
    """With ``portfolio_trust_raw_html = False``, raw HTML (MyST's HTML syntax, the ``raw``
    directive) is shown as the text it is."""

    default_priority = 100

    def apply(self, **kwargs: object) -> None:
        if self.config.portfolio_trust_raw_html:
            return
        for raw in list(self.document.findall(nodes.raw)):
            warn("raw HTML is shown as text (portfolio_trust_raw_html = False)", Subtype.RAW_HTML, raw)
            text = nodes.Text(raw.astext())
            if isinstance(raw.parent, nodes.TextElement):
                raw.replace_self(text)
            else:
                raw.replace_self(nodes.literal_block(raw.astext(), raw.astext()))


class RefusedInclusion(SphinxDirective):
    """``include`` and ``literalinclude`` while page bodies are untrusted: a warning, no file read."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = {**(Include.option_spec or {}), **(LiteralInclude.option_spec or {})}  # accepted, and ignored

    def run(self) -> list[nodes.Node]:
        warn(
            f"{self.name!r} is off while portfolio_trust_raw_html = False; nothing is included",
            Subtype.FILE_INSERTION,
            self.get_location(),
        )
        return []


def refuse_file_insertion(app: Sphinx, config: Config) -> None:
    """Untrusted page bodies may not pull files in: ``include``, ``literalinclude`` and the
    ``:file:`` options of docutils' directives are off."""
    if not config.portfolio_trust_raw_html:
        for name in ("include", "literalinclude"):
            app.add_directive(name, RefusedInclusion, override=True)


def no_file_options(app: Sphinx) -> None:
    if not app.config.portfolio_trust_raw_html:
        app.env.settings["file_insertion_enabled"] = False


def setup_untrusted(app: Sphinx) -> None:
    app.add_transform(ImagesInsideProject)
    app.add_transform(RawHtmlAsText)
    app.connect("config-inited", refuse_file_insertion)
    app.connect("builder-inited", no_file_options)
