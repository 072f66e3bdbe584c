"""The RenderCV import as a command: the parsed CV becomes pages, ``refs.bib``, the landing page
with the profile and ``conf.py``'s personal block, and replaces the previous content in place."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from ...text import slug_word
from ...validate import MAX_LENGTH, is_link
from .. import markdown as md
from ..bib import SELECTED_ON_IMPORT, BibEntry, Bibliography, bib_name, bibliography_block, short_name
from ..cards import Card, Ids, Page, PageNames, extra_lines, list_item, plain, short, toctree
from ..profile import read_photo
from ..project import (
    EXIT_INPUT,
    Personal,
    import_command,
    private_files,
    refusal,
    with_personal_block,
    write_import,
)
from ..report import Report
from .bib import add_publication
from .cards import (
    education_card,
    experience_card,
    normal_card,
    one_line_card,
    plain_name,
    profile_card,
    rendercv_markdown,
)
from .read import (
    BulletEntry,
    EducationEntry,
    Entry,
    ExperienceEntry,
    NormalEntry,
    NumberedEntry,
    OneLineEntry,
    Person,
    PublicationEntry,
    RenderCV,
    ReversedNumberedEntry,
    Section,
    TextEntry,
    load,
)

#: a section of text with one of these words in its title is about the person: the landing page's
BIO_RE = re.compile(r"\b(bio|biography|summary|about)\b", re.IGNORECASE)
LIST_FIELD: dict[type[Entry], str] = {
    BulletEntry: "bullet",
    NumberedEntry: "number",
    ReversedNumberedEntry: "reversed_number",
}


class Importer:
    """Turns the parsed CV into pages, bib entries and the profile, collecting what it reports."""

    def __init__(self, cv: RenderCV, report: Report) -> None:
        self.cv = cv
        self.report = report
        self.ids = Ids()
        self.bib = Bibliography(select_first=SELECTED_ON_IMPORT)
        self.pages: list[Page] = []
        self.bio: list[tuple[str, list[str]]] = []

    def run(self) -> None:
        names = PageNames()
        for section in self.cv.sections:
            if (
                section.entries
                and BIO_RE.search(section.title)
                and all(isinstance(e, TextEntry) for e in section.entries)
            ):
                texts = [e for e in section.entries if isinstance(e, TextEntry)]
                self.bio.append((section.title, [self.paragraph(e, section.title) for e in texts]))
                continue
            self.pages.append(self.page(section, names.name(section.title)))

    def paragraph(self, e: TextEntry, section: str) -> str:
        self.report.directives["paragraph"] += 1
        return rendercv_markdown(e.text, f"{section} / {short(e.label)}", self.report)

    def page(self, section: Section, name: str) -> Page:
        """A section's page: cards, lists and paragraphs in RenderCV's order."""
        page = Page(name, section.title)
        papers: list[BibEntry] = []
        reversed_total = sum(isinstance(e, ReversedNumberedEntry) for e in section.entries)
        run: list[str] = []
        run_kind: type[Entry] | None = None
        counts: Counter[type[Entry]] = Counter()
        spot = -1
        for entry in section.entries:
            where = f"{section.title} / {short(entry.label) or type(entry).__name__}"
            if run and type(entry) is not run_kind:
                page.blocks.append("\n".join(run))
                run = []
            run_kind = type(entry)
            if isinstance(entry, PublicationEntry):
                if not papers:
                    page.blocks.append("")  # the bibliography's place, filled in below
                    spot = len(page.blocks) - 1
                papers.append(add_publication(self.bib, entry, section.title, where, self.report))
            elif isinstance(entry, BulletEntry | NumberedEntry | ReversedNumberedEntry):
                text = rendercv_markdown(getattr(entry, LIST_FIELD[type(entry)]), where, self.report)
                counts[type(entry)] += 1
                run.append(self.list_line(entry, text, counts[type(entry)], reversed_total))
                if entry.extra:
                    run.append("\n".join("  " + line for line in extra_lines(entry.extra, where, self.report)))
            elif isinstance(entry, TextEntry):
                page.blocks.append(self.paragraph(entry, section.title))
            else:
                page.blocks.append(self.card(entry, section.title, where))
        if run:
            page.blocks.append("\n".join(run))
        if papers:
            kind = papers[0].type if len({p.type for p in papers}) == 1 else "misc"
            page.blocks[spot] = bibliography_block([p.key for p in papers], self.bib.label_prefix(section.title, kind))
            self.report.publications += len(papers)
            self.report.directives["bibliography"] += 1
        return page

    def list_line(self, entry: Entry, text: str, index: int, total: int) -> str:
        """A bullet, a numbered item, or a reversed-numbered one with its number written out: each
        its own one-item list, alternating ``.`` and ``)`` (CommonMark then keeps every start)."""
        if isinstance(entry, BulletEntry):
            self.report.directives["bullet item"] += 1
            return list_item("- ", text)
        self.report.directives["numbered item"] += 1
        if isinstance(entry, NumberedEntry):
            return list_item(f"{index}. ", text)
        number = total - index + 1
        return list_item(f"{number}{'.' if index % 2 else ')'} ", text)

    def card(self, entry: Entry, section: str, where: str) -> str:
        report = self.report
        if isinstance(entry, EducationEntry):
            card = education_card(entry, where, report)
        elif isinstance(entry, ExperienceEntry):
            card = experience_card(entry, where, report)
        elif isinstance(entry, NormalEntry):
            card = normal_card(entry, section, where, report)
        elif isinstance(entry, OneLineEntry):
            card = one_line_card(entry, where, report)
        else:
            report.warn(where, f"entry of unknown type (keys: {', '.join(entry.extra)}): kept as a list")
            report.directives["unknown (list)"] += 1
            return "\n".join(list_item("- ", f"*{k}:* {v}") for k, v in entry.extra.items())
        self.ids.assign(card)
        report.directives[card.kind] += 1
        return card.markdown()


def index_markdown(profile: Card, bio: list[tuple[str, list[str]]], pages: list[Page]) -> str:
    """The landing page: profile, the bio sections, and every section page in RenderCV's order."""
    blocks = [f"# {md.heading(profile.title) or 'About'}", profile.markdown()]  # the owner's name
    for title, paragraphs in bio:
        blocks += [f"## {md.heading(title)}", *paragraphs]
    if pages:
        blocks.append(toctree(f"sections/{p.slug}" for p in pages))
    return "\n\n".join(blocks) + "\n"


# -- the command -----------------------------------------------------------------------------


def preflight(yaml_path: Path, project: Path, force: bool, report: Report) -> tuple[int, RenderCV | None]:
    """Read the CV and check the project before anything is touched: a bad input or uncommitted
    work stops the import with the project as it was."""
    try:
        cv = load(yaml_path)
    except (OSError, ValueError, yaml.YAMLError, RecursionError) as err:
        message = "nested too deeply" if isinstance(err, RecursionError) else str(err)
        report.notes.append(f"error: cannot read {yaml_path}: {message}")
        return EXIT_INPUT, None
    if refused := refusal(project, force):
        report.notes.append(refused[1])
        return refused[0], None
    return 0, cv


def note_ignored(keys: list[str], report: Report) -> None:
    """One report line for each top-level part that is not content."""
    why = {
        "design": "RenderCV's theme and layout (the site uses furo, the PDF its own template)",
        "locale": "RenderCV's language strings (set `language` in conf.py)",
    }
    for key in keys:
        reason = why.get(key, "RenderCV's own settings, not content")
        report.notes.append(f"ignored: {key[:80]}: {reason}")


def content_files(importer: Importer, profile: Card) -> dict[str, str]:
    """Pages, the landing page and refs.bib, by their path in the project."""
    files = {f"sections/{page.slug}.md": page.markdown() for page in importer.pages}
    files["index.md"] = index_markdown(profile, importer.bio, importer.pages)
    files["refs.bib"] = importer.bib.file_text()
    return files


def personal(person: Person, owners: list[str]) -> Personal:
    """conf.py's personal block: the name without titles, the site, the inventory name, the bib spellings."""
    name = plain_name(person.name)[:MAX_LENGTH] or "Your Name"
    site = next((w for w in person.websites[:1] if is_link(w)), "https://example.org/")
    headline = plain(person.headline or "")[:MAX_LENGTH]
    return Personal(
        name=name,
        full_name=plain(person.name)[:MAX_LENGTH] or name,
        site_url=site if site.endswith("/") else site + "/",
        inventory_name=slug_word(name.split()[-1])[:40] or "portfolio",
        bib_names=owners or [short_name(bib_name(name)[0])],
        description=f"Curriculum vitae of {name}" + (f", {headline}." if headline else "."),
    )


def private_values(person: Person) -> dict[str, Any]:
    """The phone and the addresses the site does not show."""
    private: dict[str, Any] = {"phone": person.phones[0]} if person.phones else {}
    private |= {"other_phones": person.phones[1:]} if len(person.phones) > 1 else {}
    private |= {"other_emails": person.private_emails} if person.private_emails else {}
    return private


def import_cv(yaml_path: Path, project: Path, *, force: bool = False) -> tuple[int, Report]:
    """Replace the project's content with the CV; returns the exit code and the report. Everything
    is made and checked in memory, then written by ``replace_content``: the previous content goes
    only when all of the new one is in place."""
    report = Report()
    code, cv = preflight(yaml_path, project, force, report)
    if cv is None:
        return code, report
    note_ignored(cv.ignored, report)
    importer = Importer(cv, report)
    importer.run()
    report.selected = sum("selected" in entry.fields for entry in importer.bib.entries)
    photo = read_photo(cv.person.photo, yaml_path.parent, "cv / photo", report)
    profile = profile_card(cv.person, photo[0] if photo else None, report)
    report.directives["profile"] += 1
    files = content_files(importer, profile)
    files["conf.py"] = with_personal_block(project, personal(cv.person, importer.bib.owner_names))
    files |= private_files(project, private_values(cv.person), "cv.phone (and further phones/emails)", report)
    return write_import(project, files, photo, [page.slug for page in importer.pages], report), report


def main(argv: list[str] | None = None) -> int:
    return import_command(
        argv,
        "python -m portfolio.interop.rendercv",
        "Import a RenderCV 2.x YAML file: it replaces this project's content in place.",
        ("yaml", "the RenderCV 2.x YAML file"),
        import_cv,
    )
