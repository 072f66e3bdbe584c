"""Per-paper extras on the website: BibTeX and abstract in the list, and one page per paper
with Google Scholar's ``citation_*`` meta tags and schema.org JSON-LD.

The data is what sphinxcontrib-bibtex parsed and ``bibliography.sanitize``
cleaned; the text of a paper page is the same formatted entry as in the list,
rendered by pybtex's HTML backend with its link addresses escaped too. Every piece
of HTML comes from a Jinja template with autoescape (``templates/portfolio/``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from docutils import nodes
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pybtex.backends.html import Backend as HtmlBackend
from pybtex.database import Entry
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import relative_uri
from sphinx.writers.html5 import HTML5Translator

from ..bibliography.bibtex import to_bibtex
from ..bibliography.latex import plain
from ..bibliography.links import ROOT, LocalFiles, archive, bare_doi, entry_links, is_file
from ..bibliography.marks import cv_pub_badge, math_html
from ..bibliography.style import TAGS
from ..bibliography.venues import venue_badge
from ..compat import bibtex as compat
from ..config import portfolio_settings, writes_paper_pages
from ..domain import cv_domain
from ..i18n import _
from ..incremental import config_digest, digest, fingerprint, frame, record
from ..nodes import WEBSITE_BUILDERS, WebsiteOnly, cv_paper_extras, cv_pub_links, cv_pub_title, cv_sep
from ..records import Paper
from ..state import build_state
from ..text import plain_backend
from ..validate import cut, is_web_url
from .jsonld import json_ld

PAGE_FOLDER = "papers/"
#: the paper page's template (``templates/portfolio/paper.html``)
TEMPLATES = Path(__file__).with_name("templates")
#: the marks of a formatted entry that a paper's page shows elsewhere than in its reference line
PAGE_PARTS = ("cv-pub-title", "cv-pub-badge", "cv-pub-links")
_EDGE_SEPARATORS_RE = re.compile(
    r'^(?:\s*<span class="cv-sep">[^<]*</span>)+|(?:<span class="cv-sep">[^<]*</span>\s*)+$'
)
TYPE_LABELS = {
    "article": _("Journal article"),
    "inproceedings": _("Conference or workshop paper"),
    "conference": _("Conference or workshop paper"),
    "incollection": _("Book chapter"),
    "inbook": _("Book chapter"),
    "book": _("Book"),
    "booklet": _("Book"),
    "proceedings": _("Edited volume"),
    "misc": _("Preprint"),
    "unpublished": _("Unpublished"),
    "online": _("Web page"),
    "phdthesis": _("Thesis"),
    "mastersthesis": _("Thesis"),
    "thesis": _("Thesis"),
    "techreport": _("Report"),
    "report": _("Report"),
    "manual": _("Manual"),
}
#: the meta tags naming the venue, by entry type, with the fields they come from, the first one the
#: entry has (Google Scholar's inclusion guidelines)
VENUE_TAGS: dict[str, tuple[str, tuple[str, ...]]] = {
    "article": ("citation_journal_title", ("journal", "journaltitle")),
    "inproceedings": ("citation_conference_title", ("booktitle",)),
    "conference": ("citation_conference_title", ("booktitle",)),
    "incollection": ("citation_inbook_title", ("booktitle",)),
    "inbook": ("citation_inbook_title", ("booktitle",)),
    "phdthesis": ("citation_dissertation_institution", ("school", "institution")),
    "mastersthesis": ("citation_dissertation_institution", ("school", "institution")),
    "thesis": ("citation_dissertation_institution", ("school", "institution")),
    "techreport": ("citation_technical_report_institution", ("institution",)),
    "report": ("citation_technical_report_institution", ("institution",)),
}
#: schema.org's type for each entry type (the rest are ``ScholarlyArticle``s)
SCHEMA_TYPES = {
    "book": "Book",
    "proceedings": "Book",
    "incollection": "Chapter",
    "inbook": "Chapter",
    "phdthesis": "Thesis",
    "mastersthesis": "Thesis",
    "thesis": "Thesis",
    "techreport": "Report",
    "report": "Report",
    "online": "WebPage",
}
_PAGE_RANGE_RE = re.compile(r"\s*(?:[\u2010-\u2015\u2212]+|-+)\s*")


class ReferenceBackend(HtmlBackend):
    """The reference line of a paper's page: authors and venue, without the title, badge and links
    that the page shows on their own; the title (its maths as MathML) is kept for the heading.
    pybtex's HTML backend writes link addresses into ``href`` unescaped; this one escapes them. Our
    style's marks (``cv-pub-authors``, ...) become the spans the publication lists have, not elements
    of those names. ``text`` is HTML already: pybtex escaped every text in it."""

    def __init__(self) -> None:
        super().__init__()
        self.title = ""

    @staticmethod
    def format_href(url: str, text: str, external: bool = False) -> str:
        return str(parts().link(url, Markup(text)))

    def format_tag(self, tag_name: str, text: str) -> str:
        if tag_name == "cv-pub-title":
            self.title = text
        if tag_name in PAGE_PARTS:
            return ""
        if tag_name in TAGS:
            return str(parts().mark(tag_name, Markup(text)))
        return str(super().format_tag(tag_name, text))

    @staticmethod
    def format_math(tex: str, text: str) -> str:
        return math_html(tex, text)


@lru_cache(maxsize=1)
def _templates() -> Environment:
    """Jinja with autoescape, so a value is text unless marked as HTML."""
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True), keep_trailing_newline=True
    )


@lru_cache(maxsize=1)
def page_template() -> Any:
    """The paper page's body."""
    return _templates().get_template("portfolio/paper.html")


@lru_cache(maxsize=1)
def parts() -> Any:
    """The smaller pieces (``paper-parts.html``): each macro returns escaped HTML."""
    return _templates().get_template("portfolio/paper-parts.html").module


def text(entry: Entry, field: str) -> str:
    """A field as plain text (braces and LaTeX markup gone)."""
    return plain(entry.fields.get(field, "")) if entry.fields.get(field) else ""


def authors(entry: Entry) -> list[str]:
    return [plain(str(person)) for person in entry.persons.get("author", [])]


class cv_pub_year(WebsiteOnly, nodes.inline):  # noqa: N801 (docutils naming)
    """A listed paper's year, in the list's column beside its label (website only)."""


class PaperExtras(SphinxPostTransform):
    """Give every listed paper its venue badge (al-folio's ``abbr``, else a well-known venue's short
    name), its year in a column of its own (where the list has no year headings), and its row of
    buttons: its links (taken out of the text, where the PDF prints them), abstract, BibTeX and
    page. After the bibliography is filled (priority 5) and grouped by year (6)."""

    default_priority = 8
    builders = WEBSITE_BUILDERS

    def run(self, **kwargs: Any) -> None:
        if self.document.get("portfolio_pdf"):  # the PDF leaves website-only nodes out: skip the work
            return
        domain = cv_domain(self.env)
        entries = compat.entries(self.env)
        for citation, key in domain.listed_papers(self.document):
            if key not in entries or any(isinstance(c, cv_paper_extras) for c in citation):
                continue
            for links in list(citation.findall(cv_pub_links)):
                before = links.previous_sibling()
                if isinstance(before, cv_sep):
                    before.parent.remove(before)
                links.parent.remove(links)
            entry = entries[key]
            self.add_badge(citation, entry)
            if (year := entry.fields.get("year", "")) and not _under_year_headings(citation):
                label = next((i for i, child in enumerate(citation.children) if isinstance(child, nodes.label)), -1)
                citation.insert(label + 1, cv_pub_year(year, year, classes=["cv-pub-year"]))
            citation += cv_paper_extras(
                key=key,
                page=domain.papers[key].page,
                year=entry.fields.get("year", ""),
                type=entry.type,
                type_label=str(TYPE_LABELS.get(entry.type, _("Other"))),
                links=[(link.label, link.url) for link in entry_links(entry, files=ROOT)],
                bibtex=published_bibtex(self.config, entry, key),
                abstract=text(entry, "abstract"),
            )

    @staticmethod
    def add_badge(citation: nodes.Element, entry: Entry) -> None:
        """A badge before the title where the style gave none (it gives al-folio's ``abbr``)."""
        if any(True for _ in citation.findall(cv_pub_badge)) or not (badge := venue_badge(entry)):
            return
        if (title := next(iter(citation.findall(cv_pub_title)), None)) is not None:
            title.parent.insert(title.parent.index(title), cv_pub_badge("", f"[{badge}] "))


def _under_year_headings(citation: nodes.Element) -> bool:
    """Whether the list shows its papers under year headings (``:group: year``): then no year column."""
    listing = citation.parent
    return listing is not None and any(
        isinstance(child, nodes.rubric) and "cv-year" in child["classes"] for child in listing.children
    )


def visit_pub_year(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(str(parts().year(node.astext())))
    raise nodes.SkipNode


def preview_url(entry: Entry, root: str) -> str:
    """al-folio's ``preview`` image: an https address, or a file of the paper folder seen from ``root``."""
    value = entry.fields.get("preview", "").strip()
    if not value:
        return ""
    if is_file("preview", value):
        target = LocalFiles.targets.get(value)
        return root + target if target else ""
    return value if is_web_url(value) else ""


def published_bibtex(config: Config, entry: Entry, key: str) -> str:
    """The BibTeX the site publishes for an entry: without private and display-only fields."""
    return to_bibtex(
        entry, key, portfolio_settings(config).bib_display_fields, portfolio_settings(config).selected_keyword
    )


def site_root(builder: Any, pagename: str) -> str:
    """The site's root as seen from a page: "", "../", ..."""
    return relative_uri(builder.get_target_uri(pagename), "")


def visit_paper_extras(self: HTML5Translator, node: nodes.Element) -> None:
    page = node["page"] and self.builder.get_relative_uri(self.builder.current_docname, node["page"])
    self.body.append(render_paper_extras(node, page, site_root(self.builder, self.builder.current_docname)))
    raise nodes.SkipNode


BUTTON = "cv-action sd-btn sd-btn-outline-primary"
#: the words of a paper's buttons and page, in the build's language
WORDS = {
    "abstract": _("Abstract"),
    "bibtex": _("BibTeX"),
    "details": _("Details"),
    "all": _("All publications"),
}


def render_paper_extras(node: nodes.Element, page_uri: str, root: str = "") -> str:
    """One row of buttons under a listed paper: its links, then Abstract and BibTeX (``<details>``,
    which open without JavaScript), then its page. ``root`` is the site's root seen from the page,
    for the files of the paper folder."""
    return str(
        parts().extras(
            key=node["key"],
            year=node["year"],
            type=node["type"],
            type_label=node["type_label"],
            links=[(label, url.replace(ROOT, root, 1)) for label, url in node["links"]],
            abstract=node["abstract"],
            bibtex=node["bibtex"],
            page=page_uri,
            button=BUTTON,
            words={name: str(word) for name, word in WORDS.items()},
        )
    )


def meta_tags(entry: Entry, key: str) -> list[tuple[str, str]]:
    """Google Scholar's tags for one paper, in a fixed order."""
    tags = [("citation_title", text(entry, "title"))]
    tags += [("citation_author", name) for name in authors(entry)]
    if year := entry.fields.get("year"):
        tags.append(("citation_publication_date", year))
    venue = ""
    if kind := VENUE_TAGS.get(entry.type):
        if venue := next((text(entry, field) for field in kind[1] if entry.fields.get(field)), ""):
            tags.append((kind[0], venue))
    for tag, field in (
        ("citation_volume", "volume"),
        ("citation_issue", "number"),
        ("citation_publisher", "publisher"),
    ):
        if value := text(entry, field):
            tags.append((tag, value))
    if not venue and (server := preprint_server(entry)):  # Zotero would take it for a journal article of no journal
        tags.append(("citation_technical_report_institution", server))
    if doi := entry.fields.get("doi"):
        tags.append(("citation_doi", bare_doi(doi)))
    if entry.type in ("techreport", "report") and (number := text(entry, "number")):
        tags.append(("citation_technical_report_number", number))
    elif not venue and (number := preprint_number(entry)):
        tags.append(("citation_technical_report_number", number))
    for tag, field in (("citation_isbn", "isbn"), ("citation_issn", "issn")):
        if value := text(entry, field):
            tags.append((tag, value))
    pages = _PAGE_RANGE_RE.split(plain(entry.fields.get("pages", "")).strip())
    if pages[0]:
        tags.append(("citation_firstpage", pages[0]))
        if len(pages) > 1 and pages[-1]:
            tags.append(("citation_lastpage", pages[-1]))
    links = {link.field: link.url for link in reversed(entry_links(entry, files=LocalFiles.site or None))}
    if arxiv := links.get("eprint") or links.get("arxiv"):
        tags.append(("citation_arxiv_id", arxiv.rsplit("/abs/", 1)[-1]))
    if pdf := links.get("pdf") or (arxiv or "").replace("/abs/", "/pdf/"):
        tags.append(("citation_pdf_url", pdf))
    if abstract := text(entry, "abstract"):
        tags.append(("citation_abstract", abstract))
    return [(name, value) for name, value in tags if value]


def preprint_server(entry: Entry) -> str:
    """Where a preprint is: "arXiv" (or the archive its ``eprint`` names) for an entry whose type names
    no venue and that links an e-print; "" otherwise."""
    if entry.type in VENUE_TAGS:
        return ""
    links = entry_links(entry)
    if any(link.label == "arXiv" for link in links):
        return "arXiv"
    if entry.fields.get("eprint") and (server := archive(entry)):
        return plain(server)
    return ""


def preprint_number(entry: Entry) -> str:
    """A preprint's number, as arXiv's own pages give it: "arXiv:2106.13200"."""
    link = next((link for link in entry_links(entry) if link.label == "arXiv"), None)
    return f"arXiv:{link.url.rsplit('/abs/', 1)[-1]}" if link else ""


def scholarly_article(entry: Entry, url: str) -> dict[str, Any]:
    article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(entry.type, "ScholarlyArticle"),
        "headline": text(entry, "title"),
        "name": text(entry, "title"),
        "author": [{"@type": "Person", "name": name} for name in authors(entry)],
        "url": url,
    }
    if year := entry.fields.get("year"):
        article["datePublished"] = year
    kind = SCHEMA_TYPES.get(entry.type, "ScholarlyArticle")
    if (venue := VENUE_TAGS.get(entry.type)) and kind in ("ScholarlyArticle", "Chapter"):  # a thesis is part of nothing
        if value := next((text(entry, field) for field in venue[1] if entry.fields.get(field)), ""):
            part = {"article": "Periodical", "incollection": "Book", "inbook": "Book"}.get(entry.type, "CreativeWork")
            article["isPartOf"] = {"@type": part, "name": value}
    if "isPartOf" not in article and kind == "ScholarlyArticle" and (server := preprint_server(entry)):
        article["isPartOf"] = {"@type": "Periodical", "name": server}
    if abstract := text(entry, "abstract"):
        article["abstract"] = abstract
    if links := [link.url for link in entry_links(entry, files=LocalFiles.site or None)]:
        article["sameAs"] = links
    return article


def open_graph(app: Sphinx, title: str, description: str, url: str) -> list[tuple[str, str]]:
    """Open Graph tags for a paper's page: sphinxext-opengraph writes them for documents only."""
    tags = {"og:title": title, "og:type": "article", "og:description": description, "og:url": url}
    if site_name := getattr(app.config, "ogp_site_name", None) or app.config.project:
        tags["og:site_name"] = site_name
    image = getattr(app.config, "ogp_image", None)
    if image and (base := app.config.html_baseurl):
        tags["og:image"] = image if "://" in image else f"{base.rstrip('/')}/{image}"
    return list(tags.items())


def made_from(entry: Entry, paper: Paper, every_page: str) -> str:
    """What a paper's page is made of: its bib entry, its record, and what every page shows (the
    navigation, static files and settings). Its formatted text follows from the entry and the settings."""
    persons = [(role, [str(person) for person in people]) for role, people in entry.persons.items()]
    return fingerprint(every_page, entry.type, list(entry.fields.items()), persons, paper)


def paper_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: ``papers/<key>.html`` for every paper on the site whose page is not
    as it would be written now."""
    if not compat.loaded(app) or not writes_paper_pages(app.builder, app.config):
        return
    build_state(app).paper_toctrees.clear()  # the navigation may have changed since the last build
    domain = cv_domain(app.env)
    formatted = compat.formatted(app.env)
    entries = compat.entries(app.env)
    base = (app.config.html_baseurl or "").rstrip("/")
    outputs = record(app)
    every_page = digest((frame(app.env), config_digest(app)))
    # where the bib files, the papers and what every page shows are as before, each page is as it was
    # made unless its file changed since: no entry need be looked at
    sources = sorted((str(path), bibfile.mtime) for path, bibfile in compat.bibfiles(app.env).items())
    all_papers = fingerprint(every_page, sources, sorted(domain.papers.items()))
    same = outputs.unchanged("pages:papers", all_papers)
    outputs.note("pages:papers", all_papers, [])
    for key, paper in sorted(domain.papers.items()):
        entry = entries.get(key)
        if entry is None or not paper.page:
            continue
        pagename = paper.page
        if same and outputs.keep(f"page:{pagename}"):
            continue
        made = made_from(entry, paper, every_page)
        if outputs.unchanged(f"page:{pagename}", made):
            continue
        url = f"{base}/{app.builder.get_target_uri(pagename)}" if base else app.builder.get_target_uri(pagename)
        back = app.builder.get_relative_uri(pagename, paper.docname) + "#" + paper.id
        description = cut(formatted[key].text.render(plain_backend()), 200)
        metatags = parts().head(
            meta_tags(entry, key),
            Markup(json_ld(scholarly_article(entry, url))),  # JSON that no value can break out of
            description,
            open_graph(app, paper.title, description, url),
        )
        root = site_root(app.builder, pagename)
        backend = ReferenceBackend()
        reference = _EDGE_SEPARATORS_RE.sub("", formatted[key].text.render(backend).strip())
        body = page_template().render(
            id=paper.id,
            # pybtex's output, every text in it escaped; the record's plain title where the style made none
            title=Markup(backend.title) if backend.title else paper.title,
            badge=venue_badge(entry),
            kind=str(TYPE_LABELS.get(entry.type, _("Other"))),
            # the files of the paper folder, where the site's address is not known
            reference=Markup(reference.replace(ROOT, root)),  # pybtex's output: every text in it is escaped
            links=[(link.label, link.url.replace(ROOT, root, 1)) for link in entry_links(entry, files=ROOT)],
            button=BUTTON,
            preview=preview_url(entry, root),
            abstract=text(entry, "abstract"),
            key=key,
            bibtex=published_bibtex(app.config, entry, key),
            back=back,
            words={name: str(word) for name, word in WORDS.items()},
        )
        # Sphinx's templates put "title" into the page as HTML: it must be escaped here
        context = {
            "title": str(parts().text(paper.title)),
            "body": body,
            "metatags": str(metatags),
        }
        yield pagename, context, "page.html"
        written = Path(app.builder.get_outfilename(pagename)).relative_to(app.outdir)  # type: ignore[attr-defined]
        outputs.note(f"page:{pagename}", made, [written])


def share_paper_toctree(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """All paper pages sit in one folder, so their navigation (which furo builds per page,
    ~5 ms each) is the same: build it once per build and reuse it."""
    if not pagename.startswith(PAGE_FOLDER) or "toctree" not in context:
        return
    cache = build_state(app).paper_toctrees
    toctree = context["toctree"]

    def shared(**kwargs: Any) -> str:
        key = repr(sorted(kwargs.items()))
        if key not in cache:
            cache[key] = toctree(**kwargs)
        return cache[key]

    context["toctree"] = shared


def setup_papers(app: Sphinx) -> None:
    app.add_node(cv_paper_extras, html=(visit_paper_extras, None))
    app.add_node(cv_pub_year, html=(visit_pub_year, None))
    app.add_post_transform(PaperExtras)
    app.connect("html-collect-pages", paper_pages)
    app.connect("html-page-context", share_paper_toctree, priority=400)
