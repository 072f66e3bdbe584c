"""Doctree nodes of a card: one node type per part that a writer draws on its own.

Every node derives from a standard docutils node, so a builder that has no
visitor of ours (a Markdown builder, say) writes it as that node and shows its
text instead of dropping it; Sphinx's translators look visitors up along the
class hierarchy. User text is always in ``Text`` children, escaped by each
writer's own rules. ``cv_entry["entry"]`` holds the entry's record.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

#: the builders that write the website; every other builder, and the PDF, leaves out ``WebsiteOnly`` nodes
WEBSITE_BUILDERS = ("html", "dirhtml", "singlehtml")


class WebsiteOnly:
    """A node only the website shows (a PDF link, a filter form): removed for every other
    builder and for the PDF by ``transforms.strip_website_only``, so no other writer meets it."""


# -- a card ------------------------------------------------------------------------------------


class cv_entry(nodes.container):  # noqa: N801 (docutils naming)
    """A card; ``entry`` holds its record (``records.Entry``)."""


class cv_header(nodes.container):  # noqa: N801
    """The card's title, meta line and, for a profile, photo and contact."""


class cv_title(nodes.paragraph):  # noqa: N801
    """The entry's name: a job title, degree, talk title, person's name."""


class cv_meta(nodes.paragraph):  # noqa: N801
    """Organisations, place and dates, separated by ``cv_sep``."""


class cv_orgs(nodes.inline):  # noqa: N801
    """The organisations: employer, institution, event and host, issuer."""


class cv_org(nodes.inline):  # noqa: N801
    """One organisation; ``option`` names the option it came from."""


class cv_place(nodes.inline):  # noqa: N801
    """Where: "Berlin, Germany"."""


class cv_dates(nodes.inline):  # noqa: N801
    """A date, a range or a list of days, made of ``cv_time`` children."""


class cv_time(nodes.inline):  # noqa: N801
    """One date; ``datetime`` holds its ISO form ("" for "present"), ``date`` the ``CVDate``."""


class cv_sep(nodes.inline):  # noqa: N801
    """A separator between parts of a line."""


class cv_body(nodes.container):  # noqa: N801
    """Tags, details, the author's Markdown and the links."""


class cv_tags(nodes.paragraph):  # noqa: N801
    """The tags of a card: a talk's kinds."""


class cv_tag(nodes.inline):  # noqa: N801
    """One tag."""


class cv_links(nodes.paragraph):  # noqa: N801
    """The card's links (slides, video, code), ``cv_link`` children."""


class cv_link(nodes.reference):  # noqa: N801
    """A link whose address matters on paper; ``option`` names the option it came from."""


class cv_papers(nodes.paragraph):  # noqa: N801
    """ "Described in": references to the papers of a software card."""


class cv_photo(nodes.image):  # noqa: N801
    """A profile's photo."""


class cv_contact(nodes.paragraph):  # noqa: N801
    """A profile's contact line: email, accounts, private contact where allowed."""


class cv_account(nodes.reference):  # noqa: N801
    """A profile account (GitHub, LinkedIn, ORCID): on paper its address is the useful part."""


class cv_email(nodes.inline):  # noqa: N801
    """An email address; the website assembles it in the browser so harvesters miss it."""


class cv_download(WebsiteOnly, nodes.paragraph):  # noqa: N801
    """The line with the link to the PDF CV, resolved when written: the PDF's name and whether
    there is a PDF at all are write-time settings."""


# -- a formatted publication (the pybtex style makes these) -----------------------------------


class cv_pub_title(nodes.inline):  # noqa: N801
    """A publication's title, in a formatted bibliography entry (made by the pybtex style)."""


class cv_pub_authors(nodes.inline):  # noqa: N801
    """A publication's authors and year."""


class cv_pub_links(nodes.inline):  # noqa: N801
    """A publication's links (DOI, PDF, arXiv, code, project page), as the bibliography prints them."""


class cv_pub_note(nodes.inline):  # noqa: N801
    """A publication's note ("Best paper award winner"), as the bib file writes it: in its language,
    which a page in another language marks (``foreign.py``)."""

    def __init__(self, rawsource: str = "", text: str = "", *children: nodes.Node, **attributes: object) -> None:
        super().__init__(rawsource, text, *children, **attributes)
        if "cv-pub-note" not in self["classes"]:
            self["classes"].append("cv-pub-note")


# -- features' nodes, registered by the features ---------------------------------------------


class cv_paper_extras(WebsiteOnly, nodes.container):  # noqa: N801
    """Website-only extras of one publication: its page, BibTeX, abstract, filter data."""


class cv_filter(WebsiteOnly, nodes.container):  # noqa: N801
    """Where the publication filter goes; the script builds the form inside it."""


class cv_pdfs(WebsiteOnly, nodes.bullet_list):  # noqa: N801
    """Links to every PDF of the build, resolved when written (the variants are write-time settings)."""


class cv_latest(nodes.container):  # noqa: N801
    """A list of the newest entries of one kind from all pages, filled in at write time."""


class cv_intersphinx_snippet(nodes.literal_block):  # noqa: N801
    """The ``conf.py`` lines for another project, filled in from this one's settings when written."""


class cv_inventory(nodes.container):  # noqa: N801
    """Where the table of every name other projects can link to goes, filled in at write time."""


class cv_files(WebsiteOnly, nodes.container):  # noqa: N801
    """Links to the files the site publishes for others (BibTeX, JSON Resume, inventory)."""


class cv_table_filter(WebsiteOnly, nodes.container):  # noqa: N801
    """A place for a filter box over the table after it; ``label`` is its text."""


class cv_highlights(WebsiteOnly, nodes.container):  # noqa: N801
    """A grid of numbers (papers, talks, software, ...) linking to their pages, drawn when written."""


class cv_linebreak(nodes.inline):  # noqa: N801
    """A hard line break in the author's Markdown (MyST gives raw HTML and LaTeX): ``<br />`` on
    the site, a line break in the PDF; its text ``text.LINE_BREAK`` keeps it in a record's summary."""


class cv_year_groups(nodes.Invisible, nodes.Element):  # noqa: N801
    """Marks a bibliography whose papers go under a heading per year (``:group: year``)."""


def joined(items: Sequence[nodes.Node], sep: str = " · ") -> list[nodes.Node]:
    """Items with a ``cv_sep`` between each two: how every card line lists its parts."""
    result: list[nodes.Node] = []
    for i, item in enumerate(items):
        if i:
            result.append(cv_sep(sep, sep))
        result.append(item)
    return result


#: the parts of a card (and of a formatted publication), registered with their visitors by
#: ``writers/``; the other nodes
#: here belong to features that register them (``website/``, ``directives/intersphinx.py``)
CARD_NODES: tuple[type[nodes.Element], ...] = (
    cv_entry,
    cv_header,
    cv_title,
    cv_meta,
    cv_orgs,
    cv_org,
    cv_place,
    cv_dates,
    cv_time,
    cv_sep,
    cv_body,
    cv_tags,
    cv_tag,
    cv_links,
    cv_link,
    cv_papers,
    cv_photo,
    cv_contact,
    cv_account,
    cv_download,
    cv_pub_title,
    cv_pub_authors,
    cv_pub_links,
    cv_pub_note,
)
