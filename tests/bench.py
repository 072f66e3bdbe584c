"""``nox -s bench``: wall-clock timings and peak memory of real builds. Targets are checked here,
never in the test suite. Every build runs in a fresh process; modes are interleaved so that
drifts in machine speed hit each alike; medians are reported.

  real       the real CV: HTML alone, PDF alone, both (the PDF may add at most 0.3 s)
  rendercv   `nox -R -s build` beside RenderCV 2.3 rendering the same CV (../shared/bench-rendercv),
             5 alternating pairs (ratio target 0.8); no-op and one-page-edit rebuilds (target 1.2x)
  synthetic  generated portfolios of N papers and N/2 cards beside plain Sphinx builds of the same
             content (targets: +25 %; N=2000 within 5x the real CV and 500 MB; edit within 1.2x no-op)
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

RENDERCV = REPO.parent / "shared" / "bench-rendercv" / "run.sh"
PARTS = ("real", "rendercv", "synthetic")
PHASES = """
import json, sys, tempfile, time
start = time.perf_counter()
from sphinx.application import Sphinx
marks = [("Python, Sphinx imported", time.perf_counter() - start)]
out = tempfile.mkdtemp()
app = Sphinx(sys.argv[1], sys.argv[1], out, out + "/.doctrees", "html", status=None, warning=None, freshenv=True)
marks.append(("extensions set up, theme, bib file parsed", time.perf_counter() - start))
def mark(name):
    def handler(*args):
        marks.append((name, time.perf_counter() - start))
        return [] if name.startswith("pages read") else None
    return handler
app.connect("env-updated", mark("pages read (MyST, directives, bibliography)"), priority=999)
app.connect("html-collect-pages", lambda app: mark("pages written (HTML)")() or [], priority=1)
app.connect("build-finished", mark("paper pages, search index, static files"), priority=1)
app.build()
marks.append(("the PDF (assemble, translate, Typst) and the sitemap", time.perf_counter() - start))
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


def timed(command: list[str], cwd: Path = REPO) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def median(values: list[float]) -> float:
    return statistics.median(values)


def verdict(value: float, target: float) -> str:
    return "met" if value <= target else "MISSED"


def interleave(runs: int, modes: dict[str, Callable[[], float]]) -> dict[str, list[float]]:
    for run in modes.values():  # warm-up: bytecode, page cache, venvs
        run()
    times: dict[str, list[float]] = {mode: [] for mode in modes}
    for _ in range(runs):
        for mode, run in modes.items():
            times[mode].append(run())
    return times


def report(title: str, times: dict[str, list[float]]) -> dict[str, float]:
    print(title)
    for mode, values in times.items():
        print(f"  {mode:28} {median(values):7.3f} s   runs: {' '.join(f'{v:.3f}' for v in values)}")
    return {mode: median(values) for mode, values in times.items()}


# -- the real CV ------------------------------------------------------------------------------


def bench_real(runs: int) -> float:
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
    added = medians["html+pdf"] - medians["html"]
    print(f"  PDF added to the HTML build: {added:+.3f} s (target <= 0.3 s): {verdict(added, 0.3)}")
    shutil.rmtree(tmp)
    return medians["html+pdf"]


# -- RenderCV ---------------------------------------------------------------------------------


def bench_rendercv(runs: int) -> None:
    if not RENDERCV.is_file():
        print(f"rendercv: {RENDERCV} not found; skipped")
        return
    nox = [sys.executable, "-m", "nox", "-R", "-s", "build"]

    def ours_fresh() -> float:
        for output in ("html", "pdf"):  # no pickled environment either: it lives in html/.doctrees
            shutil.rmtree(REPO / "_build" / output, ignore_errors=True)
        return timed(nox)

    medians = report(
        f"whole CV, fresh, {runs} alternating pairs:",
        interleave(
            runs,
            {
                "RenderCV 2.3, all outputs": lambda: timed(["bash", str(RENDERCV)]),
                "nox -R -s build (HTML+PDF)": ours_fresh,
            },
        ),
    )
    ratio = medians["nox -R -s build (HTML+PDF)"] / medians["RenderCV 2.3, all outputs"]
    print(f"  ratio ours / RenderCV: {ratio:.2f} (target <= 0.8): {verdict(ratio, 0.8)}")
    profile()

    page = REPO / "sections" / "awards.md"
    original = page.read_text()

    def edited() -> float:
        page.write_text(original + f"\n<!-- bench {time.perf_counter()} -->\n")
        try:
            return timed(nox)
        finally:
            page.write_text(original)

    ours_fresh()
    rebuild = report(
        f"rebuilds, median of {runs}:",
        interleave(
            runs,
            {
                "no-op rebuild": lambda: timed(nox),
                "one-page-edit rebuild": edited,
            },
        ),
    )
    timed(nox)  # leave _build matching the sources
    ratio = rebuild["one-page-edit rebuild"] / rebuild["no-op rebuild"]
    print(f"  ratio edit / no-op: {ratio:.2f} (target <= 1.2): {verdict(ratio, 1.2)}")


def profile() -> None:
    """Where a fresh build of the real CV spends its time, phase by phase, in one process."""
    done = subprocess.run([sys.executable, "-c", PHASES, str(REPO)], capture_output=True, text=True, check=True)
    marks = json.loads(done.stdout.strip().splitlines()[-1])
    print("  where a fresh HTML+PDF build spends its time (one run, in-process):")
    previous = 0.0
    for name, at in marks:
        print(f"    {at - previous:6.3f} s  {name}")
        previous = at
    print(f"    {previous:6.3f} s  in all, plus the interpreter's start and nox")


# -- synthetic portfolios ---------------------------------------------------------------------


def bench_synthetic(runs: int, sizes: list[int], real_seconds: float | None) -> None:
    from synthetic import edit_one_page, write_portfolio

    print("synthetic portfolios (N papers, N/2 cards), medians; ours beside plain Sphinx:")
    for n in sizes:
        tmp = Path(tempfile.mkdtemp())
        rows: dict[str, dict[str, float]] = {}
        flavours = {
            "plain": ["-b", "html"],
            "ours": ["-b", "html", "-D", "portfolio_pdf=0"],
            "ours, no paper pages": ["-b", "html", "-D", "portfolio_pdf=0", "-D", "portfolio_paper_pages=0"],
        }
        for flavour, args in flavours.items():
            src = tmp / flavour.split(",")[0]
            if not src.exists():
                write_portfolio(src, n, plain=flavour == "plain")
            out = tmp / f"{flavour}-out"
            fresh, noop, edit, rss = [], [], [], []
            for _ in range(runs):
                shutil.rmtree(out, ignore_errors=True)
                seconds, peak = sphinx([*args, str(src), str(out)])
                fresh.append(seconds)
                rss.append(peak)
                noop.append(sphinx([*args, str(src), str(out)])[0])
                edit_one_page(src)
                edit.append(sphinx([*args, str(src), str(out)])[0])
            rows[flavour] = {"fresh": median(fresh), "no-op": median(noop), "edit": median(edit), "rss": max(rss)}
            if flavour == "ours":
                pdf = [sphinx(["-b", "cvpdf", str(src), str(tmp / "pdf")])[0] for _ in range(runs)]
                both = [sphinx(["-b", "html", "-E", str(src), str(tmp / "both")]) for _ in range(runs)]
                rows["ours"].update(pdf=median(pdf), both=median(b[0] for b in both), rss_both=max(b[1] for b in both))
        ours, plain, lean = rows["ours"], rows["plain"], rows["ours, no paper pages"]
        print(f"  N={n}: {n} papers, {n // 2} cards ({n} paper pages that plain Sphinx does not make)")
        for key in ("fresh", "no-op", "edit"):
            print(
                f"    {key:6} ours {ours[key]:7.3f} s   plain {plain[key]:7.3f} s   "
                f"ratio {ours[key] / plain[key]:.2f} (target <= 1.25): {verdict(ours[key] / plain[key], 1.25)};"
                f"   without paper pages {lean[key]:7.3f} s, ratio {lean[key] / plain[key]:.2f}: "
                f"{verdict(lean[key] / plain[key], 1.25)}"
            )
        print(
            f"    PDF alone {ours['pdf']:.3f} s; HTML+PDF {ours['both']:.3f} s; peak memory ours "
            f"{ours['rss_both']:.0f} MB, plain {plain['rss']:.0f} MB (target < 500 MB): "
            f"{verdict(ours['rss_both'], 500)}"
        )
        print(
            f"    edit / no-op: {ours['edit'] / ours['no-op']:.2f} (target <= 1.2): "
            f"{verdict(ours['edit'] / ours['no-op'], 1.2)}"
        )
        if n == max(sizes) and real_seconds:
            factor = ours["both"] / real_seconds
            print(
                f"    HTML+PDF vs the real CV: {factor:.1f}x (target <= 5x): {verdict(factor, 5)}; "
                f"plain Sphinx HTML alone of the same content: {plain['fresh'] / real_seconds:.1f}x"
            )
        shutil.rmtree(tmp)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "parts", nargs="*", metavar="{real,rendercv,synthetic}", help="what to measure (default: all three)"
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000])
    options = parser.parse_args()
    parts = set(options.parts or PARTS)
    if parts - set(PARTS):
        parser.error(f"unknown part(s): {', '.join(sorted(parts - set(PARTS)))}")
    real = bench_real(options.runs) if "real" in parts else None
    if "rendercv" in parts:
        bench_rendercv(options.runs)
    if "synthetic" in parts:
        bench_synthetic(max(1, options.runs // 2), options.sizes, real)
    return 0


if __name__ == "__main__":
    sys.exit(main())
