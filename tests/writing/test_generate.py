"""Generating, continuing and rewriting against the fake OpenAI-compatible server: valid lines or a clear error,
never a half-applied change."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from studio.actions import ActionError
from studio.actions.writing import (
    Chat,
    NeedsChatModelError,
    apply_continuation,
    apply_generation,
    apply_rewrite,
    connect,
    generate,
    plan_continuation,
    plan_rewrite,
    series_brief,
    stream_generate,
    undo_continuation,
    undo_generation,
)
from studio.store.project_file import ProjectStore
from studio.writing.generate import EpisodeReady, LinePreview, Restarted
from tests.fake_llm.server import FakeLLM, Reply
from tests.writing.conftest import asked_lines, file_hash

EPISODE = {
    "title": "钥匙",
    "new_roles": [{"name": "陈叔", "gender": "male", "description": "老司机"}],
    "lines": [
        {"role": "旁白", "text": "雨夜，门外传来敲门声。", "emotion": None, "pause_ms": None, "note": ""},
        {"role": "林晚", "text": "这么晚了，谁啊？", "emotion": "fearful", "pause_ms": 600, "note": "压低声音"},
        {"role": "陈叔", "text": "小姐，是我。", "emotion": "calm", "pause_ms": None, "note": ""},
        {"role": "顾沉", "text": "开门，我有话跟你说。", "emotion": "开心", "pause_ms": None, "note": ""},
    ],
}


def answer(value: object = EPISODE) -> str:
    return json.dumps(value, ensure_ascii=False)


def brief(path: Path, **kw: object):  # type: ignore[no-untyped-def]
    with ProjectStore.open(path) as store:
        return series_brief(store, "死而复生的前男友回来了。", genre="甜宠", **kw)  # type: ignore[arg-type]


async def test_streamed_generation_previews_lines_then_applies_in_one_step(
        fake_llm: FakeLLM, chat: Chat, project: Callable[..., Path]) -> None:
    path = project()
    fake_llm.reply(Reply(answer(), think="先想一想剧情。"))
    events = [e async for e in stream_generate(chat, brief(path))]
    previews = [e for e in events if isinstance(e, LinePreview)]
    assert [p.line.text for p in previews] == [ln["text"] for ln in EPISODE["lines"]]
    ready = [e for e in events if isinstance(e, EpisodeReady)]
    assert len(ready) == 1 and events[-1] is ready[0]
    draft = ready[0].result.draft
    assert draft.title == "钥匙" and draft.episode_number == 2
    assert draft.lines[1].delivery.emotion == "fearful" and draft.lines[1].gap_ms == 600
    assert draft.lines[3].delivery.emotion == "happy"  # "开心" mapped to the studio's vocabulary
    request = fake_llm.chat_requests()[0]
    assert request.body["stream"] is True
    assert request.body["response_format"]["type"] == "json_schema"
    assert request.body["response_format"]["json_schema"]["name"] == "episode_script"
    prompt = request.last_user
    assert "死而复生" in prompt and "林晚" in prompt and "甜宠" in prompt and "第一集" in prompt
    with ProjectStore.open(path) as store:
        from studio.actions.writing import GenerationPlan

        results = apply_generation(store, GenerationPlan([ready[0].result]))
        episode = results[0].episode
        assert episode.title == "钥匙" and episode.language == "zh"
        assert [r.name for r in results[0].roles] == ["陈叔"] and results[0].roles[0].gender == "male"
        roles = {r.id: r.name for r in store.roles()}
        assert [roles[ln.role_id] for ln in store.lines(episode.id)] == ["旁白", "林晚", "陈叔", "顾沉"]
        undo_generation(store, results)
        assert len(store.episodes()) == 1 and "陈叔" not in {r.name for r in store.roles()}


async def test_several_episodes_each_see_the_ones_before(fake_llm: FakeLLM, chat: Chat,
                                                         project: Callable[..., Path]) -> None:
    path = project()
    second = {**EPISODE, "title": "真相", "new_roles": [],
              "lines": [{"role": "陈叔", "text": "小姐，顾先生一直在找你。"}]}
    fake_llm.reply(answer(), answer(second))
    plan = await generate(chat, brief(path, episodes=2))
    assert [e.draft.title for e in plan.episodes] == ["钥匙", "真相"]
    second_prompt = fake_llm.chat_requests()[1].last_user
    assert "钥匙" in second_prompt and "陈叔" in second_prompt  # the first episode and its new role
    with ProjectStore.open(path) as store:
        results = apply_generation(store, plan)
        assert [r.episode.title for r in results] == ["钥匙", "真相"]
        assert sum(r.name == "陈叔" for r in store.roles()) == 1


async def test_code_fences_and_trailing_commas_are_repaired(fake_llm: FakeLLM, chat: Chat,
                                                            project: Callable[..., Path]) -> None:
    text = "好的，这是剧本：\n```json\n" + answer().replace('"note": ""}', '"note": "",}') + "\n```"
    fake_llm.reply(text)
    plan = await generate(chat, brief(project()))
    assert len(plan.episodes[0].draft.lines) == 4 and len(fake_llm.chat_requests()) == 1


async def test_malformed_json_is_retried_with_the_problem_shown(fake_llm: FakeLLM, chat: Chat,
                                                                project: Callable[..., Path]) -> None:
    fake_llm.reply('{"title": "钥匙", "lines": [{"role": "林晚", "text": "谁', answer())
    plan = await generate(chat, brief(project()))
    assert len(plan.episodes[0].draft.lines) == 4
    retry = fake_llm.chat_requests()[1].body["messages"]
    assert retry[-2]["role"] == "assistant" and "not valid JSON" in retry[-1]["content"]


async def test_schema_violations_end_in_a_clear_error_and_an_unchanged_project(
        fake_llm: FakeLLM, chat: Chat, project: Callable[..., Path]) -> None:
    path = project()
    before = file_hash(path)
    bad_emotion = {**EPISODE, "lines": [{"role": "林晚", "text": "谁？", "emotion": "tense"}]}
    unknown_role = {**EPISODE, "new_roles": [], "lines": [{"role": "王五", "text": "是我。"}]}
    fake_llm.reply(answer(bad_emotion), answer(unknown_role), answer({"title": "x", "lines": []}))
    asked = brief(path)
    with ProjectStore.open(path) as store:
        with pytest.raises(ActionError, match="not usable after 3 tries") as info:
            await generate(chat, asked)
        assert len(store.episodes()) == 1
    assert "lines" in str(info.value) and "non-empty" in str(info.value)  # the last answer's problem
    second = fake_llm.chat_requests()[1].body["messages"][-1]["content"]
    assert "tense" in second
    third = fake_llm.chat_requests()[2].body["messages"][-1]["content"]
    assert "王五" in third and "not in the cast" in third
    assert file_hash(path) == before


async def test_a_stream_cut_midway_is_asked_again_and_the_preview_restarts(
        fake_llm: FakeLLM, chat: Chat, project: Callable[..., Path]) -> None:
    fake_llm.reply(Reply(answer(), fault="cut", cut_after=300), answer())
    events = [e async for e in stream_generate(chat, brief(project()))]
    kinds = [type(e).__name__ for e in events]
    first_restart = kinds.index("Restarted")
    assert "LinePreview" in kinds[:first_restart]  # lines were previewed before the cut
    assert isinstance(events[first_restart], Restarted)
    assert kinds[-1] == "EpisodeReady" and kinds.count("LinePreview") - kinds[:first_restart].count("LinePreview") == 4


async def test_streams_that_keep_failing_change_nothing(fake_llm: FakeLLM, chat: Chat,
                                                        project: Callable[..., Path]) -> None:
    path = project()
    before = file_hash(path)
    fake_llm.reply(Reply(answer(), fault="cut", cut_after=100), Reply(answer(), fault="truncate", cut_after=200),
                   Reply(answer(), fault="bad-event"))
    seen = []
    with pytest.raises(ActionError, match="nothing was changed"):
        async for event in stream_generate(chat, brief(path)):
            seen.append(event)
    assert not any(isinstance(e, EpisodeReady) for e in seen)
    assert file_hash(path) == before


async def test_a_server_without_structured_output_is_asked_for_plain_json(
        fake_llm: FakeLLM, chat: Chat, project: Callable[..., Path]) -> None:
    fake_llm.json_schema = False
    fake_llm.reply(answer())
    plan = await generate(chat, brief(project()))
    assert plan.episodes[0].draft.title == "钥匙"
    first, second = fake_llm.chat_requests()
    assert first.status == 400 and "response_format" in first.body
    assert "response_format" not in second.body and "JSON schema" in second.body["messages"][0]["content"]


async def test_minimax_text_models_get_plain_json_and_the_settings_model(
        fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch, project: Callable[..., Path]) -> None:
    fake_llm.models = ("MiniMax-M2.7",)
    monkeypatch.setenv("MINIMAX_API_KEY", fake_llm.api_key or "")
    monkeypatch.setenv("MINIMAX_API_HOST", fake_llm.url)
    chat = await connect()
    try:
        assert chat.endpoint.minimax and chat.endpoint.model == "MiniMax-M2.7"
        fake_llm.reply(answer())
        await generate(chat, brief(project()))
        body = fake_llm.chat_requests()[0].body
        assert body["model"] == "MiniMax-M2.7" and "response_format" not in body
        assert 0 < body.get("temperature", 1.0) <= 1
    finally:
        await chat.aclose()


async def test_without_a_chat_endpoint_generation_says_what_it_needs() -> None:
    with pytest.raises(NeedsChatModelError) as info:
        await connect(what="Generating")
    assert str(info.value) == ("Generating needs a chat model: add a MiniMax key in Settings or set an "
                               "OpenAI-compatible base URL.")


async def test_a_local_server_lends_its_first_model(fake_llm: FakeLLM) -> None:
    fake_llm.models = ("qwen2.5-7b-instruct", "other")
    chat = await connect(base_url=fake_llm.url + "/v1", api_key=fake_llm.api_key)
    try:
        assert chat.endpoint.model == "qwen2.5-7b-instruct" and not chat.endpoint.minimax
    finally:
        await chat.aclose()


async def test_continue_an_episode_appends_lines_in_one_step(fake_llm: FakeLLM, chat: Chat,
                                                             project: Callable[..., Path]) -> None:
    path = project()
    more = {"title": "第一集", "lines": [{"role": "林晚", "text": "你为什么现在才回来？", "emotion": "sad"},
                                       {"role": "顾沉", "text": "因为他们在找你。"}]}
    fake_llm.reply(answer(more))
    with ProjectStore.open(path) as store:
        episode = store.episodes()[0]
        plan = await plan_continuation(store, chat, episode.id, count=2, instruction="更紧张")
        assert len(store.lines(episode.id)) == 5  # nothing applied yet
        prompt = fake_llm.chat_requests()[0].last_user
        assert "我回来了。" in prompt and "更紧张" in prompt and "next 2 lines" in prompt
        added = apply_continuation(store, plan)
        texts = [ln.text for ln in store.lines(episode.id)]
        assert texts[-2:] == ["你为什么现在才回来？", "因为他们在找你。"] and added.role_ids == []
        undo_continuation(store, added)
        assert len(store.lines(episode.id)) == 5


async def test_rewrite_keeps_every_chosen_id_and_role(fake_llm: FakeLLM, chat: Chat,
                                                      project: Callable[..., Path]) -> None:
    path = project()

    def rewritten(body: dict) -> str:  # type: ignore[type-arg]
        items = asked_lines(body, "Rewrite these lines:")
        return json.dumps({"lines": [{"id": it["id"], "role": it["role"], "text": it["text"] + "！"} for it in items]},
                          ensure_ascii=False)

    bad = '{"lines": [{"id": 999, "role": "林晚", "text": "x"}]}'
    fake_llm.reply(bad, Reply(rewritten))
    with ProjectStore.open(path) as store:
        episode = store.episodes()[0]
        lines = store.lines(episode.id)
        plan = await plan_rewrite(store, chat, episode.id, [lines[1].id, lines[3].id], "more tense")
        assert [a.text for a in plan.after] == ["谁在外面？！", "你不是已经死了吗？！"]
        assert [a.role_id for a in plan.after] == [lines[1].role_id, lines[3].role_id]
        assert plan.after[0].gap_ms == 800 and plan.after[0].delivery.emotion == "fearful"
        apply_rewrite(store, plan)
        assert store.line(lines[1].id).text == "谁在外面？！"
    correction = fake_llm.chat_requests()[1].body["messages"][-1]["content"]
    assert "missing" in correction and "999" in correction
