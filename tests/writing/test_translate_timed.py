"""Translating a timed script (a dub) against the fake chat server: the new episode's lines keep their
source cues, so they stay locked to the picture."""

from __future__ import annotations

import json
from typing import Any

from studio.actions import importing
from studio.actions.writing import Chat, apply_translation, plan_translation
from studio.formats.timed import parse_timed
from studio.store.project_file import ProjectStore
from tests.fake_llm.server import FakeLLM, Reply
from tests.writing.conftest import asked_lines

SRT = """1
00:00:01,000 --> 00:00:02,500
林晚：你来了。

2
00:00:03,000 --> 00:00:05,000
陆沉：我回来了。
"""


async def test_a_translated_dub_keeps_its_cues(fake_llm: FakeLLM, chat: Chat, tmp_path) -> None:
    def answer(body: dict[str, Any]) -> str:
        items = asked_lines(body, "Translate these lines:")
        return json.dumps({"title": "Back", "lines": [{"id": it["id"], "role": it["role"], "text": f"EN {it['id']}"}
                                                       for it in items]})

    fake_llm.reply(Reply(answer))
    with ProjectStore.create(tmp_path / "dub.troupe", "Dub") as store:
        source = importing.apply_import(store, importing.plan_import(store, parse_timed(SRT, "srt"))).episode
        plan = await plan_translation(store, chat, source.id, "en")
        episode = apply_translation(store, plan).result.episode
        before, after = store.lines(source.id), store.lines(episode.id)
        assert [(ln.cue_start_ms, ln.cue_end_ms) for ln in before] == [(1000, 2500), (3000, 5000)]
        assert [(ln.cue_start_ms, ln.cue_end_ms) for ln in after] == [(ln.cue_start_ms, ln.cue_end_ms)
                                                                      for ln in before]
        assert [ln.text for ln in after] == [f"EN {ln.id}" for ln in before]
