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
    # as this project's conf.py has it: code of its own in _ext/, tests/ no part of the site
    (src / "_ext").mkdir()
    (src / "_ext" / "local_helper.py").write_text('"""Code of the project."""\n')
    with (src / "conf.py").open("a") as conf:
        conf.write('import sys\nsys.path.insert(0, str(__import__("pathlib").Path(__file__).parent / "_ext"))\n')
        conf.write('exclude_patterns = ["_build", "tests", "_ext"]\n')
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


# -- who the server answers ------------------------------------------------------------------------


@pytest.fixture
def bare_server(tmp_path):
    """The server's request handler on a folder with one page, bound to 127.0.0.1 (no build)."""
    import http.server
    import threading

    from portfolio.serve import Builds, handler

    (tmp_path / "index.html").write_text("<html><body>draft</body></html>")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler(tmp_path, Builds(), "127.0.0.1"))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_port
    server.shutdown()
    server.server_close()


def ask(port: int, path: str, host: str | None) -> tuple[int, str]:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.putrequest("GET", path, skip_host=True)
    if host is not None:
        connection.putheader("Host", host)
    connection.endheaders()
    answer = connection.getresponse()
    body = answer.read().decode("utf-8", "replace")
    connection.close()
    return answer.status, body


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost:8000", "LOCALHOST", "[::1]:8000"])
def test_answers_to_its_own_names(bare_server, host):
    assert ask(bare_server, "/index.html", host) == (200, ask(bare_server, "/index.html", "localhost")[1])
    assert "draft" in ask(bare_server, "/index.html", host)[1]


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:8000", "127.0.0.1.attacker.example", "", None])
def test_other_hosts_are_refused(bare_server, host):
    """DNS rebinding: a page of another site whose name now resolves to 127.0.0.1 reads nothing."""
    status, body = ask(bare_server, "/index.html", host)
    assert status == 421 and "draft" not in body


def test_a_nul_in_the_path_is_a_bad_request(bare_server):
    assert ask(bare_server, "/index%00.html", "localhost")[0] == 400
    assert ask(bare_server, "/index.html", "localhost")[0] == 200  # and the server still answers


def test_bound_to_all_interfaces_it_answers_to_ip_addresses():
    from portfolio.serve import host_allowed

    assert host_allowed("192.168.1.20:8000", "0.0.0.0") and host_allowed("[fe80::1]:8000", "::")
    assert not host_allowed("attacker.example:8000", "0.0.0.0")
    assert host_allowed("my-laptop.local", "my-laptop.local") and not host_allowed("192.168.1.20", "127.0.0.1")


def test_only_what_the_build_reads_is_watched(server):
    """Tests, the sessions' file, hidden files: no build, no restart; a page: one build."""
    src, _, get = server
    token = get("/_portfolio/build")
    (src / "tests").mkdir()
    (src / "tests" / "test_more.py").write_text("def test_more():\n    pass\n")
    (src / "tests" / "notes.md").write_text("# Notes\n")
    (src / "noxfile.py").write_text("# a session\n")
    (src / ".notes.md").write_text("# Notes\n")
    time.sleep(1.5)
    assert get("/_portfolio/build") == token
    talks = src / "sections" / "talks.md"
    talks.write_text(talks.read_text().replace("{talk} Opening the Black Box", "{talk} Opening the Box"))
    wait_for_build(get, token)
    started, _, count = token.partition("-")
    assert get("/_portfolio/build") == f"{started}-{int(count) + 1}"


def test_the_projects_code_restarts_the_server(server):
    src, _, get = server
    token = get("/_portfolio/build")
    (src / "_ext" / "local_helper.py").write_text('"""Code of the project, changed."""\n')
    deadline = time.monotonic() + 120
    while True:  # the restarted server answers with a token of its own once it has built
        try:
            now = get("/_portfolio/build")
        except OSError:
            now = token
        if now.partition("-")[0] != token.partition("-")[0] and now.endswith("-1"):
            break
        assert time.monotonic() < deadline, "no restart after the save"
        time.sleep(0.1)
    assert "Opening the Black Box" in get("/sections/talks.html")
