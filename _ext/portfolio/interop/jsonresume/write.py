"""Import a JSON Resume: it replaces this project's content in place, as the RenderCV import does.

basics become the profile (``index.md``, with the summary as its Bio section), work
``position`` cards, volunteer and certificates ``entry`` cards, education ``education`` cards
(the thesis and supervision this project's own ``resume.json`` writes into ``courses`` back
into their options), awards ``award`` cards, publications ``refs.bib`` entries (a patent this
project exported, a ``patent`` card), skills, languages and interests ``skill`` cards, and
projects ``software``, ``grant``, ``talk`` or ``entry`` cards by their ``type``. Text is
untrusted: Markdown goes through the safe subset, names and options are plain text, links
are http(s) or mailto only, the photo only an image beside the file; everything is made and
checked in memory before anything is replaced (``project.write_import``).

    python -m portfolio.interop.jsonresume resume.json [--force] [--project DIR]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale

from ...dates import parse_date
from ...directives.talk import TALK_KINDS
from ...text import slug_word
from ...validate import MAX_LENGTH, is_email, is_link, is_web_url
from .. import markdown as md
from ..bib import SELECTED_ON_IMPORT, Bibliography, Publication, bib_name, bibliography_block, short_name
from ..cards import (
    Card,
    Ids,
    Page,
    PageNames,
    body_markdown,
    bullet_list,
    extra_lines,
    labelled,
    link_line,
    one_line,
    set_text_options,
    title_text,
    toctree,
)
from ..dates import iso_date
from ..profile import network_lines, read_photo
from ..project import (
    EXIT_INPUT,
    Personal,
    import_command,
    private_files,
    refusal,
    with_personal_block,
    without_titles,
    write_import,
)
from ..report import Report
from .read import Basics, Item, Resume, load

#: a course line that names the thesis or the supervision (the labels this project's export writes,
#: in English and German)
THESIS_RE = re.compile(r"^(thesis|abschlussarbeit|dissertation)\s*:\s*(.+)$", re.IGNORECASE)
SUPERVISION_RE = re.compile(
    r"^(supervision|supervisors?|advisors?|betreuung|betreuer(?:in)?)\s*:\s*(.+)$", re.IGNORECASE
)
#: a patent number as this project's export writes it into a publication's ``numbers``
PATENT_RE = re.compile(
    r"^(?P<number>[A-Z]{2}\s+[0-9][0-9/ ]*?(?:\s+[A-Z][0-9]?)?)\s*\|\s*(?P<status>granted|published|filed)"
    r"\s+(?P<date>\d{4}-\d{2}-\d{2})(?:\s*\|\s*(?P<title>.+))?$"
)
#: project types that are talks, software, funded projects
TALK_TYPES = frozenset({"talk", "presentation", "lecture", "keynote", "seminar", "webinar", "tutorial"})
SOFTWARE_TYPES = frozenset({"software", "library", "application", "tool", "package"})
GRANT_TYPES = frozenset({"funded research project", "grant", "funding", "research project"})


@cache
def country_names() -> dict[str, str]:
    return {code: name for code, name in Locale("en").territories.items() if re.fullmatch(r"[A-Z]{2}", code)}


class Importer:
    """The resume as pages, bib entries and the profile, with what it reports."""

    def __init__(self, resume: Resume, report: Report) -> None:
        self.resume = resume
        self.report = report
        self.ids = Ids()
        self.owner = bib_name(md.escape(without_titles(resume.basics.item.text("name")), line_start=False))[0]
        self.bib = Bibliography(fallback_author=self.owner, select_first=SELECTED_ON_IMPORT)
        self.pages: list[Page] = []
        self.names = PageNames()

    # -- helpers ----------------------------------------------------------------------------------

    def card(self, kind: str, title: str, where: str) -> Card:
        return Card(kind, title_text(title or "(untitled)", where, self.report))

    def dated(self, card: Card, item: Item, where: str, single: str = "", required: str = "") -> None:
        """The item's dates as options (start and end, or ``single``); where ``required`` is missing
        the card becomes an ``entry`` card; a date that is no date is kept as text."""
        values = {single: item.text("date") or item.text("releaseDate")} if single else {}
        if not single:
            values = {"start": item.text("startDate"), "end": item.text("endDate")}
        options: dict[str, str] = {}
        for name, value in values.items():
            if not value:
                continue
            if found := iso_date(value[:10] if re.match(r"^\d{4}-\d{2}-\d{2}T", value) else value):
                options[name] = found
            else:
                self.report.warn(where, f"{name} {value[:40]!r} is not YYYY, YYYY-MM or YYYY-MM-DD: kept in the text")
                card.body.insert(0, labelled("When", value))
        if "start" in options and "end" not in options and not item.text("endDate"):
            options["end"] = "present"
        if (
            "start" in options
            and options.get("end", "present") != "present"
            and parse_date(options["end"]) < parse_date(options["start"])
        ):
            self.report.warn(where, f"ends ({options['end']}) before it starts: the end kept in the text")
            card.body.insert(0, labelled("Until", options.pop("end")))
        if required and required not in options:
            missing = "date" if required == "date" else f"{required} date"
            self.report.warn(where, f"no {missing}, which a {card.kind} card needs: written as an entry card")
            self.as_entry(card)
            if single and single != "date" and single in options:
                options["date"] = options.pop(single)
        card.options.update(options)

    @staticmethod
    def as_entry(card: Card) -> None:
        """An ``entry`` card in place of one whose required date is missing: its organisation kept."""
        card.kind = "entry"
        for name in ("institution", "issuer", "funder", "event", "host", "org"):
            if name in card.options:
                card.options["org"] = card.options.pop(name)
                break
        for name in ("title", "role", "distinction", "thesis", "supervisors", "repository", "languages", "note"):
            if name in card.options:
                card.body.append(labelled(name.capitalize(), card.options.pop(name)))

    def body(self, card: Card, item: Item, where: str, *texts: str, lists: tuple[str, ...] = ("highlights",)) -> None:
        """Markdown fields as paragraphs, list fields as bullet lists, the fields the schema does not
        name as text, each reported."""
        for name in texts:
            if value := item.text(name):
                card.body.append(body_markdown(value, where, self.report))
        for name in lists:
            if values := item.list(name):
                card.body.append(bullet_list(values, where, self.report))
        if lines := extra_lines(item.extra, where, self.report):
            card.body.append("\\\n".join(lines))

    def url_option(self, card: Card, item: Item, where: str, option: str = "url", text: str = "") -> None:
        """The item's address as the card's link option where it has one, else a link in its body
        (its text ``text``, or the address)."""
        if not (url := item.text("url")):
            return
        if option and is_web_url(url) and option not in card.options:
            card.options[option] = url
        else:
            card.body.append(link_line(text or url, url, where, self.report))

    def done(self, card: Card) -> str:
        self.ids.assign(card)
        self.report.directives[card.kind] += 1
        return card.markdown()

    def add_page(self, title: str, blocks: list[str]) -> None:
        if blocks:
            self.pages.append(Page(self.names.name(title), title, blocks))

    def each(self, section: str, make: Callable[[Item, str], str | None]) -> list[str]:
        blocks = []
        for i, item in enumerate(self.resume.sections.get(section, [])):
            label = next(
                (item.text(k) for k in ("name", "position", "title", "institution", "language") if item.text(k)), ""
            )
            if (block := make(item, f"{section} / {one_line(label, 60) or i + 1}")) is not None:
                blocks.append(block)
        return blocks

    # -- sections ------------------------------------------------------------------------------------

    def position(self, item: Item, where: str) -> str:
        card = self.card("position", item.text("position") or item.text("name"), where)
        set_text_options(card, {"org": item.text("name"), "location": item.text("location")}, where, self.report)
        self.dated(card, item, where, required="start")
        self.body(card, item, where, "summary", "description")
        self.url_option(card, item, where, "url" if card.kind == "entry" else "", item.text("name"))
        return self.done(card)

    def volunteer(self, item: Item, where: str) -> str:
        card = self.card("entry", item.text("position") or item.text("organization"), where)
        set_text_options(card, {"org": item.text("organization")}, where, self.report)
        self.dated(card, item, where)
        self.url_option(card, item, where)
        self.body(card, item, where, "summary")
        return self.done(card)

    def education(self, item: Item, where: str) -> str:
        title = " in ".join(t for t in (item.text("studyType"), item.text("area")) if t)
        card = self.card("education", title or item.text("institution"), where)
        set_text_options(
            card, {"institution": item.text("institution"), "location": item.text("location")}, where, self.report
        )
        courses = []
        for course in item.list("courses"):
            if (m := THESIS_RE.match(course)) and "thesis" not in card.options:
                set_text_options(card, {"thesis": m.group(2)}, where, self.report)
            elif (m := SUPERVISION_RE.match(course)) and "supervisors" not in card.options:
                set_text_options(card, {"supervisors": m.group(2)}, where, self.report)
            else:
                courses.append(course)
        set_text_options(card, {"distinction": item.text("score")}, where, self.report)
        self.dated(card, item, where, required="end")
        self.body(card, item, where, "summary", lists=())
        if courses:
            card.body.append("*Courses:*\n\n" + bullet_list(courses, where, self.report))
        self.url_option(card, item, where, "url" if card.kind == "entry" else "", item.text("institution"))
        return self.done(card)

    def award(self, item: Item, where: str) -> str:
        card = self.card("award", item.text("title"), where)
        set_text_options(card, {"issuer": item.text("awarder")}, where, self.report)
        self.dated(card, item, where, single="date", required="date")
        self.body(card, item, where, "summary", lists=())
        return self.done(card)

    def certificate(self, item: Item, where: str) -> str:
        card = self.card("entry", item.text("name"), where)
        set_text_options(card, {"org": item.text("issuer")}, where, self.report)
        self.dated(card, item, where, single="date")
        self.url_option(card, item, where)
        self.body(card, item, where, lists=())
        return self.done(card)

    def skill(self, item: Item, where: str) -> str:
        card = self.card("skill", item.text("name"), where)
        words = item.list("keywords")
        if len(words) == 1:
            card.body.append(body_markdown(words[0], where, self.report))
        elif words:
            card.body.append(bullet_list(words, where, self.report))
        if level := item.text("level"):
            card.body.append(labelled("Level", level))
        self.body(card, item, where, lists=())
        return self.done(card)

    def languages(self) -> str | None:
        spoken = [
            f"{item.text('language')} ({item.text('fluency')})" if item.text("fluency") else item.text("language")
            for item in self.resume.sections.get("languages", [])
            if item.text("language")
        ]
        if not spoken:
            return None
        card = self.card("skill", "Languages", "languages")
        card.body.append(bullet_list(spoken, "languages", self.report))
        return self.done(card)

    def project(self, item: Item, where: str) -> tuple[str, str]:
        """A project's card and the page it goes to, by its type."""
        kind = item.text("type").lower()
        if kind in TALK_TYPES:
            return "Talks", self.talk(item, where)
        if kind in SOFTWARE_TYPES and is_web_url(item.text("url")):
            card = self.card("software", item.text("name"), where)
            card.options["repository"] = item.text("url")
            set_text_options(
                card,
                {"languages": ", ".join(item.list("keywords")), "role": ", ".join(item.list("roles"))},
                where,
                self.report,
            )
            self.dated(card, item, where)
            self.body(card, item, where, "description")
            return "Software", self.done(card)
        if kind in GRANT_TYPES:
            card = self.card("grant", item.text("name"), where)
            set_text_options(
                card,
                {
                    "title": item.text("description") or item.text("name"),
                    "role": ", ".join(item.list("roles")),
                    "funder": item.text("entity"),
                },
                where,
                self.report,
            )
            self.dated(card, item, where, required="start")
            self.url_option(card, item, where)
            self.body(card, item, where)
            return "Funding", self.done(card)
        card = self.card("entry", item.text("name"), where)
        set_text_options(card, {"org": item.text("entity")}, where, self.report)
        self.dated(card, item, where)
        self.url_option(card, item, where)
        if kind:
            card.body.append(labelled("Type", kind))
        if roles := item.list("roles"):
            card.body.append(labelled("Roles", ", ".join(roles)))
        if words := item.list("keywords"):
            card.body.append(labelled("Keywords", ", ".join(words)))
        self.body(card, item, where, "description")
        return "Projects", self.done(card)

    def talk(self, item: Item, where: str) -> str:
        card = self.card("talk", item.text("name"), where)
        set_text_options(card, {"event": item.text("entity"), "location": item.text("location")}, where, self.report)
        days = [
            d
            for d in (iso_date(t) for t in item.list("dates") or [item.text("startDate"), item.text("endDate")] if t)
            if d
        ]
        if days:
            card.options["date"] = ", ".join(dict.fromkeys(days))
        else:
            self.report.warn(where, "no date, which a talk card needs: written as an entry card")
            self.as_entry(card)
        tags = [kind for k in item.list("keywords") if (kind := talk_kind(k))]
        if card.kind == "talk" and (tags or item.text("type").lower() in TALK_KINDS):
            card.options["kind"] = ", ".join(tags or [item.text("type").lower()])
        if others := [k for k in item.list("keywords") if not talk_kind(k)]:
            card.body.append(labelled("Keywords", ", ".join(others)))
        if "event" not in card.options and card.kind == "talk":
            card.options["event"] = "(event not named)"
            self.report.warn(where, "no entity (the event), which a talk card needs: written as '(event not named)'")
        self.url_option(card, item, where)
        self.body(card, item, where, "description")
        return self.done(card)

    def publications(self) -> tuple[list[str], list[str]]:
        """The bibliography block of the publications, and the patent cards among them."""
        keys, patents = [], []
        for i, item in enumerate(self.resume.sections.get("publications", [])):
            where = f"publications / {one_line(item.text('name'), 60) or i + 1}"
            if (numbers := item.list("numbers")) and all(len(n) < 300 and PATENT_RE.match(n) for n in numbers):
                patents.append(self.patent(item, numbers, where))
                continue
            if numbers:
                self.report.warn(where, "numbers that are not patent numbers: kept in the entry's note")
                item.extra["numbers"] = numbers
            url = item.text("url")
            doi = url if re.match(r"^https?://(dx\.)?doi\.org/", url, re.IGNORECASE) else None
            arxiv = m.group(1) if (m := re.match(r"^https?://arxiv\.org/abs/([^\s?#]+)$", url)) else None
            publication = Publication(
                title=item.text("name"),
                authors=item.list("authors"),
                kind="misc",
                venue=item.text("publisher") or None,
                date=item.text("releaseDate") or None,
                doi=doi,
                eprint=arxiv,
                url=None if doi or arxiv or not url else url,
                abstract=item.text("summary") or None,
                extra=item.extra,
                markdown=False,
            )
            keys.append(self.bib.add(publication, where, self.report).key)
        self.report.publications += len(keys)
        block = [bibliography_block(keys, "P")] if keys else []
        if keys:
            self.report.directives["bibliography"] += 1
        return block, patents

    def patent(self, item: Item, numbers: list[str], where: str) -> str:
        card = self.card("patent", item.text("name"), where)
        card.body.append("\n".join(" ".join(md.controls_dropped(n).split()) for n in numbers))
        return self.done(card)

    def run(self) -> None:
        sections = self.resume.sections
        self.add_page("Experience", self.each("work", self.position))
        self.add_page("Education", self.each("education", self.education))
        self.add_page("Awards", self.each("awards", self.award))
        self.add_page("Volunteering", self.each("volunteer", self.volunteer))
        self.add_page("Certificates", self.each("certificates", self.certificate))
        by_page: dict[str, list[str]] = {}
        for i, item in enumerate(sections.get("projects", [])):
            page, block = self.project(item, f"projects / {one_line(item.text('name'), 60) or i + 1}")
            by_page.setdefault(page, []).append(block)
        for page in ("Funding", "Talks", "Software", "Projects"):
            self.add_page(page, by_page.get(page, []))
        bibliography, patents = self.publications()
        self.add_page("Publications", bibliography)
        self.add_page("Patents", patents)
        skills = self.each("skills", self.skill)
        if spoken := self.languages():
            skills.append(spoken)
        self.add_page("Skills", skills)
        self.add_page("Interests", self.each("interests", self.skill))


# -- the person ------------------------------------------------------------------------------------


def talk_kind(word: str) -> str | None:
    """A keyword as a talk's kind: the kind's name ("invited") or the words its card shows for it
    ("invited talk", as resume.json exports it)."""
    word = word.lower()
    return next((kind for kind, label in TALK_KINDS.items() if word in (kind, str(label).lower())), None)


def profile_card(basics: Basics, photo: str | None, report: Report) -> tuple[Card, dict[str, Any]]:
    """The ``profile`` directive, and the private values (phone, street address) for private.toml."""
    item = basics.item
    where = "basics"
    if not item.text("name"):
        report.warn("basics / name", "no name: the profile says 'Your Name'")
    card = Card("profile", title_text(item.text("name") or "Your Name", "basics / name", report))
    set_text_options(card, {"role": item.text("label")}, "basics / label", report)
    set_text_options(card, {"former-name": item.text("formerName")}, "basics / formerName", report)
    location = basics.location
    place = ", ".join(
        p
        for p in (
            location.get("city"),
            location.get("region") if not location.get("countryCode") else None,
            country_names().get(location.get("countryCode", ""), location.get("countryCode")),
        )
        if p
    )
    set_text_options(card, {"location": place}, "basics / location", report)
    if photo:
        card.options["photo"] = photo
    private: dict[str, Any] = {}
    if email := item.text("email"):
        if is_email(email):
            card.options["email"] = email
        else:
            report.warn(
                "basics / email", f"{email[:80]!r} is not an email address: written to private.toml, not to the site"
            )
            private["other_emails"] = [email]
    if phone := item.text("phone"):
        private["phone"] = phone
    if address := ", ".join(p for p in (location.get("address"), location.get("postalCode")) if p):
        private["address"] = address
    lines: list[str] = []
    if url := item.text("url"):
        if is_link(url):
            card.options["website"] = url
        else:
            lines.append(link_line(url, url, "basics / url", report))
    for profile in basics.profiles:
        username = profile.username or username_of(profile)
        lines += network_lines(profile.network or "Profile", username, card, "basics / profiles", report, profile.url)
    lines += extra_lines(item.extra, where, report)
    if lines:
        card.body.append("\\\n".join(lines))
    return card, private


def username_of(profile: Any) -> str:
    """The user name in a profile's address where the network has an option for it (GitHub, LinkedIn, ORCID)."""
    hosts = {"github": "github.com/", "linkedin": "linkedin.com/in/", "orcid": "orcid.org/"}
    prefix = hosts.get(profile.network.lower().replace(" ", ""))
    if prefix and prefix in profile.url:
        return profile.url.split(prefix, 1)[1].strip("/").split("/")[0]
    return ""


def index_markdown(profile: Card, summary: str, pages: list[Page], report: Report) -> str:
    """The landing page: profile, the summary as the Bio section, every page."""
    blocks = [f"# {md.heading(profile.title) or 'About'}", profile.markdown()]  # the owner's name
    if summary:
        blocks += [f"## {md.heading('Bio')}", body_markdown(summary, "basics / summary", report)]
    if pages:
        blocks.append(toctree(f"sections/{p.slug}" for p in pages))
    return "\n\n".join(blocks) + "\n"


def owner_names(importer: Importer) -> list[str]:
    """The owner's spelling in the bib entries ("Example, A."), where one of them names the owner."""
    last = importer.owner.split(",")[0]
    spelled = short_name(importer.owner)
    named = any(
        name.split(",")[0].strip() == last
        for entry in importer.bib.entries
        for name in entry.fields.get("author", "").split(" and ")
    )
    return [spelled] if named else []


def personal(basics: Basics, owners: list[str]) -> Personal:
    name = without_titles(one_line(basics.item.text("name"), MAX_LENGTH)) or "Your Name"
    site = basics.item.text("url")
    site = site if is_link(site) and site.startswith("http") else "https://example.org/"
    label = one_line(basics.item.text("label"), MAX_LENGTH)
    return Personal(
        name=name,
        full_name=one_line(basics.item.text("name"), MAX_LENGTH) or name,
        site_url=site if site.endswith("/") else site + "/",
        inventory_name=slug_word(name.split()[-1])[:40] or "portfolio",
        bib_names=owners,
        description=f"Curriculum vitae of {name}" + (f", {label}." if label else "."),
    )


# -- the command -----------------------------------------------------------------------------------


def import_resume(path: Path, project: Path, *, force: bool = False) -> tuple[int, Report]:
    """Replace the project's content with the resume; the exit code and the report."""
    report = Report()
    try:
        resume = load(path, report)
    except (OSError, ValueError, yaml.YAMLError, RecursionError) as err:
        message = "nested too deeply" if isinstance(err, RecursionError) else str(err)
        report.notes = [f"error: cannot read {path}: {message}"]
        return EXIT_INPUT, report
    if refused := refusal(project, force):
        report.notes = [refused[1]]
        return refused[0], report
    importer = Importer(resume, report)
    importer.run()
    report.selected = sum("selected" in entry.fields for entry in importer.bib.entries)
    photo = read_photo(resume.basics.item.text("image"), path.parent, "basics / image", report)
    profile, private = profile_card(resume.basics, photo[0] if photo else None, report)
    report.directives["profile"] += 1
    files = {f"sections/{page.slug}.md": page.markdown() for page in importer.pages}
    files["index.md"] = index_markdown(profile, resume.basics.item.text("summary"), importer.pages, report)
    files["refs.bib"] = importer.bib.file_text() if importer.bib.entries else "\n"
    files["conf.py"] = with_personal_block(project, personal(resume.basics, owner_names(importer)))
    files |= private_files(project, private, "basics.phone (and the street address)", report)
    return write_import(project, files, photo, [page.slug for page in importer.pages], report), report


def main(argv: list[str] | None = None) -> int:
    return import_command(
        argv,
        "python -m portfolio.interop.jsonresume",
        "Import a JSON Resume (resume.json, or .yaml): it replaces this project's content in place.",
        ("resume", "the JSON Resume file"),
        import_resume,
    )
