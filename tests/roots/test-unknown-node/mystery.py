"""A third-party node with an HTML visitor only, as other extensions write them."""

from docutils import nodes
from sphinx.util.docutils import SphinxDirective


class mystery(nodes.General, nodes.Element):  # noqa: N801
    pass


class MysteryDirective(SphinxDirective):
    has_content = True

    def run(self):
        node = mystery()
        self.set_source_info(node)
        node += nodes.paragraph(text="The mystery text survives.")
        return [node]


def setup(app):
    app.add_node(mystery, html=(lambda s, n: s.body.append("<div>"), lambda s, n: s.body.append("</div>")))
    app.add_directive("mystery", MysteryDirective)
    return {"parallel_read_safe": True}
