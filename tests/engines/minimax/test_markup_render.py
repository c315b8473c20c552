"""A line with a pause marker and a sound tag, rendered on MiniMax (the fake server) and offline, then
exported: the tag reaches speech-2.8 only, the pause every engine, and the subtitles neither."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from studio.actions import export as exporting
from studio.domain.model import Delivery
from studio.engines.espeak import EspeakEngine
from studio.engines.minimax.engine import MiniMaxEngine
from studio.render.planner import RenderPlanner
from studio.render.scheduler import RenderScheduler
from studio.store.project_file import ProjectStore
from tests.fake_minimax.server import FakeMiniMax

T2A = "/v1/t2a_v2"
TAGGED = "哈哈 (laughs) 你真逗<#0.8#>我们走吧。"


@pytest.fixture
def project(tmp_path: Path):
    store = ProjectStore.create(tmp_path / "markup.troupe", "S")
    lead = store.add_role("林晚", voices={"minimax": "female-shaonv", "espeak": "female_lead"})
    ep = store.add_episode("E1", "zh", [(lead.id, TAGGED, Delivery(), None), (lead.id, "好的。", Delivery(), None)])
    yield store, ep.id
    store.close()


@pytest.mark.parametrize(("model", "tag_sent"), [("speech-2.8-hd", True), ("speech-2.8-turbo", True),
                                                  ("speech-02-hd", False), ("speech-02-turbo", False)])
async def test_the_tag_reaches_speech_28_only_and_the_pause_every_model(
        project, make_engine: Callable[..., MiniMaxEngine], fake_minimax: FakeMiniMax, model: str,
        tag_sent: bool) -> None:
    store, ep = project
    engine = make_engine(model=model)
    planner = RenderPlanner(store, engine)
    report = await RenderScheduler(store, engine).render(planner.stale_jobs(ep))
    assert report.ok
    (body,) = [c.json for c in fake_minimax.calls(T2A) if c.json and "你真逗" in c.json["text"]]
    assert body["model"] == model
    assert ("(laughs)" in body["text"]) is tag_sent
    assert "<#0.8#>" in body["text"] and "laughs" not in body["text"].replace("(laughs)", "")


async def test_changing_a_marker_makes_only_that_line_stale(project, engine: MiniMaxEngine,
                                                            fake_minimax: FakeMiniMax) -> None:
    store, ep = project
    planner = RenderPlanner(store, engine)
    await RenderScheduler(store, engine).render(planner.stale_jobs(ep))
    before = {p.line.id: p.job.key for p in planner.plan(ep)}
    tagged, plain = store.lines(ep)
    store.update_line(dataclasses.replace(tagged, text=TAGGED.replace("<#0.8#>", "<#1.2#>")))
    after = planner.plan(ep)
    assert [p.status for p in after] == ["stale", "done"]
    assert after[0].job.key != before[tagged.id] and after[1].job.key == before[plain.id]


def test_subtitles_and_words_never_show_markers_or_tags(project, tmp_path: Path) -> None:
    store, ep = project
    engine = EspeakEngine()
    planner = RenderPlanner(store, engine)

    async def go() -> None:
        await RenderScheduler(store, engine).render(planner.stale_jobs(ep))
    asyncio.run(go())
    plans = planner.plan(ep)
    assert plans[0].job.request.text == "哈哈 <#0.3#> 你真逗<#0.8#>我们走吧。"  # the tag is a short pause offline
    request = exporting.check_request(tmp_path / "out.wav", subtitles="srt,vtt,ass", karaoke=True, words=True)
    result = exporting.export(store, ep, plans, request)
    texts = [p.read_text(encoding="utf-8") for p in [*result.subtitle_paths, *result.word_paths]]
    assert len(texts) >= 4
    for text in texts:
        assert "laughs" not in text and "<#" not in text and "#>" not in text
    srt = next(p for p in result.subtitle_paths if p.suffix == ".srt").read_text(encoding="utf-8")
    assert "哈哈你真逗我们走吧。" in srt


async def test_a_render_batch_says_what_happens_to_tags_the_engine_cannot_voice(
        project, make_engine: Callable[..., MiniMaxEngine]) -> None:
    from studio.actions.render import plan_batch

    store, ep = project
    offline = await plan_batch(store, EspeakEngine(), [ep])
    (notice,) = offline.notices
    assert "(laughs)" in notice and "short pause" in notice
    assert (await plan_batch(store, make_engine(model="speech-2.8-hd"), [ep])).notices == []
    (old,) = (await plan_batch(store, make_engine(model="speech-02-hd"), [ep])).notices
    assert "left out" in old and "speech-2.8" in old
