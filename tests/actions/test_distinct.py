"""Roles that sound alike, found by their voices' speaker embeddings: the action and ``troupe cast --check``,
with real eSpeak renders (fast) and the real encoder."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

from studio.actions.distinct import ALIKE_AT, alike_roles
from studio.domain.model import Role
from studio.engines.espeak import EspeakEngine
from studio.library import embedding
from studio.library.embedding import EmbeddingCache

pytestmark = [pytest.mark.skipif(embedding.weights_path() is None, reason="resemblyzer's weights are not installed"),
              pytest.mark.timeout(600)]  # each voice is rendered and embedded: seconds on an idle machine


class CountingEngine(EspeakEngine):
    """The real eSpeak engine, counting what it is asked to say."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    async def synthesize(self, request):  # type: ignore[no-untyped-def]
        self.calls += 1
        return await super().synthesize(request)


def _role(i: int, name: str, voice: str) -> Role:
    return Role(id=i, name=name, voices={"espeak": voice})


def test_shared_and_alike_voices_are_named_and_the_cache_spares_renders(tmp_path: Path) -> None:
    roles = [_role(1, "林晚", "child"), _role(2, "小雨", "child"), _role(3, "老陈", "old_man"),
             _role(4, "旁白", "narrator")]
    engine = CountingEngine()
    cache = EmbeddingCache(tmp_path)
    pairs = asyncio.run(alike_roles(roles, engine, "zh", cache))
    assert engine.calls == 3 * 2  # three voices, two sample lines each
    assert pairs[0].first == "林晚" and pairs[0].second == "小雨" and pairs[0].similarity == 1.0
    assert pairs[0].sentence == "林晚 and 小雨 share a voice — pick another voice for one."
    assert all({p.first_voice, p.second_voice} != {"child", "old_man"} for p in pairs)
    assert all(p.similarity >= ALIKE_AT for p in pairs)
    again = asyncio.run(alike_roles(roles, engine, "zh", cache))
    assert again == pairs and engine.calls == 6  # from the cache: nothing rendered


def test_a_lower_threshold_reports_more_pairs(tmp_path: Path) -> None:
    roles = [_role(1, "A", "child"), _role(2, "B", "old_man")]
    cache = EmbeddingCache(tmp_path)
    assert asyncio.run(alike_roles(roles, EspeakEngine(), "en", cache)) == []
    loose = asyncio.run(alike_roles(roles, EspeakEngine(), "en", cache, threshold=-1.0))
    assert len(loose) == 1 and "sound alike (" in loose[0].sentence


def test_cast_check_prints_the_alike_roles(tmp_path: Path) -> None:
    env = dict(os.environ, TROUPE_CACHE_DIR=str(tmp_path / "cache"), TROUPE_CONFIG_DIR=str(tmp_path / "config"),
               TROUPE_DATA_DIR=str(tmp_path / "data"))

    def troupe(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "studio.cli", *args], capture_output=True, text=True,
                              timeout=300, env=env)

    script = tmp_path / "script.txt"
    script.write_text("林晚：你到底想怎么样？\n小雨：我不知道。\n老陈：都别说了。\n", encoding="utf-8")
    project = tmp_path / "p.troupe"
    assert troupe("import", str(script), str(project)).returncode == 0
    for role, voice in (("林晚", "girl"), ("小雨", "girl"), ("老陈", "old_man")):
        assert troupe("cast", str(project), role, voice, "--engine", "espeak").returncode == 0
    proc = troupe("cast", "--check", str(project), "--engine", "espeak")
    assert proc.returncode == 1, proc.stderr
    assert "林晚 and 小雨 share a voice — pick another voice for one." in proc.stdout
    assert "老陈" not in proc.stdout
    assert troupe("cast", str(project), "小雨", "child", "--engine", "espeak").returncode == 0
    proc = troupe("cast", "--check", str(project), "--engine", "espeak")
    assert "share a voice" not in proc.stdout
    assert proc.returncode == (1 if "sound alike" in proc.stdout else 0)
    proc = troupe("cast", str(project))
    assert proc.returncode == 2 and "Name a ROLE" in proc.stderr
