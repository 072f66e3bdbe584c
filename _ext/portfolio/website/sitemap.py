"""Make sphinx-sitemap's output complete and stable.

sphinx-sitemap lists only the pages written in this build (its issue #13), so
an incremental build would publish a partial sitemap, and it lists them in the
order parallel writers finish. Where it is loaded, every page is written on
each build (reading stays incremental), and the sitemap is sorted afterwards.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

SITEMAP = "sphinx_sitemap"
NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _active(app: Sphinx) -> bool:
    return SITEMAP in app.extensions and app.builder.format == "html"


def write_every_page(app: Sphinx, env: BuildEnvironment) -> list[str]:
    return sorted(env.found_docs) if _active(app) else []


def sort_sitemap(app: Sphinx, exception: Exception | None) -> None:
    path = Path(app.outdir, app.config.sitemap_filename) if _active(app) else None
    if exception is not None or path is None or not path.is_file():
        return
    ElementTree.register_namespace("", NS)
    ElementTree.register_namespace("xhtml", "http://www.w3.org/1999/xhtml")
    tree = ElementTree.parse(path)
    root = tree.getroot()
    urls = sorted(root, key=lambda url: url.findtext(f"{{{NS}}}loc") or "")
    root[:] = urls
    tree.write(path, xml_declaration=True, encoding="utf-8")


def setup_sitemap(app: Sphinx) -> None:
    app.connect("env-updated", write_every_page, priority=800)
    app.connect("build-finished", sort_sitemap, priority=800)
