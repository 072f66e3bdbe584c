"""Bibliographies as researchers bring them: ``tests/roots/test-realbib`` holds one bib file in each
exporter's published format (al-folio with its fields, IEEE Xplore, the ACM Digital Library, Zotero's
BibTeX and BibLaTeX exports, Google Scholar, Crossref/ORCID, DBLP), and the starter's publication page.
Every entry is listed in the group of its type and in our layout, with its links, badges and files,
on the site and in the PDF, without a warning."""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from pathlib import Path

import pybtex.database
import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS

ROOT = ROOTS / "test-realbib"
#: the starter's groups: heading -> the types it lists (the last takes every other type)
GROUPS = {
    "Journal articles": {"article"},
    "Conference and workshop papers": {"inproceedings", "conference"},
    "Books and book chapters": {"book", "inbook", "incollection", "proceedings"},
    "Theses": {"phdthesis", "mastersthesis", "thesis"},
    "Reports": {"techreport", "report", "manual"},
}
OTHERS = "Preprints and other publications"


def bib_entries(*names: str) -> dict[str, pybtex.database.Entry]:
    """Every entry of the root's bib files (or of those named), by key, as pybtex reads them."""
    found: dict[str, pybtex.database.Entry] = {}
    for path in sorted(ROOT.glob("*.bib")):
        if not names or path.name in names:
            found.update(pybtex.database.parse_file(path).entries)
    return found


def group_of(kind: str) -> str:
    return next((title for title, kinds in GROUPS.items() if kind in kinds), OTHERS)


def page(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / f"{name}.html").read_text(), "html.parser")


def listed(app, name: str = "sections/publications") -> dict[str, list[str]]:
    """Each group heading of a page with the paper ids under it, in order."""
    main = page(app, name).select_one("article[role=main]")
    groups: dict[str, list[str]] = {}
    for element in main.select("h2, div.citation"):
        if element.name == "h2":
            groups[element.get_text().rstrip("¶")] = current = []
        else:
            current.append(element["id"])
    return groups


def text_of(app, key_id: str) -> str:
    return " ".join(page(app, "sections/publications").find(id=key_id).get_text(" ").split())


@pytest.fixture(scope="module")
def site(build):
    app = build("realbib")
    assert app.warning.getvalue() == ""
    return app


@pytest.fixture(scope="module")
def pdf(build):
    from test_pdf import pdf_text

    app = build("realbib", "cvpdf")
    assert app.warning.getvalue() == ""
    return " ".join(pdf_text(next(Path(app.outdir).glob("*.pdf"))).split())


def test_every_entry_in_the_group_of_its_type(site):
    """No paper vanishes: each entry of every export is on the page, under its type's heading."""
    from portfolio.bibliography.ids import paper_id

    entries = bib_entries()
    assert len(entries) == 35
    groups = listed(site)
    assert list(groups) == ["Find a publication", *GROUPS, OTHERS]
    where = {paper: title for title, papers in groups.items() for paper in papers}
    assert sorted(where) == sorted(paper_id(key) for key in entries)
    for key, entry in entries.items():
        assert where[paper_id(key)] == group_of(entry.type), key


def test_groups_without_entries_are_left_out(build):
    """Google Scholar's file alone has no report and no preprint: those headings are nowhere, not on
    the page, not in the navigation, not in the PDF."""
    from test_pdf import pdf_text

    app = build("realbib", confoverrides={"bibtex_bibfiles": ["scholar.bib"]})
    warnings = app.warning.getvalue().strip().splitlines()  # and no paper of it is selected
    assert len(warnings) == 1 and "index.md:11: WARNING: selected-publications lists no paper" in warnings[0]
    assert list(listed(app)) == ["Find a publication", "Journal articles", "Conference and workshop papers",
                                 "Books and book chapters", "Theses"]  # fmt: skip
    navigation = page(app, "sections/publications").select_one(".toc-tree").get_text()
    assert "Theses" in navigation and "Reports" not in navigation and "Preprints" not in navigation
    pdf = build("realbib", "cvpdf", confoverrides={"bibtex_bibfiles": ["scholar.bib"]})
    assert "portfolio.bib_selected" in pdf.warning.getvalue()
    text = pdf_text(next(Path(pdf.outdir).glob("*.pdf")))
    assert "Theses" in text and "Reports" not in text and "Preprints and other" not in text


#: (key, words in the list and the PDF): each type in our layout, title first, then authors and year
LAYOUTS = [
    ("10412345", "Relevance-Guided Pruning of Vision Transformers. Example A, Roe R and Moe M (2024). "
     "In: IEEE Transactions on Neural Networks and Learning Systems 1–14"),
    ("10095432", "In: ICASSP 2023 - 2023 IEEE International Conference on Acoustics, Speech and Signal "
     "Processing (ICASSP) 1–5"),
    ("9820812", "Concept-Level Explanations. Example A and Roe R (2022). In: Interpretable Machine Learning "
     "in Practice, 45–67. Wiley-IEEE Press"),
    ("Example_2019", "Towards Explaining Anomalies. Example A and Doe J (2019). In: Explainable Methods in "
     "Practice, 311–330. Example International Publishing"),
    ("10.5555/3583558", "A Survey of Relevance Attribution. Roe R and Example A (2023). In: ACM Comput. Surv. "
     "55(13s), Article 295"),
    ("10.5555/3581783.3612345", "In: Proceedings of the 31st ACM International Conference on Multimedia. "
     "MM '23, 1123–1131. Association for Computing Machinery, New York, NY, USA"),
    ("10.5555/3600000", "Proceedings of the Workshop on Explainable Systems. Example A and Doe J, editors (2023). "
     "Association for Computing Machinery, New York, NY, USA"),
    ("example2022book", "Explaining Learning Machines. Example A (2022). Edition 2. Example University Press, Berlin"),
    ("DBLP:conf/xai/2024", "Example A and Moe M, editors (2024). Communications in Computer and Information "
     "Science 2153. Springer"),
    ("example2019chapter", "In: Explainable AI: interpreting, explaining and visualizing deep learning 193–209. "
     "Springer"),
    ("example_explaining_2018", "Explaining the Decisions of Learning Machines. Example A (2018). Doctoral "
     "Thesis, University of Examples, Berlin"),
    ("DBLP:phd/dnb/Example18", "Opening the Machine Learning Black Box. Example A (2018). PhD thesis, "
     "University of Examples"),
    ("example2014master", "Master's thesis, University of Examples"),
    ("example_diploma_2012", "Kernel Methods for Relevance Estimation. Example A (2012). Diploma Thesis, "
     "University of Examples, Berlin"),
    ("example_benchmark_2020", "A Benchmark for Attribution Methods. Example A and Moe M (2020). Technical "
     "Report TR-2020-07, Example Institute, Berlin"),
    ("example_audit_2022", "Project Report 2022-3, Example Institute, Berlin"),
    ("example2020manual", "Relevance Toolbox User Manual. Example A (2020). Example Institute, Berlin, Edition 3"),
    ("example2019draft", "A Note on Conservation in Relevance Propagation. Example A and Doe J (2019). "
     "Manuscript in preparation"),
    ("example_toolbox_2023", "Relevance Toolbox 2.0 Released. Example A (2023). Example Institute"),
    ("example_saliency_2017", "Doe J, Example A and Roe R (2017). In: Transactions of Examples 28(11):2660–2673"),
    ("example_lrpformer_2023", "Attention Is Not Relevance. Example A and Moe M (2023). arXiv:2305.06789"),
    ("example_concept_2022", "Concept Atlases for Vision Transformers. Example A and Doe J (2022). arXiv. "
     "arXiv:2203.04567 [cs]"),
    ("DBLP:journals/corr/abs-2202-03482", "In: CoRR abs/2202.03482"),
    ("example2023coverage", "k-Coverage of Concept Atlases. Example A and Moe M (2023). In: Proceedings of the "
     "40th International Conference on Machine Learning. Proceedings of Machine Learning Research "
     "202:10012–10030. Oral presentation. Outstanding paper award"),
]  # fmt: skip


def plain_text(text: str) -> str:
    """Words as a reader sees them: no space before punctuation (the HTML's spans add some)."""
    return re.sub(r" ([.,:)])", r"\1", re.sub(r"\( ", "(", text)).replace("k -Coverage", "k-Coverage")


@pytest.mark.parametrize(("key", "words"), LAYOUTS, ids=[key for key, _ in LAYOUTS])
def test_every_type_in_our_layout(site, pdf, key, words):
    from portfolio.bibliography.ids import paper_id

    assert words in plain_text(text_of(site, paper_id(key)))
    assert re.sub(r"[\s-]", "", words) in re.sub(r"[\s-]", "", pdf)  # a line may end in a hyphen


def test_title_on_a_line_of_its_own_for_every_type(site):
    """pybtex's generic layout would put the authors first and a chapter's title in italics."""
    from portfolio.bibliography.ids import paper_id

    for key in bib_entries():
        paper = page(site, "sections/publications").find(id=paper_id(key))
        title = paper.select_one(".cv-pub-title")
        assert title is not None and title.find_parent("em") is None, key
        assert paper.select_one(".cv-pub-authors").get_text().strip(), key


def test_empty_fields_are_absent(site, pdf):
    """IEEE's volume = {} and number = {} print nothing: no "():" anywhere."""
    text = page(site, "sections/publications").select_one("article[role=main]").get_text()
    assert "()" not in text and "()" not in pdf


def buttons(app, key: str) -> list[tuple[str, str]]:
    from portfolio.bibliography.ids import paper_id

    paper = page(app, "sections/publications").find(id=paper_id(key))
    return [(a.get_text(), a["href"]) for a in paper.select("a.cv-action:not(.cv-paper-page)")]


def test_alfolio_buttons_badge_and_files(site):
    """al-folio's fields: a badge, its buttons in order, and the project's files copied with the site."""
    paper = page(site, "sections/publications").find(id="paper-example2024sparse")
    assert [b.get_text() for b in paper.select(".cv-pub-badge")] == ["JMLR"]
    found = buttons(site, "example2024sparse")
    assert [label for label, _ in found] == [
        "HTML", "PDF", "Supplement", "Code: sparse-relevance", "Slides", "Poster", "Video", "Blog", "Project page",
    ]  # fmt: skip
    outdir = Path(site.outdir)
    for label, source in (
        ("PDF", "example2024sparse.pdf"),
        ("Supplement", "supplements/example2024sparse-supp.pdf"),
        ("Slides", "example2024sparse-slides.pdf"),
    ):
        href = dict(found)[label]
        assert href.startswith("../_downloads/"), href
        assert (outdir / "sections" / href).resolve().read_bytes() == (ROOT / "papers" / source).read_bytes()
    assert dict(found)["Poster"] == "https://posters.example.org/sparse.pdf"
    # on the paper's own page: the same files from one folder further down, and the preview image
    paper_page = page(site, "papers/example2024sparse")
    hrefs = [a["href"] for a in paper_page.select(".cv-paper-links a.cv-action")]
    assert dict(found)["PDF"] in hrefs  # papers/ is as deep as sections/
    preview = paper_page.select_one(".cv-paper-preview img")["src"]
    assert (outdir / "papers" / preview).resolve().read_bytes() == (ROOT / "papers" / "sparse.png").read_bytes()
    # a paper not selected (selected = {false}) has its badge; a misc its "arXiv" badge
    assert [
        b.get_text() for b in page(site, "sections/publications").select("#paper-example2022book .cv-pub-badge")
    ] == ["Book"]


def test_each_address_once_and_named_for_what_it_is(site):
    assert buttons(site, "10.5555/3581783.3612345") == [("DOI", "https://doi.org/10.5555/3581783.3612345")]
    assert buttons(site, "example_concept_2022") == [
        ("DOI", "https://doi.org/10.48550/arXiv.2203.04567"),
        ("arXiv", "http://arxiv.org/abs/2203.04567"),
    ]
    assert buttons(site, "example2020preprint") == [("arXiv", "https://arxiv.org/abs/2006.01234")]
    assert buttons(site, "DBLP:journals/corr/abs-2202-03482") == [("arXiv", "https://arxiv.org/abs/2202.03482")]
    assert buttons(site, "example2023coverage") == [("arXiv", "https://arxiv.org/abs/2302.01234")]
    assert buttons(site, "Example_2018") == [("DOI", "https://doi.org/10.5555/med.2018.0042")]


def test_local_files_in_the_pdf_by_their_address_on_the_site(pdf):
    assert "ada.example.org/_downloads/" in pdf and "example2024sparse-slides.pdf" in pdf
    assert "[JMLR] Sparse Relevance Maps for Graph Networks." in pdf


def test_maths_as_mathml_on_the_site_and_as_text_elsewhere(site, pdf):
    title = page(site, "sections/publications").select_one("#paper-example2023coverage .cv-pub-title")
    assert title.select_one("math mi").get_text() == "k"
    assert title.get_text() == "k-Coverage of Concept Atlases"
    paper = page(site, "papers/example2023coverage")
    assert paper.select_one(".cv-paper h1 math mi").get_text() == "k"
    assert paper.find("meta", attrs={"name": "citation_title"})["content"] == "k-Coverage of Concept Atlases"
    assert paper.select_one("h1").get_text().startswith("k-Coverage of Concept Atlases")
    assert "k-Coverage of Concept Atlases" in pdf and "$k$" not in pdf
    inventory = zlib.decompress((Path(site.outdir) / "objects.inv").read_bytes().split(b"\n", 4)[4]).decode()
    assert "k-Coverage of Concept Atlases" in inventory


def meta(app, key: str) -> list[tuple[str, str]]:
    from portfolio.bibliography.ids import paper_page

    html = page(app, paper_page(key))
    return [(m["name"], m["content"]) for m in html.select("meta[name^=citation_]")]


def test_citation_meta_tags(site):
    tags = meta(site, "Example_2018")  # ORCID's doi as an address, Crossref's en dash
    assert ("citation_doi", "10.5555/med.2018.0042") in tags
    assert ("citation_firstpage", "42") in tags and ("citation_lastpage", "51") in tags
    acm = meta(site, "10.5555/3581783.3612345")
    assert ("citation_firstpage", "1123") in acm and ("citation_lastpage", "1131") in acm
    assert ("citation_conference_title", "Proceedings of the 31st ACM International Conference on Multimedia") in acm
    assert ("citation_inbook_title", "Interpretable Machine Learning in Practice") in meta(site, "9820812")
    assert ("citation_dissertation_institution", "University of Examples") in meta(site, "example_diploma_2012")
    report = meta(site, "example_benchmark_2020")
    assert ("citation_technical_report_institution", "Example Institute") in report
    assert ("citation_technical_report_number", "TR-2020-07") in report
    assert ("citation_journal_title", "Transactions of Examples") in meta(site, "example_saliency_2017")
    assert ("citation_pdf_url", "https://ada.example.org/_downloads/") in [
        (name, value[: len("https://ada.example.org/_downloads/")]) for name, value in meta(site, "example2024sparse")
    ]


def json_ld(app, key: str) -> dict:
    from portfolio.bibliography.ids import paper_page

    return json.loads(page(app, paper_page(key)).find("script", attrs={"type": "application/ld+json"}).string)


def test_abstracts_and_preprints_for_scholar_and_zotero(site):
    """An entry's abstract is in ``citation_abstract`` (Zotero's abstract field) and the JSON-LD; a
    preprint names its server as a report's institution, with the arXiv id as its number, so Zotero's
    Embedded Metadata does not fall back to a journal article of no journal."""
    preprint = meta(site, "example_concept_2022")
    assert ("citation_abstract", "A made-up abstract on concept atlases.") in preprint
    assert ("citation_technical_report_institution", "arXiv") in preprint
    assert ("citation_technical_report_number", "arXiv:2203.04567") in preprint
    assert not [name for name, _ in preprint if name in ("citation_journal_title", "citation_conference_title")]
    data = json_ld(site, "example_concept_2022")
    assert data["abstract"] == "A made-up abstract on concept atlases."
    assert data["isPartOf"] == {"@type": "Periodical", "name": "arXiv"}
    # al-folio's preprint, its eprint with arXiv's prefix; a journal article keeps its journal
    assert ("citation_technical_report_institution", "arXiv") in meta(site, "example2021ecq")
    journal = meta(site, "example_saliency_2017")
    assert "citation_technical_report_institution" not in dict(journal)
    # no abstract: no tag, no key (the page promises nothing it has not)
    assert "citation_abstract" not in dict(meta(site, "example2021ecq")) and "abstract" not in json_ld(
        site, "example2021ecq"
    )


def test_schema_org_types(site):
    from portfolio.bibliography.ids import paper_page

    def kind(key: str) -> str:
        script = page(site, paper_page(key)).find("script", attrs={"type": "application/ld+json"})
        return str(json.loads(script.string)["@type"])

    keys = ("10412345", "9820812", "example2022book", "example_diploma_2012", "example_audit_2022")
    assert [kind(key) for key in keys] == ["ScholarlyArticle", "Chapter", "Book", "Thesis", "Report"]


def test_keys_as_exported(site):
    """ACM's DOI keys, DBLP's keys, IEEE's article numbers and Crossref's upper-case keys: listed
    with an id and a page made from them, no warning (the build has none)."""
    from portfolio.bibliography.ids import paper_page

    outdir = Path(site.outdir)
    for key, anchor in (
        ("10.5555/3581783.3612345", "paper-10-5555-3581783-3612345"),
        ("DBLP:conf/iccv/ExampleR21", "paper-dblp-conf-iccv-exampler21"),
        ("10412345", "paper-10412345"),
        ("Example_2020", "paper-example-2020"),
    ):
        assert page(site, "sections/publications").find(id=anchor) is not None
        assert page(site, paper_page(key)).find(id=anchor) is not None
        assert (outdir / (paper_page(key) + ".bib")).is_file()
    assert paper_page("10412345") == "papers/10412345" and paper_page("Example_2020") == "papers/Example_2020"


def test_display_and_private_fields_are_not_published(site):
    """al-folio's display fields (as its filtered_bibtex_keywords), the selection keyword, Zotero's
    private fields: in no BibTeX the site publishes."""
    outdir = Path(site.outdir)
    texts = [(outdir / "refs.bib").read_text(), *(p.read_text() for p in (outdir / "papers").glob("*.bib"))]
    texts += [pre.get_text() for pre in page(site, "sections/publications").select("pre.cv-bibtex-source")]
    for text in texts:
        for name in ("abbr", "selected", "pdf", "supp", "slides", "poster", "preview", "bibtex_show", "code",
                     "google_scholar_id", "altmetric", "award", "additional_info", "html", "file", "annote",
                     "timestamp"):  # fmt: skip
            assert not re.search(rf"^\s*{name} = ", text, re.MULTILINE), (name, text[:200])
    every = (outdir / "refs.bib").read_text()
    assert "example2024sparse" in every and "/home/ada/" not in every and "eprint = {2302.01234}" in every


def test_same_build_same_files(site, tmp_path):
    """The files of the paper folder and the BibTeX are where they were, byte for byte, in a second
    build elsewhere (the download folder's names come from the files' paths in the project)."""
    import shutil

    from conftest import run_sphinx

    src = shutil.copytree(ROOT, tmp_path / "src")
    again = Path(run_sphinx(src, builddir=tmp_path / "out").outdir)

    def digests(outdir: Path) -> dict[str, str]:
        return {
            str(p.relative_to(outdir)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(outdir.rglob("*"))
            if p.is_file() and (p.suffix in (".bib", ".pdf", ".png") or p.name == "publications.html")
        }

    assert digests(again) == digests(Path(site.outdir))


# -- the published BibTeX, as other tools read it ---------------------------------------------------


def published(site) -> str:
    return (Path(site.outdir) / "refs.bib").read_text(encoding="utf-8")


def test_pybtex_and_bibtexparser_read_every_entry(site):
    """pybtex (sphinxcontrib-bibtex's parser, biber's model of fields) and bibtexparser (JabRef's
    model: every field kept as text) read every listed entry back, with its title and authors."""
    import bibtexparser

    text = published(site)
    keys = sorted(bib_entries())
    parsed = pybtex.database.parse_string(text, "bibtex").entries
    assert sorted(parsed) == keys
    library = bibtexparser.loads(text)
    assert sorted(entry["ID"] for entry in library.entries) == keys
    for entry in library.entries:
        assert entry.get("title") and (entry.get("author") or entry.get("editor")), entry["ID"]
    assert text.isascii() or all(ord(c) > 0x2FFF for c in text if not c.isascii())  # nothing pdflatex can't set


def test_zotero_reads_the_arxiv_ids(site):
    """Zotero's BibTeX import (translators/BibTeX.js, ``processField``) keeps an ``eprint`` only
    together with an ``eprinttype`` it knows (``arxiv``), reads no ``archiveprefix``, turns a ``pdf``
    field into a file attachment of that path, and decodes LaTeX such as ``{\\"o}`` and
    ``{\\textquotedblleft}``: every arXiv id has its eprinttype, no entry has a pdf field."""
    parsed = pybtex.database.parse_string(published(site), "bibtex").entries
    with_eprint = [key for key, entry in parsed.items() if "eprint" in entry.fields]
    assert sorted(with_eprint) == sorted(
        ["DBLP:journals/corr/abs-2202-03482", "example2021ecq", "example2023coverage", "example_lrpformer_2023"]
    )  # al-folio's arxiv field became an eprint
    for key in with_eprint:
        assert parsed[key].fields["eprinttype"].lower() == "arxiv", key
        assert parsed[key].fields["archiveprefix"] == "arXiv", key
    assert not [key for key, entry in parsed.items() if "pdf" in entry.fields]


def latex(tmp_path: Path, bib: str, preamble: str, bibliography: str, tool: list[str]) -> str:
    """Typeset every entry: pdflatex, the bibliography tool, pdflatex; the log of each step."""
    import shutil
    import subprocess

    if not shutil.which("pdflatex") or not shutil.which(tool[0]):
        pytest.skip(f"pdflatex or {tool[0]} is not installed (Debian: texlive-latex-base, texlive-bibtex-extra, biber)")
    (tmp_path / "refs.bib").write_text(bib, encoding="utf-8")
    (tmp_path / "cv.tex").write_text(
        f"\\documentclass{{article}}\n{preamble}\n\\begin{{document}}\n\\nocite{{*}}\n{bibliography}\n\\end{{document}}\n"
    )
    logs = []
    for command in (["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "cv"], [*tool, "cv"],
                    ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "cv"]):  # fmt: skip
        done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False, timeout=300)
        logs.append(done.stdout + done.stderr)
        assert done.returncode == 0, "\n".join(logs)
    return "\n".join(logs)


def test_pdflatex_with_classic_bibtex_prints_every_entry(site, tmp_path):
    """``plain`` with pdflatex: no character it cannot set ("ˣ" of a title), every entry in the
    bibliography, a preprint's arXiv id printed (it reads no eprint field)."""
    log = latex(tmp_path, published(site), "", "\\bibliographystyle{plain}\n\\bibliography{refs}", ["bibtex"])
    assert "Unicode character" not in log and "error message" not in log and "Warning--" not in log
    bbl = (tmp_path / "cv.bbl").read_text()
    assert bbl.count("\\bibitem") == len(bib_entries())
    for words in ("arXiv:2109.04236", "abs/2202.03482", "arXiv:2305.06789", "{RQ$^{\\textrm{x}}$}",
                  "Example University Press", "Diploma {Thesis}", "Example Institute"):  # fmt: skip
        assert words in bbl, words
    from test_pdf import pdf_text

    assert re.search(r"RQ\s*x\s*:\s*Relevance-driven\s+quantization", pdf_text(tmp_path / "cv.pdf"))


def test_biber_reads_every_entry_without_a_warning(site, tmp_path):
    log = latex(
        tmp_path, published(site), "\\usepackage[backend=biber]{biblatex}\n\\addbibresource{refs.bib}",
        "\\printbibliography", ["biber"],
    )  # fmt: skip
    biber = log.split("\n", 1)[1]
    assert "WARN" not in biber and "ERROR" not in biber, biber
    assert (tmp_path / "cv.bbl").read_text().count("\\entry{") == len(bib_entries())
