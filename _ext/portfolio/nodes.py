"""Doctree nodes of a CV card.

A card is built from real text nodes (title, organisation, place, dates) so
that every writer escapes user text itself and builders we never wrote for
still print readable text; the writers in ``writers/`` only add layout.
"""

from __future__ import annotations

from docutils import nodes


class cv_entry(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """One CV entry; ``kind`` names the directive, ``sortkey`` orders a section."""


class cv_header(nodes.General, nodes.Element):  # noqa: N801
    """Title line plus the meta line of a card."""


class cv_title(nodes.TextElement):  # noqa: N801
    """The entry's name: a job title, degree, talk title, ..."""


class cv_meta(nodes.TextElement):  # noqa: N801
    """Organisation, place and dates, separated by ``cv_sep``."""


class cv_org(nodes.Inline, nodes.TextElement):  # noqa: N801
    """Organisation, institution, event or issuer."""


class cv_place(nodes.Inline, nodes.TextElement):  # noqa: N801
    """Where: "Berlin, Germany"."""


class cv_dates(nodes.Inline, nodes.TextElement):  # noqa: N801
    """A date, a range or a list of days, made of ``cv_time`` children."""


class cv_time(nodes.Inline, nodes.TextElement):  # noqa: N801
    """One date; ``datetime`` holds its ISO form ("" for "present")."""


class cv_sep(nodes.Inline, nodes.TextElement):  # noqa: N801
    """A separator that only plain-text outputs need to read well."""


class cv_body(nodes.General, nodes.Element):  # noqa: N801
    """The author's Markdown: description, details and links."""


class cv_download(nodes.Inline, nodes.Element):  # noqa: N801
    """A link to the PDF CV; only the website shows it (the PDF need not link to itself)."""


class cv_email(nodes.Inline, nodes.TextElement):  # noqa: N801
    """An email address; the website assembles it in the browser so harvesters miss it."""


class cv_paper_extras(nodes.General, nodes.Element):  # noqa: N801
    """Website-only extras of one publication: its page, BibTeX, abstract, filter data."""


class cv_filter(nodes.General, nodes.Element):  # noqa: N801
    """Where the publication filter goes; the script builds the form inside it."""


class cv_latest(nodes.General, nodes.Element):  # noqa: N801
    """A list of the newest entries of one kind from all pages, filled in at write time."""


def joined(items: list[nodes.Node], sep: str = " · ") -> list[nodes.Node]:
    """Items with a ``cv_sep`` between each two: how every card line lists its parts."""
    result: list[nodes.Node] = []
    for i, item in enumerate(items):
        if i:
            result.append(cv_sep(sep, sep))
        result.append(item)
    return result


ALL_NODES: tuple[type[nodes.Element], ...] = (
    cv_entry, cv_header, cv_title, cv_meta, cv_org, cv_place, cv_dates, cv_time, cv_sep, cv_body, cv_download,
    cv_email, cv_paper_extras, cv_filter, cv_latest,
)
