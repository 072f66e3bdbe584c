"""Asking a public web API politely: ORCID, Crossref and arXiv, with ``requests``.

One request at a time, with each API's own pause between two (arXiv asks for three seconds);
a ``User-Agent`` that names the tool and a ``mailto:`` address, as Crossref asks of every
client; time-outs; retries with exponential back-off on a dropped connection, a 429 or a 5xx,
honouring ``Retry-After`` (urllib3's ``Retry``); and a cache on disk, so a second run (a
``--check`` and then the real one) asks nothing again. An answer is untrusted like any input:
its size is capped, JSON and XML are parsed with bounds, and nothing of it is ever run.

OfflineError, or when an API cannot be reached, every command stops with one line (``OfflineError``).
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit
from xml.etree import ElementTree

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from .. import __version__

#: the largest answer read (ORCID's works of a prolific author are a few MB)
MAX_RESPONSE_BYTES = 20_000_000
#: seconds to connect, and to wait for each part of the answer
TIMEOUT = (10.0, 60.0)
#: how long a cached answer is used: a day (a record changes, but not between two runs of a review)
MAX_AGE = 24 * 3600
#: statuses worth asking again, after a pause
RETRY_STATUSES = (429, 500, 502, 503, 504)


class OfflineError(Exception):
    """The API cannot be reached (no network, no name resolution, time-outs after every retry)."""


class APIError(Exception):
    """The API answered, but not with what was asked for (an error status, a malformed body)."""


@dataclass(frozen=True)
class Api:
    """One web API: its name in messages, its base address, the pause it asks between requests."""

    name: str
    base: str
    #: seconds between two requests to it
    interval: float = 0.0

    @property
    def host(self) -> str:
        return urlsplit(self.base).netloc or self.base


#: the APIs' public addresses (each command's ``--*-api`` option points elsewhere: a sandbox, a mirror)
ORCID = Api("ORCID", "https://pub.orcid.org/v3.0", 0.1)
CROSSREF = Api("Crossref", "https://api.crossref.org", 1.0)
ARXIV = Api("arXiv", "https://export.arxiv.org/api", 3.0)


def user_agent(mailto: str | None) -> str:
    """The tool, a way to reach whoever runs it (Crossref's "polite pool"), the library below."""
    contact = f" (mailto:{mailto})" if mailto else ""
    return f"academic-portfolio/{__version__}{contact} python-requests/{requests.__version__}"


@dataclass
class Client:
    """A polite client for one command's run."""

    mailto: str | None = None
    #: a folder for the cache; None for none
    cache: Path | None = None
    #: ask again even where the cache has an answer
    refresh: bool = False
    #: each API's pause, unless set here (tests against a local server set 0)
    interval: float | None = None
    retries: int = 4
    backoff: float = 1.0
    timeout: tuple[float, float] = TIMEOUT
    #: requests sent (not answered from the cache)
    sent: int = 0
    _last: dict[str, float] = field(default_factory=dict)
    _session: requests.Session | None = None

    @property
    def session(self) -> requests.Session:
        if self._session is None:
            retry = Retry(
                total=self.retries,
                backoff_factor=self.backoff,
                status_forcelist=RETRY_STATUSES,
                allowed_methods=frozenset({"GET"}),
                respect_retry_after_header=True,
                raise_on_status=False,
            )
            session = requests.Session()
            session.mount("https://", HTTPAdapter(max_retries=retry))
            session.mount("http://", HTTPAdapter(max_retries=retry))
            session.headers["User-Agent"] = user_agent(self.mailto)
            self._session = session
        return self._session

    def close(self) -> None:
        if self._session is not None:
            self._session.close()

    def get(self, api: Api, path: str, params: dict[str, str] | None = None, accept: str = "") -> str | None:
        """The answer's text, from the cache where it has a fresh one; None for 404 (no such record)."""
        url = api.base.rstrip("/") + path + (f"?{urlencode(params)}" if params else "")
        cached = self._cache_file(url, accept)
        if cached and not self.refresh and (stored := self._cached(cached)) is not None:
            return stored["body"] if stored["status"] == 200 else None
        self._wait(api)
        try:
            with self.session.get(
                url, headers={"Accept": accept} if accept else {}, timeout=self.timeout, stream=True
            ) as response:
                self.sent += 1
                body = self._read(response, api)
                status = response.status_code
        except (requests.ConnectionError, requests.Timeout) as err:
            raise OfflineError(f"cannot reach {api.name} ({api.host}): {_reason(err)}") from err
        except requests.RequestException as err:
            raise APIError(f"{api.name} ({api.host}): {_reason(err)}") from err
        finally:
            self._last[api.host] = time.monotonic()
        if status not in (200, 404):
            raise APIError(f"{api.name} answered {status} for {url}")
        if cached:
            try:
                cached.parent.mkdir(parents=True, exist_ok=True)
                cached.write_text(json.dumps({"url": url, "fetched": time.time(), "status": status, "body": body}))
            except OSError:
                pass  # the cache saves requests; without it the answer is as good
        return body if status == 200 else None

    def json(self, api: Api, path: str, params: dict[str, str] | None = None) -> Any:
        """A JSON answer, parsed; None for 404."""
        text = self.get(api, path, params, "application/json")
        return None if text is None else parse_json(text, api)

    def xml(self, api: Api, path: str, params: dict[str, str] | None = None) -> ElementTree.Element | None:
        """An XML answer (Atom), parsed without a DTD (no entity of the answer's is expanded); None for 404."""
        text = self.get(api, path, params, "application/atom+xml")
        return None if text is None else parse_xml(text, api)

    @staticmethod
    def _cached(path: Path) -> dict[str, Any] | None:
        """A fresh answer of the cache; None where there is none, it is old, or it cannot be read."""
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            fresh = time.time() - float(stored["fetched"]) < MAX_AGE
        except (OSError, ValueError, TypeError, KeyError):
            return None
        return stored if fresh and stored.get("status") in (200, 404) and isinstance(stored.get("body"), str) else None

    def _wait(self, api: Api) -> None:
        interval = api.interval if self.interval is None else self.interval
        if (last := self._last.get(api.host)) is not None and (pause := last + interval - time.monotonic()) > 0:
            time.sleep(pause)

    def _cache_file(self, url: str, accept: str) -> Path | None:
        if self.cache is None:
            return None
        name = hashlib.sha256(f"{accept} {url}".encode()).hexdigest()
        return self.cache / urlsplit(url).netloc.replace(":", "_") / f"{name}.json"

    @staticmethod
    def _read(response: requests.Response, api: Api) -> str:
        chunks, size = [], 0
        for chunk in response.iter_content(1 << 16):
            size += len(chunk)
            if size > MAX_RESPONSE_BYTES:
                raise APIError(f"{api.name} sent more than {MAX_RESPONSE_BYTES // 1_000_000} MB; not read")
            chunks.append(chunk)
        return b"".join(chunks).decode(response.encoding or "utf-8", errors="replace")


def _reason(err: Exception) -> str:
    """The innermost reason of a requests error, on one line ("Name or service not known")."""
    text = str(err.args[0] if err.args else err)
    found = re.findall(r"\[Errno -?\d+\] ([^')\]]+)|(Read timed out|Connection refused|timed out)", text)
    reason = next((a or b for a, b in reversed(found)), "") or type(err).__name__
    return reason.strip().rstrip(".") + " (offline?)"


def parse_json(text: str, api: Api) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as err:
        raise APIError(f"{api.name} sent an answer that is not JSON") from err


#: a DTD can define entities that expand a small answer into gigabytes: an Atom feed has none
_DOCTYPE_RE = re.compile(r"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def parse_xml(text: str, api: Api) -> ElementTree.Element:
    if _DOCTYPE_RE.search(text):
        raise APIError(f"{api.name} sent XML with a DTD, which its format never has; not read")
    try:
        return ElementTree.fromstring(text)
    except (ElementTree.ParseError, RecursionError) as err:
        raise APIError(f"{api.name} sent an answer that is not XML") from err
