"""Synthetic portfolios for the benchmark: N papers and N/2 cards, made deterministically.

``write_portfolio(path, n, plain=False)`` writes a Sphinx project. With
``plain=True`` the same content is written without our extension: cards as
Markdown headings and paragraphs, the bibliography in pybtex's ``unsrt`` style,
so the two builds can be compared line for line; with ``paper_pages=True`` as
well, a page per paper (its reference and BibTeX), as our extension writes.
"""

from __future__ import annotations

import random
from pathlib import Path

TYPES = ("article", "inproceedings", "incollection", "misc")
VENUE = {"article": "journal", "inproceedings": "booktitle", "incollection": "booktitle", "misc": "howpublished"}
WORDS = (
    "explaining",
    "relevance",
    "propagation",
    "neural",
    "networks",
    "concept",
    "attribution",
    "deep",
    "learning",
    "models",
    "evaluation",
    "toolkit",
    "pruning",
    "quantization",
    "analysis",
    "gait",
    "signals",
    "images",
    "transparent",
    "robust",
    "debugging",
    "clever",
    "hans",
    "spectral",
)
NAMES = ("Müller", "Samek", "Binder", "Montavon", "Weber", "Anders", "Ekstrøm", "Höhne", "Owner", "Dreyer")
CARDS_PER_PAGE = 50
KINDS = ("position", "talk", "award")


def _title(rng: random.Random, words: int = 8) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def bib(n: int, rng: random.Random) -> str:
    entries = []
    for i in range(n):
        kind = TYPES[i % len(TYPES)]
        authors = " and ".join(f"{rng.choice(NAMES)}, {chr(65 + rng.randrange(26))}." for _ in range(rng.randint(2, 8)))
        authors += " and Owner, A."
        fields = {
            "author": authors,
            "title": _title(rng),
            VENUE[kind]: f"Venue {i % 37}",
            "year": str(2000 + i % 24),
            "pages": f"{i}--{i + 9}",
        }
        if kind == "misc":
            fields.update(eprint=f"{2000 + i}.{i:05d}", archiveprefix="arXiv")
        if i % 5 == 0:
            fields["code"] = f"https://github.com/example/repo-{i}"
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
        entries.append(f"@{kind}{{paper{i},\n{body},\n}}\n")
    return "\n".join(entries)


def card(i: int, rng: random.Random, plain: bool) -> str:
    kind = KINDS[i % len(KINDS)]
    title, org = _title(rng, 5), f"Organisation {i % 17}"
    year = 1990 + i % 34
    body = _title(rng, 20) + "."
    if plain:
        return f"### {title}\n\n*{org} · Berlin, Germany · {year}*\n\n{body}\n"
    options = {
        "position": f":org: {org}\n:location: Berlin, Germany\n:start: {year}-01\n:end: {year + 2}-12",
        "talk": f":event: {org}\n:date: {year}-05-{1 + i % 28:02d}\n:kind: invited",
        "award": f":issuer: {org}\n:date: {year}",
    }[kind]
    return f"```{{{kind}}} {title}\n{options}\n\n{body}\n```\n"


def paper_page(i: int, entry: str) -> str:
    """A plain Sphinx page for one paper: its title, its fields as a paragraph, its BibTeX."""
    fields = dict(line.strip().rstrip(",").split(" = ", 1) for line in entry.splitlines()[1:-1])
    title = fields.pop("title").strip("{}")
    text = ". ".join(value.strip("{}") for value in fields.values())
    return f"---\norphan: true\n---\n\n# {title}\n\n{text}.\n\n## BibTeX\n\n```bibtex\n{entry.rstrip()}\n```\n"


def write_portfolio(path: Path, n: int, plain: bool = False, paper_pages: bool = False) -> None:
    rng = random.Random(n)
    path.mkdir(parents=True, exist_ok=True)
    cards = n // 2
    pages = [f"sections/cards-{p}" for p in range(max(1, cards // CARDS_PER_PAGE))]
    extensions = (
        '["myst_parser", "sphinxcontrib.bibtex"]' if plain else '["myst_parser", "sphinxcontrib.bibtex", "portfolio"]'
    )
    (path / "conf.py").write_text(
        "import sys\nfrom pathlib import Path\n"
        f"sys.path.insert(0, {str(Path(__file__).resolve().parent.parent / '_ext')!r})\n"
        f'project = "Synthetic {n}"\nauthor = "Ada Owner"\nextensions = {extensions}\n'
        'exclude_patterns = ["_build"]\nbibtex_bibfiles = ["refs.bib"]\nhtml_theme = "furo"\n'
        "bibtex_tooltips = False\n"
        f'bibtex_default_style = "{"unsrt" if plain else "portfolio"}"\n'
        + ("" if plain else 'portfolio_owner_names = ["Owner, A."]\n')
    )
    (path / "refs.bib").write_text(bib(n, rng))
    if plain and paper_pages:
        (path / "papers").mkdir(exist_ok=True)
        for i, entry in enumerate((path / "refs.bib").read_text().split("\n\n")):
            (path / "papers" / f"paper{i}.md").write_text(paper_page(i, entry))
    toctree = "\n".join([*pages, "sections/publications"])
    (path / "index.md").write_text(f"# Ada Owner\n\nA synthetic portfolio.\n\n```{{toctree}}\n{toctree}\n```\n")
    (path / "sections").mkdir(exist_ok=True)
    per_page = cards // len(pages)
    for p, page in enumerate(pages):
        entries = "\n".join(card(p * per_page + i, rng, plain) for i in range(per_page))
        (path / f"{page}.md").write_text(f"# Cards {p}\n\n{entries}")
    groups = "\n".join(
        f'## {kind}\n\n```{{bibliography}}\n:filter: type == "{kind}"\n:labelprefix: {prefix}\n```\n'
        for kind, prefix in zip(TYPES, "JCBP", strict=True)
    )
    (path / "sections" / "publications.md").write_text(f"# Publications\n\n{groups}")


def edit_one_page(path: Path) -> None:
    """Change one card page's text, as an author editing one section would."""
    page = path / "sections" / "cards-0.md"
    page.write_text(page.read_text().replace("A synthetic", "An edited synthetic", 1) + "\nOne more line.\n")
