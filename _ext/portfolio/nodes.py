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


ALL_NODES: tuple[type[nodes.Element], ...] = (
    cv_entry, cv_header, cv_title, cv_meta, cv_org, cv_place, cv_dates, cv_time, cv_sep, cv_body, cv_download,
)
