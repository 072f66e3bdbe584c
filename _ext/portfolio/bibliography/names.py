"""Author names: one rule for everybody, and the owner found in every spelling.

A bib file spells a name the way its source did: ``M{\\"u}ller`` (LaTeX), ``Müller``
composed (NFC) or decomposed (NFD), ``Müller, A.-L.`` or ``Müller, Anna-Lena``.
Names are compared as text (LaTeX decoded, NFC, case-folded), and a spelling with an
initial matches any first name with that initial, so ``portfolio_owner_names =
["Example, A."]`` finds "Example, Ada" and "Example, A.".

Every author is written the same way (``portfolio_author_names``): ``"initials"``
("Höhne M-C M", full first names shortened) or ``"full"`` ("Marina-Christina M. Höhne").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from pybtex.database import Person
from sphinx.application import Sphinx

from ..compat import bibtex as compat
from ..config import conf_location, portfolio_settings
from ..warnings import Subtype, warn
from .latex import plain


def text(part: str) -> str:
    """A name part as plain text: LaTeX decoded, Unicode composed (NFC)."""
    return unicodedata.normalize("NFC", plain(part)) if part else ""


def _is_initial(token: str) -> bool:
    """ "A.", "M.-C.", "J.R.", "A", "CJ" are initials; "Ada" and "Marie-Christine" are not."""
    letters = token.replace(".", "").replace("-", "")
    return "." in token or (1 <= len(letters) <= 3 and letters.isupper())


def initials(token: str) -> str:
    """ "Ada" -> "A", "Marie-Christine" -> "M-C", "M.-C." -> "M-C", "J.R." -> "JR"; LaTeX decoded."""
    name = text(token)
    if _is_initial(name):
        return name.replace(".", "")
    return "-".join(part[:1] for part in name.split("-") if part)


@dataclass(frozen=True)
class Name:
    """A person's name as text, ready to be compared."""

    #: "von Last", case-folded
    surname: str
    #: the first given name, case-folded ("" where there is none)
    given: str
    #: the first given name is an initial ("A.")
    initial: bool

    @classmethod
    def of(cls, person: Person) -> Name:
        surname = " ".join(text(p) for p in person.prelast_names + person.last_names)
        given = text(next(iter(person.first_names + person.middle_names), ""))
        return cls(surname.casefold(), given.casefold(), _is_initial(given))

    def matches(self, other: Name) -> bool:
        """Same surname; first names equal, or equal initials where either is an initial."""
        if self.surname != other.surname:
            return False
        if not self.given or not other.given:
            return True
        if self.initial or other.initial:
            return self.given[:1] == other.given[:1]
        return self.given == other.given


class Owners:
    """The owner's spellings (``portfolio_owner_names``) and the form authors are written in;
    set at ``config-inited``, since pybtex builds its styles without arguments."""

    spellings: tuple[Name, ...] = ()
    form: str = "initials"

    @classmethod
    def configure(cls, spellings: Iterable[str], form: str) -> None:
        cls.spellings = tuple(Name.of(Person(spelling)) for spelling in spellings)
        cls.form = form
        is_owner.cache_clear()


@lru_cache(maxsize=65536)
def is_owner(name: str) -> bool:
    """True if a name as the bib file writes it is one of the owner's spellings."""
    found = Name.of(Person(name))
    return any(spelling.matches(found) for spelling in Owners.spellings)


def display_parts(person: Person, form: str) -> tuple[list[str], list[str]]:
    """The LaTeX parts of a name in display order: (surname parts, given parts), for ``rich``;
    the given parts are initials in the ``"initials"`` form."""
    surname = person.prelast_names + person.last_names
    given = person.first_names + person.middle_names
    if form == "initials":
        return surname, [initials(token) for token in given]
    return surname, given


def display_name(person: Person) -> str:
    """A name as the publication list writes it, as plain text ("Höhne M-C M" or "Ada Example")."""
    surname, given = display_parts(person, Owners.form)
    last = " ".join(text(p) for p in surname)
    first = " ".join(text(p) for p in given)
    if Owners.form == "full":
        return " ".join(filter(None, (first, last)))
    return " ".join(filter(None, (last, first)))


def check_owner_names(app: Sphinx) -> None:
    """Warn where ``portfolio_owner_names`` matches no author or editor: nothing would be bold."""
    entries = compat.entries(app.env)
    if not Owners.spellings or not entries:
        return
    for entry in entries.values():
        if any(is_owner(str(person)) for persons in entry.persons.values() for person in persons):
            return
    warn(
        f"portfolio_owner_names ({', '.join(map(repr, portfolio_settings(app.config).owner_names))}) matches no author "
        "of the bib files, so no name is set in bold; list your name as they spell it, e.g. 'Lastname, F.'",
        Subtype.OWNER_UNMATCHED,
        conf_location(app, "portfolio_owner_names"),
    )
