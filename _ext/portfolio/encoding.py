"""Invalid UTF-8 costs a warning, not the build.

Sphinx 9 and sphinxcontrib-bibtex stop with a traceback on a byte that is not
UTF-8. Where a project keeps the default encodings, both read through a codec
that replaces such bytes (U+FFFD), and each file where that happened gets a
``portfolio.encoding`` warning with the line of the first bad byte.
"""

from __future__ import annotations

import codecs
import encodings.utf_8_sig
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from .warnings import Subtype, warn

LENIENT = "portfolio_utf8_replace"
DEFAULTS = ("utf-8-sig", "utf-8", "utf8")


class _Decoder(encodings.utf_8_sig.IncrementalDecoder):
    def __init__(self, errors: str = "strict") -> None:
        super().__init__("replace")


def _lenient(data: bytes, errors: str = "strict") -> tuple[str, int]:
    return codecs.utf_8_decode(data.removeprefix(codecs.BOM_UTF8), "replace", True)


def _search(name: str) -> codecs.CodecInfo | None:
    if name != LENIENT:
        return None
    return codecs.CodecInfo(
        name=LENIENT,
        encode=codecs.utf_8_encode,
        decode=_lenient,  # type: ignore[arg-type]
        incrementalencoder=encodings.utf_8_sig.IncrementalEncoder,
        incrementaldecoder=_Decoder,
    )


codecs.register(_search)


def first_bad_line(path: Path) -> int | None:
    """The line of the first byte that is not UTF-8, or None."""
    data = path.read_bytes()
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return data.count(b"\n", 0, err.start) + 1
    return None


def use_lenient_codec(app: Sphinx, config: Config) -> None:
    if str(config.source_encoding).lower() in DEFAULTS:
        config.source_encoding = LENIENT
    if "bibtex_encoding" in config and str(config.bibtex_encoding).lower() in DEFAULTS:
        config.bibtex_encoding = LENIENT


def check_source(app: Sphinx, docname: str, source: list[str]) -> None:
    if "\ufffd" in source[0] and app.config.source_encoding == LENIENT:
        path = Path(app.env.doc2path(docname))
        line = first_bad_line(path)
        if line is not None:
            warn("bytes that are not UTF-8 were replaced by \ufffd", Subtype.ENCODING, f"{path}:{line}")


def setup_encoding(app: Sphinx) -> None:
    app.connect("config-inited", use_lenient_codec, priority=900)
    app.connect("source-read", check_source)
