"""ReadTheDocs names languages in codes of its own ("pt-br"): a build is given such a code where
``.readthedocs.yaml`` passes ``READTHEDOCS_LANGUAGE`` on, and reads it as ReadTheDocs' HTML build
is given it, in Sphinx's spelling ("pt_BR")."""

from __future__ import annotations

import shlex

import pytest
import yaml
from conftest import REPO, copy_site, run_sphinx
from portfolio.website.languages import sphinx_code

#: the codes ReadTheDocs gives Sphinx for its own (readthedocs.org, doc_builder/constants.py:
#: OLD_LANGUAGES_CODE_MAPPING); the others it passes on as they are
READTHEDOCS = {
    "nb-no": "nb_NO",
    "pt-br": "pt_BR",
    "es-mx": "es_MX",
    "uk-ua": "uk_UA",
    "zh-cn": "zh_CN",
    "zh-tw": "zh_TW",
}


@pytest.mark.parametrize(("code", "sphinx"), [*READTHEDOCS.items(), ("de", "de"), ("pt_BR", "pt_BR")])
def test_codes_read_as_readthedocs_maps_them(code, sphinx):
    assert sphinx_code(code) == sphinx


def pdf_job(language: str, output: str) -> tuple[str, dict[str, str]]:
    """The builder and the ``-D`` settings of .readthedocs.yaml's PDF job, as ReadTheDocs runs it."""
    config = yaml.safe_load((REPO / ".readthedocs.yaml").read_text())
    (command,) = config["build"]["jobs"]["build"]["pdf"]
    args = shlex.split(command.replace("$READTHEDOCS_LANGUAGE", language).replace("$READTHEDOCS_OUTPUT", output))
    return args[args.index("-b") + 1], dict(args[i + 1].split("=", 1) for i, arg in enumerate(args) if arg == "-D")


def test_pdf_job_of_a_brazilian_portuguese_project(tmp_path):
    """A fork whose second language is pt_BR, on ReadTheDocs as a project in "pt-br": the PDF job
    writes its one file under the name that project's website (built with pt_BR) links to."""
    src = copy_site(tmp_path / "src")
    languages = {"portfolio_languages": ["en", "pt_BR"]}
    builder, overrides = pdf_job("pt-br", str(tmp_path / "rtd"))
    pdf = run_sphinx(src, builder, builddir=tmp_path / "pdf", confoverrides={**overrides, **languages})
    assert pdf.warning.getvalue() == ""
    (written,) = pdf.outdir.iterdir()
    assert written.name.endswith("-cv-pt_BR.pdf") and written.name.count(".") == 1  # ReadTheDocs' rule
    site = run_sphinx(src, "html", builddir=tmp_path / "html", confoverrides={"language": "pt_BR", **languages})
    assert written.name in (site.outdir / "index.html").read_text()  # the download button's file
    assert '<html class="no-js" lang="pt-BR"' in (site.outdir / "index.html").read_text()
