"""Every use of sphinxext-opengraph's internals.

On import, sphinxext-opengraph tries to load its social-card module, which needs matplotlib, and
prints "matplotlib is not installed, social cards will not be generated" where it is missing: on
every build, also with social cards turned off (``ogp_social_cards = {"enable": False}``), and as
a print that no ``suppress_warnings`` reaches. Where matplotlib is not installed, the module is
registered as what opengraph falls back to anyway (no cards) before opengraph is imported.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

OPENGRAPH = "sphinxext.opengraph"
SOCIAL_CARDS = f"{OPENGRAPH}._social_cards"


def without_social_cards() -> bool:
    """Stand in for opengraph's social-card module where matplotlib is missing; True if it did."""
    if SOCIAL_CARDS in sys.modules:
        return getattr(sys.modules[SOCIAL_CARDS], "create_social_card", None) is None
    if OPENGRAPH in sys.modules or importlib.util.find_spec("matplotlib") is not None:
        return False
    stand_in = ModuleType(SOCIAL_CARDS, "opengraph's social cards, which need matplotlib: none")
    stand_in.DEFAULT_SOCIAL_CONFIG = {}  # type: ignore[attr-defined]
    stand_in.create_social_card = None  # type: ignore[attr-defined]
    sys.modules[SOCIAL_CARDS] = stand_in
    return True
