"""The README documents exactly the settings and warning subtypes the extension has."""

from __future__ import annotations

import ast
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


def test_every_default_in_the_settings_tables_is_the_models():
    """Where the README gives a setting's default as a Python value, it is the model's default."""
    defaults = {setting.name: setting.default for setting in SETTINGS}
    compared = 0
    for name, cell in re.findall(r"^\| `(portfolio_[a-z_]+)` \| ([^|]*) \|", README, flags=re.MULTILINE):
        written = re.match(r"`([^`]*)`", cell.strip())
        try:
            value = ast.literal_eval(written.group(1)) if written else None
        except (ValueError, SyntaxError):  # a description such as `<project>-cv.pdf`
            continue
        if written:
            assert value == defaults[name], name
            compared += 1
    assert compared >= len(SETTINGS) // 2  # most defaults are plain values
