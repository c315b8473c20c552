"""The account's new voices are remembered locally until their first real use (MiniMax's 7-day rule)."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import soundfile

from studio.domain.render_key import SpeechRequest
from studio.engines.minimax.created_voices import CreatedVoices
from studio.engines.minimax.engine import MiniMaxEngine


def _clip(path: Path) -> Path:
    t = np.arange(12 * 16000) / 16000
    soundfile.write(str(path), (0.1 * np.sin(2 * np.pi * 180 * t)).astype(np.float32), 16000)
    return path


async def test_new_clone_is_listed_until_used_then_marked(engine: MiniMaxEngine, tmp_path: Path) -> None:
    engine.created_voices = CreatedVoices(tmp_path / "voices.json")
    result = await engine.clone(_clip(tmp_path / "s.wav"), name="Heroine", voice_id="Heroine2026")
    pending = [v for v in await engine.voices() if v.voice_id == "Heroine2026"]
    assert len(pending) == 1 and "not used yet" in pending[0].description
    assert engine.created_voices.pending()[0].voice_id == result.voice_id

    await engine.synthesize(SpeechRequest(engine="minimax", voice_id="Heroine2026", text="你好。"))
    assert engine.created_voices.pending() == []
    record = engine.created_voices.records()[0]
    assert record.first_used_at is not None and record.first_used_at >= record.created_at


def test_expiry_warnings(tmp_path: Path) -> None:
    reg = CreatedVoices(tmp_path / "v.json")
    now = time.time()
    reg.add("OldVoice001", "old", created_at=now - 8 * 86400)
    reg.add("SoonVoice01", "soon", created_at=now - 6 * 86400)
    reg.add("FreshVoice1", "fresh", created_at=now)
    reg.add("UsedVoice01", "used", created_at=now - 6 * 86400)
    reg.mark_used("UsedVoice01")
    warnings = reg.warnings(within_days=2, now=now)
    assert len(warnings) == 2
    assert any("OldVoice001" in w and "deleted" in w for w in warnings)
    assert any("SoonVoice01" in w and "expires in" in w for w in warnings)
    assert [r.voice_id for r in reg.pending(now)] == ["SoonVoice01", "FreshVoice1"]
