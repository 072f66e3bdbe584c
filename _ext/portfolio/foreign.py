"""Text a page shows in another language than its own: a bib file's notes and titles.

A German page lists papers as their bib entries have them: "Best paper award winner", "gold open
access", English titles. Those stay as written, and say so: the publication's note and title carry
the language of their entry (its ``langid`` or ``language`` field, else the site's first language,
in which the sources are written), as docutils' ``language-<code>`` class. The website writes it as
``lang="en"`` (screen readers, hyphenation, translation tools), the PDF as Typst's ``text(lang)``.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from .compat import bibtex as compat
from .config import portfolio_settings
from .domain import cv_domain
from .nodes import cv_pub_note, cv_pub_title

#: the parts of a formatted publication that are text of the bib file, in its language
FOREIGN_PARTS = (cv_pub_note, cv_pub_title)
#: the bib fields that name an entry's language (biblatex, BibTeX)
LANGUAGE_FIELDS = ("langid", "language")


@lru_cache(maxsize=64)
def language_code(value: str) -> str:
    """ "en", "en-GB", "english", "ngerman" as a language code ("en", "de"); "" where it names none."""
    text = value.strip()
    if not text:
        return ""
    for candidate in (text, text.removeprefix("n")):  # biblatex's "ngerman" is German
        try:
            return Locale.parse(candidate.replace("-", "_")).language
        except (ValueError, UnknownLocaleError):
            pass
        for code, name in Locale("en").languages.items():
            if name.casefold() == candidate.casefold() and "_" not in code:
                return code
    return ""


class MarkForeignBibText(SphinxPostTransform):
    """After sphinxcontrib-bibtex fills a bibliography (priority 5): each listed paper's note and
    title marked with its language where that is not the page's."""

    default_priority = 6

    def run(self, **kwargs: object) -> None:
        page = language_code(self.config.language or "en")
        languages = list(portfolio_settings(self.config).languages)
        source = language_code(str(languages[0])) if languages else ""
        domain = cv_domain(self.env)
        entries = compat.entries(self.env)
        for citation, key in domain.listed_papers(self.document):
            fields = entries[key].fields if key in entries else {}
            own = next((code for f in LANGUAGE_FIELDS if (code := language_code(str(fields.get(f, ""))))), source)
            if not own or own == page:
                continue
            for part in citation.findall(lambda n: isinstance(n, FOREIGN_PARTS)):
                assert isinstance(part, nodes.Element)
                if f"language-{own}" not in part["classes"]:
                    part["classes"].append(f"language-{own}")


def setup_foreign(app: Sphinx) -> None:
    app.add_post_transform(MarkForeignBibText)
