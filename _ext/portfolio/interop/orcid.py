"""Import from ORCID: the public record of an ORCID iD, merged into this project.

ORCID's public API (v3.0, JSON, no login) holds a researcher's works, employments, educations
and fundings. Works become ``refs.bib`` entries with their DOI or arXiv id, employments
``position`` cards, educations ``education`` cards and fundings ``grant`` cards. What the
project has already stays as it is: a work with the same DOI (or the same title and year) as an
entry of ``refs.bib``, or a card with the same title or the same organisation and first year,
is left out, and the report says which it matched. Nothing is overwritten; new cards go at the
end of the page that holds their kind, new entries at the end of ``refs.bib``.

    python -m portfolio.interop.orcid 0000-0002-1825-0097 [--check] [--project DIR]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale

from ..validate import MAX_ABSTRACT_LENGTH, is_web_url
from .bib import Bibliography, Publication, doi_of, normalised_title
from .bibfile import read_entries, with_entries
from .cards import Card, Ids, labelled, link_line, one_line, set_text_options, title_text
from .dates import from_parts
from .enrich import diff
from .http import ORCID, Api, APIError, Client, OfflineError
from .merge import (
    NEW_PAGES,
    appended,
    existing_card,
    listing_section,
    listings,
    new_page,
    page_for,
    read_cards,
    with_toctree_entry,
)
from .project import EXIT_INPUT, WriteError, exact_text, owner_email, replace_content
from .report import Report

#: an ORCID iD: four groups of four digits, the last character a check digit (or X)
ORCID_RE = re.compile(r"^(?:https?://(?:www\.)?orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])/?$")
#: how many works ORCID returns in one bulk request
BULK = 100
#: ORCID's work types, as bib entry types; any other publication type is ``@misc``
WORK_TYPES = {
    "journal-article": "article",
    "conference-paper": "inproceedings",
    "conference-abstract": "inproceedings",
    "conference-poster": "inproceedings",
    "book-chapter": "incollection",
}
#: what a ``@misc`` says it is, by ORCID's type (preprints say nothing: their arXiv id says it)
MISC_NOTES = {
    "book": "Book",
    "dissertation-thesis": "Doctoral thesis",
    "report": "Report",
    "working-paper": "Working paper",
    "data-set": "Dataset",
    "software": "Software",
    "review": "Review",
    "edited-book": "Edited book",
    "magazine-article": "Magazine article",
    "newspaper-article": "Newspaper article",
    "encyclopedia-entry": "Encyclopedia entry",
    "dictionary-entry": "Dictionary entry",
    "blog-post": "Blog post",
}
#: ORCID work types that are not publications here (each has a card of its own, or none)
NOT_PUBLICATIONS = frozenset(
    {
        "lecture-speech",
        "patent",
        "license",
        "registered-copyright",
        "trademark",
        "invention",
        "physical-object",
        "artistic-performance",
        "design",
        "image",
        "moving-image",
        "sound",
        "spin-off-company",
        "standards-and-policy",
        "technical-standard",
        "website",
        "research-technique",
        "disclosure",
        "supervised-student-publication",
        "annotation",
    }
)


def checked_id(text: str) -> str | None:
    """The iD of ``0000-0002-1825-0097`` or ``https://orcid.org/0000-0002-1825-0097``, where its
    check digit (ISO 7064 11,2) is right; else None."""
    m = ORCID_RE.match(text.strip())
    if not m:
        return None
    digits = m.group(1).replace("-", "")
    total = 0
    for digit in digits[:-1]:
        total = (total + int(digit)) * 2
    check = (12 - total % 11) % 11
    return m.group(1) if digits[-1] == ("X" if check == 10 else str(check)) else None


# -- ORCID's JSON, read defensively ---------------------------------------------------------------


def get(data: Any, *path: str) -> Any:
    """``data[path[0]][path[1]]...``, or None where a step is missing or not a mapping."""
    for step in path:
        if not isinstance(data, dict):
            return None
        data = data.get(step)
    return data


def text(data: Any, *path: str) -> str:
    """A text value (ORCID wraps most in ``{"value": ...}``) on one line, or ""."""
    found = get(data, *path)
    if isinstance(found, dict):
        found = found.get("value")
    return one_line(found, MAX_ABSTRACT_LENGTH) if isinstance(found, str | int) else ""


def items(data: Any, *path: str) -> list[Any]:
    found = get(data, *path)
    return found if isinstance(found, list) else []


def date(data: Any) -> str | None:
    """ORCID's ``{"year": {"value": "2020"}, "month": ...}`` as an option date."""
    return from_parts(text(data, "year"), text(data, "month") or None, text(data, "day") or None) if data else None


def preferred(summaries: list[Any]) -> Any:
    """The summary ORCID shows first in a group: the highest ``display-index``."""

    def index(summary: Any) -> int:
        found = str(get(summary, "display-index") or "0")
        return int(found) if found.isdigit() else 0

    return max(summaries, key=index) if summaries else None


@cache
def country_names() -> dict[str, str]:
    return {code: name for code, name in Locale("en").territories.items() if re.fullmatch(r"[A-Z]{2}", code)}


def place(organization: Any) -> str:
    """ "Berlin, Germany" from an organisation's address."""
    city = text(organization, "address", "city")
    code = text(organization, "address", "country")
    return ", ".join(p for p in (city, country_names().get(code, code)) if p)


def external_ids(data: Any, *kinds: str) -> dict[str, str]:
    """The work's own identifiers by type (``self``: a ``part-of`` ISBN is the book's, not the chapter's)."""
    found: dict[str, str] = {}
    for item in items(data, "external-ids", "external-id"):
        kind = str(get(item, "external-id-type") or "").lower()
        relation = str(get(item, "external-id-relationship") or "self").lower()
        if kind in kinds and relation == "self" and kind not in found:
            found[kind] = text(item, "external-id-value")
    return found


# -- the record ----------------------------------------------------------------------------------


@dataclass
class Record:
    """What an ORCID record holds that this project can use."""

    orcid: str
    works: list[Any] = field(default_factory=list)
    employments: list[Any] = field(default_factory=list)
    educations: list[Any] = field(default_factory=list)
    fundings: list[Any] = field(default_factory=list)


def affiliations(answer: Any, kind: str, report: Report) -> list[Any]:
    """The summaries of an ``/employments`` or ``/educations`` answer."""
    if answer is not None and not isinstance(get(answer, "affiliation-group"), list):
        report.warn(f"orcid / {kind}s", "ORCID's answer has no list of affiliation groups: none read")
    return [
        summary
        for group in items(answer, "affiliation-group")
        for item in items(group, "summaries")
        if isinstance(summary := get(item, f"{kind}-summary"), dict)
    ]


def fetch(client: Client, api: Api, orcid: str, report: Report) -> Record | None:
    """The public record, one section at a time; works in bulk, 100 at a time (the summaries have
    no authors). None where ORCID has no such record."""
    record = Record(orcid)
    works = client.json(api, f"/{orcid}/works")
    if works is None:
        return None
    codes = [
        str(code)
        for group in items(works, "group")
        if (summary := preferred(items(group, "work-summary"))) is not None
        and str(code := get(summary, "put-code") or "").isdigit()
    ]
    for start in range(0, len(codes), BULK):
        bulk = client.json(api, f"/{orcid}/works/{','.join(codes[start : start + BULK])}")
        for item in items(bulk, "bulk"):
            if isinstance(work := get(item, "work"), dict):
                record.works.append(work)
            elif get(item, "error") is not None:
                report.warn(
                    "orcid / works", f"ORCID could not send a work: {text(item, 'error', 'developer-message')[:200]}"
                )
    record.employments = affiliations(client.json(api, f"/{orcid}/employments"), "employment", report)
    record.educations = affiliations(client.json(api, f"/{orcid}/educations"), "education", report)
    record.fundings = [
        summary
        for group in items(client.json(api, f"/{orcid}/fundings"), "group")
        if (summary := preferred(items(group, "funding-summary"))) is not None
    ]
    return record


# -- works -----------------------------------------------------------------------------------------


def authors(work: Any, orcid: str) -> tuple[list[str], bool]:
    """The work's authors as "Last, First" where ORCID's contributors or its BibTeX citation name
    them, and whether the record's owner is among the contributors."""
    names, owner = [], False
    for contributor in items(work, "contributors", "contributor"):
        role = str(get(contributor, "contributor-attributes", "contributor-role") or "author").lower()
        if "author" not in role and role not in ("", "none"):
            continue
        if name := text(contributor, "credit-name"):
            names.append(name)
            owner = owner or get(contributor, "contributor-orcid", "path") == orcid
    if not names and str(get(work, "citation", "citation-type")).lower() == "bibtex":
        names = citation_authors(text(work, "citation", "citation-value"))
    return names, owner


def citation_authors(bibtex: str) -> list[str]:
    """The authors of ORCID's BibTeX citation of a work, as plain "Last, First"."""
    found = read_entries(bibtex)
    return found[0].authors if found else []


def publication(work: Any, orcid: str, where: str, report: Report) -> Publication | None:
    """A work as a publication, or None (with a line of the report) where it is none."""
    kind = str(get(work, "type") or "other").lower()
    title = text(work, "title", "title")
    if subtitle := text(work, "title", "subtitle"):
        title = f"{title}: {subtitle}"
    if kind in NOT_PUBLICATIONS:
        report.skip(f"{where}: ORCID's type {kind!r} is not a publication here (a card of its own, if any)")
        return None
    if not title:
        report.warn(where, "a work without a title: left out")
        return None
    ids = external_ids(work, "doi", "arxiv")
    names, _ = authors(work, orcid)
    if not names:
        report.warn(where, "ORCID names no authors for it: written without")
    url = text(work, "url")
    return Publication(
        title=title,
        authors=names,
        kind=WORK_TYPES.get(kind, "misc"),
        venue=text(work, "journal-title") or None,
        date=date(get(work, "publication-date")),
        doi=ids.get("doi"),
        eprint=ids.get("arxiv", "").removeprefix("arXiv:") or None,
        url=url if is_web_url(url) else None,
        note=MISC_NOTES.get(kind) if kind not in WORK_TYPES else None,
        abstract=text(work, "short-description") or None,
        markdown=False,
    )


def merge_works(record: Record, bib_text: str, report: Report) -> tuple[str, list[tuple[str, str]]]:
    """refs.bib with the works it lacks at its end; the key and type of each new entry."""
    existing = [e for e in read_entries(bib_text) if not e.commented]
    bib = Bibliography(e.key for e in existing)
    #: (key, DOI lower-case, normalised title, year) of each entry in the file, old and new
    known = [(e.key, e.doi, normalised_title(e.title), e.year) for e in existing]
    owner_found = False
    for work in record.works:
        where = f"orcid / work {text(work, 'title', 'title')[:60]!r}"
        if (pub := publication(work, record.orcid, where, report)) is None:
            continue
        owner_found = owner_found or authors(work, record.orcid)[1]
        doi = (doi_of(pub.doi or "") or "").lower() or None
        title, year = normalised_title(pub.title), (pub.date or "")[:4]
        by_doi = next((key for key, d, _, _ in known if doi and d == doi), None)
        by_title = next((key for key, _, t, y in known if t == title and y == year), None)
        if match := by_doi or by_title:
            why = "same DOI" if by_doi else "same title and year"
            lacks = doi and not by_doi and not next(d for key, d, _, _ in known if key == match)
            hint = f"; ORCID has its DOI {doi}, which the entry lacks (nox -s enrich, or add it)" if lacks else ""
            report.skip(f"work {pub.title[:80]!r} ({year}): refs.bib has it ({match}, {why}){hint}")
            continue
        entry = bib.add(pub, where, report)
        known.append((entry.key, doi, title, year))
        found_doi = f", doi {entry.fields['doi']}" if "doi" in entry.fields else ""
        report.add(f"refs.bib: @{entry.type}{{{entry.key}}} {pub.title[:80]!r} ({year}){found_doi}")
        report.publications += 1
    if record.works and not owner_found:
        report.notes.append(
            f"note: no work names {record.orcid} among its contributors: bold names follow portfolio_owner_names"
        )
    return with_entries(bib_text, [e.bibtex() for e in bib.entries]), [(e.key, e.type) for e in bib.entries]


# -- cards -----------------------------------------------------------------------------------------


def dated(card: Card, start: str | None, end: str | None, required: str, where: str, report: Report) -> Card:
    """Start and end (no end: present) as options; where the card's required date is missing, an
    ``entry`` card with the dates it has."""
    options = {"start": start, "end": end or ("present" if start else None)}
    if not options.get(required):
        report.warn(where, f"no {required} date, which a {card.kind} card needs: written as an entry card")
        card.kind = "entry"
        for name in ("institution", "funder", "title"):
            if name in card.options:
                card.options["org"] = card.options.pop(name)
                break
    card.options.update({k: v for k, v in options.items() if v})
    return card


def affiliation_card(summary: Any, kind: str, report: Report) -> Card:
    """An employment as a ``position``, an education as an ``education`` card."""
    organization = get(summary, "organization")
    org, role, department = text(organization, "name"), text(summary, "role-title"), text(summary, "department-name")
    where = f"orcid / {'employment' if kind == 'position' else 'education'} {(role or org)[:60]!r}"
    card = Card(kind, title_text(role or department or org, where, report))
    set_text_options(
        card, {"org" if kind == "position" else "institution": org, "location": place(organization)}, where, report
    )
    if department and role:
        card.body.append(labelled("Department", department))
    if url := text(summary, "url"):
        card.body.append(link_line(url, url, where, report))
    start, end = date(get(summary, "start-date")), date(get(summary, "end-date"))
    return dated(card, start, end, "start" if kind == "position" else "end", where, report)


#: a funding's title that starts with its acronym: "TEMA: Trusted ..." or "TEMA – Trusted ..."
ACRONYM_RE = re.compile(r"^([A-Z][A-Za-z0-9-]{1,19})\s*[:–—-]\s+(\S.*)$")


def funding_card(summary: Any, report: Report) -> Card:
    """A funding as a ``grant``: the acronym (where the title starts with one) as the argument."""
    title = text(summary, "title", "title")
    where = f"orcid / funding {title[:60]!r}"
    m = ACRONYM_RE.match(title)
    acronym, full = (m.group(1), m.group(2)) if m else (title, title)
    card = Card("grant", title_text(acronym or "(untitled)", where, report))
    set_text_options(card, {"title": full or acronym}, where, report)
    if funder := text(summary, "organization", "name"):
        set_text_options(card, {"funder": funder}, where, report)
    url = text(summary, "url")
    if url and is_web_url(url):
        card.options["url"] = url
    elif url:
        card.body.append(link_line(url, url, where, report))
    if number := external_ids(summary, "grant_number").get("grant_number"):
        card.body.append(labelled("Grant number", number))
    return dated(card, date(get(summary, "start-date")), date(get(summary, "end-date")), "start", where, report)


def new_cards(record: Record, report: Report) -> Iterator[tuple[str, Card]]:
    """Each card with the kind whose page it goes to (an ``entry`` card where a date was missing)."""
    for summary in record.employments:
        yield "position", affiliation_card(summary, "position", report)
    for summary in record.educations:
        yield "education", affiliation_card(summary, "education", report)
    for summary in record.fundings:
        yield "grant", funding_card(summary, report)


# -- the project -----------------------------------------------------------------------------------


def list_new_entries(project: Path, added: list[tuple[str, str]], files: dict[str, str], report: Report) -> None:
    """New entries of a type no bibliography lists (the pages list by type, or by key): a section
    that lists exactly them, at the end of the page with the most bibliographies."""
    found = listings(project)
    if not added or found.types is None:
        return
    unlisted = [(key, kind) for key, kind in added if kind not in found.types]
    if not unlisted:
        return
    if found.page is None:
        report.warn("refs.bib", "no page has a bibliography: the new entries are on no page until one lists them")
        return
    section = listing_section([key for key, _ in unlisted], [kind for _, kind in unlisted], found.prefixes)
    files[found.page] = appended(files.get(found.page) or exact_text(project / found.page), [section])
    report.add(f"{found.page}: a bibliography of {', '.join(k for k, _ in unlisted)}, which no bibliography listed")


def merge(project: Path, record: Record, report: Report) -> dict[str, str]:
    """The files that change (project path: new text), with what the project had kept as it was."""
    files: dict[str, str] = {}
    bib_path = project / "refs.bib"
    old_bib = exact_text(bib_path) if bib_path.is_file() else ""
    new_bib, added = merge_works(record, old_bib, report)
    if new_bib != old_bib:
        files["refs.bib"] = new_bib
    list_new_entries(project, added, files, report)
    cards = read_cards(project)
    ids = Ids()
    blocks: dict[str, list[str]] = {}
    for card_kind, card in new_cards(record, report):
        if old := existing_card(card, cards):
            report.skip(f"{card.kind} {card.title[:80]!r}: {old.page} has it ({old.kind} {old.title[:80]!r})")
            continue
        page = page_for(card_kind, cards) or f"sections/{NEW_PAGES[card_kind][0]}.md"
        ids.assign(card)
        blocks.setdefault(page, []).append(card.markdown())
        report.directives[card.kind] += 1
        report.add(f"{page}: {card.kind} {card.title[:80]!r}")
    for page, new in blocks.items():
        path = project / page
        if path.is_file():
            files[page] = appended(exact_text(path), new)
            continue
        kind = next(k for k, (name, _) in NEW_PAGES.items() if f"sections/{name}.md" == page)
        files[page] = new_page(NEW_PAGES[kind][1], new)
        index = project / "index.md"
        before = files.get("index.md") or (exact_text(index) if index.is_file() else "")
        if (after := with_toctree_entry(before, page.removesuffix(".md"))) is None:
            report.warn(page, "a new page, in no toctree: add it to index.md's toctree")
        elif after != before:
            files["index.md"] = after
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m portfolio.interop.orcid",
        description="Merge a public ORCID record (works, employments, educations, fundings) into this project.",
    )
    parser.add_argument("orcid", help="the ORCID iD: 0000-0002-1825-0097 or https://orcid.org/0000-0002-1825-0097")
    parser.add_argument("--check", action="store_true", help="only report (and show the diff); write nothing")
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="the project (default: .)")
    parser.add_argument("--mailto", help="your address for the User-Agent (default: the profile's :email:)")
    parser.add_argument("--cache", type=Path, help="the answers' cache (default: _build/.interop-cache)")
    parser.add_argument("--refresh", action="store_true", help="ask ORCID again, even where the cache answers")
    parser.add_argument("--orcid-api", default=ORCID.base, help=f"ORCID's public API (default: {ORCID.base})")
    parser.add_argument("--delay", type=float, help="seconds between requests (default: ORCID's own)")
    args = parser.parse_args(argv)
    orcid = checked_id(args.orcid)
    if orcid is None:
        print(
            f"error: {args.orcid[:80]!r} is not an ORCID iD (0000-0002-1825-0097, check digit included)",
            file=sys.stderr,
        )
        return EXIT_INPUT
    project: Path = args.project
    report = Report()
    client = Client(
        args.mailto or owner_email(project),
        args.cache or project / "_build" / ".interop-cache",
        args.refresh,
        args.delay,
    )
    try:
        record = fetch(client, Api("ORCID", args.orcid_api, ORCID.interval), orcid, report)
    except (OfflineError, APIError) as err:
        print(f"error: {err}; nothing was changed", file=sys.stderr)
        return EXIT_INPUT
    finally:
        client.close()
    if record is None:
        print(f"error: ORCID has no public record {orcid}; nothing was changed", file=sys.stderr)
        return EXIT_INPUT
    try:
        files = merge(project, record, report)
    except (OSError, UnicodeDecodeError) as err:
        print(f"error: cannot read the project: {err}; nothing was changed", file=sys.stderr)
        return EXIT_INPUT
    changes = "".join(
        diff(exact_text(project / name) if (project / name).is_file() else "", new, name) for name, new in files.items()
    )
    if files and not args.check:
        try:
            replace_content(project, {name: new.encode("utf-8") for name, new in files.items()}, [])
        except WriteError as err:
            print(f"error: cannot write: {err}", file=sys.stderr)
            return EXIT_INPUT
    report.notes.append(
        f"ORCID record {orcid}: {len(record.works)} works, {len(record.employments)} employments, "
        f"{len(record.educations)} educations, {len(record.fundings)} fundings; "
        + ("nothing to add" if not files else "not written (--check)" if args.check else f"written: {', '.join(files)}")
    )
    print("\n".join(report.merge_lines()))
    if changes:
        print(changes, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
