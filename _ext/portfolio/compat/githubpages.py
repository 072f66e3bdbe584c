"""Every use of ``sphinx.ext.githubpages``' internals."""

from __future__ import annotations

#: (module, function) of its ``env-updated`` handler that writes ``.nojekyll`` and ``CNAME`` on
#: every build
NOJEKYLL_CNAME_HANDLER = ("sphinx.ext.githubpages", "create_nojekyll_and_cname")
