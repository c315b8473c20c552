"""Fixtures for the MiniMax engine tests: the fake server and engines pointed at it.

No test here may reach the internet: every engine is built with the fake's 127.0.0.1 URL, and the
environment's MiniMax variables are cleared so a developer's real key is never picked up.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[3]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from studio.engines.minimax.client import RetryPolicy  # noqa: E402
from studio.engines.minimax.engine import MiniMaxEngine  # noqa: E402
from studio.engines.minimax.ratelimit import RateLimits  # noqa: E402
from tests.fake_minimax.fixture import fake_minimax  # noqa: E402,F401
from tests.fake_minimax.server import FakeMiniMax  # noqa: E402

FAST_RETRY = RetryPolicy(max_attempts=6, base_delay=0.02, max_delay=0.2)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("MINIMAX_API_KEY", "MINIMAX_API_HOST", "MINIMAX_GROUP_ID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TROUPE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("TROUPE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr("studio.engines.minimax.config._keyring_get", lambda: None)


@pytest.fixture
async def make_engine(fake_minimax: FakeMiniMax) -> AsyncIterator[Callable[..., MiniMaxEngine]]:  # noqa: F811
    made: list[MiniMaxEngine] = []

    def build(**options: object) -> MiniMaxEngine:
        options.setdefault("api_key", fake_minimax.api_key)
        options.setdefault("host", fake_minimax.url)
        options.setdefault("retry", FAST_RETRY)
        options.setdefault("limits", RateLimits(window=60.0))
        engine = MiniMaxEngine(**options)  # type: ignore[arg-type]
        made.append(engine)
        return engine

    yield build
    for engine in made:
        await engine.aclose()


@pytest.fixture
def engine(make_engine: Callable[..., MiniMaxEngine]) -> MiniMaxEngine:
    return make_engine()
