"""``nox -s bench``: wall-clock timings of real builds against RenderCV 2.3 on the same CV, in one
run. Targets are checked here, never in the test suite. Every build runs in a fresh process (the
server's builds in its own); modes are interleaved so that drifts in machine speed hit each alike;
medians are reported with every run, so the noise shows.

  rendercv   a copy of this project in its first language (RenderCV renders one): `nox -R -s build`
             fresh, a no-op rebuild and a rebuild after a talk's title changed, beside RenderCV 2.3
             rendering the same CV (../shared/bench-rendercv/run.sh); targets: fresh <= 1.0x
             RenderCV (stretch 0.8x), no-op <= 0.5x and writes no file, edit <= 0.6x and its output
             equals a clean build's; the same fresh build and edit with every language of
             `portfolio_languages` (one Sphinx run each, side by side); the fresh build and the edit
             with `portfolio_speedups = False` (what the speed-ups are worth); then where a fresh
             build spends its time, phase by phase
  serve      `nox -s serve`'s server on a copy: a talk's title saved, until the server tells the
             browser to reload (target <= 0.6x RenderCV, beside RenderCV runs)
  synthetic  generated portfolios of N papers and N/2 cards beside plain Sphinx builds writing the
             same pages (with our paper pages: plain Sphinx with a page per paper; without: plain
             Sphinx without) (targets: within +10 %; an edit <= 1.2x a no-op)
  real       the real CV: HTML alone, PDF alone, both (not run unless asked for)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

RENDERCV = REPO.parent / "shared" / "bench-rendercv" / "run.sh"
PARTS = ("rendercv", "serve", "synthetic", "real")
DEFAULT_PARTS = ("rendercv", "serve", "synthetic")
TALKS = Path("sections") / "talks.md"
TALK = re.compile(r"(```\{talk\} )([^\n]*)")
PHASES = """
import json, sys, time
start = time.perf_counter()
from sphinx.application import Sphinx
marks = [("Python and Sphinx imported", time.perf_counter() - start)]
src, out = sys.argv[1], sys.argv[2]
app = Sphinx(src, src, out, out + "/.doctrees", "html", status=None, warning=None, freshenv=True)
marks.append(("conf.py, extensions, theme and builder set up, refs.bib parsed", time.perf_counter() - start))
def mark(name, value=None):
    def handler(*args):
        marks.append((name, time.perf_counter() - start))
        return value
    return handler
app.connect("env-updated", mark("pages read (MyST, directives, bibliography)", []), priority=999)
app.connect("write-started", mark("environment pickled"), priority=1)
app.connect("write-started", mark("the PDFs assembled and translated (Typst starts compiling)"), priority=999)
app.connect("html-collect-pages", mark("pages written (HTML), while Typst compiles", []), priority=1)
app.connect("build-finished", mark("index pages, paper pages, search index, inventory"), priority=1)
app.build()
marks.append(("waiting for Typst; PDF files, preview image, resume.json, BibTeX, sitemap", time.perf_counter() - start))
print(json.dumps(marks))
"""
RUNNER = (
    "import json, resource, sys\n"
    "from sphinx.cmd.build import main\n"
    "code = main(sys.argv[1:])\n"
    "print(json.dumps({'code': code, 'rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))"
)


def sphinx(args: list[str]) -> tuple[float, float]:
    """One sphinx-build in a fresh interpreter: (seconds, peak resident MB)."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", RUNNER, "-q", *args], capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    report = json.loads(done.stdout.strip().splitlines()[-1]) if done.stdout.strip() else {"code": -1}
    if report["code"] != 0:
        sys.exit(f"build failed: {args}\n{done.stderr[-3000:]}")
    return seconds, report["rss_mb"]


def timed(command: list[str], cwd: Path = REPO, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, check=False, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    return time.perf_counter() - start


def median(values: list[float]) -> float:
    return statistics.median(values)


def spread(values: list[float]) -> str:
    """How noisy: the runs' range around their median."""
    middle = median(values)
    return f"±{(max(values) - min(values)) / 2 / middle * 100:.0f} %" if middle else ""


def verdict(value: float, target: float) -> str:
    return "met" if value <= target else "MISSED"


def interleave(runs: int, modes: dict[str, Callable[[], float]]) -> dict[str, list[float]]:
    for run in modes.values():  # warm-up: bytecode, page cache, venvs, RenderCV's install
        run()
    times: dict[str, list[float]] = {mode: [] for mode in modes}
    for _ in range(runs):
        for mode, run in modes.items():
            times[mode].append(run())
    return times


def report(title: str, times: dict[str, list[float]]) -> dict[str, float]:
    print(title)
    for mode, values in times.items():
        runs = " ".join(f"{v:.2f}" for v in values)
        print(f"  {mode:34} {median(values):6.2f} s  {spread(values):>6}   runs: {runs}")
    return {mode: median(values) for mode, values in times.items()}


def ratio_line(name: str, ours: float, theirs: float, target: float, extra: str = "") -> None:
    ratio = ours / theirs
    print(f"  {name:34} {ratio:5.2f}x RenderCV (target <= {target}x): {verdict(ratio, target)}{extra}")


def project_copy(one_language: bool = False) -> Path:
    """This project in a folder of its own: the benchmark edits it, never the repository. With
    ``one_language``, only the first language of ``portfolio_languages`` is built."""
    target = Path(tempfile.mkdtemp(prefix="portfolio-bench-")) / "cv"
    ignore = shutil.ignore_patterns("_build", ".nox", ".git", ".*cache", ".venv", "__pycache__")
    shutil.copytree(REPO, target, ignore=ignore)
    if one_language:
        with (target / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write("\nportfolio_languages = portfolio_languages[:1]  # nox -s bench: one language\n")
    return target


def retitle_a_talk(project: Path) -> str:
    """A new title for the project's first talk; the new title."""
    page = project / TALKS
    title = f"Beyond the Benchmark {time.time_ns()}"
    page.write_text(TALK.sub(lambda m: m.group(1) + title, page.read_text(), count=1))
    return title


def files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    }


def written_since(folder: Path, since_ns: int) -> list[str]:
    return sorted(
        str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and p.stat().st_mtime_ns > since_ns
    )


def rendercv() -> float:
    return timed(["bash", str(RENDERCV)])


# -- `nox -R -s build` beside RenderCV ----------------------------------------------------------


def nox_build(project: Path) -> list[str]:
    """``nox -R -s build`` of a project copy, in this repository's nox environment (installed untimed)."""
    nox = [sys.executable, "-m", "nox", "-f", str(project / "noxfile.py"), "--envdir", str(REPO / ".nox")]
    subprocess.run([*nox, "-s", "build", "--install-only"], check=True, capture_output=True)
    return [*nox, "-R", "-s", "build"]


def bench_rendercv(runs: int) -> None:
    project, every, off = project_copy(one_language=True), project_copy(), project_copy(one_language=True)
    build, build_every = nox_build(project), nox_build(every)
    build_off = [*nox_build(off), "--", "-D", "portfolio_speedups=0"]  # the same build, every speed-up off
    outputs = project / "_build"
    noop_writes: list[str] = []
    edits: list[str] = []

    def fresh(copy: Path, command: list[str]) -> Callable[[], float]:
        def run() -> float:
            shutil.rmtree(copy / "_build", ignore_errors=True)  # pages, PDFs and the pickled environment
            return timed(command, cwd=copy)

        return run

    def edit(copy: Path, command: list[str], titles: list[str]) -> Callable[[], float]:
        def run() -> float:
            titles.append(retitle_a_talk(copy))
            return timed(command, cwd=copy)

        return run

    def noop() -> float:
        before = time.time_ns()
        seconds = timed(build, cwd=project)
        noop_writes.extend(written_since(outputs / "html", before) + written_since(outputs / "pdf", before))
        return seconds

    sphinx_build = [str(REPO / ".nox" / "build" / "bin" / "sphinx-build"), "-W", "--keep-going", "-n", "-q"]
    sphinx_build += ["-b", "html", "-d", "_build/doctrees", ".", "_build/html"]

    def sphinx_noop() -> float:  # what a no-op costs without nox's check: Sphinx started, finds nothing to do
        before = time.time_ns()
        seconds = timed(sphinx_build, cwd=project)
        noop_writes.extend(written_since(outputs / "html", before))
        return seconds

    times = interleave(
        runs,
        {
            "RenderCV 2.3, all outputs": rendercv,
            "nox -R -s build, fresh": fresh(project, build),
            "no-op rebuild": noop,
            "no-op, sphinx-build alone": sphinx_noop,
            "edit a talk's title, rebuild": edit(project, build, edits),
            "every language: fresh": fresh(every, build_every),
            "every language: edit a talk": edit(every, build_every, []),
            "speed-ups off: fresh": fresh(off, build_off),
            "speed-ups off: edit a talk": edit(off, build_off, []),
        },
    )
    medians = report(f"whole CV, {runs} interleaved rounds (same machine, same run):", times)
    theirs = medians["RenderCV 2.3, all outputs"]
    fresh_ratio = medians["nox -R -s build, fresh"] / theirs
    print(
        f"  {'fresh build':34} {fresh_ratio:5.2f}x RenderCV (target <= 1.0x): {verdict(fresh_ratio, 1.0)}; "
        f"stretch 0.8x: {verdict(fresh_ratio, 0.8)}"
    )
    ratio_line("no-op rebuild", medians["no-op rebuild"], theirs, 0.5, f"; files written: {len(noop_writes)}")
    ratio_line("no-op, sphinx-build alone", medians["no-op, sphinx-build alone"], theirs, 0.5)
    same = same_as_clean(project, edits[-1])
    ratio_line("edit one talk, rebuild", medians["edit a talk's title, rebuild"], theirs, 0.6, f"; {same}")
    ratio_line("every language: fresh", medians["every language: fresh"], theirs, 1.0)
    ratio_line("every language: edit one talk", medians["every language: edit a talk"], theirs, 0.6)
    for what, on in (("fresh", "nox -R -s build, fresh"), ("edit a talk", "edit a talk's title, rebuild")):
        slower = medians[f"speed-ups off: {what}"] / medians[on]
        print(f"  {'speed-ups off, ' + what:34} {slower:5.2f}x the same build with them on")
    profile(project)
    for copy in (project, every, off):
        shutil.rmtree(copy.parent, ignore_errors=True)


def same_as_clean(project: Path, title: str) -> str:
    """After the last edit: the talk's page, the landing page, search index, inventory and PDFs
    hold the new title, and the whole output equals a clean build of the same sources."""
    html = project / "_build" / "html"
    clean = Path(tempfile.mkdtemp(prefix="portfolio-clean-"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-q",
            "-b",
            "html",
            "-d",
            str(clean / "doctrees"),
            str(project),
            str(clean / "html"),
        ],
        check=True,
        capture_output=True,
    )
    shown = [
        name for name in ("sections/talks.html", "index.html", "searchindex.js") if title in (html / name).read_text()
    ]
    after, fresh = files(html), files(clean / "html")
    differ = sorted(name for name in after.keys() | fresh.keys() if after.get(name) != fresh.get(name))
    shutil.rmtree(clean)
    return f"new title in {', '.join(shown)}; files differing from a clean build: {len(differ)} {differ[:5]}"


def profile(project: Path) -> None:
    """Where a fresh build of the real CV spends its time, phase by phase, in one process."""
    out = tempfile.mkdtemp(prefix="portfolio-phases-")
    done = subprocess.run([sys.executable, "-c", PHASES, str(project), out], capture_output=True, text=True, check=True)
    marks = json.loads(done.stdout.strip().splitlines()[-1])
    nox_start = timed([sys.executable, "-m", "nox", "-l"], cwd=project)
    print("  where a fresh HTML+PDF build spends its time (one run, in-process):")
    previous = 0.0
    for name, at in marks:
        print(f"    {at - previous:6.3f} s  {name}")
        previous = at
    print(f"    {previous:6.3f} s  in all; nox's own start (nox -l) takes {nox_start:.3f} s more")
    shutil.rmtree(out, ignore_errors=True)


# -- nox -s serve -------------------------------------------------------------------------------


def bench_serve(runs: int, port: int) -> None:
    project = project_copy()
    env = {**os.environ, "PYTHONPATH": str(project / "_ext")}
    command = [sys.executable, "-m", "portfolio.serve", "-q", "-n", "--port", str(port), ".", "_build/html"]
    server = subprocess.Popen(
        command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    base = f"http://127.0.0.1:{port}"

    def get(path: str) -> str:
        with urllib.request.urlopen(base + path, timeout=10) as answer:
            return str(answer.read().decode())

    def save_and_wait() -> float:
        time.sleep(1.5)  # the server sets up the next build while the author edits
        token = get("/_portfolio/build")
        start = time.perf_counter()
        title = retitle_a_talk(project)
        while get("/_portfolio/build") == token:
            time.sleep(0.01)
        seconds = time.perf_counter() - start
        if title not in get("/sections/talks.html"):
            sys.exit("serve: the page does not show the new title")
        return seconds

    try:
        assert server.stdout is not None
        for line in server.stdout:
            if "serve: http" in line:
                break
        else:
            sys.exit("serve: the server stopped before its first build")
        times = interleave(
            runs, {"RenderCV 2.3, all outputs": rendercv, "save a talk's title, until reload": save_and_wait}
        )
    finally:
        server.terminate()
        server.communicate(timeout=30)
    medians = report(f"nox -s serve, {runs} interleaved rounds (the browser checks every 0.2 s on top):", times)
    ratio_line(
        "save until reload", medians["save a talk's title, until reload"], medians["RenderCV 2.3, all outputs"], 0.6
    )
    shutil.rmtree(project.parent, ignore_errors=True)


# -- synthetic portfolios -----------------------------------------------------------------------


def bench_synthetic(runs: int, sizes: list[int]) -> None:
    from synthetic import edit_one_page, write_portfolio

    print("synthetic portfolios (N papers, N/2 cards), HTML, medians; ours beside plain Sphinx writing the same pages:")
    for n in sizes:
        tmp = Path(tempfile.mkdtemp(prefix="portfolio-synthetic-"))
        #: each flavour: its sources, its arguments, and the flavour that writes the same pages
        flavours = {
            "plain": ("plain", ["-b", "html"], ""),
            "plain, a page per paper": ("plain-papers", ["-b", "html"], ""),
            "ours": ("ours", ["-b", "html", "-D", "portfolio_pdf=0"], "plain, a page per paper"),
            "ours, no paper pages": (
                "ours",
                ["-b", "html", "-D", "portfolio_pdf=0", "-D", "portfolio_paper_pages=0"],
                "plain",
            ),
        }
        write_portfolio(tmp / "plain", n, plain=True)
        write_portfolio(tmp / "plain-papers", n, plain=True, paper_pages=True)
        write_portfolio(tmp / "ours", n)
        times: dict[str, dict[str, list[float]]] = {f: {"fresh": [], "no-op": [], "edit": []} for f in flavours}
        rss: dict[str, float] = {}
        for _ in range(runs):
            for key in ("fresh", "no-op", "edit"):
                edited: set[str] = set()
                for flavour, (source, args, _) in flavours.items():
                    src, out = tmp / source, tmp / f"{flavour}-out"
                    if key == "fresh":
                        shutil.rmtree(out, ignore_errors=True)
                    if key == "edit" and source not in edited:
                        edit_one_page(src)
                        edited.add(source)
                    seconds, peak = sphinx([*args, str(src), str(out)])
                    times[flavour][key].append(seconds)
                    rss[flavour] = max(rss.get(flavour, 0.0), peak)
        print(f"  N={n}: {n} papers, {n // 2} cards")
        for key in ("fresh", "no-op", "edit"):
            print(f"    {key}:")
            for flavour, (_, _, same) in flavours.items():
                ours = median(times[flavour][key])
                line = f"      {flavour:24} {ours:6.2f} s {spread(times[flavour][key]):>6}"
                if same:
                    ratio = ours / median(times[same][key])
                    line += f"  ratio to {same}: {ratio:.2f} (target <= 1.1): {verdict(ratio, 1.1)}"
                print(line)
        for flavour in ("ours", "ours, no paper pages"):
            edit, noop = median(times[flavour]["edit"]), median(times[flavour]["no-op"])
            print(f"    {flavour}: edit / no-op {edit / noop:.2f} (target <= 1.2): {verdict(edit / noop, 1.2)}")
        print("    peak memory: " + ", ".join(f"{flavour} {mb:.0f} MB" for flavour, mb in rss.items()))
        shutil.rmtree(tmp, ignore_errors=True)


# -- the real CV, each output alone --------------------------------------------------------------


def bench_real(runs: int) -> None:
    tmp = Path(tempfile.mkdtemp())

    def fresh(*args: str) -> Callable[[], float]:
        def run() -> float:
            shutil.rmtree(tmp / "out", ignore_errors=True)
            return sphinx([*args, "-W", str(REPO), str(tmp / "out")])[0]

        return run

    medians = report(
        f"real CV, fresh builds, median of {runs}:",
        interleave(
            runs,
            {
                "html": fresh("-b", "html", "-D", "portfolio_pdf=0"),
                "pdf": fresh("-b", "cvpdf"),
                "html+pdf": fresh("-b", "html"),
            },
        ),
    )
    print(f"  the PDFs add {medians['html+pdf'] - medians['html']:+.3f} s to the HTML build")
    shutil.rmtree(tmp)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("parts", nargs="*", metavar="{rendercv,serve,synthetic,real}", help="default: all but real")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000])
    parser.add_argument("--port", type=int, default=8017, help="the benchmark's server (serve)")
    options = parser.parse_args()
    parts = set(options.parts or DEFAULT_PARTS)
    if parts - set(PARTS):
        parser.error(f"unknown part(s): {', '.join(sorted(parts - set(PARTS)))}")
    load = os.getloadavg()[0]
    print(f"{time.strftime('%Y-%m-%d %H:%M')}, {platform.machine()}, {os.cpu_count()} cores, load {load:.1f}")
    if ({"rendercv", "serve"} & parts) and not RENDERCV.is_file():
        sys.exit(f"{RENDERCV} not found")
    if "rendercv" in parts:
        bench_rendercv(options.runs)
    if "serve" in parts:
        bench_serve(options.runs, options.port)
    if "synthetic" in parts:
        bench_synthetic(max(1, options.runs // 2), options.sizes)
    if "real" in parts:
        bench_real(options.runs)
    print(f"load at the end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
