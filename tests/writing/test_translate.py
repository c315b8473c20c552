"""Translating against the fake OpenAI-compatible server: every line id and role kept, the glossary used and
grown, failures leave the project as it was; the dubbing fit flags long lines and offers two fixes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from studio.actions import ActionError
from studio.actions.writing import (
    Chat,
    apply_rewrite,
    apply_translation,
    apply_translations,
    fit_issues,
    load_glossary,
    plan_series_translation,
    plan_shortening,
    plan_speed_ups,
    plan_translation,
    save_new_terms,
)
from studio.store.project_file import ProjectStore
from studio.writing.translate import FitPair, Glossary, check_fit, glossary_path
from tests.fake_llm.server import FakeLLM, Reply
from tests.writing.conftest import asked_lines, file_hash

ENGLISH = {"雨下了一整夜。": "It rained all night.", "谁在外面？": "Who's out there?", "是我，开门。": "It's me. Open up.",
           "你不是已经死了吗？": "Aren't you supposed to be dead?", "我回来了。": "I'm back."}


def translator(*, drop: int | None = None, swap_roles: bool = False, terms: list[dict[str, str]] | None = None,
               title: str = "Episode One") -> Callable[[dict[str, Any]], str]:
    def answer(body: dict[str, Any]) -> str:
        items = asked_lines(body, "Translate these lines:")
        out = [{"id": it["id"], "role": it["role"], "text": ENGLISH.get(it["text"], f"[{it['text']}]")} for it in items]
        if drop is not None:
            out.pop(drop)
        if swap_roles:
            out[0]["role"], out[1]["role"] = out[1]["role"], out[0]["role"]
        value: dict[str, Any] = {"title": title, "lines": out}
        if terms:
            value["terms"] = terms
        return json.dumps(value, ensure_ascii=False)

    return answer


async def test_translation_keeps_every_line_id_role_and_pause(fake_llm: FakeLLM, chat: Chat,
                                                             project: Callable[..., Path]) -> None:
    fake_llm.reply(Reply(translator()))
    with ProjectStore.open(project()) as store:
        source = store.episodes()[0]
        before = store.lines(source.id)
        plan = await plan_translation(store, chat, source.id, "en")
        assert len(store.episodes()) == 1  # a plan, nothing applied
        result = apply_translation(store, plan)
        episode = result.result.episode
        assert (episode.title, episode.language) == ("Episode One", "en")
        after = store.lines(episode.id)
        assert [ln.text for ln in after] == [ENGLISH[ln.text] for ln in before]
        assert [ln.role_id for ln in after] == [ln.role_id for ln in before]  # the same cast
        assert [ln.gap_ms for ln in after] == [ln.gap_ms for ln in before]
        assert [ln.delivery for ln in after] == [ln.delivery for ln in before]
        assert result.line_map == {s.id: t.id for s, t in zip(before, after, strict=True)}
        assert result.result.roles == []
    asked = asked_lines(fake_llm.chat_requests()[0].body, "Translate these lines:")
    assert [it["id"] for it in asked] == [ln.id for ln in before]
    assert all("seconds" in it for it in asked)  # each line asked to fit its source's length
    system = fake_llm.chat_requests()[0].body["messages"][0]["content"]
    assert "colloquial" in system and "English" in system


async def test_a_missing_or_moved_line_is_asked_again(fake_llm: FakeLLM, chat: Chat,
                                                      project: Callable[..., Path]) -> None:
    fake_llm.reply(Reply(translator(drop=2)), Reply(translator(swap_roles=True)), Reply(translator()))
    with ProjectStore.open(project()) as store:
        plan = await plan_translation(store, chat, store.episodes()[0].id, "en")
    assert len(plan.plan.lines) == 5
    second, third = fake_llm.chat_requests()[1:]
    assert "missing" in second.body["messages"][-1]["content"]
    assert "Keep each line's role" in third.body["messages"][-1]["content"]


async def test_a_translation_that_stays_wrong_leaves_the_project_byte_identical(
        fake_llm: FakeLLM, chat: Chat, project: Callable[..., Path]) -> None:
    path = project()
    before = file_hash(path)
    fake_llm.reply(*(Reply(translator(drop=0)) for _ in range(3)))
    with ProjectStore.open(path) as store:
        with pytest.raises(ActionError, match="The translation was not usable after 3 tries"):
            await plan_translation(store, chat, store.episodes()[0].id, "en")
    assert file_hash(path) == before


async def test_long_episodes_go_in_chunks_with_the_previous_lines_as_context(
        fake_llm: FakeLLM, chat: Chat, tmp_path: Path) -> None:
    from studio.writing.lines import ContextLine
    from studio.writing.translate import translate_episode

    lines = [ContextLine(100 + i, "林晚" if i % 2 else "顾沉", f"第{i}句。") for i in range(45)]
    fake_llm.default = translator()
    progress: list[tuple[int, int]] = []
    result = await translate_episode(chat.ask, lines, source="zh", target="en", chunk_lines=20,
                                     on_progress=lambda d, t: progress.append((d, t)))
    assert [ln.source_id for ln in result.lines] == [ln.id for ln in lines]
    assert len(fake_llm.chat_requests()) == 3 and progress == [(20, 45), (40, 45), (45, 45)]
    assert "Just before" in fake_llm.chat_requests()[1].last_user


async def test_the_glossary_is_sent_and_grows_beside_the_project(fake_llm: FakeLLM, chat: Chat,
                                                                 project: Callable[..., Path]) -> None:
    path = project()
    book_path = glossary_path(path)
    assert book_path.name == "series.glossary.json"
    book_path.write_text(json.dumps({"en": {"林晚": "Lin Wan"}}, ensure_ascii=False), encoding="utf-8")
    glossary = load_glossary(path)
    fake_llm.reply(Reply(translator(terms=[{"source": "顾沉", "target": "Gu Chen"}])))
    with ProjectStore.open(path) as store:
        plan = await plan_translation(store, chat, store.episodes()[0].id, "en", glossary=glossary)
    assert '"林晚": "Lin Wan"' in fake_llm.chat_requests()[0].last_user
    assert plan.new_terms == {"顾沉": "Gu Chen"}
    save_new_terms(glossary, "en", plan.new_terms, book_path)
    assert json.loads(book_path.read_text(encoding="utf-8")) == {"en": {"林晚": "Lin Wan", "顾沉": "Gu Chen"}}
    with pytest.raises(ActionError, match="There is no glossary"):
        load_glossary(path, explicit=path.parent / "missing.json")
    (path.parent / "bad.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ActionError, match="must be a JSON object"):
        load_glossary(path, explicit=path.parent / "bad.json")


async def test_a_series_translates_all_or_nothing(fake_llm: FakeLLM, chat: Chat,
                                                  project: Callable[..., Path]) -> None:
    path = project()
    with ProjectStore.open(path) as store:
        first = store.episodes()[0]
        store.duplicate_episode(first.id, "第二集")
    fake_llm.default = translator()
    with ProjectStore.open(path) as store:
        plans = await plan_series_translation(store, chat, "en")
        assert len(plans) == 2
        results = apply_translations(store, plans)
        assert [e.language for e in store.episodes()] == ["zh", "zh", "en", "en"]
        assert len(results) == 2


def test_dubbing_fit_flags_long_lines_and_offers_a_speed_within_limits() -> None:
    pairs = [FitPair(1, 11, 1000, 1100, "ok"), FitPair(2, 12, 1000, 1500, "long"),
             FitPair(3, 13, 1000, 2600, "far too long"), FitPair(4, 14, 1000, 1200, "sped", speed=1.2)]
    issues = check_fit(pairs, margin=0.15, engine="minimax")
    assert [i.target_id for i in issues] == [12, 13, 14]
    assert issues[0].speed == 1.5 and issues[0].over == 0.5
    assert issues[1].speed is None and issues[1].max_speed == 2.0  # beyond the engine: shorten instead
    assert issues[2].speed == 1.44
    assert "about 1 seconds" in issues[0].shorten_instruction()


async def test_dubbing_fit_on_a_translated_episode(fake_llm: FakeLLM, chat: Chat,
                                                   project: Callable[..., Path]) -> None:
    long = {k: v + " And I mean it, I really, truly mean every single word of it." for k, v in ENGLISH.items()}
    long["雨下了一整夜。"] = "Rain."
    fake_llm.reply(Reply(lambda body: json.dumps({"lines": [
        {"id": it["id"], "role": it["role"], "text": long[it["text"]]}
        for it in asked_lines(body, "Translate these lines:")]})))
    with ProjectStore.open(project()) as store:
        source = store.episodes()[0]
        result = apply_translation(store, await plan_translation(store, chat, source.id, "en"))
        target = result.result.episode
        issues = fit_issues(store, source.id, target.id, margin=0.15, engine="kokoro", line_map=result.line_map)
        assert len(issues) == 4 and all(i.over > 0.15 for i in issues)
        speed = plan_speed_ups(store, issues)
        assert all(a.delivery.speed and a.delivery.speed <= 2.0 for a in speed.after)

        def shorter(body: dict[str, Any]) -> str:
            items = asked_lines(body, "Rewrite these lines:")
            return json.dumps({"lines": [{"id": it["id"], "role": it["role"], "text": "Short."} for it in items]})

        fake_llm.reply(Reply(shorter))
        plan = await plan_shortening(store, chat, target.id, issues)
        assert [a.text for a in plan.after] == ["Short."] * 4
        assert "at most" in fake_llm.chat_requests()[-1].last_user
        apply_rewrite(store, plan)
        assert fit_issues(store, source.id, target.id, line_map=result.line_map) == []


def test_glossary_targets_and_flat_files() -> None:
    flat = Glossary.from_json({"顾沉": "Gu Chen", "zh": {"Gu Chen": "顾沉"}})
    assert flat.for_target("en") == {"顾沉": "Gu Chen"}
    assert flat.for_target("zh") == {"顾沉": "Gu Chen", "Gu Chen": "顾沉"}
