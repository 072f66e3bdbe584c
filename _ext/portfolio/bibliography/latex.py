"""Bib fields are LaTeX: as pybtex rich text for formatting, as plain text for titles and tags.

Parsing LaTeX is most of pybtex's formatting time: text without any LaTeX
markup skips it, and strings that recur (names, venues) are cached.

Inline maths (``$k$-Coverage``, ``$\\ell_1$``) is kept apart as a ``Math`` part: the website
shows it as MathML (docutils' converter, which knows only maths and escapes all text), and
everything else (the PDF, titles in meta tags, the inventory) reads it as Unicode text with
sub- and superscripts ("k-Coverage", "ℓ₁" as ℓ with a subscript 1).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from docutils import nodes
from docutils.utils.math import MathError, mathalphabet2unichar, tex2unichar
from docutils.utils.math.latex2mathml import tex2mathml
from pybtex.backends.plaintext import Backend as PlainBackend
from pybtex.richtext import BaseMultipartText, Tag, Text

from ..text import plain_backend

_BETWEEN_TAGS_RE = re.compile(r">\s+<")
_LATEX_RE = re.compile(r"[\\{}$~%#&^_]|--|``|''")
#: ``$...$`` not preceded by a backslash, with no ``$`` inside: inline maths
_MATH_RE = re.compile(r"(?<!\\)\$([^$]+)(?<!\\)\$")
#: a sub- or superscript: ``^2``, ``_{ij}``, ``^\ast``
_SCRIPT_RE = re.compile(r"([_^])(\{[^{}]*\}|\\[A-Za-z]+|[^\s{}\\])")

#: the tag that marks maths in a formatted entry (``compat.register_tags`` makes it a node)
MATH_TAG = "cv-math"


class Math(BaseMultipartText):
    """Inline maths: its readable text as parts, its TeX source in ``tex``. A backend with a
    ``format_math`` (the paper pages' HTML) gets the source; pybtex-docutils' nodes keep it as
    their ``tex`` attribute; every other backend reads the parts."""

    def __init__(self, tex: str, *parts: Any) -> None:
        self.tex = tex
        self.info = (tex,)
        super().__init__(*parts)

    def __repr__(self) -> str:
        return f"Math({self.tex!r})"

    def render(self, backend: Any) -> Any:
        text = super().render(backend)
        if (format_math := getattr(backend, "format_math", None)) is not None:
            return format_math(self.tex, text)
        rendered = backend.format_tag(MATH_TAG, text)
        if isinstance(rendered, list):  # docutils nodes
            for node in rendered:
                if isinstance(node, nodes.Element):
                    node["tex"] = self.tex
        return rendered


#: sub- and superscript forms of the characters that have one, for plain text
_SCRIPTS = {
    "sup": str.maketrans("0123456789+-=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ"),
    "sub": str.maketrans("0123456789+-=()aeoxhklmnpst", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜ"),
}


class Script(BaseMultipartText):
    """A sub- or superscript in maths: a ``sub``/``sup`` tag, in plain text the Unicode forms
    ("x²", "L₁") where every character has one, else "x^(ab)"."""

    def __init__(self, kind: str, *parts: Any) -> None:
        self.kind = kind
        self.info = (kind,)
        super().__init__(*parts)

    def render(self, backend: Any) -> Any:
        if isinstance(backend, PlainBackend):
            text = str(super().render(backend))
            if all(char in _SCRIPTS[self.kind] for char in map(ord, text)):
                return text.translate(_SCRIPTS[self.kind])
            return ("^" if self.kind == "sup" else "_") + (text if len(text) == 1 else f"({text})")
        return Tag(self.kind, *self.parts).render(backend)


@lru_cache(maxsize=4096)
def mathml(tex: str) -> str | None:
    """The MathML of inline maths on one line, or None where docutils cannot read it."""
    try:
        return _BETWEEN_TAGS_RE.sub("><", tex2mathml(tex)).strip()
    except (MathError, ValueError, IndexError, KeyError):
        return None


def _math(tex: str) -> Math:
    """Maths as readable rich text: commands as their Unicode letters, scripts as sub/sup."""
    parts: list[Any] = []
    done = 0
    for match in _SCRIPT_RE.finditer(tex):
        if match.start() > done:
            parts.append(_readable(tex[done : match.start()]))
        script = match.group(2)
        script = script[1:-1] if script.startswith("{") else script
        parts.append(Script("sup" if match.group(1) == "^" else "sub", _readable(script)))
        done = match.end()
    if done < len(tex):
        parts.append(_readable(tex[done:]))
    return Math(tex, *parts)


def _text(latex: str) -> Text:
    return Text.from_latex(latex) if _LATEX_RE.search(latex) else Text(latex)


#: every maths command docutils knows a character for: ``\alpha`` -> α, ``\leq`` -> ≤
_SYMBOLS: dict[str, str] = {
    name: char
    for table in (
        tex2unichar.mathalpha,
        tex2unichar.mathord,
        tex2unichar.mathbin,
        tex2unichar.mathrel,
        tex2unichar.mathop,
        tex2unichar.mathopen,
        tex2unichar.mathclose,
        tex2unichar.mathfence,
        tex2unichar.mathpunct,
    )
    for name, char in table.items()
}
_ALPHABETS = {name: getattr(mathalphabet2unichar, name) for name in ("mathbb", "mathbf", "mathcal", "mathfrak")}
_ALPHABET_RE = re.compile(r"\\(mathbb|mathbf|mathcal|mathfrak)\{([^{}]*)\}")
_COMMAND_RE = re.compile(r"\\([A-Za-z]+|[,;:! ])")
#: commands that only set their argument in a font: the argument is what is read
_FONTS = frozenset({"text", "textrm", "textit", "textbf", "mathrm", "mathit", "mathsf", "mathtt", "operatorname"})


def _command(name: str) -> str:
    if name in _FONTS:
        return ""
    return _SYMBOLS.get(name, name if name.isalpha() else " ")


def _readable(tex: str) -> str:
    """Maths without scripts as text: letters of the maths alphabets, symbols as their characters,
    font and text commands as their argument, an unknown command as its name."""
    tex = _ALPHABET_RE.sub(lambda m: "".join(_ALPHABETS[m.group(1)].get(c, c) for c in m.group(2)), tex)
    tex = _COMMAND_RE.sub(lambda m: _command(m.group(1)), tex)
    return tex.replace("{", "").replace("}", "").replace("~", " ")


@lru_cache(maxsize=65536)
def rich(latex: str) -> Text:
    """A field's LaTeX as rich text."""
    if "$" not in latex:
        return _text(latex)
    parts: list[Any] = []
    done = 0
    for match in _MATH_RE.finditer(latex):
        if match.start() > done:
            parts.append(_text(latex[done : match.start()]))
        parts.append(_math(match.group(1)))
        done = match.end()
    if done < len(latex):
        parts.append(_text(latex[done:]))
    return Text(*parts)


@lru_cache(maxsize=65536)
def plain(latex: str) -> str:
    """A field without braces and LaTeX markup: for link texts, objects.inv and meta tags."""
    return str(rich(latex).render(plain_backend()))
