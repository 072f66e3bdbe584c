"""Where cards are parsed: one directive module per kind of entry."""

from __future__ import annotations

from sphinx.application import Sphinx

from .award import setup_award
from .education import setup_education
from .entry import setup_entry
from .grant import setup_grant
from .intersphinx import setup_intersphinx_snippet
from .patent import setup_patent
from .position import setup_position
from .profile import setup_profile
from .skill import setup_skill
from .software import setup_software
from .talk import setup_talk


def setup_directives(app: Sphinx) -> None:
    for setup_card in (
        setup_position,
        setup_education,
        setup_grant,
        setup_award,
        setup_talk,
        setup_patent,
        setup_skill,
        setup_profile,
        setup_software,
        setup_entry,
        setup_intersphinx_snippet,
    ):
        setup_card(app)
