"""Fixtures for the writing room: the fake OpenAI-compatible chat server and a chat client pointed at it.

No test here reaches the internet: every client is built on the fake's 127.0.0.1 URL, and the MiniMax
variables and keyring are cleared so no real key is ever picked up.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

_ROOT = Path(__file__).resolve().parents[2]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from studio.actions.writing import Chat, connect  # noqa: E402
from studio.engines.minimax.client import RetryPolicy  # noqa: E402
from studio.store.project_file import ProjectStore  # noqa: E402
from tests.fake_llm.fixture import fake_llm  # noqa: E402,F401
from tests.fake_llm.server import FakeLLM  # noqa: E402

FAST_RETRY = RetryPolicy(max_attempts=2, base_delay=0.01, max_delay=0.02)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("MINIMAX_API_KEY", "MINIMAX_API_HOST", "MINIMAX_GROUP_ID", "TROUPE_LLM_API_KEY", "TROUPE_LLM_MODEL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TROUPE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("TROUPE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr("studio.engines.minimax.config._keyring_get", lambda: None)


@pytest.fixture
async def chat(fake_llm: FakeLLM) -> AsyncIterator[Chat]:  # noqa: F811
    client = await connect(base_url=fake_llm.url, api_key=fake_llm.api_key, retry=FAST_RETRY)
    yield client
    await client.aclose()


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def project(tmp_path: Path) -> Callable[..., Path]:
    """A closed project file with a cast and one Chinese episode; returns its path."""

    def build(name: str = "series.troupe") -> Path:
        path = tmp_path / name
        store = ProjectStore.create(path, "雨夜")
        narrator = store.add_role("旁白")
        lin = store.add_role("林晚", gender="female")
        gu = store.add_role("顾沉", gender="male")
        store.add_episode("第一集", "zh", [
            (narrator.id, "雨下了一整夜。", _d(), None),
            (lin.id, "谁在外面？", _d("fearful"), 800),
            (gu.id, "是我，开门。", _d(), None),
            (lin.id, "你不是已经死了吗？", _d("surprised"), None),
            (gu.id, "我回来了。", _d(), None),
        ])
        store.close()
        return path

    return build


def _d(emotion: str | None = None) -> Any:
    from studio.domain.model import Delivery

    return Delivery(emotion=emotion)


def user_text(body: dict[str, Any]) -> str:
    return next(m["content"] for m in reversed(body["messages"]) if m["role"] == "user")


def asked_lines(body: dict[str, Any], marker: str) -> list[dict[str, Any]]:
    """The JSON list a prompt gives after ``marker`` (the lines to translate or rewrite)."""
    for message in body["messages"]:
        if message["role"] != "user":
            continue
        m = re.search(re.escape(marker) + r"\s*(\[.*?\])\s*(?:\n|$)", message["content"], re.DOTALL)
        if m:
            return json.loads(m.group(1))
    raise AssertionError(f"no {marker!r} in the request")
