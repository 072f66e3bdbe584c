"""``nox -s serve`` (``portfolio.serve``): the site served, built again after a save, the page told
to reload, and what it then shows equal to a clean build of the same sources."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO, copy_site, run_sphinx
from test_incremental import contents


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(tmp_path):
    src = copy_site(tmp_path / "src")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO / "_ext")}
    command = [sys.executable, "-m", "portfolio.serve", "-q", "--port", str(port), str(src), str(tmp_path / "html")]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    log = []
    for line in process.stdout:
        log.append(line)
        if "serve: http" in line:
            break
    else:
        pytest.fail("".join(log))

    def get(path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as answer:
            return str(answer.read().decode())

    yield src, tmp_path / "html", get
    process.terminate()
    process.communicate(timeout=60)


def wait_for_build(get, token: str) -> None:
    deadline = time.monotonic() + 120
    while get("/_portfolio/build") == token:
        assert time.monotonic() < deadline, "no build after the save"
        time.sleep(0.05)


def test_a_saved_page_is_built_and_reloaded(server, tmp_path):
    src, html, get = server
    page = get("/sections/talks.html")
    assert "/_portfolio/build" in page and "location.reload()" in page  # the reload script
    assert "Opening the Black Box" in page
    token = get("/_portfolio/build")
    talks = src / "sections" / "talks.md"
    talks.write_text(talks.read_text().replace("{talk} Opening the Black Box", "{talk} Opening the Box"))
    wait_for_build(get, token)
    assert "Opening the Box" in get("/sections/talks.html")
    assert "Opening the Box" in get("/index.html")  # the landing page's latest talks
    clean = run_sphinx(src, builddir=tmp_path / "clean")
    assert contents(html) == contents(Path(clean.outdir))


def test_a_changed_bib_file_is_read_again(server):
    src, _, get = server
    token = get("/_portfolio/build")
    bib = src / "refs.bib"
    bib.write_text(bib.read_text().replace("{Unmasking Clever Hans Predictors}", "{Unmasking Clever Hans}"))
    wait_for_build(get, token)
    assert "Unmasking Clever Hans</" in get("/papers/other2019clever.html")
