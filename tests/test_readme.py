"""The README documents exactly the settings and warning subtypes the extension has."""

from __future__ import annotations

import re

from conftest import REPO
from portfolio.config import SETTINGS
from portfolio.warnings import Subtype

README = (REPO / "README.md").read_text(encoding="utf-8")


def first_cells(pattern: str) -> set[str]:
    """The names in the first cell of every README table row that match ``pattern``."""
    return set(re.findall(rf"^\| `({pattern})` \|", README, flags=re.MULTILINE))


def test_every_setting_is_documented_and_no_other():
    assert first_cells(r"portfolio_[a-z_]+") == {setting.name for setting in SETTINGS}


def test_every_warning_subtype_is_documented_and_no_other():
    assert first_cells(r"portfolio\.[a-z_]+") == {f"portfolio.{subtype}" for subtype in Subtype}
