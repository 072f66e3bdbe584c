"""Browser plumbing shared by the browser tests: a built site served on 127.0.0.1, and Debian's
Chromium driven by Playwright (Playwright's own browser download does not work everywhere)."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: why a module of browser tests is skipped where there is no Chromium (.ci/run installs it)
NO_CHROMIUM = "Debian's chromium is not installed (apt-get install chromium)"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(outdir: Path) -> Iterator[str]:
    """``outdir`` over HTTP on a free local port: its address, ending in "/"."""
    handler = functools.partial(_QuietHandler, directory=str(outdir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium, started after the sites are built: a build that forks a helper process
    (Sphinx's parallel builds do) must not inherit the Playwright driver's pipe."""
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
    try:
        yield browser
    finally:
        browser.close()
        playwright.stop()


#: the axe-core release the accessibility tests run, from npm as its authors publish it (the copy that
#: axe-playwright-python bundles is older and misses rules, such as label-content-name-mismatch)
AXE_CORE = "axe-core@4.14.1"
#: where ``npm pack`` leaves it, so that a second run needs no network
AXE_FOLDER = Path(__file__).resolve().parent.parent / "_build" / "npm"


def axe_source() -> str:
    """axe-core's script, fetched once with npm (``.ci/run`` installs npm)."""
    import shutil
    import subprocess
    import tarfile

    name, _, version = AXE_CORE.rpartition("@")
    archive = AXE_FOLDER / f"{name}-{version}.tgz"
    if not archive.is_file():
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm is needed to fetch axe-core (.ci/run installs it)")
        AXE_FOLDER.mkdir(parents=True, exist_ok=True)
        subprocess.run([npm, "pack", AXE_CORE, "--silent"], cwd=AXE_FOLDER, check=True, capture_output=True)
    with tarfile.open(archive) as package:
        member = package.extractfile("package/axe.min.js")
        assert member is not None
        return member.read().decode("utf-8")


#: the rules whose outcome depends on the colours alone: all a change of light and dark mode can change
COLOUR_RULES = ("color-contrast", "link-in-text-block")


def axe_violations(
    page: Any, source: str, impacts: tuple[str, ...] = ("serious", "critical"), rules: tuple[str, ...] = ()
) -> list[Any]:
    """axe-core's violations of these impacts on the page as it is now: (rule, impact, first targets);
    every rule, or only ``rules``."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=source)
    options: dict[str, Any] = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": list(rules)}
    results = page.evaluate("options => axe.run(document, options)", options)
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results["violations"]
        if v["impact"] in impacts
    ]
