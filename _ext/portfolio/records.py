"""Entries as data: one typed record per directive, built from its validated options.

Directives build these records, the ``cv`` domain stores them, and everything
that draws or exports an entry reads them: the card's nodes, listings, the
Person JSON-LD, the PDF's choice of layout, ``resume.json``. Nothing is read
back from rendered nodes. Vocabulary: an *entry* is this data, a *card* is
its drawing; a talk's ``:kind:`` values are its *tags*, not the entry's kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .dates import CVDate, format_days, format_range
from .i18n import _

#: every kind of entry, with the label shown in objects.inv and search
KINDS: dict[str, Any] = {
    "position": _("Position"),
    "education": _("Education"),
    "grant": _("Funded project"),
    "award": _("Award"),
    "talk": _("Talk"),
    "patent": _("Patent"),
    "skill": _("Skill"),
    "profile": _("Profile"),
    "software": _("Software"),
    "entry": _("Entry"),
    "paper": _("Paper"),
}
#: kinds of card (papers are entries too, but come from the bib files)
CARD_KINDS = tuple(kind for kind in KINDS if kind != "paper")


@dataclass(frozen=True)
class When:
    """An entry's dates: a range (``start``/``end``), or one or more days."""

    #: first day, month or year; None where only an end is known
    start: CVDate | None = None
    #: last one; ``PRESENT_DATE`` for "present"
    end: CVDate | None = None
    #: a date, or the days of a talk given on several days
    days: tuple[CVDate, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.start or self.end or self.days)

    def text(self, language: str | None = "en", style: str = "short") -> str:
        """ "Jan 2021 – present", "21 Oct 2022" or "13, 14, 16 Dec 2021", in the build's language."""
        if self.days:
            return format_days(self.days, language, style)
        return format_range(self.start, self.end, language, style)

    @property
    def sortkey(self) -> tuple[CVDate, CVDate, CVDate]:
        """Newest first sorts by end (present is newest), then start, then the last day."""
        none = CVDate(0)
        end = self.end or (self.days[0] if self.days else None) or self.start or none
        start = self.start or end
        return (end, start, self.days[-1] if self.days else none)


@dataclass(frozen=True)
class Org:
    """An organisation an entry names: employer, institution, event, host, issuer."""

    #: the option it came from ("org", "event", "host")
    field: str
    #: its name as written
    name: str


@dataclass(frozen=True)
class Detail:
    """A labelled fact of a card: a role, a note, a thesis, the supervisors."""

    #: the option it came from
    name: str
    #: what the card calls it ("Role", "Thesis")
    label: str
    #: the text as written
    text: str
    #: it qualifies the entry's title ("finalist", "leading role", "summa cum laude"): a fact that
    #: stays where the entry is drawn short (a PDF's ``"descriptions": False``), unlike the body
    qualifies: bool = False


@dataclass(frozen=True)
class Link:
    """An address a card links to."""

    #: the option it came from ("slides", "repository", "github", "url")
    name: str
    #: what the link says on the website ("Slides", "Code", "GitHub")
    label: str
    #: an http(s) or mailto address
    url: str


@dataclass(frozen=True)
class PatentNumber:
    """One publication of a patent family."""

    #: "EP", "US", "CN"
    office: str
    #: "3271863"
    number: str
    #: the kind code ("B1"), may be empty
    code: str
    #: "granted", "published" or "filed"
    status: str
    #: when it reached that status
    date: CVDate
    #: its own title where it differs from the family's
    title: str

    @property
    def label(self) -> str:
        return " ".join(p for p in (self.office, self.number, self.code) if p)


@dataclass(frozen=True)
class Contact:
    """How to reach the person of a ``profile``."""

    email: str = ""
    #: private: shown only with ``portfolio_show_private_contact``
    phone: str = ""
    #: private too
    address: str = ""
    #: the profile's accounts (GitHub, LinkedIn, ORCID) and web pages, in a fixed order
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Entry:
    """One entry of the CV, whatever its kind."""

    #: which directive wrote it: "position", "talk", ... (``KINDS``)
    kind: str
    #: its id: the card's HTML anchor, its objects.inv name, the target of ``{cv:<kind>}``
    id: str
    #: the directive's argument: job title, degree, talk title, name, ...
    title: str
    #: where it is written
    docname: str
    lineno: int
    #: employer, institution, event and host, issuer: who it was with or for
    orgs: tuple[Org, ...] = ()
    #: where: "Berlin, Germany"
    location: str = ""
    #: when
    when: When = field(default_factory=When)
    #: a talk's kinds ("invited", "keynote"): shown as tags
    tags: tuple[str, ...] = ()
    #: labelled facts, in the directive's order
    details: tuple[Detail, ...] = ()
    #: slides, video, code, project page, ...
    links: tuple[Link, ...] = ()
    #: bib keys of the papers that describe it (software)
    papers: tuple[str, ...] = ()
    #: the body as plain text, for exports and descriptions
    summary: str = ""
    #: a patent family's publications
    numbers: tuple[PatentNumber, ...] = ()
    #: a profile's role line and contact
    contact: Contact | None = None
    #: a profile's photo, relative to the project
    photo: str = ""

    @property
    def former_name(self) -> str:
        """A profile's former name (``:former-name:``), under which earlier papers list the person."""
        return next((d.text for d in self.details if d.name == "former-name"), "")

    @property
    def sortkey(self) -> tuple[CVDate, CVDate, CVDate]:
        """Newest first; a patent family by its newest publication."""
        if self.numbers:
            newest = max(n.date for n in self.numbers)
            return (newest, newest, newest)
        return self.when.sortkey


@dataclass(frozen=True)
class Paper:
    """A publication from the bib files, as listed on the site."""

    #: the bib key
    key: str
    #: its anchor, in the publication list and on its own page (``paper-<key>``)
    id: str
    #: its title as plain text
    title: str
    #: the page of the bibliography that lists it
    docname: str
    #: the short author-year form for running text: "Lovelace et al. 1843"
    short: str = ""
    #: its own page (``papers/<key>``) where the build writes paper pages, else ""
    page: str = ""
