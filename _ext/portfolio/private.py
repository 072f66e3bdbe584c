"""Private contact data: phone and street address, never in a tracked file.

A repository is public; a CV sent with a job application may carry a phone number. The
``profile`` takes them from ``private.toml`` next to ``conf.py`` (git-ignored; its
``[profile]`` table: ``phone``, ``address``) or from the environment variables
``PORTFOLIO_PHONE`` / ``PORTFOLIO_ADDRESS``, which win, and only where ``conf.py`` sets
``portfolio_show_private_contact = True``: otherwise they are not even read. A change
of either re-reads the pages with a profile.
"""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .config import portfolio_settings
from .domain import cv_domain
from .validate import cut
from .warnings import Subtype, warn

PRIVATE_FILE = "private.toml"
#: the environment variable of each private field
VARIABLES = {"phone": "PORTFOLIO_PHONE", "address": "PORTFOLIO_ADDRESS"}


def private_file(env: BuildEnvironment) -> Path:
    return Path(env.srcdir, PRIVATE_FILE)


def read_private(env: BuildEnvironment, warn_about: bool = True) -> dict[str, str]:
    """Phone and address from private.toml's ``[profile]`` and the environment (which wins)."""
    values: dict[str, str] = {}
    path = private_file(env)
    if path.is_file():
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8")).get("profile", {})
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
            if warn_about:
                line = re.search(r"line (\d+)", str(err))
                warn(
                    f"{PRIVATE_FILE} cannot be read ({err}); no phone or address from it",
                    Subtype.PRIVATE,
                    f"{path}:{line.group(1) if line else 1}",
                )
            table = {}
        if isinstance(table, dict):
            values |= {k: v for k in VARIABLES if isinstance(v := table.get(k), str)}
    values |= {k: v for k, var in VARIABLES.items() if (v := os.environ.get(var, ""))}
    return {k: cut(" ".join(v.split())) for k, v in values.items() if v.strip()}


def _signature(env: BuildEnvironment) -> str:
    """A digest, not the values: the environment is pickled to disk."""
    values = sorted(read_private(env, warn_about=False).items())
    return hashlib.sha256(repr(values).encode()).hexdigest()


def _profile_pages(env: BuildEnvironment) -> set[str]:
    domain = cv_domain(env)
    return {docname for (docname, _), entry in domain.entries.items() if entry.kind == "profile"}


def reread_profiles(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages with a profile, where the private values differ from those they were read with."""
    if not portfolio_settings(app.config).show_private_contact or cv_domain(env).kept.private == _signature(env):
        return []
    return sorted(_profile_pages(env))


def remember(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After every read (``pipeline.py``): the values the profiles were read with."""
    cv_domain(env).kept.private = _signature(env) if portfolio_settings(app.config).show_private_contact else None
    return []


def setup_private(app: Sphinx) -> None:
    """``remember`` runs in the pipeline, after reading."""
    app.connect("env-get-outdated", reread_profiles)
