"""Web APIs answered offline: a local HTTP server that replays recorded answers in the APIs' own
documented formats (ORCID v3.0 JSON, Crossref REST ``works`` JSON, arXiv Atom), so the importers'
real client (requests, retries, time-outs, the cache) is tested without the network.

A folder of ``tests/roots/apis/`` holds ``routes.json``: a list of routes, each with the ``path``
it answers, optionally the ``query`` parameters it needs (each value exactly), and either a
``file`` of the folder (200) or a ``status`` (and ``headers``); ``times`` answers only that often,
then the next route that fits answers. Anything else is 404, as the APIs answer an unknown record.
"""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

APIS = Path(__file__).resolve().parent / "roots" / "apis"
TYPES = {".json": "application/json", ".xml": "application/atom+xml; charset=utf-8"}


@dataclass
class Asked:
    """One request the server got."""

    path: str
    query: dict[str, str]
    user_agent: str


@dataclass
class Recorded:
    """The server of one folder: its address, what it was asked, how many requests were open at once."""

    base: str
    asked: list[Asked] = field(default_factory=list)
    most_at_once: int = 0
    _open: int = 0

    def api(self, name: str) -> str:
        """The base address of one API: ``orcid`` (its /v3.0), ``crossref``, ``arxiv``."""
        return {
            "orcid": f"{self.base}/orcid/v3.0",
            "crossref": f"{self.base}/crossref",
            "arxiv": f"{self.base}/arxiv/api",
        }[name]


@contextmanager
def recorded(folder: str) -> Iterator[Recorded]:
    """The answers of ``tests/roots/apis/<folder>`` on a free local port."""
    root = APIS / folder
    routes: list[dict[str, Any]] = json.loads((root / "routes.json").read_text(encoding="utf-8"))
    used = [0] * len(routes)
    lock = threading.Lock()
    state = Recorded("")

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            with lock:
                state.asked.append(Asked(url.path, query, self.headers.get("User-Agent", "")))
                state._open += 1
                state.most_at_once = max(state.most_at_once, state._open)
                route = None
                for i, candidate in enumerate(routes):
                    if candidate["path"] != url.path or any(
                        query.get(k) != v for k, v in candidate.get("query", {}).items()
                    ):
                        continue
                    if "times" in candidate and used[i] >= candidate["times"]:
                        continue
                    used[i] += 1
                    route = candidate
                    break
            try:
                if route is None:
                    self.answer(404, b'{"error": "not found"}', "application/json")
                elif "file" in route:
                    path = root / route["file"]
                    self.answer(
                        route.get("status", 200), path.read_bytes(), TYPES[path.suffix], route.get("headers", {})
                    )
                else:
                    self.answer(route["status"], b"", "text/plain", route.get("headers", {}))
            finally:
                with lock:
                    state._open -= 1

        def answer(self, status: int, body: bytes, kind: str, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state.base = f"http://127.0.0.1:{server.server_port}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def closed_port() -> str:
    """An address on which nothing listens: what a command sees offline (connection refused)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"
