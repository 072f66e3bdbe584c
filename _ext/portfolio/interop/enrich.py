"""Fill what a bib entry lacks: a DOI from Crossref, an arXiv id from arXiv, for every entry that
has neither, where the record found agrees exactly with the entry.

An entry is looked up by its title and first author (Crossref's ``works`` with
``query.bibliographic`` and ``query.author``; arXiv's ``query`` with ``ti:`` and ``au:``); a
record is taken only where its title (normalised: case, punctuation, TeX braces), its year and
its first author's last name all agree with the entry's, and no second record agrees as well.
Anything else is reported with what differed. The file gets the new fields at the end of each
entry and stays byte for byte as it was everywhere else; the report ends with the diff.

    python -m portfolio.interop.enrich [--check] [--bib refs.bib] [--mailto you@example.org]
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from ..text import slug_word, spellings
from ..validate import arxiv_url
from .bib import doi_of, normalised_title
from .bibfile import Existing, read_entries, with_fields
from .dates import from_parts
from .http import ARXIV, CROSSREF, Api, APIError, Client, OfflineError
from .project import EXIT_INPUT, exact_text, owner_email, write_atomically
from .report import Report

ATOM = "{http://www.w3.org/2005/Atom}"
#: how many records of each search are compared with the entry
ROWS = 5
#: what Crossref sends of each record: only what is compared
CROSSREF_FIELDS = "DOI,title,author,issued,published-print,published-online,type"


@dataclass(frozen=True)
class Candidate:
    """A record an API found: its identifier, and what is compared with the entry."""

    identifier: str
    title: str
    years: frozenset[str]
    first_author: str


def without_tags(text: str) -> str:
    """Crossref's titles may hold JATS or HTML (``<i>in vivo</i>``): the text without the tags."""
    return re.sub(r"<[^<>]{0,200}>", "", text)


def differences(entry: Existing, candidate: Candidate) -> list[str]:
    """What keeps a record from being the entry: title, year, first author."""
    found = []
    if normalised_title(candidate.title) != normalised_title(entry.title):
        found.append(f"title {candidate.title[:80]!r}")
    if entry.year not in candidate.years:
        found.append(f"year {'/'.join(sorted(candidate.years)) or 'none'}")
    first = entry.last_names[0] if entry.last_names else ""
    if not (spellings(first) & spellings(candidate.first_author)):
        found.append(f"first author {candidate.first_author[:40] or 'none'!r}")
    return found


def best(entry: Existing, candidates: list[Candidate], api: str) -> tuple[str | None, str]:
    """The one record that agrees with the entry, or None with why none does."""
    exact = {c.identifier.lower(): c for c in candidates if not differences(entry, c)}
    if len(exact) == 1:
        return next(iter(exact.values())).identifier, f"{api}: title, year and first author agree"
    if len(exact) > 1:
        return None, f"{api} has {len(exact)} records that agree ({', '.join(sorted(exact))}): none taken"
    titled = [c for c in candidates if normalised_title(c.title) == normalised_title(entry.title)]
    if titled:
        closest = titled[0]
        return (
            None,
            f"{api}'s record {closest.identifier} has the title but differs: {', '.join(differences(entry, closest))}",
        )
    return None, f"{api} has no record with this title"


# -- Crossref ------------------------------------------------------------------------------------


def crossref_candidates(answer: Any) -> list[Candidate]:
    """The records of Crossref's ``work-list`` answer; malformed items are passed over."""
    message = answer.get("message") if isinstance(answer, dict) else None
    items = message.get("items") if isinstance(message, dict) else None
    found = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("DOI"), str):
            continue
        titles = item.get("title")
        title = titles[0] if isinstance(titles, list) and titles and isinstance(titles[0], str) else ""
        years = set()
        for name in ("issued", "published-print", "published-online"):
            parts = (item.get(name) or {}).get("date-parts") if isinstance(item.get(name), dict) else None
            if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
                if iso := from_parts(parts[0][0]):
                    years.add(iso[:4])
        authors = [a for a in item.get("author") or [] if isinstance(a, dict)]
        first = next((a for a in authors if a.get("sequence") == "first"), authors[0] if authors else {})
        family = first.get("family")
        family = family if isinstance(family, str) else ""
        found.append(Candidate(item["DOI"], without_tags(title), frozenset(years), family))
    return found


def crossref(client: Client, api: Api, entry: Existing) -> list[Candidate]:
    params = {"query.bibliographic": entry.title, "rows": str(ROWS), "select": CROSSREF_FIELDS}
    if entry.last_names:
        params["query.author"] = entry.last_names[0]
    if client.mailto:
        params["mailto"] = client.mailto
    return crossref_candidates(client.json(api, "/works", params))


# -- arXiv ---------------------------------------------------------------------------------------


def arxiv_candidates(feed: ElementTree.Element | None) -> list[Candidate]:
    """The entries of arXiv's Atom feed: the id without its version, the dates of its first and
    latest version, the first author's last word."""
    found = []
    for item in feed.iter(f"{ATOM}entry") if feed is not None else []:
        link = re.match(r"^https?://arxiv\.org/abs/(\S+?)(v\d+)?$", (item.findtext(f"{ATOM}id") or "").strip())
        identifier = link.group(1) if link else ""
        if not arxiv_url(identifier):
            continue
        years = {
            text.strip()[:4] for text in (item.findtext(f"{ATOM}published"), item.findtext(f"{ATOM}updated")) if text
        }
        author = (item.findtext(f"{ATOM}author/{ATOM}name") or "").strip()
        last = author.split(",")[0] if "," in author else (author.split() or [""])[-1]
        title = " ".join((item.findtext(f"{ATOM}title") or "").split())
        found.append(Candidate(identifier, title, frozenset(y for y in years if y.isdigit()), last))
    return found


def arxiv(client: Client, api: Api, entry: Existing) -> list[Candidate]:
    words = normalised_title(entry.title)
    author = slug_word(entry.last_names[0]) if entry.last_names else ""
    query = f'ti:"{words}"' + (f" AND au:{author}" if author else "")
    return arxiv_candidates(client.xml(api, "/query", {"search_query": query, "start": "0", "max_results": str(ROWS)}))


# -- the file ------------------------------------------------------------------------------------


def lacking(entries: Iterable[Existing]) -> list[Existing]:
    """Entries to look up: not commented out, with neither a DOI nor an arXiv id."""
    return [e for e in entries if not e.commented and not e.doi and not e.arxiv]


def enrich_text(text: str, client: Client, crossref_api: Api, arxiv_api: Api, report: Report) -> str:
    """The file's text with each exact match's DOI and arXiv id added. Raises ``OfflineError``."""
    entries = read_entries(text)
    todo = lacking(entries)
    report.notes.append(f"entries: {len(entries)}, without DOI or arXiv id: {len(todo)}")
    edits: list[tuple[Existing, dict[str, str]]] = []
    for entry in todo:
        if not entry.title or not entry.year.isdigit():
            report.skip(f"{entry.key}: no title or year to look it up by")
            continue
        fields: dict[str, str] = {}
        for api, search, name in ((crossref_api, crossref, "doi"), (arxiv_api, arxiv, "arXiv id")):
            try:
                identifier, why = best(entry, search(client, api, entry), api.name)
            except APIError as err:
                report.warn(entry.key, f"{err}: not looked up there")
                continue
            if identifier is None:
                report.skip(f"{entry.key}: {why}")
            elif name == "doi" and (doi := doi_of(identifier)):
                fields["doi"] = doi
                report.add(f"{entry.key}: doi {doi} ({why})")
            elif name == "arXiv id" and arxiv_url(identifier):
                fields |= {"eprint": identifier} | (
                    {} if "archiveprefix" in entry.fields else {"archiveprefix": "arXiv"}
                )
                report.add(f"{entry.key}: arXiv {identifier} ({why})")
            else:
                report.warn(entry.key, f"{api.name}'s {name} {identifier[:80]!r} is not one: not added")
        if fields:
            edits.append((entry, fields))
    for entry, fields in sorted(edits, key=lambda edit: edit[0].start, reverse=True):  # later offsets first
        text = with_fields(text, entry, fields)
    return text


def diff(old: str, new: str, name: str) -> str:
    return "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), f"a/{name}", f"b/{name}"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m portfolio.interop.enrich",
        description="Add DOIs (Crossref) and arXiv ids (arXiv) to bib entries that have neither, where a record "
        "agrees exactly (title, year, first author); report and diff.",
    )
    parser.add_argument("--check", action="store_true", help="only report (and show the diff); write nothing")
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="the project (default: .)")
    parser.add_argument("--bib", type=Path, default=Path("refs.bib"), help="the bib file, relative to the project")
    parser.add_argument("--mailto", help="your address for the APIs' User-Agent (default: the profile's :email:)")
    parser.add_argument("--cache", type=Path, help="the answers' cache (default: _build/.interop-cache)")
    parser.add_argument("--refresh", action="store_true", help="ask the APIs again, even where the cache answers")
    parser.add_argument("--crossref-api", default=CROSSREF.base, help=f"Crossref's address (default: {CROSSREF.base})")
    parser.add_argument("--arxiv-api", default=ARXIV.base, help=f"arXiv's address (default: {ARXIV.base})")
    parser.add_argument("--delay", type=float, help="seconds between requests (default: each API's own)")
    args = parser.parse_args(argv)
    project: Path = args.project
    path = project / args.bib
    report = Report()
    try:
        old = exact_text(path)
    except (OSError, UnicodeDecodeError) as err:
        print(f"error: cannot read {path}: {err}", file=sys.stderr)
        return EXIT_INPUT
    mailto = args.mailto or owner_email(project)
    if not mailto:
        report.notes.append("note: no --mailto and no :email: in the profile: Crossref serves anonymous clients slower")
    client = Client(mailto, args.cache or project / "_build" / ".interop-cache", args.refresh, args.delay)
    try:
        new = enrich_text(
            old, client, Api("Crossref", args.crossref_api, 1.0), Api("arXiv", args.arxiv_api, 3.0), report
        )
    except OfflineError as err:
        print(f"error: {err}; {args.bib} not changed", file=sys.stderr)
        return EXIT_INPUT
    finally:
        client.close()
    changes = diff(old, new, str(args.bib))
    if new != old and not args.check:
        write_atomically(path, new.encode("utf-8"))
    report.notes.append(
        f"{args.bib}: " + ("unchanged" if new == old else "not changed (--check)" if args.check else "written")
    )
    print("\n".join(report.merge_lines()))
    if changes:
        print(changes, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
