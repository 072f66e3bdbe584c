"""``nox -s bench``: wall-clock timings of real builds of this portfolio.

Each mode runs in a fresh process on a fresh output directory, interleaved so
that drifts in machine speed hit every mode alike; medians are reported.
Targets are checked here, never in the test suite.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

MODES = {
    "html": ["-b", "html", "-D", "portfolio_pdf=0"],
    "pdf": ["-b", "cvpdf"],
    "html+pdf": ["-b", "html"],
}
PDF_BUDGET_S = 0.3


def run(args: list[str], outdir: Path) -> float:
    shutil.rmtree(outdir, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sphinx", "-q", "-W", *args, str(REPO), str(outdir),
                    "-d", str(outdir / ".doctrees")], check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    times: dict[str, list[float]] = {mode: [] for mode in MODES}
    with tempfile.TemporaryDirectory() as tmp:
        for mode, args in MODES.items():  # warm-up: bytecode and page cache
            run(args, Path(tmp) / mode)
        for _ in range(options.runs):
            for mode, args in MODES.items():
                times[mode].append(run(args, Path(tmp) / mode))
    medians = {mode: statistics.median(values) for mode, values in times.items()}
    print(f"fresh builds of the real CV, median of {options.runs} (s):")
    for mode, values in times.items():
        print(f"  {mode:9} {medians[mode]:6.3f}   runs: {' '.join(f'{v:.3f}' for v in values)}")
    added = medians["html+pdf"] - medians["html"]
    verdict = "met" if added <= PDF_BUDGET_S else "MISSED"
    print(f"PDF added to the HTML build: {added:+.3f} s (target <= {PDF_BUDGET_S} s): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
