"""``skill``: one category of skills; its body lists them."""

from __future__ import annotations

from sphinx.application import Sphinx

from .base import CardDirective


class SkillDirective(CardDirective):
    """A skill category; undated, so it keeps the order it is written in."""

    kind = "skill"


def setup_skill(app: Sphinx) -> None:
    app.add_directive("skill", SkillDirective)
