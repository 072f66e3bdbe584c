"""Imported Markdown, read as the small language it is and written as MyST that can say nothing else.

A RenderCV file comes from someone else: its text may hold raw HTML, a MyST directive that
reads a file (``{include}``), a role that emits raw output (``{eval-rst}``), a link to
``javascript:``. RenderCV's Markdown is bold, italic, links and code; that subset is read with
markdown-it (linear time, the parser MyST itself uses), and every piece of text is written back
with each character that could start other MyST syntax escaped. What the source tried beyond
the subset is therefore shown as the text it is, and each such thing is reported (``note``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from ..validate import MARKUP_RE

#: how a neutralised thing is reported: one line of the import report
Note = Callable[[str], None]

#: RenderCV's Markdown: paragraphs, emphasis, links, code, line breaks; no HTML, no images, no blocks
_PARSER = MarkdownIt("zero").enable(["emphasis", "link", "backticks", "escape", "newline"])
#: characters that start MyST syntax anywhere in a line: escapes, code, emphasis, roles and
#: substitutions, links, HTML and autolinks, math, tables, strikethrough
_INLINE_RE = re.compile(r"([\\`*_{}\[\]<>$|~])|&(?=#?\w+;)")
#: a line starting with one of these is a block: heading, list, quote, fence, field list,
#: definition, comment, target, table, thematic break, setext underline, block break
_LINE_START = frozenset("#-+*>:%(=|~`_!^\\[<{")
#: "2024. A year" at the start of a line is an ordered list
_ORDERED_RE = re.compile(r"^(\d{1,9})([.)])")
#: C0 and C1 control characters and DEL, which no CV means (line breaks are kept)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: a link whose target has a scheme: ``](javascript:`` (no backtracking: one position per ``](``)
_LINK_SCHEME_RE = re.compile(r"\]\(\s*<?([a-zA-Z][a-zA-Z0-9+.-]*):")
#: a MyST role (``{name}`x```) or directive fence (```` ```{name} ````, ``:::{name}``)
_ROLE_RE = re.compile(r"\{[a-zA-Z][\w:+.-]*\}`")
_FENCE_RE = re.compile(r"^[ \t]*(?:`{3,}|~{3,}|:{3,})[ \t]*\{", re.MULTILINE)
#: what a link in imported text may point to
LINK_SCHEMES = frozenset({"http", "https", "mailto"})


def controls_dropped(text: str) -> str:
    """The text without control characters (NFC-normalised); line breaks stay."""
    return _CONTROL_RE.sub("", unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")))


def scheme(url: str) -> str:
    """The scheme of an address, lower-cased ("" for none)."""
    found = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", url.strip())
    return found.group(1).lower() if found else ""


def checked_url(url: str, note: Note) -> str | None:
    """An address a link may have: http(s) or mailto; one without a scheme gets https:// (MyST
    would take it for a page); anything else is None, with a note."""
    url = url.strip()
    if not url or any(c.isspace() or c in "<>" for c in url):
        note(f"link target {url[:80]!r} is not an address: written as text")
        return None
    found = scheme(url)
    if found in LINK_SCHEMES:
        return url
    if not found and not url.startswith(("/", "#", ".")):
        note(f"link target {url[:80]!r} has no scheme: written as https://{url[:80]}")
        return f"https://{url}"
    note(f"link target {url[:80]!r} is not http(s) or mailto: written as text")
    return None


def escape(text: str, *, line_start: bool = True) -> str:
    """Plain text as MyST that shows exactly it: every character that could start syntax is
    escaped, and so is whatever would make the start of a line a block (``line_start``)."""
    out = _INLINE_RE.sub(lambda m: "\\" + (m.group(1) or "&"), text)
    if line_start:
        out = "\n".join(_line_start(line) for line in out.split("\n"))
    return out


def heading(text: str) -> str:
    """A title as the text of a Markdown heading: escaped, and no ``#`` that would close it."""
    return escape(text, line_start=False).replace("#", "\\#")


def _line_start(line: str) -> str:
    """A line that cannot start a block: no indentation (code), its first character escaped where
    it could start one, "1." escaped as "1\\."."""
    line = line.lstrip(" \t")
    if line[:1] in _LINE_START:
        return "\\" + line if not line.startswith("\\") else line
    return _ORDERED_RE.sub(r"\1\\\2", line, count=1)


def link(text: str, url: str) -> str:
    """A Markdown link with escaped text to a checked address."""
    target = f"<{url}>" if any(c in url for c in "()<> ") else url
    return f"[{text}]({target})"


def code(content: str) -> str:
    """A code span that its content cannot close: one backtick more than its longest run."""
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if content.startswith(("`", " ")) or content.endswith(("`", " ")) else ""
    return f"{ticks}{pad}{content}{pad}{ticks}"


def fence(content: str, char: str = "~") -> str:
    """A fence of ``char`` that no line of ``content`` can close: longer than its longest run."""
    longest = max((len(run) for run in re.findall(re.escape(char) + "+", content)), default=0)
    return char * max(3, longest + 1)


def option_value(text: str) -> str:
    """A directive option's value as MyST's option parser reads it back exactly: plain where it
    can be, else a double-quoted string (a leading quote, ``|``, ``>``, or `` #`` is syntax there)."""
    if text and text == text.strip() and text[0] not in "\"'|>#" and " #" not in text and "\n" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def scan(text: str, note: Note) -> None:
    """Report what the text tries beyond RenderCV's Markdown: raw HTML, MyST roles and directives,
    links to other schemes than http(s) and mailto (markdown-it does not take those as links)."""
    if MARKUP_RE.search(text) or "<!--" in text:
        note("raw HTML written as text")
    if _ROLE_RE.search(text) or _FENCE_RE.search(text):
        note("a MyST role or directive written as text")
    for m in _LINK_SCHEME_RE.finditer(text):
        if m.group(1).lower() not in LINK_SCHEMES:
            note(f"link to a {m.group(1).lower()}: address written as text")


def _tree(text: str) -> SyntaxTreeNode:
    return SyntaxTreeNode(_PARSER.parse(controls_dropped(text)))


def _inlines(tree: SyntaxTreeNode) -> list[SyntaxTreeNode]:
    """The inline contents of each paragraph."""
    return [child for child in tree.walk() if child.type == "inline"]


def plain(markdown: str, *, urls: bool = False) -> str:
    """The text a reader sees, on one line: link texts and code kept, every marker dropped; with
    ``urls``, each link's address after its text in parentheses (where the text does not hold it)."""
    parts: list[str] = []

    def collect(node: SyntaxTreeNode) -> None:
        if node.type in ("text", "code_inline"):
            parts.append(node.content)
        elif node.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        start = len(parts)
        for child in node.children:
            collect(child)
        href = str(node.attrs.get("href", "")) if node.type == "link" else ""
        if urls and href and href not in "".join(parts[start:]):
            parts.append(f" ({href})")

    for inline in _inlines(_tree(markdown)):
        collect(inline)
        parts.append(" ")
    return " ".join("".join(parts).split())


def links(markdown: str) -> list[tuple[str, str]]:
    """Every link the Markdown has, as (text, address)."""
    found = []
    for inline in _inlines(_tree(markdown)):
        for node in inline.walk():
            if node.type == "link":
                text = " ".join("".join(n.content for n in node.walk() if n.type in ("text", "code_inline")).split())
                found.append((text, str(node.attrs.get("href", ""))))
    return found


def markdown(source: str, note: Note) -> str:
    """RenderCV's Markdown as MyST: paragraphs, emphasis, links (http(s), mailto), code and line
    breaks kept; everything else escaped and shown as written, each kind reported."""
    scan(source, note)
    paragraphs = []
    for inline in _inlines(_tree(source)):
        out: list[str] = []
        for child in inline.children:
            _render(child, out, note)
        paragraphs.append("".join(out).strip())
    return "\n\n".join(p for p in paragraphs if p)


def _render(node: SyntaxTreeNode, out: list[str], note: Note) -> None:
    at_start = not out or out[-1].endswith("\n")
    if node.type == "text":
        out.append(escape(node.content, line_start=at_start))
    elif node.type == "code_inline":
        out.append(code(node.content))
    elif node.type == "softbreak":
        out.append("\n")
    elif node.type == "hardbreak":
        out.append("\\\n")
    elif node.type in ("em", "strong"):
        marker = "*" if node.type == "em" else "**"
        out.append(marker)
        for child in node.children:
            _render(child, out, note)
        out.append(marker)
    elif node.type == "link":
        inner: list[str] = ["x"]  # not at a line's start: the text is inside brackets
        for child in node.children:
            _render(child, inner, note)
        text = "".join(inner[1:])
        url = checked_url(str(node.attrs.get("href", "")), note)
        if url and out and out[-1].endswith("!") and not out[-1].endswith("\\!"):
            out[-1] = out[-1][:-1] + "\\!"  # "!" before a link would make it an image
        out.append(link(text, url) if url else text)
    else:  # nothing else is enabled in the parser; kept as its text all the same
        out.append(escape(node.content, line_start=at_start))
