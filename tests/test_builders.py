"""Every builder handles the card nodes: readable text, never a crash."""

from __future__ import annotations

import pytest

BUILDERS = {
    "text": "index.txt",
    "latex": "*.tex",
    "man": "*.1",
    "texinfo": "*.texi",
    "singlehtml": "index.html",
    "dirhtml": "index.html",
    "epub": "index.xhtml",
}


@pytest.mark.parametrize(("buildername", "output"), BUILDERS.items())
def test_builder_renders_cards(build, buildername, output):
    app = build("cards", buildername)
    assert "WARNING" not in app.warning.getvalue(), app.warning.getvalue()
    text = next(app.outdir.rglob(output)).read_text()
    for words in (
        "Head of Research",
        "Example Institute",
        "Opening the black box",
        "EP 3271863 B1",
        "13, 14, 16 Dec 2021",
        "German (native), English",
    ):
        assert words in text, (buildername, words)


def test_text_layout(build):
    """Each card is one item: its title after a bullet, its lines indented under it."""
    text = (build("cards", "text").outdir / "index.txt").read_text()
    assert "* Head of Research\n\n  Example Institute · Berlin, Germany · Jan 2021 – present\n\n  Leads" in text
