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
from ..domain import CVDomain
from ..outputs import write_if_changed

FILENAME = "sitemap.xml"
NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
#: builders with one page per document
BUILDERS = ("html", "dirhtml")


def addresses(app: Sphinx) -> list[str]:
    """The address of every document and paper page, sorted."""
    builder, env = app.builder, app.env
    pages = set(env.found_docs)
    if writes_paper_pages(builder, app.config):
        domain: CVDomain = env.domains[CVDomain.name]  # type: ignore[assignment]
        pages |= {paper.page for paper in domain.papers.values() if paper.page}
    base = app.config.html_baseurl.rstrip("/") + "/"
    return sorted(base + builder.get_target_uri(page) for page in pages)


def sitemap(urls: list[str]) -> str:
    lines = [f"  <url><loc>{escape(url)}</loc></url>\n" for url in urls]
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{NS}">\n{"".join(lines)}</urlset>\n'


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.name in BUILDERS and app.config.html_baseurl:
        write_if_changed(Path(app.outdir, FILENAME), sitemap(addresses(app)))


def setup_sitemap(app: Sphinx) -> None:
    app.connect("build-finished", write_sitemap, priority=800)
