"""sphinxext-opengraph without its announcement that matplotlib is missing
(``compat/opengraph.py``): ``portfolio`` must come before ``sphinxext.opengraph`` in
``extensions``. Whoever still asks for social cards is told what they need.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from ..compat.opengraph import OPENGRAPH, without_social_cards

logger = logging.getLogger(__name__)


def tell_about_social_cards(app: Sphinx, config: Config) -> None:
    """Social cards asked for (not turned off) but impossible: say why, once."""
    cards = getattr(config, "ogp_social_cards", None) or {}
    if OPENGRAPH in app.extensions and cards.get("enable") is not False:
        logger.info("social cards need matplotlib (pip install matplotlib); without it there are none")


def setup_opengraph(app: Sphinx) -> None:
    if without_social_cards():
        app.connect("config-inited", tell_about_social_cards)
