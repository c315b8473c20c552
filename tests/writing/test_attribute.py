"""Attributing prose with a chat model against the fake server: text copied from the chapter, speakers named
in it, the roster carried between chunks; a chapter imports as one episode, offline too."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from studio.actions import ActionError
from studio.actions.writing import Chat, apply_attribution, plan_attribution
from studio.store.project_file import ProjectStore
from tests.fake_llm.server import FakeLLM, Reply
from tests.writing.conftest import file_hash


def first_user(body: dict[str, Any]) -> str:
    return next(m["content"] for m in body["messages"] if m["role"] == "user")


def answer_all(speaker: str) -> Callable[[dict[str, Any]], str]:
    """Answers any chunk: each paragraph's quotation by ``speaker``, then its tag as narration; lists 顾沉
    (alias 顾总) until the roster it is shown already has him."""

    def answer(body: dict[str, Any]) -> str:
        content = first_user(body)
        lines = []
        for n, quote, tag in re.findall(r"^\[(\d+)\] “(.*?)”(.*)$", content, re.MULTILINE):
            lines.append({"paragraph": int(n), "kind": "dialogue", "speaker": speaker, "text": quote})
            lines.append({"paragraph": int(n), "kind": "narration", "text": tag})
        chars = [] if '"顾总"' in content else [{"name": "顾沉", "aliases": ["顾总"], "gender": "male"}]
        return json.dumps({"characters": chars, "lines": lines}, ensure_ascii=False)

    return answer


CHAPTER = "第一章 重逢\n\n林晚推开门，看见了顾沉。\n\n“你来了。”顾总淡淡地说。\n\n老陈点点头：“小姐，请进。”"


def good(body: dict[str, Any]) -> str:
    return json.dumps({"characters": [{"name": "顾沉", "aliases": ["顾总"], "gender": "male"},
                                      {"name": "老陈", "aliases": [], "gender": "male"}],
                       "lines": [
                           {"paragraph": 1, "kind": "narration", "text": "林晚推开门，看见了顾沉。"},
                           {"paragraph": 2, "kind": "dialogue", "speaker": "顾总", "text": "你来了。", "confidence": 0.95},
                           {"paragraph": 2, "kind": "narration", "text": "顾总淡淡地说。"},
                           {"paragraph": 3, "kind": "narration", "text": "老陈点点头。"},
                           {"paragraph": 3, "kind": "dialogue", "speaker": "老陈", "text": "小姐，请进。", "confidence": 0.9},
                       ]}, ensure_ascii=False)


async def test_model_attribution_imports_as_one_episode_with_aliases_merged(
        fake_llm: FakeLLM, chat: Chat, project: Callable[..., Path]) -> None:
    fake_llm.reply(Reply(good))
    with ProjectStore.open(project()) as store:
        plan = await plan_attribution(store, CHAPTER, chat=chat)
        assert plan.draft.title == "重逢" and plan.draft.episode_number == 1
        assert [(ln.role, ln.text) for ln in plan.draft.lines] == [
            ("旁白", "林晚推开门，看见了顾沉。"), ("顾沉", "你来了。"), ("旁白", "顾总淡淡地说。"), ("旁白", "老陈点点头。"),
            ("老陈", "小姐，请进。")]
        assert plan.confidences[1] == 0.95
        assert [r.name for r in plan.plan.new_roles] == ["老陈"]  # 顾沉 and 旁白 are the project's
        result = apply_attribution(store, plan)
        assert len(store.lines(result.episode.id)) == 5
    prompt = fake_llm.chat_requests()[0].last_user
    assert "林晚" in prompt and "[1] 林晚推开门" in prompt  # the project's cast is the starting roster


async def test_invented_speakers_and_text_are_refused(fake_llm: FakeLLM, chat: Chat,
                                                      project: Callable[..., Path]) -> None:
    def invented_role(body: dict[str, Any]) -> str:
        return good(body).replace('"speaker": "老陈"', '"speaker": "老陈点点头"').replace(
            '{"name": "老陈", "aliases": []', '{"name": "老陈点点头", "aliases": []')

    def invented_text(body: dict[str, Any]) -> str:
        return good(body).replace("小姐，请进。", "小姐，请进，外面冷。")

    def name_not_in_text(body: dict[str, Any]) -> str:
        return good(body).replace('"name": "老陈"', '"name": "王管家"').replace('"speaker": "老陈"', '"speaker": "王管家"')

    path = project()
    before = file_hash(path)
    fake_llm.reply(Reply(name_not_in_text), Reply(invented_text), Reply(invented_role))
    with ProjectStore.open(path) as store:
        with pytest.raises(ActionError, match="The attribution was not usable after 3 tries"):
            await plan_attribution(store, CHAPTER, chat=chat)
    messages = [r.body["messages"][-1]["content"] for r in fake_llm.chat_requests()[1:]]
    assert "王管家" in messages[0] and "not named in the text" in messages[0]
    assert "not in paragraph 3" in messages[1]
    assert file_hash(path) == before


async def test_long_chapters_are_chunked_with_the_roster_carried(fake_llm: FakeLLM, chat: Chat,
                                                                 project: Callable[..., Path]) -> None:
    paragraphs = [f"“第{i}句。”顾总说。" for i in range(1, 9)]
    fake_llm.default = answer_all("顾总")
    progress: list[tuple[int, int]] = []
    with ProjectStore.open(project()) as store:
        plan = await plan_attribution(store, "\n\n".join(paragraphs), chat=chat,
                                      on_progress=lambda d, t: progress.append((d, t)))
    assert len(fake_llm.chat_requests()) == 1 and progress == [(1, 1)]
    assert sum(ln.role == "顾沉" for ln in plan.draft.lines) == 8  # 顾总 is the project's 顾沉


async def test_chunks_see_the_roster_of_earlier_chunks(fake_llm: FakeLLM, chat: Chat) -> None:
    from studio.writing.attribute import attribute

    text = "\n\n".join(f"“第{i}句话说得很长很长。”顾总说。" for i in range(1, 7))
    fake_llm.default = answer_all("顾总")
    result = await attribute(text, ask=chat.ask, chunk_chars=40)
    requests = fake_llm.chat_requests()
    assert len(requests) >= 3
    assert '"name": "顾沉"' in requests[1].last_user and '"顾总"' in requests[1].last_user
    assert {ln.speaker for ln in result.lines if ln.kind == "dialogue"} == {"顾沉"}


async def test_offline_attribution_needs_no_model(project: Callable[..., Path]) -> None:
    with ProjectStore.open(project()) as store:
        plan = await plan_attribution(store, CHAPTER)
        assert [ln.role for ln in plan.draft.lines if ln.role != "旁白"] == ["顾沉", "老陈"]
        assert "老陈点点头" not in {r.name for r in plan.plan.new_roles}
        result = apply_attribution(store, plan)
        assert result.episode.title == "重逢"
