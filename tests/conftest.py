"""Test-wide environment: no display, no real settings, no network.

Each test session gets its own config and data folders, so a developer's real settings and recent
projects are never read or written by the tests.
"""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")
_tmp = tempfile.mkdtemp(prefix="troupe-tests-")
os.environ["TROUPE_CONFIG_DIR"] = os.path.join(_tmp, "config")
os.environ["TROUPE_DATA_DIR"] = os.path.join(_tmp, "data")
os.environ["TROUPE_CACHE_DIR"] = os.path.join(_tmp, "cache")  # voice embeddings: the session's own, shared
os.environ.pop("MINIMAX_API_KEY", None)
os.environ.pop("MINIMAX_API_HOST", None)
os.environ.pop("MINIMAX_GROUP_ID", None)
os.environ["NO_PROXY"] = "127.0.0.1,localhost"

# The tests render many takes; hearing each one back with the recogniser would only slow them. The tests
# of the check switch it on where they need it.
from studio.settings import Settings as _Settings  # noqa: E402

_settings = _Settings()
_settings.set("listen_back", False)
_settings.save()
del _settings
