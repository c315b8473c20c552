"""The ``fake_llm`` pytest fixture: a started ``FakeLLM`` per test, stopped afterwards.

Register it from a conftest with ``from tests.fake_llm.fixture import fake_llm``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fake_llm.server import FakeLLM


@pytest.fixture
def fake_llm() -> Iterator[FakeLLM]:
    server = FakeLLM().start()
    try:
        yield server
    finally:
        server.stop()
