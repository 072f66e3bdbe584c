"""``selected-publications``: the papers marked ``keywords = {selected}``, beside the full list."""

from __future__ import annotations

import re
import shutil

from bs4 import BeautifulSoup
from conftest import ROOTS, run_sphinx


def lists(outdir, page: str = "selected") -> list[list[tuple[str, list[str], list[str]]]]:
    """Each list on the page: per paper its text, links and bold names."""
    soup = BeautifulSoup((outdir / f"{page}.html").read_text(), "html.parser")
    return [
        [
            (li.get_text(), [a["href"] for a in li.select("a")], [b.get_text() for b in li.select("strong")])
            for li in ul.select("li")
        ]
        for ul in soup.select("ul.cv-selected")
    ]


def test_newest_first_linked_to_the_full_list(build):
    app = build("selected")
    assert app.warning.getvalue() == ""  # no duplicate citations: the list is not a bibliography
    selected, two, tools = lists(app.outdir)
    assert selected == [
        (
            "A Toolkit for XAI Evaluation. Other B, Example A, Third C (2023). Journal of Machine Learning Research.",
            ["publications.html#paper-new2023toolkit"],
            ["Example A"],
        ),
        (
            "From “Where” to “What”. Example A, Fourth D (2022). CoRR.",
            ["publications.html#paper-pre2022concepts"],
            ["Example A"],
        ),
        (
            "On Pixel-wise Explanations. Example A, Other B (2015). PLoS ONE.",
            ["publications.html#paper-old2015pixel"],
            ["Example A"],
        ),
    ]
    assert two == selected[:2]
    assert [text for text, _, _ in tools] == [selected[0][0]]  # :keyword: Software, case-insensitive


def test_each_link_reaches_its_entry_in_the_full_list(build):
    app = build("selected")
    publications = BeautifulSoup((app.outdir / "publications.html").read_text(), "html.parser")
    for paper in lists(app.outdir)[0]:
        anchor = paper[1][0].split("#")[1]
        assert publications.find(id=anchor).name == "div"


def test_project_keyword(build):
    app = build("selected", confoverrides={"portfolio_selected_keyword": "explanations"})
    assert [text.split(".")[0] for text, _, _ in lists(app.outdir)[0]] == ["On Pixel-wise Explanations"]


def test_in_the_pdf_too(build):
    from test_pdf import pdf_text

    app = build("selected", "cvpdf")
    assert app.warning.getvalue() == ""
    text = " ".join(pdf_text(next(app.outdir.glob("*.pdf"))).split())
    assert text.count("A Toolkit for XAI Evaluation") == 4  # three lists and the full one


def test_list_follows_the_bib_file_in_an_incremental_build(tmp_path):
    src = shutil.copytree(ROOTS / "test-selected", tmp_path / "src")
    out = tmp_path / "out"
    assert run_sphinx(src, builddir=out).warning.getvalue() == ""
    bib = src / "refs.bib"
    bib.write_text(bib.read_text().replace("keywords = {selected, explanations}", "keywords = {explanations}"))
    app = run_sphinx(src, builddir=out)
    assert app.warning.getvalue() == ""
    assert len(lists(app.outdir)[0]) == 2  # index.md itself did not change: it was written again


def test_alfolio_marks_a_highlight_with_its_selected_field(build):
    """al-folio's ``selected = {true}`` (its convention; ``{false}`` is not selected), in the list on
    the landing page and in a PDF of selected publications."""
    from test_pdf import pdf_text

    app = build("realbib")
    assert [text.split(".")[0] for text, _, _ in lists(app.outdir, "index")[0]] == [
        "Sparse Relevance Maps for Graph Networks",
        "k-Coverage of Concept Atlases",
    ]
    variants = {"short": {"publications": "selected", "kinds": []}}
    pdf = build("realbib", "cvpdf", confoverrides={"portfolio_pdf_variants": variants})
    assert pdf.warning.getvalue() == ""
    text = " ".join(pdf_text(next(pdf.outdir.glob("*.pdf"))).split())
    assert "[J1] [JMLR] Sparse Relevance Maps for Graph Networks" in text and "[C1] [ICML] k-Coverage" in text
    assert "Explaining Learning Machines" not in text and "Relevance Toolbox User Manual" not in text


def test_an_empty_selection_warns_in_the_pdf_too(build):
    """Google Scholar's file marks nothing: the landing page's list and the PDF of selected
    publications each say so, where they are set."""
    variants = {"short": {"publications": "selected", "kinds": []}}
    app = build(
        "realbib", "cvpdf", confoverrides={"bibtex_bibfiles": ["scholar.bib"], "portfolio_pdf_variants": variants}
    )
    log = app.warning.getvalue()
    assert "index.md:11: WARNING: selected-publications lists no paper" in log
    assert re.search(
        r"conf\.py:\d+: WARNING: portfolio_pdf_variants\['short'\]: publications: 'selected' keeps no paper", log
    ), log
