"""Every use of furo's private names."""

from __future__ import annotations

#: (module, function) of furo's ``build-finished`` handler that writes ``_static/pygments.css``
#: on every build (its highlighting colours for light and dark mode)
PYGMENTS_CSS_HANDLER = ("furo", "_overwrite_pygments_css")
