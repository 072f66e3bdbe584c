"""The text rules every layer shares: one slug, one Typst escaper, one plain-text rendering.

A leaf: it imports nothing of the extension, so the directives, the bibliography, the PDF, the
website and the importers take these rules from here and never from one another. A name made
from text (a PDF's file name, an inventory name, a bib key's stem, an id) is made by ``slug``,
so "Jürgen Müller" is ``jurgen-muller`` in all of them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from typing import Any

from docutils import nodes
from pybtex.plugin import find_plugin
from slugify import slugify

#: the text of a hard line break in the author's Markdown (``nodes.cv_linebreak``): Unicode's line
#: separator, which no writer confuses with a space
LINE_BREAK = "\u2028"
#: how many words of a title an id keeps
ID_WORDS = 8
#: umlauts as German writes them in ASCII, for matching a name spelled that way ("Mueller");
#: never to make a name (``slug`` makes every name)
_GERMAN = (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"))
#: characters with a meaning in Typst markup: each is written with a backslash
_TYPST_SPECIAL = frozenset("\\#$*_@<>[]`~/'\"-=+.()")
_TRAILING_BRACKETS_RE = re.compile(r"\s*\([^()]{1,40}\)\s*$")
#: what Typst takes for a line break: in markup, two in a row would start a paragraph
_TYPST_NEWLINE_RE = re.compile("\r\n|[\n\x0b\x0c\r\x85\u2028\u2029]")


# -- names -----------------------------------------------------------------------------------------


def slug(text: str, words: int | None = None) -> str:
    """Lower-case ASCII words joined by hyphens, every letter transliterated by python-slugify
    (Unidecode's tables): "Jürgen Müller" -> "jurgen-muller", "Þór Øster" -> "thor-oster", "中文"
    -> "zhong-wen"; "" where nothing is left (emoji). ``words`` keeps the first words only.

    A comma is a break between words even between digits ("1,000" -> "1-000"), as docutils' ids
    have always had it, so the ids other projects link to stay what they were."""
    if words is not None:
        text = " ".join(text.split()[:words])
    return slugify(text.replace(",", " "), entities=False, decimal=False, hexadecimal=False)


def slug_word(text: str) -> str:
    """The slug as one word, for a bib key's stem or an inventory name: "van Beethoven" ->
    "vanbeethoven", "Müller" -> "muller"."""
    return slug(text).replace("-", "")


def anchor(text: str, words: int | None = ID_WORDS) -> str:
    """An id from a text: its slug, starting with a letter as an HTML and docutils id does; a short
    hash of the text where no letter is left (a title of emoji), so the id still follows content."""
    return nodes.make_id(slug(text, words)) or hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def spellings(name: str) -> set[str]:
    """The ways a name is written in ASCII, for matching two spellings of one name: "Müller" is
    "muller" and, as German writes it, "mueller"."""
    german = slugify(name, replacements=_GERMAN, entities=False, decimal=False, hexadecimal=False)
    return {form for form in (slug_word(name), german.replace("-", "")) if form}


def folded_words(text: str) -> list[str]:
    """A text's words, case and accents folded ("Eingeladene Vorträge": "eingeladene", "vortrage"):
    how two spellings of one heading, name or title compare."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return "".join(c if c.isalnum() else " " for c in folded).split()


def same_name(org: str, heading: str) -> bool:
    """Whether an organisation is the one a heading names: "Example Institute of Technology (EIT)"
    under "Example Institute of Technology" (case, accents, punctuation and a trailing abbreviation
    in brackets aside)."""

    def words(text: str, short: bool) -> list[str]:
        return folded_words(_TRAILING_BRACKETS_RE.sub("", text) if short else text)

    return bool(heading.strip()) and any(
        words(org, a) == words(heading, b) for a in (False, True) for b in (False, True)
    )


# -- Typst -----------------------------------------------------------------------------------------


def typst_markup(text: str) -> str:
    """Text as Typst markup that shows exactly these characters: every character with a meaning in
    markup backslash-escaped and every line break a space, so no text can start a heading, a list,
    a paragraph or a comment, or run code."""
    return "".join("\\" + c if c in _TYPST_SPECIAL else c for c in _TYPST_NEWLINE_RE.sub(" ", text))


def typst_string(text: str) -> str:
    """Text as a Typst string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


# -- plain text ------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def plain_backend() -> Any:
    """pybtex's plain-text backend, for a formatted entry as text. pybtex finds backends through
    entry points, milliseconds a lookup: once is enough."""
    return find_plugin("pybtex.backends", "text")()


def text_of(*parts: nodes.Node) -> str:
    """The text of nodes (a card's title, its body) as plain text: one line per hard line break
    (``LINE_BREAK``), spaces collapsed."""
    text = " ".join(part.astext() for part in parts)
    return "\n".join(" ".join(line.split()) for line in text.split(LINE_BREAK)).strip()
