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
