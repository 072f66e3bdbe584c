"""``resume.json``: the CV in the JSON Resume format (schema v1.0.0), from the stored records, in
the build's language.

JSON Resume is what many CV tools read; every HTML build writes the file beside the site (a
German build ``de/resume.json``, in German). What an entry is comes from its record (kind,
dates, links); what it says comes from its page as the build shows it (``texts.py``), so a
translated site gives a translated file. Each section of the site goes where the format has a
place for it: the bio into ``basics.summary``, a position's bullets into ``highlights``, a
degree's thesis and supervision into ``courses``, memberships and other entries with an
organisation into ``volunteer``; talks have no place in the format. Contact data follows the
site's rule: email, phone and street address only with ``portfolio_show_private_contact = True``.
"""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from babel import Locale
from pybtex.database import Entry as BibEntry
from pybtex.database import Person
from sphinx.application import Sphinx

from ...bibliography.latex import plain
from ...bibliography.links import field_links
from ...compat import bibtex as compat
from ...config import portfolio_settings
from ...dates import CVDate
from ...directives.talk import TALK_KINDS
from ...domain import cv_domain
from ...incremental import config_digest, digest, generation
from ...nodes import WEBSITE_BUILDERS
from ...outputs import Output, write_if_changed
from ...records import Entry, Paper, When
from .texts import CardText, page_texts

SCHEMA = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
FILENAME = "resume.json"
#: skill cards with one of these titles (as written in the source) list spoken languages
LANGUAGE_TITLES = frozenset({"languages", "natural languages", "spoken languages", "sprachen"})
#: the bib field that names a paper's venue, by entry type
VENUES = ("journal", "booktitle", "howpublished", "publisher", "school", "institution")
#: where a paper is itself, best first: its DOI, its arXiv page, its publisher's page, its PDF
PAPER_FIELDS = ("doi", "eprint", "url", "pdf")
#: hosts of code, never a paper's own address
CODE_HOSTS = frozenset({"github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "sourceforge.net"})
#: words that make a comma-separated line a sentence rather than a list ("e.g., Python, ...", "z. B.")
SENTENCE_RE = re.compile(
    r"\b(e\.\s?g\.|i\.\s?e\.|etc\.?|among others|such as|including|and others"
    r"|z\.\s?B\.|u\.\s?a\.|usw\.|und weitere|unter anderem|wie etwa)",
    re.IGNORECASE,
)
#: a list written as one line has short items
LIST_ITEM_WORDS = 4


def iso(date: CVDate | None) -> str:
    """JSON Resume dates are ISO 8601 with year, month or day precision; "present" is no date."""
    return "" if date is None or date.is_present else date.iso


def dates(when: When, start: str = "startDate", end: str = "endDate") -> dict[str, str]:
    first = when.start or (when.days[0] if when.days else None)
    last = when.end or (when.days[-1] if len(when.days) > 1 else None)
    return {key: value for key, value in ((start, iso(first)), (end, iso(last))) if value}


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
    return [" ".join(p.split()) for p in parts if p.strip()]


def keywords(text: CardText) -> list[str]:
    """A skill's keywords where the source lists them: the items of a Markdown list, or one line of
    short comma-separated items; otherwise the text whole, as one (a sentence is not a list)."""
    if text.items:
        return text.items
    whole = " ".join(text.paragraphs)
    if not whole:
        return []
    parts = split_list(whole)
    if (
        len(text.paragraphs) == 1
        and len(parts) > 1
        and not SENTENCE_RE.search(whole)
        and not whole.rstrip().endswith(".")
        and all(len(re.sub(r"\(.*?\)", "", p).split()) <= LIST_ITEM_WORDS for p in parts)
    ):
        return parts
    return [whole]


def country_codes() -> dict[str, str]:
    """English country names to ISO 3166-1 codes, for a location "Berlin, Germany"."""
    return {name.casefold(): code for code, name in Locale("en").territories.items() if re.fullmatch(r"[A-Z]{2}", code)}


class Resume:
    """The file's content, from the domain's records and the pages' texts."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.config = app.config
        self.domain = cv_domain(app.env)
        entries = self.domain.by_id().values()
        self.texts = page_texts(app, {e.docname for e in entries})

    def text(self, entry: Entry) -> CardText:
        """The entry's words as its page shows them (its record's where the page has no card of it)."""
        found = self.texts.get((entry.docname, entry.id))
        if found is None:
            return CardText(
                entry.title, {o.field: o.name for o in entry.orgs}, entry.location, paragraphs=[entry.summary]
            )
        return found

    def newest(self, kind: str) -> list[Entry]:
        return sorted(self.domain.of_kind(kind), key=lambda e: (e.sortkey, e.id), reverse=True)

    def org(self, entry: Entry, *fields: str) -> str:
        orgs = self.text(entry).orgs
        return next((name for field, name in orgs.items() if not fields or field in fields), "")

    # -- sections ---------------------------------------------------------------------------

    def basics(self, profile: Entry | None) -> dict[str, Any]:
        config = self.config
        words = self.text(profile) if profile else CardText()
        data: dict[str, Any] = {"name": words.title if profile else config.author}
        if profile is None:
            return data
        if label := self.org(profile, "role"):
            data["label"] = label
        if profile.former_name:  # not in the schema's basics, which allow more: the name on earlier papers
            data["formerName"] = profile.former_name
        if profile.photo and config.html_baseurl:
            data["image"] = f"{config.html_baseurl.rstrip('/')}/_images/{Path(profile.photo).name}"
        if config.html_baseurl:
            data["url"] = config.html_baseurl
        bio = self.texts.get((config.root_doc, ""), CardText())
        if summary := "\n\n".join([*words.paragraphs, *bio.paragraphs]):
            data["summary"] = summary
        contact = profile.contact
        if contact and portfolio_settings(config).show_private_contact:
            data |= {key: value for key, value in (("email", contact.email), ("phone", contact.phone)) if value}
        if profile.location:
            city, _, country = profile.location.rpartition(",")
            code = country_codes().get(country.strip().casefold())
            location = {"city": city.strip(), "countryCode": code} if city and code else {"city": words.place}
            if contact and contact.address and portfolio_settings(config).show_private_contact:
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

    def work(self, entry: Entry) -> dict[str, Any]:
        words = self.text(entry)
        data: dict[str, Any] = {"name": self.org(entry), "position": words.title, **dates(entry.when)}
        if words.place:
            data["location"] = words.place
        if words.summary:
            data["summary"] = words.summary
        if words.items:
            data["highlights"] = words.items
        return data

    def education(self, entry: Entry) -> dict[str, Any]:
        words = self.text(entry)
        study, _, area = words.title.partition(" in ")
        data: dict[str, Any] = {"institution": self.org(entry), "studyType": study, **dates(entry.when)}
        if area:
            data["area"] = area
        if score := words.details.get("distinction"):
            data["score"] = score
        courses = [
            f"{words.labels[name]}: {words.details[name]}"
            for name in ("thesis", "supervisors")
            if name in words.details
        ]
        if courses := [*courses, *words.items]:
            data["courses"] = courses
        if words.place:
            data["location"] = words.place
        if words.summary:
            data["summary"] = words.summary
        return data

    def award(self, entry: Entry) -> dict[str, Any]:
        words = self.text(entry)
        data: dict[str, Any] = {"title": words.title}
        if date := iso(entry.when.days[0] if entry.when.days else entry.when.start):
            data["date"] = date
        if awarder := self.org(entry):
            data["awarder"] = awarder
        if summary := "\n\n".join([*words.details.values(), *words.paragraphs, *words.items]):
            data["summary"] = summary
        return data

    def volunteer(self, entry: Entry) -> dict[str, Any]:
        """An ``entry`` card with an organisation: a membership, a committee, a service."""
        words = self.text(entry)
        data: dict[str, Any] = {"organization": self.org(entry), "position": words.title, **dates(entry.when)}
        if link := next((link.url for link in entry.links), ""):
            data["url"] = link
        if words.summary:
            data["summary"] = words.summary
        if words.items:
            data["highlights"] = words.items
        return data

    def project(self, entry: Entry) -> dict[str, Any]:
        words = self.text(entry)
        data: dict[str, Any] = {"name": words.title, **dates(entry.when)}
        if link := next((link.url for link in entry.links), ""):
            data["url"] = link
        if entry.kind == "software":
            data["type"] = "software"
            if words.summary:
                data["description"] = words.summary
            if languages := self.org(entry, "languages"):
                data["keywords"] = split_list(languages)
            if role := words.details.get("role"):
                data["roles"] = [role]
        elif entry.kind == "grant":
            data["type"] = "funded research project"
            if title := self.org(entry, "title"):
                data["description"] = title
            if role := words.details.get("role"):
                data["roles"] = [role]
            if funder := words.details.get("funder"):
                data["entity"] = funder
            if highlights := [*words.paragraphs, *words.items]:
                data["highlights"] = highlights
        else:
            if words.summary:
                data["description"] = words.summary
            if words.items:
                data["highlights"] = words.items
        return data

    def talk(self, entry: Entry) -> dict[str, Any]:
        """A talk is a project of type "talk", as the schema suggests: the event its entity, its first
        and last day the start and end (also for one day: a theme reads a start alone as "to
        present"); more than two days are listed in ``dates`` (a field of this project's, which the
        schema allows)."""
        words = self.text(entry)
        data: dict[str, Any] = {"name": words.title, "type": "talk", **dates(entry.when)}
        if entry.when.days:
            data["endDate"] = iso(entry.when.days[-1])
        if len(entry.when.days) > 2:
            data["dates"] = [day.iso for day in entry.when.days]
        if entity := " – ".join(self.org(entry, name) for name in ("event", "host") if self.org(entry, name)):
            data["entity"] = entity
        if words.place:
            data["location"] = words.place
        if entry.tags:
            data["keywords"] = [str(TALK_KINDS.get(tag, tag)) for tag in entry.tags]
        if link := next((link.url for link in entry.links if link.name == "url"), "") or next(
            (link.url for link in entry.links), ""
        ):
            data["url"] = link
        if description := "\n\n".join([*words.details.values(), *words.paragraphs, *words.items]):
            data["description"] = description
        return data

    def publication(self, paper: Paper, entry: BibEntry) -> dict[str, Any]:
        fields = entry.fields
        data: dict[str, Any] = {"name": paper.title}
        if venue := next((plain(fields[f]) for f in VENUES if fields.get(f)), ""):
            data["publisher"] = venue
        if (year := fields.get("year", "")).isdigit():
            data["releaseDate"] = year
        if url := paper_url(entry):
            data["url"] = url
        if authors := [person_name(p) for p in entry.persons.get("author", [])]:
            data["authors"] = authors  # a field of this project's, which the schema allows
        if abstract := fields.get("abstract"):
            data["summary"] = plain(abstract)
        return data

    def patent(self, entry: Entry) -> dict[str, Any]:
        """A patent family is a publication: its numbers are where it is published."""
        title = self.text(entry).title
        data: dict[str, Any] = {"name": title, "publisher": ", ".join(n.label for n in entry.numbers)}
        if entry.numbers:
            data["releaseDate"] = iso(max(n.date for n in entry.numbers))
            data["numbers"] = [  # the patent's own lines, for an import (a field of this project's)
                " | ".join([n.label, f"{n.status} {n.date.iso}", *([n.title] if n.title != entry.title else [])])
                for n in entry.numbers
            ]
        return data

    def languages(self, entry: Entry) -> list[dict[str, str]]:
        words = self.text(entry)
        found = []
        for item in words.items or split_list(" ".join(words.paragraphs)):
            match = re.fullmatch(r"(.*?)\s*\((.*)\)", item.rstrip("."))
            found.append({"language": match[1], "fluency": match[2]} if match else {"language": item.rstrip(".")})
        return found

    def papers_newest_first(self) -> list[tuple[Paper, BibEntry]]:
        entries = compat.entries(self.app.env)
        found = [(paper, entries[key]) for key, paper in self.domain.papers.items() if key in entries]
        year = lambda item: int(y) if (y := item[1].fields.get("year", "")).isdigit() else 0  # noqa: E731
        return sorted(found, key=lambda item: (-year(item), item[0].key))

    def data(self) -> dict[str, Any]:
        """The whole CV, sections in JSON Resume's order, entries newest first."""
        profiles = self.domain.of_kind("profile")
        root = self.config.root_doc
        profile = next((p for p in profiles if p.docname == root), profiles[0] if profiles else None)
        skills = sorted(self.domain.of_kind("skill"), key=lambda s: (s.docname, s.lineno))
        spoken = [s for s in skills if s.title.casefold() in LANGUAGE_TITLES]
        entries = self.newest("entry")
        data: dict[str, Any] = {
            "$schema": SCHEMA,
            "basics": self.basics(profile),
            "work": [self.work(e) for e in self.newest("position")],
            "volunteer": [self.volunteer(e) for e in entries if e.orgs],
            "education": [self.education(e) for e in self.newest("education")],
            "awards": [self.award(e) for e in self.newest("award")],
            "publications": [
                *(self.publication(paper, entry) for paper, entry in self.papers_newest_first()),
                *(self.patent(e) for e in self.newest("patent")),
            ],
            "skills": [
                {"name": self.text(s).title, "keywords": keywords(self.text(s))} for s in skills if s not in spoken
            ],
            "languages": [language for s in spoken for language in self.languages(s)],
            "projects": [
                self.project(e)
                for e in [*self.newest("software"), *self.newest("grant"), *(e for e in entries if not e.orgs)]
            ]
            + [self.talk(e) for e in self.newest("talk")],
        }
        meta: dict[str, Any] = {"version": "v1.0.0"}
        if self.config.html_baseurl:
            meta["canonical"] = f"{self.config.html_baseurl.rstrip('/')}/{FILENAME}"
        if (epoch := os.environ.get("SOURCE_DATE_EPOCH", "")).isdigit():
            meta["lastModified"] = datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%dT%H:%M:%S")
        data["meta"] = meta
        return {key: value for key, value in data.items() if value}


def person_name(person: Person) -> str:
    """ "van Beethoven, Ludwig" as plain text; "others" as BibTeX writes "et al."."""
    last = plain(" ".join(person.prelast_names + person.last_names))
    first = plain(" ".join(person.first_names + person.middle_names))
    return f"{last}, {first}" if first else last


def paper_url(entry: BibEntry) -> str:
    """Where the paper itself is: its DOI, its arXiv page, its publisher's page, its PDF; never a
    code repository (a ``url`` that is the ``code`` link or on a code host is passed over)."""
    fields = entry.fields
    archive = fields.get("archiveprefix", "arXiv")
    code = {link.url for link in field_links("code", fields.get("code", ""))}
    for name in PAPER_FIELDS:
        for link in field_links(name, fields.get(name, ""), archive):
            host = urlsplit(link.url).netloc.lower().removeprefix("www.")
            if link.url not in code and host not in CODE_HOSTS:
                return link.url
    return ""


def resume(app: Sphinx) -> dict[str, Any]:
    return Resume(app).data()


class ResumeJSON(Output):
    """``resume.json`` beside the website, made from the records (the environment's generation), the
    settings and the day of the sources."""

    name = FILENAME

    def wanted(self, app: Sphinx) -> bool:
        return app.builder.name in WEBSITE_BUILDERS

    def made_from(self, app: Sphinx) -> str:
        return digest((generation(app.env), config_digest(app), os.environ.get("SOURCE_DATE_EPOCH", "")))

    def write(self, app: Sphinx) -> list[str]:
        write_if_changed(Path(app.outdir, FILENAME), json.dumps(resume(app), ensure_ascii=False, indent=2) + "\n")
        return [FILENAME]

    def claims(self, relative: str) -> bool:
        return relative == FILENAME

    def own_files(self, app: Sphinx) -> set[str]:
        return {FILENAME} if self.wanted(app) else set()
