"""Stable publication ids: ``paper-<bibkey>`` whichever bibliography lists the paper (the
same name other projects link to), a file name for its page that no key can turn into a
path, and the short author-year form ("Lovelace et al. 1843") for running text.

sphinxcontrib-bibtex makes one citation node per entry for *every*
bibliography directive, so ``bibtex_cite_id`` alone cannot name a paper once
per page; after it has matched citations to bibliographies (``env-updated``),
the bibliography that shows a paper gets the canonical id, and citing roles
point to it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from pybtex.database import Entry
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from ..compat import bibtex as compat
from ..config import writes_paper_pages
from ..domain import CVDomain
from ..i18n import _
from ..records import Paper
from ..speedups.bibtex import formatted_again
from ..text import anchor
from ..warnings import Subtype, warn
from .latex import plain

PREFIX = "paper-"
#: keys that are safe as they are in a file name and a relative link: no "/", "\", ":" or leading dot
_SAFE_KEY_RE = re.compile(r"^[A-Za-z0-9_+-][A-Za-z0-9_.+-]*$")
#: characters that only an attack or an accident puts into a key (ACM's ``10.1145/3357384.3357933``
#: and DBLP's ``DBLP:conf/x/Y21`` are keys as exported, and get a page name made from them silently)
_SUSPICIOUS_RE = re.compile(r"[\\<>\"'`\s]|\.\.|^\.")
#: longer keys get a shorter page name and id (a file name may have 255 bytes)
MAX_KEY_LENGTH = 100
#: how much of a long or unsafe key its page name and id keep
_KEPT = 60


def _hash(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def paper_id(key: str) -> str:
    """``paper-<key>`` as an HTML id; from a key over ``MAX_KEY_LENGTH`` its start and a short hash."""
    if len(key) > MAX_KEY_LENGTH:
        return f"{anchor(PREFIX + key[:_KEPT], words=None)}-{_hash(key)}"
    return anchor(PREFIX + key, words=None)


def unsafe_key(key: str) -> bool:
    """A key with path or markup characters, or too long for a file name: worth a warning."""
    return _SUSPICIOUS_RE.search(key) is not None or len(key) > MAX_KEY_LENGTH


def paper_page(key: str) -> str:
    """The paper's page (``papers/<name>``): the key itself where that is a safe file name, else
    a name made from it (its id form and a short hash, so two keys never share a page)."""
    if _SAFE_KEY_RE.match(key) and ".." not in key and len(key) <= MAX_KEY_LENGTH:
        return f"papers/{key}"
    stem = anchor(PREFIX + key[:_KEPT], words=None).removeprefix(PREFIX)
    return f"papers/{stem or 'paper'}-{_hash(key)}"


def short(entry: Entry) -> str:
    """ "Lovelace 1843", "Lovelace and Babbage 1843", "Lovelace et al. 1843": how a sentence cites a paper."""
    names = [plain(" ".join(person.prelast_names + person.last_names)) for person in entry.persons.get("author", [])]
    year = entry.fields.get("year", "")
    if len(names) > 2 or (len(names) == 2 and names[1] == "others"):
        who = f"{names[0]} et al."
    else:
        who = (" " + str(_("and")) + " ").join(names)
    return " ".join(part for part in (who, year) if part) or plain(entry.fields.get("title", ""))


def default_ids(app: Sphinx, config: Config) -> None:
    """Unique provisional ids per bibliography, stable bibliography ids (not ``idN``)."""
    if not config.bibtex_cite_id:
        config.bibtex_cite_id = PREFIX + "{bibliography_count}-{key}"
    if not config.bibtex_bibliography_id:
        config.bibtex_bibliography_id = "bibliography-{bibliography_count}"


def canonical_ids(app: Sphinx, env: BuildEnvironment) -> Iterable[str]:
    """Give the first bibliography that shows a paper the id ``paper-<key>``; publish the papers.
    Where the entries were not formatted again, they and the papers are the last build's."""
    if not formatted_again(app):
        return []
    found: dict[str, Paper] = {}
    ids: dict[tuple[object, str], str] = {}
    taken: set[str] = set()
    for citation in compat.citations(env):
        if citation.key not in found:
            target = paper_id(citation.key)
            if target in taken:  # "a_b" and "a-b" make one id
                target = f"{target}-{_hash(citation.key)}"
            taken.add(target)
            ids[citation.bibliography_key, citation.key] = target
            entry = citation.entry
            title = plain(entry.fields.get("title", citation.key))
            page = paper_page(citation.key) if writes_paper_pages(app.builder, app.config) else ""
            found[citation.key] = Paper(citation.key, target, title, compat.docname(citation), short(entry), page)
    compat.rename_citations(env, ids)
    env.domains[CVDomain.name].set_papers(found)  # type: ignore[attr-defined]
    report_unlisted(env, found)
    return []


def report_unlisted(env: BuildEnvironment, listed: dict[str, Paper]) -> None:
    """Every entry of the bib files is on a page, or named here: no paper is lost silently."""
    where = compat.locations(env)
    for key, entry in compat.entries(env).items():
        if key not in listed:
            warn(
                f"bib entry {key!r} (@{entry.type}) is listed by no bibliography, so it is on no page; "
                f"give it a bibliography whose :filter: takes it (e.g. type == {entry.type!r}), or remove it",
                Subtype.BIB_UNLISTED,
                where.get(key) or (env.config.root_doc, None),
            )
