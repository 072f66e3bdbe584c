"""``resume.json``: the CV in the JSON Resume format (schema v1.0.0), from the stored records.

JSON Resume is what many CV tools read. Every HTML build writes the file
beside the site. Its contact data follows the site's rule: email, phone and
street address only with ``portfolio_show_private_contact = True`` (the site
itself never shows the email in its source either).
"""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from babel import Locale
from pybtex.database import Entry as BibEntry
from sphinx.application import Sphinx

from ..bibliography import compat
from ..bibliography.latex import plain
from ..bibliography.links import entry_links
from ..dates import CVDate
from ..domain import CVDomain
from ..incremental import config_digest, digest, generation, record
from ..nodes import WEBSITE_BUILDERS
from ..outputs import write_if_changed
from ..records import Entry, Paper, When

SCHEMA = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
FILENAME = "resume.json"
#: skill cards with one of these titles list spoken languages: "German (native), English"
LANGUAGE_TITLES = frozenset({"languages", "natural languages", "spoken languages", "sprachen"})
#: the bib field that names a paper's venue, by entry type
VENUES = ("journal", "booktitle", "howpublished", "publisher", "school", "institution")


def iso(date: CVDate | None) -> str:
    """JSON Resume dates are ISO 8601 with year, month or day precision; "present" is no date."""
    return "" if date is None or date.is_present else date.iso


def dates(when: When, start: str = "startDate", end: str = "endDate") -> dict[str, str]:
    first = when.start or (when.days[0] if when.days else None)
    last = when.end or (when.days[-1] if len(when.days) > 1 else None)
    return {key: value for key, value in ((start, iso(first)), (end, iso(last))) if value}


def org(entry: Entry, *fields: str) -> str:
    return next((o.name for o in entry.orgs if not fields or o.field in fields), "")


def split_list(text: str) -> list[str]:
    """ "Python (NumPy, PyTorch), Matlab" -> ["Python (NumPy, PyTorch)", "Matlab"]: commas outside brackets."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(char, 0)
        if char in ",;" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [" ".join(p.split()).rstrip(".") for p in parts if p.strip()]


def country_codes() -> dict[str, str]:
    """English country names to ISO 3166-1 codes, for a location "Berlin, Germany"."""
    return {name.casefold(): code for code, name in Locale("en").territories.items() if re.fullmatch(r"[A-Z]{2}", code)}


def basics(profile: Entry | None, app: Sphinx) -> dict[str, Any]:
    config = app.config
    data: dict[str, Any] = {"name": profile.title if profile else config.author}
    if profile is None:
        return data
    if label := org(profile, "role"):
        data["label"] = label
    if profile.former_name:  # not in the schema's basics, which allow more: the name on earlier papers
        data["formerName"] = profile.former_name
    if profile.photo and config.html_baseurl:
        data["image"] = f"{config.html_baseurl.rstrip('/')}/_images/{Path(profile.photo).name}"
    if config.html_baseurl:
        data["url"] = config.html_baseurl
    if profile.summary:
        data["summary"] = profile.summary
    contact = profile.contact
    if contact and config.portfolio_show_private_contact:
        data |= {key: value for key, value in (("email", contact.email), ("phone", contact.phone)) if value}
    if profile.location:
        city, _, country = profile.location.rpartition(",")
        code = country_codes().get(country.strip().casefold())
        location = {"city": city.strip(), "countryCode": code} if city and code else {"city": profile.location}
        if contact and contact.address and config.portfolio_show_private_contact:
            location["address"] = contact.address
        data["location"] = location
    links = [*(contact.links if contact else ()), *profile.links]
    data["profiles"] = [
        {
            "network": link.label,
            "url": link.url,
            **(
                {"username": link.url.rstrip("/").rsplit("/", 1)[-1]}
                if link.name in ("github", "linkedin", "orcid")
                else {}
            ),
        }
        for link in links
        if link.name != "website"
    ]
    return data


def work(entry: Entry) -> dict[str, Any]:
    data = {"name": org(entry), "position": entry.title, **dates(entry.when)}
    if entry.location:
        data["location"] = entry.location
    if entry.summary:
        data["summary"] = entry.summary
    return data


def education(entry: Entry) -> dict[str, Any]:
    study, _, area = entry.title.partition(" in ")
    data: dict[str, Any] = {"institution": org(entry), "studyType": study, **dates(entry.when)}
    if area:
        data["area"] = area
    if score := next((d.text for d in entry.details if d.name == "distinction"), ""):
        data["score"] = score
    return data


def award(entry: Entry) -> dict[str, Any]:
    data: dict[str, Any] = {"title": entry.title}
    if date := iso(entry.when.days[0] if entry.when.days else entry.when.start):
        data["date"] = date
    if awarder := org(entry):
        data["awarder"] = awarder
    summary = " ".join(part for part in (*(d.text for d in entry.details), entry.summary) if part)
    if summary:
        data["summary"] = summary
    return data


def project(entry: Entry) -> dict[str, Any]:
    data: dict[str, Any] = {"name": entry.title, **dates(entry.when)}
    if entry.summary:
        data["description"] = entry.summary
    if link := next((link.url for link in entry.links), ""):
        data["url"] = link
    if entry.kind == "software":
        data["type"] = "software"
        if languages := org(entry, "languages"):
            data["keywords"] = split_list(languages)
    else:
        data["type"] = "funded research project"
        if title := org(entry, "title"):
            data["description"] = " ".join(p for p in (title, entry.summary) if p)
        if roles := [d.text for d in entry.details if d.name == "role"]:
            data["roles"] = roles
        if funder := next((d.text for d in entry.details if d.name == "funder"), ""):
            data["entity"] = funder
    return data


def publication(paper: Paper, entry: BibEntry) -> dict[str, Any]:
    fields = entry.fields
    data: dict[str, Any] = {"name": paper.title}
    if venue := next((plain(fields[f]) for f in VENUES if fields.get(f)), ""):
        data["publisher"] = venue
    if (year := fields.get("year", "")).isdigit():
        data["releaseDate"] = year
    if links := entry_links(entry):
        data["url"] = links[0].url
    if abstract := fields.get("abstract"):
        data["summary"] = plain(abstract)
    return data


def patent(entry: Entry) -> dict[str, Any]:
    """A patent family is a publication: its numbers are where it is published."""
    data: dict[str, Any] = {"name": entry.title, "publisher": ", ".join(n.label for n in entry.numbers)}
    if entry.numbers:
        data["releaseDate"] = iso(max(n.date for n in entry.numbers))
    return data


def languages(entry: Entry) -> list[dict[str, str]]:
    found = []
    for item in split_list(entry.summary):
        match = re.fullmatch(r"(.*?)\s*\((.*)\)", item)
        found.append({"language": match[1], "fluency": match[2]} if match else {"language": item})
    return found


def papers_newest_first(domain: CVDomain, app: Sphinx) -> list[tuple[Paper, BibEntry]]:
    entries = compat.entries(app.env)
    found = [(paper, entries[key]) for key, paper in domain.papers.items() if key in entries]
    year = lambda item: int(y) if (y := item[1].fields.get("year", "")).isdigit() else 0  # noqa: E731
    return sorted(found, key=lambda item: (-year(item), item[0].key))


def resume(app: Sphinx) -> dict[str, Any]:
    """The whole CV, sections in JSON Resume's order, entries newest first."""
    domain: CVDomain = app.env.domains[CVDomain.name]  # type: ignore[assignment]

    def newest(kind: str) -> list[Entry]:
        return sorted(domain.of_kind(kind), key=lambda e: (e.sortkey, e.id), reverse=True)

    profiles = domain.of_kind("profile")
    profile = next((p for p in profiles if p.docname == app.config.root_doc), profiles[0] if profiles else None)
    skills = domain.of_kind("skill")
    spoken = [s for s in skills if s.title.casefold() in LANGUAGE_TITLES]
    data: dict[str, Any] = {
        "$schema": SCHEMA,
        "basics": basics(profile, app),
        "work": [work(e) for e in newest("position")],
        "education": [education(e) for e in newest("education")],
        "awards": [award(e) for e in newest("award")],
        "publications": [
            *(publication(paper, entry) for paper, entry in papers_newest_first(domain, app)),
            *(patent(e) for e in newest("patent")),
        ],
        "skills": [
            {"name": s.title, "keywords": split_list(s.summary)}
            for s in sorted(skills, key=lambda s: (s.docname, s.lineno))
            if s not in spoken
        ],
        "languages": [language for s in spoken for language in languages(s)],
        "projects": [project(e) for e in [*newest("software"), *newest("grant")]],
    }
    meta: dict[str, Any] = {"version": "v1.0.0"}
    if app.config.html_baseurl:
        meta["canonical"] = f"{app.config.html_baseurl.rstrip('/')}/{FILENAME}"
    if (epoch := os.environ.get("SOURCE_DATE_EPOCH", "")).isdigit():
        meta["lastModified"] = datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%dT%H:%M:%S")
    data["meta"] = meta
    return {key: value for key, value in data.items() if value}


def write_resume(app: Sphinx, exception: Exception | None) -> None:
    """After a website build: ``resume.json`` in the output folder, rewritten only when it changes."""
    if exception is not None or app.builder.name not in WEBSITE_BUILDERS:
        return
    outputs = record(app)
    made = digest((generation(app.env), config_digest(app), os.environ.get("SOURCE_DATE_EPOCH", "")))
    if outputs.unchanged(FILENAME, made):  # made from the same pages and settings by an earlier build
        return
    write_if_changed(Path(app.outdir, FILENAME), json.dumps(resume(app), ensure_ascii=False, indent=2) + "\n")
    outputs.note(FILENAME, made, [FILENAME])


def setup_jsonresume(app: Sphinx) -> None:
    app.connect("build-finished", write_resume)
