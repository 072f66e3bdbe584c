"""The person of an imported CV: accounts on social networks and the photo, as the ``profile``
directive takes them. Shared by the RenderCV and the JSON Resume importer.

A user name goes into an address, so only a name that cannot leave it is one; a photo is read
only from the imported file's folder (or below it), whatever its path says, and only where it
is an image by content.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..untrusted import image_problem
from . import markdown as md
from .cards import Card, one_line
from .report import Report

#: networks with a profile option of their own
ACCOUNT_OPTIONS = {"github": "github", "linkedin": "linkedin", "orcid": "orcid"}
#: the other networks RenderCV knows, with its URL patterns
NETWORK_URLS = {
    "gitlab": "https://gitlab.com/{}",
    "imdb": "https://imdb.com/name/{}",
    "instagram": "https://instagram.com/{}",
    "stackoverflow": "https://stackoverflow.com/users/{}",
    "researchgate": "https://researchgate.net/profile/{}",
    "youtube": "https://youtube.com/@{}",
    "telegram": "https://t.me/{}",
    "leetcode": "https://leetcode.com/u/{}",
    "x": "https://x.com/{}",
    "twitter": "https://twitter.com/{}",
    "bluesky": "https://bsky.app/profile/{}",
    "whatsapp": "https://wa.me/{}",
}
#: a social network's user name: what goes into an address, nothing that could leave it
USERNAME_RE = re.compile(r"^@?[\w.+-]+(?:@[\w.-]+)?$")
#: the largest photo an import copies (a CV photo is a few hundred kB)
MAX_PHOTO_BYTES = 20_000_000
#: a file name the photo may keep in the project
PHOTO_NAME_RE = re.compile(r"^\w[\w.-]{0,100}$")


def network_key(network: str) -> str:
    return network.lower().replace(" ", "")


def network_url(network: str, username: str) -> str | None:
    """The profile URL RenderCV would link, for networks without an option here."""
    key = network_key(network)
    if key == "mastodon" and username.count("@") == 2:
        _, user, host = username.split("@")
        return f"https://{host}/@{user}"
    pattern = NETWORK_URLS.get(key)
    return pattern.format(username) if pattern else None


def network_lines(network: str, username: str, card: Card, where: str, report: Report, url: str = "") -> list[str]:
    """One account: an option of the profile, a link in its body, or text. A user name that could
    not be part of an address (``<img onerror>``, spaces, a path) is only ever text; an address
    given with it (JSON Resume's ``url``) is a link where it is http(s)."""
    key = network_key(network)
    name, user = one_line(network, 200), one_line(username, 200)
    if user and not USERNAME_RE.match(user):
        report.warn(where, f"{name}: user name {user[:80]!r} cannot be part of an address: kept as text")
        return [md.escape(f"{name}: {user}")]
    if user and key in ACCOUNT_OPTIONS and ACCOUNT_OPTIONS[key] not in card.options:
        card.options[ACCOUNT_OPTIONS[key]] = user.lstrip("@")
        return []
    if key == "googlescholar" and "scholar" not in card.options and (user or url):
        if user:
            card.options["scholar"] = f"https://scholar.google.com/citations?user={user}"
            return []
        if checked := md.checked_url(url, lambda what: report.warn(where, what)):
            if checked.startswith("https://"):
                card.options["scholar"] = checked
                return []
    link = url or (network_url(network, user) if user else None)
    shown = f"{name}: {user}" if user else name
    if link and (checked := md.checked_url(link, lambda what: report.warn(where, what))):
        report.warn(where, f"{name} has no profile option: kept as a link")
        return [md.link(md.escape(shown, line_start=False), checked)]
    report.warn(where, f"{name} is not a network RenderCV knows: kept as text")
    return [md.escape(shown)]


def read_photo(photo: str | None, source_dir: Path, where: str, report: Report) -> tuple[str, bytes] | None:
    """A photo path is relative to the imported file: only an image file in its folder (or below
    it) is taken, whatever the path says (``/etc/...``, ``../../x.png``, a symlink out), and only a
    real image (a scripted SVG is not one). Read before anything is written."""
    if not photo:
        return None
    if md.scheme(photo) in ("http", "https"):
        report.warn(where, f"{photo[:80]!r} is a web address: download it next to the CV file to import it; no photo")
        return None
    source = source_dir / photo
    problem = ""
    if not source.resolve().is_relative_to(source_dir.resolve()):
        problem = "is not in the CV file's folder"
    elif not source.is_file():
        problem = "is not a file"
    elif source.stat().st_size > MAX_PHOTO_BYTES:
        problem = f"is larger than {MAX_PHOTO_BYTES // 1_000_000} MB"
    else:
        problem = image_problem(source.resolve())
    if problem:
        report.warn(where, f"{photo[:80]!r} {problem}: no photo")
        return None
    name = source.name if PHOTO_NAME_RE.match(source.name) else f"photo{source.suffix.lower()}"
    return name, source.read_bytes()
