"""Start a CV of your own: the checkout becomes, in place, a minimal CV skeleton for one person.

The previous owner's content goes (``index.md``, ``sections/``, ``refs.bib``, the photo,
the translations in ``locales/``, ``tests/content/``, the built site in ``_build/``, the
``[profile]`` table of ``private.toml``);
in its place come a profile, one example of every directive, one example publication and
every section page, each saying how to drop it, and a new personal block in ``conf.py``.
The result builds with ``-W``; then it is edited like any other portfolio.

    python -m portfolio.interop.starter [--force] "Full Name" [--project DIR]
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pybtex.database import Person

from ..text import slug_word
from . import markdown as md
from .project import (
    EXIT_INPUT,
    PRIVATE_FILE,
    Personal,
    WriteError,
    previous_content,
    private_text,
    refusal,
    replace_content,
    shown_text,
    with_personal_block,
    without_titles,
)

#: characters a name cannot carry into BibTeX or a directive line: braces, backslashes and BibTeX's
#: comment sign (dropped), line breaks and other controls (spaces)
_MARKUP_RE = re.compile(r"[{}\\%]")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
#: the longest name the starter takes (it becomes a file name, the PDF's)
MAX_NAME = 200


@dataclass(frozen=True)
class Owner:
    """The new owner's name in every form the skeleton needs."""

    #: with titles: "Dr. María José Núñez"
    full_name: str
    #: without: "María José Núñez"
    name: str
    #: as BibTeX writes it: "Núñez, María José"
    bibtex: str
    #: the spelling ``portfolio_owner_names`` lists: "Núñez, M."
    bib_name: str
    #: ASCII letters of the surname, for the bib key and the inventory name: "nunez"
    word: str

    @property
    def key(self) -> str:
        """The example publication's bib key."""
        return f"{self.word}2024example"


def owner(full_name: str) -> Owner:
    """Read a name as people write it ("Ada Example", "Ludwig van Beethoven", "Dr. Ada Example")."""
    cleaned = _CONTROL_RE.sub(" ", _MARKUP_RE.sub("", unicodedata.normalize("NFC", full_name)))
    cleaned = shown_text(cleaned)  # the theme writes the name into every page as HTML
    full = " ".join(cleaned.split())
    name = without_titles(full)
    person = Person(name)
    surname = " ".join(person.prelast_names + person.last_names) or name
    given = " ".join(person.first_names + person.middle_names)
    initial = given[:1].upper()
    return Owner(
        full_name=full,
        name=name,
        bibtex=f"{surname}, {given}" if given else surname,
        bib_name=f"{surname}, {initial}." if initial else surname,
        word=slug_word(" ".join(person.last_names)) or "owner",
    )


def dropping(page: str) -> str:
    """The comment under a section page's heading: how to leave the section out."""
    return (
        f"% Not needed? Delete this file and its line `sections/{page}` in index.md's toctree.\n"
        "% Cards are sorted newest first; `cv-order: source` in the front matter keeps the written order."
    )


def index_page(who: Owner) -> str:
    fence = md.fence(who.full_name, "~")  # a tilde fence: a backtick in the name would end a backtick fence's title
    return f"""# {md.heading(who.full_name)}

% The profile card: your name as the argument, then options. More options: :photo: (an image
% file of the project), :website: and :scholar: (addresses), :github:, :linkedin:, :orcid:
% (user names). Phone and street address never go here: put them into private.toml (README,
% "Private contact data").

{fence}{{profile}} {who.full_name}
:role: Your Role
:affiliation: Your Institution
:location: City, Country
:email: you@example.org

One or two sentences about you, in Markdown.
{fence}

## Short bio

Who you are and what you work on, in a few paragraphs of Markdown.

:::{{only}} html
```{{rubric}} Selected publications
```

% Lists the papers of refs.bib marked `selected = {{true}}` (as al-folio marks them) or
% `keywords = {{selected}}`; drop these lines to leave it out.

```{{selected-publications}}
:limit: 5
```

```{{rubric}} Latest talks
```

```{{cv-latest}} talk
:limit: 3
```
:::

% The pages of the CV, in this order on the site and in the PDF.

```{{toctree}}
:maxdepth: 1

sections/experience
sections/education
sections/funding
sections/awards
sections/talks
sections/publications
sections/software
sections/patents
sections/skills
sections/activities
sections/linking
```
"""


#: the types of each group of the publication page, in its order; the last group takes every other type
GROUPS = (
    ("Journal articles", "J", ("article",)),
    ("Conference and workshop papers", "C", ("inproceedings", "conference")),
    ("Books and book chapters", "B", ("book", "inbook", "incollection", "proceedings")),
    ("Theses", "T", ("phdthesis", "mastersthesis", "thesis")),
    ("Reports", "R", ("techreport", "report", "manual")),
)


def _filter(types: tuple[str, ...], negate: bool = False) -> str:
    names = ", ".join(f'"{name}"' for name in types)
    if len(types) == 1 and not negate:
        return f"type == {names}"
    return f"type {'not in' if negate else 'in'} {{{names}}}"


def publications_page() -> str:
    """Every entry of refs.bib in one of the groups, whatever its type; a group without entries is
    left out of the page, its heading too."""
    groups = [(title, prefix, _filter(types)) for title, prefix, types in GROUPS]
    everything = tuple(name for _, _, types in GROUPS for name in types)
    groups.append(("Preprints and other publications", "P", _filter(everything, negate=True)))
    sections = "".join(
        f"\n## {title}\n\n```{{bibliography}}\n:filter: {expression}\n:labelprefix: {prefix}\n```\n"
        for title, prefix, expression in groups
    )
    return f"""# Publications

% Not needed? Delete this file and its line `sections/publications` in index.md's toctree.
% Every entry of refs.bib is listed below, newest first, in the group of its type; a group
% without entries is left out. To group differently, change the filters (e.g. `type == "article"`,
% `year >= "2020"`, `keywords % "review"`): an entry that no group lists is named in a
% `portfolio.bib_unlisted` warning.

## Find a publication

```{{publication-filter}}
```
{sections}"""


PUBLICATIONS = publications_page()


def section_pages(who: Owner) -> dict[str, str]:
    """Every section page, one example card each."""
    return {
        "experience": f"""# Professional experience

{dropping("experience")}

```{{position}} Your Job Title
:org: Your Institution
:location: City, Country
:start: 2022-01
:end: present

What the job is, in Markdown.
```
""",
        "education": f"""# Education

{dropping("education")}

```{{education}} PhD in Your Field
:institution: Your University
:location: City, Country
:start: 2017
:end: 2021
:thesis: The Title of Your Thesis
:supervisors: Prof. Your Supervisor

What you studied, in Markdown.
```
""",
        "funding": f"""---
cv-order: start
---
# Funded research projects

{dropping("funding").splitlines()[0]}
% Projects are sorted by start date, newest first (`cv-order: start` above).

```{{grant}} ACRONYM
:title: The Full Title of the Project
:start: 2023-01
:end: 2026-12
:funder: The Funding Agency
```
""",
        "awards": f"""# Awards

{dropping("awards")}

```{{award}} The Name of the Award
:date: 2023
:issuer: Who Gave It

What it was for, in Markdown.
```
""",
        "talks": f"""# Talks

{dropping("talks")}

```{{talk}} The Title of Your Talk
:date: 2024-05-14
:event: The Name of the Event
:location: City, Country
:kind: invited
```
""",
        "publications": PUBLICATIONS,
        "software": f"""# Software

{dropping("software")}

```{{software}} Your Tool
:repository: https://github.com/your-user-name/your-tool
:languages: Python
:paper: {who.key}

What the software does, in Markdown. `:paper:` links it to its publication in refs.bib: when
you replace refs.bib, give one of your keys there or delete the line.
```
""",
        "patents": f"""# Patents

{dropping("patents")}

% One line per publication of the family: OFFICE NUMBER [KIND] | granted|published|filed YYYY-MM-DD

```{{patent}} The Title of the Patent Family
EP 1234567 A1 | published 2024-01-31
```
""",
        "skills": f"""# Skills

{dropping("skills").splitlines()[0]}

```{{skill}} Programming
Python, Git, LaTeX.
```
""",
        "activities": f"""# Other activities

{dropping("activities")}

% `entry` is for anything no other kind fits: memberships, reviewing, service, projects.

```{{entry}} Reviewer
:org: Journal of Examples
:start: 2022
:end: present
```
""",
        "linking": f"""---
cv-pdf: exclude
---
# Link to this work from your docs

% Not needed? Delete this file and its line `sections/linking` in index.md's toctree.
% `cv-pdf: exclude` above leaves this page out of the PDF.

Every entry and paper of this site is in its `objects.inv`, the inventory that Sphinx's
intersphinx extension reads, so other Sphinx projects can link to them by a stable name.

## Set-up

Add this to your project's `conf.py`:

```{{intersphinx-snippet}}
```

## Names

A paper is `paper-<bibkey>`, the key in lower case; a card's name is its kind, the first words of its title and its
date, e.g. `position-your-job-title-2022-01`. `python -m sphinx.ext.intersphinx <url>/objects.inv`
prints them all.

## In MyST Markdown

```md
See {{external+<name>:ref}}`paper-{who.key}`.
```
""",
    }


def bib_file(who: Owner) -> str:
    return f"""% Your publications: replace this example with your own entries, exported from Zotero, Google
% Scholar, ORCID, DBLP, IEEE Xplore or the ACM Digital Library, or al-folio's bib file as it is.
% selected = {{true}} puts a paper into the selected publications; a file that pdf = {{paper.pdf}} (or
% supp, slides, poster, preview) names goes into the folder papers/ beside this file.

@article{{{who.key},
  author = {{{who.bibtex} and Doe, Jane}},
  title = {{An Example Article: Replace It with Your Own Publications}},
  journal = {{Journal of Examples}},
  volume = {{1}},
  pages = {{1--10}},
  year = {{2024}},
  selected = {{true}},
}}
"""


def personal(who: Owner) -> Personal:
    return Personal(
        name=who.name,
        full_name=who.full_name,
        site_url="",
        inventory_name=who.word,
        bib_names=[who.bib_name],
        description=f"{who.name}: curriculum vitae, publications, talks and software.",
    )


def name_problem(full_name: str) -> str:
    """Why a name cannot be the CV's owner ("" if it can): checked before anything is touched."""
    try:
        full_name.encode("utf-8")
    except UnicodeEncodeError:
        return "the name is not valid UTF-8 (check the terminal's encoding)"
    if len(full_name) > MAX_NAME:
        return f"the name is {len(full_name)} characters long; at most {MAX_NAME}"
    return ""


def start(full_name: str, project: Path, *, force: bool = False) -> tuple[int, list[str]]:
    """Replace the project's content with a skeleton for ``full_name``; the exit code and report lines.
    The name and the project are checked and the whole skeleton made first; ``replace_content``
    removes the previous content only once all of it is written."""
    if problem := name_problem(full_name):
        return EXIT_INPUT, [f"error: {problem}; nothing was changed"]
    who = owner(full_name)
    if not who.name:
        return EXIT_INPUT, ['error: give the name of the CV\'s owner, e.g. nox -s new -- "Ada Example"']
    if refused := refusal(project, force):
        return refused[0], [refused[1]]
    old = previous_content(project)
    files = {"index.md": index_page(who)}
    files |= {f"sections/{page}.md": text for page, text in section_pages(who).items()}
    files["refs.bib"] = bib_file(who)
    files["conf.py"] = with_personal_block(project, personal(who))
    had_private = (project / PRIVATE_FILE).is_file()
    if had_private:
        files[PRIVATE_FILE] = private_text(project, {})
    try:
        replace_content(
            project, {name: text.encode("utf-8") for name, text in files.items()}, [*old, project / "_build"]
        )
    except WriteError as err:
        return EXIT_INPUT, [f"error: cannot write the skeleton: {err}"]
    written = [name for name in files if name.endswith(".md")]
    lines = []
    if who.full_name != " ".join(unicodedata.normalize("NFC", full_name).split()):
        lines.append(
            f"name: written as {who.full_name!r} (braces, backslashes, %, angle brackets and control characters"
            " cannot be part of it)"
        )
    lines += [
        f"removed: {', '.join(str(p.relative_to(project)) for p in old) or 'nothing'}, and _build/",
        f"written: {', '.join(written)}, refs.bib",
        f"conf.py: the personal block is {who.name}'s (NAME, SITE_URL, BIB_NAMES, DESCRIPTION, ...)",
    ]
    if had_private:
        lines.append(f"{PRIVATE_FILE}: the previous owner's [profile] table removed")
    lines.append("next: edit index.md, sections/ and refs.bib, set SITE_URL in conf.py, then run nox -s build")
    return 0, lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portfolio.interop.starter", description=__doc__.splitlines()[0])
    parser.add_argument("name", help='your name as the CV shows it, e.g. "Dr. Ada Example"')
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="the project to rewrite (default: .)")
    parser.add_argument("--force", action="store_true", help="rewrite it even over uncommitted changes")
    args = parser.parse_args(argv)
    code, lines = start(args.name, args.project, force=args.force)
    print("\n".join(lines), file=sys.stderr if code else sys.stdout)
    return code


if __name__ == "__main__":
    sys.exit(main())
