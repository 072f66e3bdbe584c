"""Phone and street address from the git-ignored private.toml or the environment, shown only on request."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, assert_warned, run_sphinx

PRIVATE = '[profile]\nphone = "+49 30 1234567"\naddress = "Example Street 1, 10115 Berlin"\n'
SHOW = {"portfolio_show_private_contact": True}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    src = shutil.copytree(ROOTS / "test-private", tmp_path / "src")
    (src / "private.toml").write_text(PRIVATE)
    return src


def contact(app) -> dict[str, str]:
    profile = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser").select_one("article.cv-profile")
    return {name: node.get_text() for name in ("phone", "address") if (node := profile.select_one(f".cv-{name}"))}


def test_not_read_unless_asked_for(project, tmp_path):
    app = run_sphinx(project, builddir=tmp_path / "out")
    assert app.warning.getvalue() == ""
    assert contact(app) == {}
    for path in (tmp_path / "out").rglob("*"):  # nor in the doctrees or the pickled environment
        assert not path.is_file() or b"1234567" not in path.read_bytes(), path


def test_shown_from_private_toml_on_the_site_and_in_the_pdf(project, tmp_path):
    from test_pdf import pdf_text

    app = run_sphinx(project, builddir=tmp_path / "out", confoverrides=SHOW)
    assert app.warning.getvalue() == ""
    assert contact(app) == {"phone": "+49 30 1234567", "address": "Example Street 1, 10115 Berlin"}
    text = pdf_text(next(app.outdir.glob("*.pdf")))
    assert "+49 30 1234567" in text and "Example Street 1" in text


def test_the_pdf_knows_phone_and_address_by_their_record(project, tmp_path):
    """The themes mark each contact item by its kind (the modern one with an icon); an address
    whose text the page changes (Sphinx's smart quotes) is still the address."""
    quoted = 'Haus \\"Am See\\" -- Berlin'
    (project / "private.toml").write_text(PRIVATE.replace("Example Street 1, 10115 Berlin", quoted))
    app = run_sphinx(project, builddir=tmp_path / "out", confoverrides={**SHOW, "portfolio_pdf_keep_typst": True})
    assert contact(app)["address"] == "Haus “Am See” – Berlin"
    source = next(app.outdir.glob("*.typ")).read_text()
    assert '("phone", [\\+49 30 1234567])' in source
    assert '("address", [Haus “Am See” – Berlin])' in source


def test_environment_variables_win(project, tmp_path, monkeypatch):
    monkeypatch.setenv("PORTFOLIO_PHONE", "+1 415 555 0134")
    app = run_sphinx(project, builddir=tmp_path / "out", confoverrides=SHOW)
    assert contact(app) == {"phone": "+1 415 555 0134", "address": "Example Street 1, 10115 Berlin"}


def test_a_change_reads_the_page_again(project, tmp_path, monkeypatch):
    out = tmp_path / "out"
    run_sphinx(project, builddir=out, confoverrides=SHOW)
    (project / "private.toml").write_text(PRIVATE.replace("1234567", "7654321"))
    assert contact(run_sphinx(project, builddir=out, confoverrides=SHOW))["phone"] == "+49 30 7654321"
    (project / "private.toml").unlink()
    assert contact(run_sphinx(project, builddir=out, confoverrides=SHOW)) == {}
    monkeypatch.setenv("PORTFOLIO_ADDRESS", "Elsewhere 2")
    assert contact(run_sphinx(project, builddir=out, confoverrides=SHOW)) == {"address": "Elsewhere 2"}
    environment = pickle.loads((out / "doctrees" / "environment.pickle").read_bytes())
    assert "Elsewhere" not in repr(vars(environment).get("portfolio_private_signature"))


def test_unreadable_file_warns_with_its_line(project, tmp_path):
    (project / "private.toml").write_text('[profile]\nphone = "+49 30 1234567"\naddress = \n')
    app = run_sphinx(project, builddir=tmp_path / "out", confoverrides=SHOW)
    assert_warned(app.warning.getvalue(), "private.toml:3", "portfolio.private", "cannot be read")
    assert contact(app) == {}
