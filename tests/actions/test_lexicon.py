"""The lexicon actions on a real project with the espeak engine: entries checked, added, replaced and
removed; the lines an entry touches are exactly the ones that go stale; subtitles keep the written text."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from studio.actions import ActionError
from studio.actions import export as exporting
from studio.actions import lexicon as lex
from studio.domain.lexicon import LexiconEntry
from studio.domain.model import Delivery
from studio.engines.espeak import EspeakEngine
from studio.render.planner import RenderPlanner
from studio.render.scheduler import RenderScheduler
from studio.store.project_file import ProjectStore

LINES = ["林晚走进银行。", "陆沉在门口等她。", "林晚，你来了。", "银行行长也来了。"]


@pytest.fixture
def project(tmp_path: Path):
    store = ProjectStore.create(tmp_path / "lex.troupe", "S")
    role = store.add_role("林晚", voices={"espeak": "female_lead"})
    zh = store.add_episode("E1", "zh", [(role.id, t, Delivery(), None) for t in LINES])
    en = store.add_episode("E2", "en", [(role.id, "Lin Wan goes to the bank.", Delivery(), None)])
    engine = EspeakEngine()
    planner = RenderPlanner(store, engine)

    async def go() -> None:
        await RenderScheduler(store, engine).render(planner.stale_jobs(zh.id) + planner.stale_jobs(en.id))
    asyncio.run(go())
    yield store, planner, zh.id
    store.close()


@pytest.mark.parametrize(("args", "says"), [
    (("", "x"), "Write the word"), (("林晚", ""), "Write how"), (("林晚", "lin2 wan", "pinyin"), "“wan”"),
    (("林晚", "lin2", "pinyin"), "2 characters"), (("林晚", "x", "sound"), "not a kind"),
    (("林晚", "x", "replace", "fr"), "not a language"), (("哈(laughs)", "x"), "sound tag"),
])
def test_bad_entries_are_sentences(args: tuple[str, ...], says: str) -> None:
    with pytest.raises(ActionError, match=says):
        lex.check_entry(*args)


def test_pinyin_is_normalised_and_the_language_kept() -> None:
    assert lex.check_entry(" 绿地 ", "Lu:4, DI4", "pinyin", "zh") == LexiconEntry("绿地", "lü4 di4", "pinyin", "zh")
    assert lex.check_entry("Xiaoming", "/ˈʃaʊmɪŋ/", "ipa", "all") == LexiconEntry("Xiaoming", "ˈʃaʊmɪŋ", "ipa", None)


def test_readings_show_the_engines_pinyin_and_each_polyphone_choice() -> None:
    r = lex.readings("银行行长")
    assert r.default == ("yin2", "hang2", "hang2", "zhang3")
    assert r.polyphonic == (1, 2, 3)
    assert r.choices[1][0] == "hang2" and "xing2" in r.choices[1]
    assert r.choices[3][0] == "zhang3" and "chang2" in r.choices[3]
    assert lex.readings("长大").default == ("zhang3", "da4")


def test_an_entry_makes_exactly_the_lines_with_its_word_stale_and_back(project) -> None:
    store, planner, ep = project
    assert all(p.status == "done" for p in planner.plan(ep))
    keys = {p.line.id: p.job.key for p in planner.plan(ep)}
    change = lex.add(store, lex.check_entry("林晚", "lin2 wan3", "pinyin", "zh"))
    assert [(a.episode, a.number) for a in change.lines] == [(1, 1), (1, 3)]
    assert [p.status for p in planner.plan(ep)] == ["stale", "done", "stale", "done"]
    assert planner.plan(ep)[0].job.request.pronunciation == ("林晚/(lin2)(wan3)",)
    # a second entry touches its own lines only; changing the first is one replacement
    lex.add(store, lex.check_entry("银行", "yin2 hang2", "pinyin", "zh"))
    assert [p.status for p in planner.plan(ep)] == ["stale", "done", "stale", "stale"]
    change = lex.add(store, lex.check_entry("林晚", "lin2 wan2", "pinyin", "zh"))
    assert change.replaced is not None and change.replaced.spoken == "lin2 wan3"
    assert [e.written for e in lex.entries(store)] == ["林晚", "银行"]
    with pytest.raises(ActionError, match="already says"):
        lex.add(store, lex.check_entry("林晚", "lin2 wan2", "pinyin", "zh"))
    lex.remove(store, "林晚")
    lex.remove(store, "银行", "zh")
    assert {p.line.id: p.job.key for p in planner.plan(ep)} == keys
    assert all(p.status == "done" for p in planner.plan(ep))
    with pytest.raises(ActionError, match="no entry"):
        lex.remove(store, "林晚")


def test_a_replacement_changes_what_is_said_not_the_subtitles(project, tmp_path: Path) -> None:
    store, planner, ep = project
    lex.add(store, lex.check_entry("林晚", "林婉儿", "replace", None))
    plans = planner.plan(ep)
    assert plans[0].job.request.text == "林婉儿走进银行。"
    engine = planner.engine

    async def go() -> None:
        await RenderScheduler(store, engine).render(planner.stale_jobs(ep))
    asyncio.run(go())
    plans = planner.plan(ep)
    result = exporting.export(store, ep, plans, exporting.check_request(tmp_path / "e.wav", subtitles="srt"))
    srt = result.subtitle_paths[0].read_text(encoding="utf-8")
    assert "林晚走进银行" in srt and "婉儿" not in srt


def test_suspects_put_polyphones_first_and_leave_covered_words_out(project) -> None:
    store, _, _ = project
    found = dict(lex.suspects(store))
    assert "行" in found and found["行"] == 2 and "长" in found
    lex.add(store, lex.check_entry("银行行长", "yin2 hang2 hang2 zhang3", "pinyin", "zh"))
    found = dict(lex.suspects(store, words=["陆沉"]))
    assert "行" not in found and "长" not in found and found["陆沉"] == 1
