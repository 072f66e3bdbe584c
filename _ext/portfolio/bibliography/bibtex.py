"""BibTeX for visitors: an entry written from its parsed fields, for every tool that reads BibTeX.

The text of ``refs.bib`` is never shown as it is: it holds whatever free text and ``@comment`` sits
between entries, and the fields that reference managers keep for their user, which ``sanitize`` has
removed from the parsed data. What the site only displays (al-folio's ``abbr``, ``selected``,
``pdf``, ``code`` and the other buttons, ``portfolio_bib_display_fields``) is left out too, as
al-folio's ``filtered_bibtex_keywords`` does, and so is the keyword that marks selected papers.

What is written reads the same in Zotero, JabRef, biber and pdflatex with classic BibTeX:

- every character beyond ASCII in a text field is LaTeX (``{\\"o}``, ``{\\textquotedblleft}``,
  ``$^{\\textrm{x}}$`` for a modifier letter "ˣ"), the forms Zotero's BibTeX import decodes, so
  pdflatex never meets a character it has no glyph for; addresses and identifiers stay as written;
- an arXiv preprint carries ``eprinttype = {arxiv}`` (Zotero keeps ``eprint`` only with it, and
  biblatex links it) beside ``archiveprefix`` (natbib), and a ``@misc`` without the identifier in
  its ``howpublished`` or ``note`` gets it there, where the classic styles print it;
- a DOI is the bare DOI (biblatex prepends the resolver itself); page ranges use ``--``;
- the entry types are classic BibTeX's: biblatex's ``@report`` and ``@thesis`` become ``@techreport``
  and ``@phdthesis``/``@mastersthesis``, ``@online`` and other types ``@misc`` (with the organisation
  or publisher as its ``howpublished``); ``journaltitle``, ``location`` become ``journal``, ``address``.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable

import latexcodec  # noqa: F401 (registers the "ulatex" codec)
from pybtex.database import Entry

from .links import archive, bare_doi

#: fields whose values are identifiers or addresses, written exactly as they are
VERBATIM = frozenset({"url", "doi", "eprint", "eprinttype", "archiveprefix", "isbn", "issn", "urldate", "date"})
#: biblatex's names of fields that classic BibTeX knows by another name
FIELD_NAMES = {"journaltitle": "journal", "location": "address"}
#: characters whose LaTeX form Zotero reads back (latexcodec's own would be ``` `` ``` and ``--``)
_CHARACTERS = {
    "\u201c": r"{\textquotedblleft}",
    "\u201d": r"{\textquotedblright}",
    "\u2018": r"{\textquoteleft}",
    "\u2019": r"{\textquoteright}",
    "\u2013": r"{\textendash}",
    "\u2014": r"{\textemdash}",
    "\u20ac": r"{\texteuro}",
    "\u2026": r"{\ldots}",
    "\u00a0": "~",
}
_PAGES_DASH_RE = re.compile(r"\s*(?:[\u2010-\u2015\u2212]+|-+)\s*")
#: BibTeX's month macros, which every style, biber and Zotero read (``month = jun``)
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


class Macro(str):
    """A value written as a BibTeX macro (``month = jun``), not in braces."""


def _script(char: str) -> str | None:
    """ "ˣ" -> "^{\\textrm{x}}": a modifier letter or sub-/superscript character as maths."""
    kind, _, code = unicodedata.decomposition(char).partition(" ")
    if kind not in ("<super>", "<sub>"):
        return None
    letters = "".join(chr(int(c, 16)) for c in code.split())
    if not letters.isascii():
        return None
    return ("^" if kind == "<super>" else "_") + "{\\textrm{" + letters + "}}"


def _encode(char: str, maths: bool) -> str:
    if not maths and char in _CHARACTERS:
        return _CHARACTERS[char]
    if (script := _script(char)) is not None:
        return script if maths else f"${script}$"
    try:
        latex = str(codecs.encode(char, "ulatex+ascii"))
    except ValueError:
        return char  # no LaTeX form (CJK, emoji): left for a Unicode engine
    if latex.startswith("$") and latex.endswith("$") and len(latex) > 1:
        return latex[1:-1] if maths else "{" + latex + "}"
    if latex.startswith("\\"):
        return "\\mbox{" + latex + "}" if maths else "{" + latex + "}"
    return latex


def ascii_latex(value: str) -> str:
    """A field's value with every character beyond ASCII as LaTeX (in maths, as maths)."""
    if value.isascii():
        return value
    out: list[str] = []
    maths = False
    previous = ""
    for char in value:
        if char == "$" and previous != "\\":
            maths = not maths
            out.append(char)
        elif char.isascii():
            out.append(char)
        else:
            out.append(_encode(char, maths))
        previous = char
    return "".join(out)


def _keywords(value: str, selection: str) -> str:
    """The keywords without the one that marks selected papers (``keywords = {selected}``)."""
    kept = [word.strip() for word in re.split(r"[,;]", value) if word.strip()]
    return ", ".join(word for word in kept if word.casefold() != selection.casefold())


#: the entry types of classic BibTeX, which every tool reads
CLASSIC_TYPES = frozenset(
    {
        "article",
        "book",
        "booklet",
        "conference",
        "inbook",
        "incollection",
        "inproceedings",
        "manual",
        "mastersthesis",
        "misc",
        "phdthesis",
        "proceedings",
        "techreport",
        "unpublished",
    }
)


def _type(entry: Entry) -> str:
    """A classic BibTeX type: biblatex's ``report`` and ``thesis`` as their classic kin, any other
    (``online``, ``software``, ``@preprint``) as ``misc``."""
    kind = entry.type.lower()
    if kind == "report":
        return "techreport"
    if kind == "thesis":
        thesis = entry.fields.get("type", "").strip().lower()
        return "mastersthesis" if thesis in ("mathesis", "mastersthesis", "master's thesis") else "phdthesis"
    return kind if kind in CLASSIC_TYPES else "misc"


def published_fields(entry: Entry, display_only: Iterable[str], selection: str) -> list[tuple[str, str]]:
    """The fields another tool gets, in the bib file's order, as (lower-case name, value); a
    ``Macro`` value is written as a macro."""
    hidden = {name.lower() for name in display_only}
    kind = _type(entry)
    fields: dict[str, str] = {}
    for name, value in entry.fields.items():
        name = name.lower()
        if name in hidden or not value.strip():
            continue
        if FIELD_NAMES.get(name, name) not in entry.fields:
            name = FIELD_NAMES.get(name, name)
        if name == "keywords" and not (value := _keywords(value, selection)):
            continue
        if name == "type" and kind != entry.type.lower() and value.strip().lower() in ("phdthesis", "mathesis"):
            continue  # biblatex's key for the kind of thesis, which the entry type says now
        if name == "doi":
            value = bare_doi(value)
        elif name == "pages":
            value = _PAGES_DASH_RE.sub("--", value.strip())
        elif name == "month" and (macro := _month(value)):
            value = Macro(macro)
        fields[name] = value
    if kind in ("phdthesis", "mastersthesis") and "school" not in fields and "institution" in fields:
        fields["school"] = fields["institution"]  # biblatex's thesis names it so; classic styles read school
    eprint = fields.get("eprint") or (entry.fields.get("arxiv", "").strip() if "arxiv" in hidden else "")
    if eprint and archive(entry).lower() == "arxiv":
        fields["eprint"] = eprint
        fields.setdefault("eprinttype", "arxiv")
        fields.setdefault("archiveprefix", "arXiv")
        if kind == "misc" and not any(eprint in fields.get(f, "") for f in ("howpublished", "note")):
            where = fields.get("howpublished", "")
            fields["howpublished"] = f"{where} abs/{eprint}" if where else f"arXiv:{eprint}"
    if kind == "misc" and "howpublished" not in fields:
        if origin := fields.get("organization") or fields.get("publisher"):
            fields["howpublished"] = origin  # where classic styles print a @misc's origin
    return [
        (name, value if name in VERBATIM or isinstance(value, Macro) else ascii_latex(value))
        for name, value in fields.items()
    ]


def _month(value: str) -> str | None:
    """ "June", "jun", "Jun.", "6" -> "jun"; None for anything else (kept as written)."""
    text = value.strip().rstrip(".").lower()
    if text.isdigit():
        return MONTHS[int(text) - 1] if 1 <= int(text) <= 12 else None
    if len(text) < 3:
        return None
    return next((macro for macro, name in zip(MONTHS, MONTH_NAMES, strict=True) if name.startswith(text)), None)


def to_bibtex(entry: Entry, key: str, display_only: Iterable[str] = (), selection: str = "selected") -> str:
    """``@type{key,`` then the persons, then the fields in the file's order."""
    lines = [f"@{_type(entry)}{{{key},"]
    for role, persons in entry.persons.items():
        lines.append(f"  {role.lower()} = {{{ascii_latex(' and '.join(str(p) for p in persons))}}},")
    lines += [
        f"  {name} = {value}," if isinstance(value, Macro) else f"  {name} = {{{value}}},"
        for name, value in published_fields(entry, display_only, selection)
    ]
    lines.append("}")
    return "\n".join(lines)
