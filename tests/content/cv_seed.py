"""The owner's CV as the team received it (``shared/seed/*.txt``, text taken from the PDF), read
entry by entry: the facts the site and the PDFs must carry over exactly (titles, qualifiers,
dates, places), and how the German site says the terms it translates.

The seed lies outside the repository, beside the checkout (``../shared/seed/``, or a parent's);
``PORTFOLIO_CV_SEED`` names another file. Where there is none, the tests that read it skip.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from conftest import REPO

#: how the German site says a term of the CV; every other fact (names of people, prizes, projects,
#: events; titles of papers, theses and talks; "summa cum laude", "Workshop") stays as the CV says it.
#: Institutions and degrees as German universities and Fraunhofer write them; job titles translated,
#: like the prose around them.
GERMAN = {
    "Fraunhofer Heinrich-Hertz-Institute": "Fraunhofer-Institut für Nachrichtentechnik, Heinrich-Hertz-Institut HHI",
    "Berlin Institute of Technology": "Technische Universität Berlin",
    "Berlin, Germany": "Berlin, Deutschland",
    "Würzburg, Germany": "Würzburg, Deutschland",
    "present": "heute",
    "Head of Explainable Artificial Intelligence": "Leiter der Gruppe Explainable Artificial Intelligence",
    "Tenured Researcher": "Wissenschaftlicher Mitarbeiter (unbefristet)",
    "Research Associate": "Wissenschaftlicher Mitarbeiter",
    "Student Research- & Teaching Assistant": "Studentische Hilfskraft in Forschung und Lehre",
    "Student Teaching Assistant": "Studentische Hilfskraft in der Lehre",
    "PhD in Machine Learning": "Promotion im Bereich Maschinelles Lernen",
    "Master of Science in Computer Science": "Master of Science in Informatik",
    "Bachelor of Science in Computer Science": "Bachelor of Science in Informatik",
    "with distinction": "mit Auszeichnung",
    "pre-university secondary education": "Schulische Ausbildung bis zur Hochschulreife",
    "Hugo-Geiger-Prize": "Hugo-Geiger-Preis",
    "1st place": "1. Platz",
    "finalist": "Finalist",
    "leading role": "leitend",
    "press interview": "Presseinterview",
}

#: a month as the CV writes it in a position's dates: Jan '21
_MONTHS = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), start=1)}
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) '\d\d"
_RANGE = re.compile(rf"(?P<start>{_MONTH}) – (?P<end>present|{_MONTH})")
#: City, Country
_PLACE = re.compile(r"^[A-ZÄÖÜ][\wäöüß-]+, [A-Z][a-z]+$", re.IGNORECASE)
_DEGREE = re.compile(r"^(?:PhD|Ph\.D\.|Doctor|Master|Bachelor|Diplom|Abitur)\b")


def say(term: str, language: str) -> str:
    """``term`` as the site in ``language`` says it."""
    return GERMAN.get(term, term) if language == "de" else term


def normal(text: str) -> str:
    """Letters and digits only, lower case: compares titles whose punctuation the PDF's text lost."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'")
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _month(text: str) -> str:
    """Jan '21 -> 2021-01; present stays."""
    if text == "present":
        return text
    name, year = text.split(" '")
    return f"20{year}-{_MONTHS[name]:02d}" if int(year) < 50 else f"19{year}-{_MONTHS[name]:02d}"


def _clean(line: str) -> str:
    """A line without the markdown the text extraction put around it."""
    return " ".join(line.strip().lstrip("#").replace("*", "").split())


@dataclass
class Entry:
    """One entry of the CV and the facts the site must show for it."""

    #: "position", "education", "grant", "award", "talk": the card kind on the site
    kind: str
    #: the entry's title as the CV writes it
    title: str
    #: start and end (YYYY, YYYY-MM or "present"), or the single date
    dates: tuple[str, ...] = ()
    #: words that qualify the title: "finalist", "leading role", "summa cum laude", a venue
    qualifiers: tuple[str, ...] = ()
    #: other facts printed with the entry: employer or institution, place, thesis, supervisor, full name
    details: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.kind}-{normal(self.title)[:24]}-{self.dates[0] if self.dates else ''}"

    def facts(self, language: str) -> list[str]:
        """Every fact of the entry (but its dates) as the site in ``language`` prints it."""
        return [say(fact, language) for fact in (*self.qualifiers, *self.details)]


def seed_path() -> Path | None:
    """The CV's text: ``PORTFOLIO_CV_SEED``, else ``shared/seed/*.txt`` beside the checkout or above it."""
    if given := os.environ.get("PORTFOLIO_CV_SEED"):
        return Path(given)
    for folder in REPO.parents:
        found = sorted((folder / "shared" / "seed").glob("*.txt"))
        if found:
            return found[0]
    return None


def _sections(lines: list[str]) -> dict[str, list[str]]:
    """The CV's lines under each of its top headings."""
    tops = {
        "Professional Experience",
        "Education",
        "Third-Party Funded Research Projects",
        "Skills and Toolset Experience",
        "Awards",
        "Patents",
        "Talks & Lectures",
        "Publications",
    }
    found: dict[str, list[str]] = {}
    current = ""
    for line in lines:
        if line.startswith("#") and _clean(line) in tops:
            current = _clean(line)
            found[current] = []
        elif current:
            found[current].append(line)
    return found


def _positions(lines: list[str]) -> list[Entry]:
    """Professional experience: a date range ends each position's head; its title is on that line
    or is the heading above it, and a heading right before the title's heading names the employer."""
    entries = []
    employer = place = ""
    headings: list[tuple[int, str]] = []  # (index, text) of each heading
    for index, raw in enumerate(lines):
        line = _clean(raw)
        if not line:
            continue
        if raw.startswith("#"):
            headings.append((index, line))
        match = _RANGE.search(line)
        if not match:
            continue
        before = line[: match.start()].strip()
        if _PLACE.match(before):
            place, before = before, ""
        if before:
            title = before
        else:
            (at, title), *earlier = headings[::-1]
            if earlier:
                previous_at, previous = earlier[0]
                if all(not lines[i].strip() for i in range(previous_at + 1, at)):
                    employer = previous
        dates = (_month(match["start"]), _month(match["end"]))
        entries.append(
            Entry("position", title, dates, details=(employer, place)),
        )
    return entries


def _degrees(lines: list[str]) -> list[Entry]:
    """Education: a degree line (with its distinction in brackets), its years before or after it,
    thesis and supervisor after it; the institution and place head a group of degrees."""
    entries: list[Entry] = []
    institution = place = ""
    pending_years: tuple[str, ...] = ()
    current: dict[str, object] | None = None

    def close() -> None:
        if current:
            entries.append(
                Entry(
                    "education",
                    str(current["title"]),
                    tuple(current["years"]),  # type: ignore[arg-type]
                    tuple(current["qualifiers"]),  # type: ignore[arg-type]
                    tuple(current["details"]),  # type: ignore[arg-type]
                )
            )

    for raw in lines:
        line = _clean(raw)
        if not line:
            continue
        years = re.fullmatch(r"(\d{4}) - (\d{4})", line)
        if years:
            if current is not None and not current["years"]:
                current["years"] = years.groups()
            else:
                pending_years = years.groups()
        elif _DEGREE.match(line):
            close()
            title, _, bracket = line.partition(" (")
            parts = [p.strip(' "“”)') for p in bracket.split("/")] if bracket else []
            current = {
                "title": title,
                "years": pending_years,
                "qualifiers": parts,
                "details": [institution, place],
            }
            pending_years = ()
        elif thesis := re.fullmatch(r'Thesis: "(.+)"', line):
            assert current is not None
            current["details"].append(thesis.group(1))  # type: ignore[attr-defined]
        elif supervisor := re.fullmatch(r"Supervision headed by (.+?)\.?", line):
            assert current is not None
            current["details"].append(supervisor.group(1))  # type: ignore[attr-defined]
        elif _PLACE.match(line):
            place = line.title() if line.isupper() else line
            if current is not None and current["details"][1] == "":  # type: ignore[index]
                current["details"][1] = place  # type: ignore[index]
        elif raw.startswith("#"):
            close()
            current = None
            institution, place = line, ""
    close()
    return entries


def _grants(lines: list[str]) -> list[Entry]:
    pattern = re.compile(
        r"^(?P<acronym>\S+) \((?P<start>\d{4}-\d\d) – (?P<end>\d{4}-\d\d)(?:; (?P<role>[^)]+))?\) (?P<name>.+)$"
    )
    entries = []
    for line in map(_clean, lines):
        if match := pattern.match(line):
            qualifiers = (match["role"],) if match["role"] else ()
            entries.append(
                Entry("grant", match["acronym"], (match["start"], match["end"]), qualifiers, (match["name"],))
            )
    return entries


def _awards(lines: list[str]) -> list[Entry]:
    """An award: its title, year and qualifier in brackets, then what it is; prose (a sentence)
    is said in the site's own words and is not compared."""
    pattern = re.compile(r"^(?P<title>[^(]+?) \((?P<year>\d{4})(?:, (?P<note>[^)]+))?\)\s*(?P<rest>.*)$")
    entries = []
    for line in map(_clean, lines):
        if not (match := pattern.match(line)):
            continue
        rest = match["rest"].strip()
        quoted = re.fullmatch(r'for the paper "(.+)"', rest)
        if quoted:
            details: tuple[str, ...] = (quoted.group(1),)
        elif rest.endswith("."):
            details = ()
        else:
            details = (rest,)
        # a rank ("finalist") and what the award was given at or as ("ICML'16 Workshop on ...",
        # "Cor Baayen Young Researcher Award") qualify its title; the paper it was given for is a detail
        qualifiers = ((match["note"],) if match["note"] else ()) + (() if quoted else details)
        entries.append(Entry("award", match["title"].strip(), (match["year"],), qualifiers, details if quoted else ()))
    return entries


def _talks(lines: list[str]) -> list[Entry]:
    """Talks and lectures: "Title" (date). Event, (kind); the kind in brackets at the end."""
    start = re.compile(r'^(?:- )?\d+\. "(?P<title>.+?)" \((?P<date>\d{4}-\d\d(?:-\d\d)?)[^)]*\)\.?\s*(?P<rest>.*)$')
    entries: list[Entry] = []
    texts: list[tuple[str, str, str]] = []
    for line in (_clean(raw) for raw in lines):
        if match := start.match(line):
            texts.append((match["title"], match["date"], match["rest"]))
        elif texts and line and not line.startswith(("Talks", "Lectures", "excludes")):
            title, date, rest = texts[-1]
            texts[-1] = (title, date, f"{rest} {line}".strip())
    for title, date, rest in texts:
        kinds: tuple[str, ...] = ()
        bracket = re.search(r"\(([^()]*)\)\s*$", rest)
        if bracket:
            parts = [p.strip() for p in re.split(r"[&,]", bracket.group(1))]
            kinds = tuple(p for p in parts if p and "link" not in p)
            rest = rest[: bracket.start()]
        event = rest.strip().rstrip(",").strip()
        entries.append(Entry("talk", title, (date,), kinds, (event,) if event else ()))
    return entries


#: the CV's publication lists and the label prefix the site gives each
PAPER_SECTIONS = {
    "Journal Articles": "J",
    "Contributions to Conference Proceedings and Workshops": "C",
    "Book Chapters": "B",
    "Preprints": "P",
}


@dataclass
class Paper:
    """One publication of the CV: its label, title and year, what qualifies it (an award it won,
    its open access), and whether it names the owner by his former name."""

    #: "J17": the list's letter and the CV's number
    label: str
    title: str
    year: str
    #: "Best paper award winner", "gold open access"
    qualifiers: tuple[str, ...] = ()
    #: the owner is among its authors as "Bach S"
    former_name: bool = False

    @property
    def id(self) -> str:
        return f"{self.label}-{normal(self.title)[:24]}"


def _papers(lines: list[str]) -> list[Paper]:
    """ "N. Authors (year). "Title". In: venue[. what it won]": one entry per number, over its lines."""
    found: list[tuple[str, int, str]] = []
    prefix = ""
    for raw in lines:
        line = raw.strip()
        number = re.match(r"^(?:- )?(\d+)\. (.*)$", line)
        if line.startswith("#") and not number:
            prefix = PAPER_SECTIONS.get(_clean(line), "")
        elif number and prefix:
            found.append((prefix, int(number.group(1)), number.group(2)))
        elif found and line and prefix:
            found[-1] = (found[-1][0], found[-1][1], f"{found[-1][2]} {line}")
    papers = []
    for prefix, number, text in found:
        year = re.search(r"\((\d{4})\)\.", text)
        assert year, text
        head, _, venue = text[year.end() :].partition(" In:")
        title = _paper_title(head)
        qualifiers = tuple(re.findall(r"\.\s+([A-Z][^.]*? winner)\b", venue)) + tuple(
            re.findall(r"gold open access", venue)
        )
        authors = text[: year.start()]
        papers.append(
            Paper(f"{prefix}{number}", " ".join(title.split()), year.group(1), qualifiers, "Bach S" in authors)
        )
    return papers


def _paper_title(head: str) -> str:
    """A title as the CV's text has it, without what the extraction put around it: list dashes at
    line starts, LaTeX (``$\\hbox{\\it ``Title''.}$``), the quotes and the full stop."""
    text = re.sub(r"\$\\hbox\{(?:\\it)?\s*(.*?)\}\.?\$", r"\1", head).replace("``", '"').replace("''", '"')
    text = re.sub(r"(?:^|\s)-(?=\s|$)", " ", text)
    return " ".join(text.split()).strip(' ."')


@cache
def cv_papers() -> tuple[Paper, ...]:
    """Every publication of the CV, in its order."""
    path = seed_path()
    if path is None or not path.is_file():
        return ()
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("#") and _clean(line) == "Publications")
    return tuple(_papers(lines[start:]))


@cache
def former_name() -> str:
    """The name the CV says the owner was born with: "(né Bach)"."""
    path = seed_path()
    if path is None or not path.is_file():
        return ""
    found = re.search(r"\((?:né|née|born) ([^)]+)\)", path.read_text(encoding="utf-8"))
    return found.group(1) if found else ""


@cache
def cv_entries() -> tuple[Entry, ...]:
    """Every position, degree, funded project, award and talk of the CV, in its order."""
    path = seed_path()
    if path is None or not path.is_file():
        return ()
    sections = _sections(path.read_text(encoding="utf-8").splitlines())
    return (
        *_positions(sections.get("Professional Experience", [])),
        *_degrees(sections.get("Education", [])),
        *_grants(sections.get("Third-Party Funded Research Projects", [])),
        *_awards(sections.get("Awards", [])),
        *_talks(sections.get("Talks & Lectures", [])),
    )
