"""A third-party text builder under another name: Sphinx's text writer without the visitors
the portfolio extension registers for the ``text`` builder."""

from sphinx.builders.text import TextBuilder


class OtherBuilder(TextBuilder):
    name = "othertext"


def setup(app):
    app.add_builder(OtherBuilder)
    return {"parallel_read_safe": True}
