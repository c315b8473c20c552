"""The ``fake_minimax`` pytest fixture: a started ``FakeMiniMax`` per test, stopped afterwards.

Register it from a conftest with ``from tests.fake_minimax.fixture import fake_minimax``. Only the
fixture lives here; the server is in ``server``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fake_minimax.server import FakeMiniMax


@pytest.fixture
def fake_minimax() -> Iterator[FakeMiniMax]:
    server = FakeMiniMax().start()
    try:
        yield server
    finally:
        server.stop()
