"""Limits with sentences: an offline engine refuses a line longer than it can sensibly speak as one take (the
line fails with the sentence, nothing is rendered), a line of 100,000 spaces is empty, and MiniMax's own limit
is named."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from studio.domain.model import EMPTY, FAILED, STALE, Delivery
from studio.engines.espeak import EspeakEngine
from studio.engines.kokoro import KokoroEngine
from studio.engines.speech import OFFLINE_MAX_LINE_CHARS, EngineError, SpeechEngine
from studio.render.planner import RenderPlanner
from studio.store.project_file import ProjectStore


@pytest.mark.parametrize("engine", [EspeakEngine(), KokoroEngine()], ids=["espeak", "kokoro"])
def test_a_line_too_long_for_one_take_fails_with_a_sentence(tmp_path: Path, engine: SpeechEngine) -> None:
    store = ProjectStore.create(tmp_path / "long.troupe", "S")
    try:
        role = store.add_role("旁白", voices={"espeak": "narrator", "kokoro": "narrator"})
        long_line = "雨一直下。" * (OFFLINE_MAX_LINE_CHARS // 5 + 1)
        ep = store.add_episode("E", "zh", [(role.id, long_line, Delivery(), None),
                                           (role.id, "他走了。", Delivery(), None),
                                           (role.id, " " * 100_000, Delivery(), None)])
        started = time.perf_counter()
        plans = RenderPlanner(store, engine).plan(ep.id)
        assert time.perf_counter() - started < 5  # bounded work, not quadratic in the spaces
        assert [p.status for p in plans] == [FAILED, STALE, EMPTY]
        assert plans[0].error is not None and str(OFFLINE_MAX_LINE_CHARS) in plans[0].error
        assert "Split it into shorter lines" in plans[0].error
        assert plans[0].job is None
    finally:
        store.close()


def test_the_limit_counts_the_words_not_the_surrounding_space() -> None:
    from studio.engines.speech import check_line_length

    check_line_length(" " * 50_000 + "好" * OFFLINE_MAX_LINE_CHARS, "Kokoro")  # at the limit: fine
    with pytest.raises(EngineError, match="at most"):
        check_line_length("好" * (OFFLINE_MAX_LINE_CHARS + 1), "Kokoro")
