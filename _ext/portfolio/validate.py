"""Checks shared by directive options and bib fields: addresses, markup, length.

Every pattern here runs in time linear in its input: option and field values
are untrusted and may be megabytes long.
"""

from __future__ import annotations

import re
from urllib.parse import quote

#: longer option values and bib fields are cut: likely a paste gone wrong, and slow to typeset
MAX_LENGTH = 1000
#: abstracts are long by nature
MAX_ABSTRACT_LENGTH = 10000

#: a web address: http(s), a host, and no character that could end an attribute or tag
_WEB_RE = re.compile(r"^https?://[^\s<>\"'`\\{}|^]+$", re.IGNORECASE)
_MAILTO_RE = re.compile(r"^mailto:[^\s<>\"'`\\@]+@[^\s<>\"'`\\@]+$", re.IGNORECASE)
#: user@host.tld; the host's labels cannot hold a dot, so no backtracking over long runs of dots
_EMAIL_RE = re.compile(r"^[^@\s<>\"'`\\]+@[^@\s<>\"'`\\.]+(?:\.[^@\s<>\"'`\\.]+)+$")
#: raw HTML in a value: shown as text, which is rarely what its author meant
MARKUP_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
_DOI_PREFIX_RE = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", re.IGNORECASE)
#: arXiv identifiers, new (2106.13200v2) and old (hep-th/9901001) style
_ARXIV_RE = re.compile(r"^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$")


def is_web_url(value: str) -> bool:
    """An http(s) address that is safe as a link: no other scheme, no quotes or brackets."""
    return bool(_WEB_RE.match(value))


def is_link(value: str) -> bool:
    """A web address or a ``mailto:`` link: what a card's link options accept."""
    return is_web_url(value) or bool(_MAILTO_RE.match(value))


def is_email(value: str) -> bool:
    return bool(_EMAIL_RE.match(value))


def has_markup(value: str) -> bool:
    return MARKUP_RE.search(value) is not None


def doi_url(doi: str) -> str | None:
    """``https://doi.org/<doi>`` (the DOI percent-encoded), or None if it is not a DOI."""
    doi = _DOI_PREFIX_RE.sub("", doi.strip())
    return f"https://doi.org/{quote(doi, safe='/:;()._-')}" if _DOI_RE.match(doi) else None


def arxiv_url(eprint: str) -> str | None:
    """The arXiv abstract page of an identifier, or None if it is not one."""
    eprint = eprint.strip().removeprefix("arXiv:")
    return f"https://arxiv.org/abs/{eprint}" if _ARXIV_RE.match(eprint) else None


def cut(value: str, limit: int = MAX_LENGTH) -> str:
    """The first ``limit`` characters, with an ellipsis where something was cut."""
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"
