"""The links of a publication, from its bib fields: DOI, al-folio's buttons, arXiv, code, project page.

Only web addresses and the project's own files come out of here: a DOI or arXiv id becomes its
https address (percent-encoded); a file field that names a file of the project's paper folder
(al-folio's ``pdf = {paper.pdf}``) becomes that file's address on the site, where the caller
says where the site is; any other value, ``javascript:`` or not, is not a link. ``sanitize`` has
already warned about and removed such fields. The same address is one link, whichever fields
hold it (ACM's ``url`` is its ``doi``; Zotero's ``url`` is the arXiv page of its ``eprint``).
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple
from urllib.parse import unquote, urlsplit

from pybtex.database import Entry

from ..i18n import _
from ..validate import arxiv_url, doi_url, is_web_url

#: the fields that hold links, in the order the list and the paper page show them
LINK_FIELDS = (
    "doi",
    "html",
    "pdf",
    "supp",
    "eprint",
    "arxiv",
    "code",
    "slides",
    "poster",
    "video",
    "blog",
    "website",
    "url",
)
#: fields that may name a file of the project's paper folder instead of an address (al-folio's
#: ``pdf``, ``supp``, ``slides`` and ``poster`` buttons, and its ``preview`` image)
FILE_FIELDS = ("pdf", "supp", "slides", "poster", "preview")
#: what each field's button says
LABELS: dict[str, Any] = {
    "doi": "DOI",
    "html": "HTML",
    "pdf": "PDF",
    "supp": _("Supplement"),
    "eprint": "arXiv",
    "arxiv": "arXiv",
    "code": _("Code"),
    "slides": _("Slides"),
    "poster": _("Poster"),
    "video": _("Video"),
    "blog": _("Blog"),
    "website": _("Project page"),
    "url": _("Web page"),
}
#: what a link to a publisher's or proceedings' page says, whichever field holds it
PUBLISHER = _("Publisher")
#: hosts of publishers, proceedings and preprint servers: a ``url`` or ``html`` there is the paper at its
#: publisher, not a project's page (a host matches itself and its subdomains)
PUBLISHER_HOSTS = frozenset(
    {
        "aaai.org",
        "academic.oup.com",
        "aclanthology.org",
        "biorxiv.org",
        "bmj.com",
        "cambridge.org",
        "cell.com",
        "degruyter.com",
        "dl.acm.org",
        "ecva.net",
        "elifesciences.org",
        "frontiersin.org",
        "ieeexplore.ieee.org",
        "ijcai.org",
        "iopscience.iop.org",
        "jmlr.org",
        "journals.aps.org",
        "journals.plos.org",
        "journals.sagepub.com",
        "jstor.org",
        "link.springer.com",
        "mdpi.com",
        "medrxiv.org",
        "nature.com",
        "neurips.cc",
        "onlinelibrary.wiley.com",
        "openaccess.thecvf.com",
        "openreview.net",
        "papers.nips.cc",
        "peerj.com",
        "pnas.org",
        "proceedings.mlr.press",
        "pubs.acs.org",
        "royalsocietypublishing.org",
        "science.org",
        "sciencedirect.com",
        "ssrn.com",
        "tandfonline.com",
        "thelancet.com",
    }
)
#: code forges whose addresses name a repository: ``https://<host>/<owner>/<repository>``
#: (GitLab's groups nest: its repository is the last part before ``/-/``)
FORGES = frozenset({"github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "git.sr.ht"})
_DOI_ADDRESS_RE = re.compile(r"^https?://(?:dx\.)?doi\.org/", re.IGNORECASE)
_DOI_PREFIX_RE = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_ARXIV_MENTION_RE = re.compile(r"\barXiv:\s*(\d{4}\.\d{4,5}(?:v\d+)?)\b", re.IGNORECASE)
_PATH_RE = re.compile(r"^[\w .+,()/-]+$")
_ARXIV_ADDRESS_RE = re.compile(r"^https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/([^?#]+?)(?:\.pdf)?/?$", re.IGNORECASE)


class Link(NamedTuple):
    """One link of an entry, in the order the list and the paper page show them."""

    #: what the button says: "DOI", "PDF", "arXiv", "Code", "Project page"
    label: str
    #: an https address, or the site's address of a file of the project
    url: str
    #: the field it came from
    field: str


#: where a file of the paper folder is linked from a formatted entry while the site's address is not
#: known: each page puts the way to its site's root there; on paper such a link is its label alone
ROOT = "site-root:"


class LocalFiles:
    """The files of the project's paper folder that bib fields name, by the field's value, with
    their path in the website's output folder (``_downloads/...``); set for each build before
    anything formats an entry (``files.publish``), since pybtex builds its style without arguments."""

    targets: dict[str, str] = {}
    #: the site's address (``html_baseurl``, ending in "/"), for links that leave the site: the PDF
    site: str = ""


def bare_doi(value: str) -> str:
    """ "https://doi.org/10.1145/x" -> "10.1145/x": a DOI as ``citation_doi`` and biblatex want it."""
    return unquote(_DOI_PREFIX_RE.sub("", value.strip()))


def is_file(field: str, value: str) -> bool:
    """Whether a field's value names a file of the paper folder rather than an address: a path of
    letters, digits, spaces and ``._-+,()/``; anything else (``https:``, quotes, entities) is an
    address, to be checked as one."""
    return field in FILE_FIELDS and bool(_PATH_RE.match(value.strip()))


def archive(entry: Entry) -> str:
    """The archive of an ``eprint``: ``archiveprefix`` (natbib, arXiv's own BibTeX) or ``eprinttype``
    (biblatex, Zotero, DBLP); arXiv where neither says."""
    return (entry.fields.get("archiveprefix") or entry.fields.get("eprinttype") or "arXiv").strip()


def field_links(field: str, value: str, archive: str = "arXiv", files: str | None = None) -> list[Link]:
    """The links one field's value makes; an empty list if it makes none. ``files`` is where the
    site's root is seen from (``"../"``, ``"https://site/"``); without it a file makes no link."""
    label = str(LABELS.get(field, LABELS["url"]))
    if field == "doi":
        urls = [doi_url(value)]
    elif field in ("eprint", "arxiv"):
        urls = [arxiv_url(value) if field == "arxiv" or archive.lower() == "arxiv" else None]
    elif field == "code":
        urls = list(value.split())
    elif is_file(field, value):
        target = LocalFiles.targets.get(value.strip())
        urls = [f"{files}{target}" if target and files is not None else None]
        return [Link(label, url, field) for url in urls if url]
    else:
        urls = [value.strip()]
    return [Link(_label(field, label, url), url, field) for url in urls if url and is_web_url(url)]


def _label(field: str, label: str, url: str) -> str:
    """What a link is, where its address says more than its field: a project page that is the DOI's
    or arXiv's page says so, a page at a publisher is "Publisher", and code (or a ``url`` at a code
    forge) is named by its repository ("Code: engine"), so that three repositories are three buttons."""
    if field in ("url", "html", "website") and _DOI_ADDRESS_RE.match(url):
        return "DOI"
    if field in ("url", "html", "website") and _ARXIV_ADDRESS_RE.match(url):
        return "arXiv"
    repository = _repository(url)
    if field == "code" or (field in ("url", "html", "website") and repository):
        return f"{LABELS['code']}: {repository}" if repository else str(LABELS["code"])
    if field in ("url", "html") and _host_in(_host(url), PUBLISHER_HOSTS):
        return str(PUBLISHER)
    return label


def _host(url: str) -> str:
    return (urlsplit(url.strip()).hostname or "").removeprefix("www.")


def _host_in(host: str, hosts: frozenset[str]) -> bool:
    """Whether ``host`` is one of ``hosts`` or a subdomain of one."""
    return any(host == known or host.endswith("." + known) for known in hosts)


def _repository(url: str) -> str:
    """ "https://github.com/ada-example/engine" -> "engine"; "" for an address that is no repository."""
    address = urlsplit(url.strip())
    if (address.hostname or "").removeprefix("www.") not in FORGES:
        return ""
    parts = [part for part in address.path.split("/") if part]
    parts = parts[: parts.index("-")] if "-" in parts else parts
    if address.hostname == "git.sr.ht" or (address.hostname or "").endswith("gitlab.com"):
        name = parts[-1] if len(parts) >= 2 else ""
    else:
        name = parts[1] if len(parts) >= 2 else ""
    return unquote(name).removesuffix(".git")


def distinct(links: list[Link]) -> list[Link]:
    """Each button with a name of its own: a second "PDF" or "Code" names its host, or is numbered."""
    seen: dict[str, int] = {}
    for link in links:
        seen[link.label] = seen.get(link.label, 0) + 1
    count: dict[str, int] = {}
    named: list[Link] = []
    for link in links:
        if seen[link.label] == 1:
            named.append(link)
            continue
        count[link.label] = count.get(link.label, 0) + 1
        hosts = {_host(other.url) for other in links if other.label == link.label}
        if len(hosts) == seen[link.label] and (host := _host(link.url)):
            named.append(link._replace(label=f"{link.label}: {host}"))
        else:
            named.append(link._replace(label=f"{link.label} {count[link.label]}"))
    return named


def same_address(url: str) -> str:
    """A form of an address in which the same page is the same string: https, no "www.", the DOI
    resolver's one host, a DOI in one case, an arXiv page as its abstract page."""
    address = re.sub(r"^http://", "https://", url.strip(), flags=re.IGNORECASE).rstrip("/")
    if match := _ARXIV_ADDRESS_RE.match(address):
        return "https://arxiv.org/abs/" + re.sub(r"v\d+$", "", match.group(1))
    if _DOI_ADDRESS_RE.match(address):
        return "https://doi.org/" + bare_doi(address).casefold()
    return re.sub(r"^https://www\.", "https://", address, flags=re.IGNORECASE)


def mentioned_arxiv(entry: Entry) -> str | None:
    """The arXiv id that a venue or note names ("arXiv preprint arXiv:2006.01234", Google Scholar's
    way; Zotero's "arXiv:2203.04567 [cs]"), where no field links arXiv."""
    for field in ("journal", "journaltitle", "howpublished", "note", "number"):
        if match := _ARXIV_MENTION_RE.search(entry.fields.get(field, "")):
            return arxiv_url(match.group(1))
    return None


def entry_links(entry: Entry, files: str | None = None) -> list[Link]:
    """Every link of an entry, in a fixed order, each address once. ``files``: see ``field_links``."""
    found: list[Link] = []
    seen: set[str] = set()
    where = archive(entry)
    for field in LINK_FIELDS:
        if not (value := entry.fields.get(field)):
            continue
        for link in field_links(field, value, where, files):
            if (address := same_address(link.url)) not in seen:
                seen.add(address)
                found.append(link)
    if not any(link.label == "arXiv" for link in found) and (url := mentioned_arxiv(entry)):
        if same_address(url) not in seen:
            found.append(Link("arXiv", url, "eprint"))
    return distinct(found)
