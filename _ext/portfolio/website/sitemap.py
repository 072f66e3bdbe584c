"""``sitemap.xml``: every page of the site and every paper's page, at its address under
``html_baseurl``.

Made from the environment, not from the pages written in this build (which is all
sphinx-sitemap knows, its issue #13), so an incremental build lists the same pages as a
clean one without writing every page again; sorted, so every build writes the same file,
and written only when it changes.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from sphinx.application import Sphinx

from ..config import writes_paper_pages
from ..domain import cv_domain
from ..outputs import Output, write_if_changed

FILENAME = "sitemap.xml"
NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
#: builders with one page per document
BUILDERS = ("html", "dirhtml")


def addresses(app: Sphinx) -> list[str]:
    """The address of every document and paper page, sorted."""
    builder, env = app.builder, app.env
    pages = set(env.found_docs)
    if writes_paper_pages(builder, app.config):
        domain = cv_domain(env)
        pages |= {paper.page for paper in domain.papers.values() if paper.page}
    base = app.config.html_baseurl.rstrip("/") + "/"
    return sorted(base + builder.get_target_uri(page) for page in pages)


def sitemap(urls: list[str]) -> str:
    lines = [f"  <url><loc>{escape(url)}</loc></url>\n" for url in urls]
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{NS}">\n{"".join(lines)}</urlset>\n'


class Sitemap(Output):
    """``sitemap.xml``, made from the pages found and the papers' pages, where the site has an address."""

    name = FILENAME

    def wanted(self, app: Sphinx) -> bool:
        return app.builder.name in BUILDERS and bool(app.config.html_baseurl)

    def made_from(self, app: Sphinx) -> None:
        """Made on every build: it is quicker to make than a digest of what it is made from."""
        return None

    def write(self, app: Sphinx) -> list[str]:
        write_if_changed(Path(app.outdir, FILENAME), sitemap(addresses(app)))
        return [FILENAME]

    def claims(self, relative: str) -> bool:
        return relative == FILENAME

    def own_files(self, app: Sphinx) -> set[str]:
        return {FILENAME} if self.wanted(app) else set()
