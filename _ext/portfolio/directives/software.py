"""``software``: a tool or code repository, linked to the papers that describe it.

``:paper:`` takes bib keys; the card links to each paper (a ``cv:paper``
reference, so an unknown key warns like any broken reference) and
``transforms.link_papers_to_software`` links each paper back to the card.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx

from ..domain import CVDomain
from ..nodes import joined
from ..warnings import Subtype
from .base import CardDirective, Field, Values

_KEY_RE = re.compile(r"^[^\s,{}]+$")


class SoftwareDirective(CardDirective):
    """A software project; the body says what it does."""

    kind = "software"
    org_fields = ("languages",)
    fields = {
        "repository": Field("url", required=True, label="Code"),
        "url": Field("url", label="Website"),
        "languages": Field(),
        "role": Field(label="Role"),
        "start": Field("date"),
        "end": Field("end"),
        "paper": Field(),
    }

    def read_options(self) -> Values:
        values = super().read_options()
        keys = []
        for key in (k.strip() for k in values.text.get("paper", "").split(",")):
            if key and _KEY_RE.match(key):
                keys.append(key)
            elif key:
                self.warn(f":paper: {key!r} is not a bib key", Subtype.PAPER)
        self._papers = tuple(keys)
        return values

    def papers(self, values: Values) -> tuple[str, ...]:
        return self._papers

    def after_body(self, values: Values) -> list[nodes.Node]:
        """"Described in: <paper title>" first, then the code and website links."""
        result = super().after_body(values)
        if self._papers:
            refs = []
            for key in self._papers:
                ref = pending_xref("", nodes.inline(key, key), refdomain=CVDomain.name, reftype="paper",
                                   reftarget=key, refexplicit=False, refwarn=True)
                self.set_source_info(ref)
                refs.append(ref)
            result.insert(0, nodes.paragraph("", "Described in: ", *joined(refs, "; "), classes=["cv-papers"]))
        return result


def setup_software(app: Sphinx) -> None:
    app.add_directive("software", SoftwareDirective)
