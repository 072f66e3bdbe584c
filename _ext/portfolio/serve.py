"""``nox -s serve``: the site on http://127.0.0.1:8000, built again on every save, and the page in
the browser reloaded once the build is done.

``python -m portfolio.serve SOURCEDIR OUTPUTDIR [-n] [-D name=value] [-t tag] [--port 8000]``

One process for the whole session, not one per build: Sphinx and the extensions are imported
once, and the next build's Sphinx application (conf.py, the environment, the theme, the bib
files: most of a small build's time) is set up while you edit, and kept out of the garbage
collector's way while it builds. A saved page then costs what
changed (``incremental.py``), and Typst keeps its compiler between builds, so a changed PDF is
compiled in a fraction of the first time. Only what a build reads is watched (``watchfiles``:
the system tells of a change, nothing is polled): the pages and their images, ``conf.py``, the bib
files, the translations, templates and static files, the extension's code; not the output, hidden
files or what ``exclude_patterns`` leaves out (``tests/``). A change to anything but a page
(``conf.py``, a bib file, a template, a static file) sets the application up again before
building; a change to the extension's Python code restarts the server.
"""

from __future__ import annotations

import argparse
import gc
import ipaddress
import os
import sys
import threading
import time
import traceback
import urllib.parse
from contextlib import ExitStack
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from sphinx.util.matching import Matcher

from .speedups.collector import freeze, unfreeze

#: folders never watched: outputs, caches, virtual environments, version control
SKIPPED = frozenset({"_build", "__pycache__", "node_modules", "build", "dist"})
#: where a served page asks whether a newer build is there
BUILD_URL = "/_portfolio/build"
RELOAD = (
    "<script>(() => { let seen = null; const poll = async () => { try { const r = await fetch("
    f'"{BUILD_URL}", {{cache: "no-store"}}); const now = await r.text(); '
    "if (seen !== null && now !== seen) { location.reload(); return; } seen = now; } catch (e) {} "
    "setTimeout(poll, 200); }; poll(); })();</script>"
)


class Builds:
    """What the server tells the pages: a token that changes with every finished build."""

    def __init__(self) -> None:
        self.token = f"{time.time_ns()}-0"
        self.count = 0

    def finished(self) -> None:
        self.count += 1
        self.token = f"{self.token.partition('-')[0]}-{self.count}"


#: the names the server answers to whatever address it is bound to
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
#: addresses that bind every interface: then a request may name the machine by any IP address
WILDCARDS = frozenset({"", "0.0.0.0", "::"})


def host_name(header: str) -> str:
    """The host of a ``Host`` header, without its port, lower-cased ("[::1]:8000" -> "::1")."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else ""
    return header.rpartition(":")[0] if header.count(":") == 1 else header


def host_allowed(header: str | None, bound: str) -> bool:
    """Whether a request's ``Host`` names this server: localhost, 127.0.0.1 or the bound address (an
    IP address of the machine where it is bound to all). A page of another site whose name resolves
    to 127.0.0.1 (DNS rebinding) sends its own name, and could otherwise read the drafts served here."""
    name = host_name(header or "")
    if name in LOCAL_HOSTS or name == bound.lower():
        return True
    if bound in WILDCARDS:
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return False
        return True
    return False


def handler(outdir: Path, builds: Builds, bound: str = "127.0.0.1") -> type[SimpleHTTPRequestHandler]:
    class Handler(SimpleHTTPRequestHandler):
        """The output folder, each HTML page with the script that reloads it after a build; only to
        requests that name this server (``host_allowed``) and for paths that can be files."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(outdir), **kwargs)

        def parse_request(self) -> bool:
            if not super().parse_request():
                return False
            if not host_allowed(self.headers.get("Host"), bound):
                self.send_error(HTTPStatus.MISDIRECTED_REQUEST, "this server answers to localhost only")
                return False
            if "\x00" in urllib.parse.unquote(self.path):
                self.send_error(HTTPStatus.BAD_REQUEST, "a path with a NUL character")
                return False
            return True

        def do_GET(self) -> None:
            if self.path == BUILD_URL:
                return self.reply(builds.token.encode(), "text/plain")
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if path.suffix == ".html" and path.is_file():
                page = path.read_bytes()
                cut = page.rfind(b"</body>")
                cut = cut if cut >= 0 else len(page)
                return self.reply(page[:cut] + RELOAD.encode() + page[cut:], "text/html; charset=utf-8")
            return super().do_GET()

        def reply(self, body: bytes, content_type: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


#: files a build writes beside its sources (Sphinx compiles each ``.po`` into a ``.mo``), and editors' files
WRITTEN = (".mo", ".pyc", "~", ".swp", ".swx")


def code_folders(srcdir: Path) -> list[Path]:
    """The folders of the project that Python imports from (``_ext``): the extension's code."""
    folders = {Path(entry).resolve() for entry in sys.path if entry}
    return sorted(folder for folder in folders if folder.is_relative_to(srcdir) and folder != srcdir)


class Watched:
    """Which changed files the next build reads: what decides whether a save builds, sets the
    application up again or restarts the server."""

    def __init__(self, srcdir: Path, outdir: Path, doctreedir: Path) -> None:
        self.srcdir = srcdir
        self.outputs = (outdir, doctreedir)
        #: ``exclude_patterns`` of the last application set up: Sphinx reads nothing there
        self.excluded = Matcher([])
        #: page suffixes of the last application set up
        self.pages: tuple[str, ...] = (".md", ".rst", ".txt")
        self.code = code_folders(srcdir)

    def configured(self, app: Any) -> None:
        """Once an application is set up (its conf.py may have put ``_ext`` on the path)."""
        self.excluded = Matcher(list(app.config.exclude_patterns))
        self.pages = tuple(app.config.source_suffix) or self.pages
        self.code = code_folders(self.srcdir)

    def is_code(self, path: Path) -> bool:
        return path.suffix == ".py" and any(path.is_relative_to(folder) for folder in self.code)

    def read(self, path: Path) -> bool:
        """Whether a build reads ``path``, or the server runs it."""
        if not path.is_relative_to(self.srcdir) or any(path.is_relative_to(out) for out in self.outputs):
            return False
        parts = path.relative_to(self.srcdir).parts
        if not parts or any(part.startswith(".") or part in SKIPPED for part in parts) or path.name.endswith(WRITTEN):
            return False
        if path.suffix == ".py":
            return path == self.srcdir / "conf.py" or self.is_code(path)
        return not any(self.excluded("/".join(parts[: i + 1])) for i in range(len(parts)))

    def __call__(self, change: Any, name: str) -> bool:
        """``watchfiles``' filter."""
        return self.read(Path(name))


def forget_between_builds() -> None:
    """What one build process may keep but a server must not: the static files' checksums (Sphinx
    caches them for the life of the process) and the date of the last commit (the PDFs' date)."""
    from .compat.sphinx import forget_static_checksums
    from .dates import last_commit

    forget_static_checksums()
    last_commit.cache_clear()


class Session:
    """Builds with one prepared Sphinx application each, set up before it is needed."""

    def __init__(self, options: argparse.Namespace) -> None:
        self.options = options
        self.srcdir = Path(options.sourcedir).resolve()
        self.outdir = Path(options.outputdir).resolve()
        self.app: Any = None
        self.stack = ExitStack()
        self.doctreedir = Path(options.doctreedir or self.outdir / ".doctrees").resolve()
        self.watched = Watched(self.srcdir, self.outdir, self.doctreedir)

    def prepare(self) -> None:
        """Read conf.py and the environment, set up the extensions, the theme and the builder."""
        from sphinx.application import Sphinx
        from sphinx.util.docutils import docutils_namespace, patch_docutils

        self.close()
        forget_between_builds()
        self.stack.enter_context(patch_docutils(self.srcdir))
        self.stack.enter_context(docutils_namespace())
        overrides = dict(item.partition("=")[::2] for item in self.options.define)
        if self.options.nitpicky:
            overrides["nitpicky"] = "1"
        self.app = Sphinx(
            self.srcdir,
            self.srcdir,
            self.outdir,
            self.doctreedir,
            "html",
            confoverrides=overrides,
            status=None if self.options.quiet else sys.stdout,
            warning=sys.stderr,
            tags=self.options.tag,
        )
        self.watched.configured(self.app)
        freeze()  # what is set up now lives through the build: the collector need not look at it

    def close(self) -> None:
        self.app = None
        self.stack.close()
        unfreeze()
        gc.collect()  # the last application, while nothing is waiting

    def build(self, builds: Builds) -> None:
        """Build with the prepared application; tell the pages; then put it away."""
        start = time.perf_counter()
        try:
            if self.app is None:
                self.prepare()
            self.app.build()
            ok = self.app.statuscode == 0
        except Exception:
            traceback.print_exc()
            ok = False
        builds.finished()
        print(f"serve: built in {time.perf_counter() - start:.2f} s{'' if ok else ' (with errors)'}", flush=True)
        self.close()


def restart() -> None:
    """The extension's code changed: start this server again, as it was started."""
    print("serve: Python code changed; restarting", flush=True)
    os.execv(sys.executable, [sys.executable, "-m", "portfolio.serve", *sys.argv[1:]])


def serve(options: argparse.Namespace) -> None:
    import watchfiles

    session = Session(options)
    builds = Builds()
    server = ThreadingHTTPServer((options.host, options.port), handler(session.outdir, builds, options.host))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    # every 0.2 s at the latest (an empty set): the next build's application is set up in between
    watching = watchfiles.watch(session.srcdir, watch_filter=session.watched, yield_on_timeout=True, rust_timeout=200)
    next(watching)  # watching from now on: what changes during the first build is built next
    session.build(builds)
    print(f"serve: http://{options.host}:{options.port}/ (Ctrl+C to stop)", flush=True)
    for changes in watching:
        if session.app is None:
            try:
                session.prepare()
            except Exception:
                traceback.print_exc()
        changed = {Path(name) for _, name in changes}
        if not changed:
            continue
        if any(session.watched.is_code(p) for p in changed):
            server.server_close()
            restart()
        if session.app is not None and not all(p.suffix in session.watched.pages for p in changed):
            session.close()  # conf.py, a bib file, a template...: set up anew
        print(f"serve: changed: {', '.join(sorted(str(p.relative_to(session.srcdir)) for p in changed)[:5])}")
        session.build(builds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portfolio.serve", description=__doc__.split("\n\n")[0])
    parser.add_argument("sourcedir")
    parser.add_argument("outputdir")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("-d", dest="doctreedir", default="")
    parser.add_argument("-D", dest="define", action="append", default=[], metavar="setting=value")
    parser.add_argument("-t", dest="tag", action="append", default=[])
    parser.add_argument("-n", dest="nitpicky", action="store_true")
    parser.add_argument("-q", dest="quiet", action="store_true")
    options = parser.parse_args(argv)
    try:
        serve(options)
    except KeyboardInterrupt:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
