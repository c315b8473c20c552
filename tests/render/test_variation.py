"""A new take of a line asks the engine for another reading: on Kokoro, which would otherwise say the line
the same way every time, a different take; the take stays under the line's render key."""

from __future__ import annotations

from pathlib import Path

from tone_engine import ToneEngine

from studio.domain.model import Delivery
from studio.engines.kokoro import KokoroEngine
from studio.engines.speech import VARIATION_EXTRA, variation_pace, with_variation
from studio.render.planner import RenderPlanner
from studio.render.scheduler import RenderScheduler
from studio.store.project_file import ProjectStore


def test_variation_is_kept_out_of_the_render_key() -> None:
    from studio.domain.render_key import SpeechRequest

    request = SpeechRequest(engine="kokoro", voice_id="female_lead", text="你好。")
    assert with_variation(request, 0) is request and variation_pace(request) == 1.0
    varied = with_variation(request, 1)
    assert dict(varied.extra)[VARIATION_EXTRA] == "1" and variation_pace(varied) != 1.0
    assert variation_pace(with_variation(request, 2)) != variation_pace(varied)


async def test_new_takes_ask_for_the_next_variation(tmp_path: Path) -> None:
    store = ProjectStore.create(tmp_path / "p.troupe", "S")
    role = store.add_role("林晚", voices={"espeak": "female_lead"})
    ep = store.add_episode("E1", "zh", [(role.id, "第一句台词。", Delivery(), None)])
    engine = ToneEngine()
    planner = RenderPlanner(store, engine)
    await RenderScheduler(store, engine).render(planner.stale_jobs(ep.id))
    for _ in range(2):
        await RenderScheduler(store, engine).render([p.job for p in planner.plan(ep.id) if p.job], force=True)
    seen = [dict(c.extra).get(VARIATION_EXTRA) for c in engine.calls]
    assert seen == [None, "1", "2"]
    keys = {t.render_key for t in store.takes_for_line(store.lines(ep.id)[0].id)}
    assert len(keys) == 1  # every take is the line's, under its one key
    store.close()


async def test_a_kokoro_variation_is_another_take(tmp_path: Path) -> None:
    store = ProjectStore.create(tmp_path / "p.troupe", "S")
    role = store.add_role("林晚", voices={"kokoro": "female_lead"})
    ep = store.add_episode("E1", "zh", [(role.id, "今天晚上我们一起去看电影吧。", Delivery(), None)])
    engine = KokoroEngine()
    planner = RenderPlanner(store, engine)
    await RenderScheduler(store, engine).render(planner.stale_jobs(ep.id))
    await RenderScheduler(store, engine).render([p.job for p in planner.plan(ep.id) if p.job], force=True)
    first, second = sorted(store.takes_for_line(store.lines(ep.id)[0].id), key=lambda t: t.id)
    assert store.take_audio(first.id) != store.take_audio(second.id)
    assert second.duration_ms - first.duration_ms > 40  # read at another, slower pace
    await engine.aclose()
    store.close()


async def test_an_espeak_variation_is_another_take_too(tmp_path: Path) -> None:
    from studio.engines.espeak import EspeakEngine

    store = ProjectStore.create(tmp_path / "p.troupe", "S")
    role = store.add_role("Lin", voices={"espeak": "female_lead"})
    ep = store.add_episode("E1", "en", [(role.id, "Nobody came to the door that night.", Delivery(), None)])
    engine = EspeakEngine()
    planner = RenderPlanner(store, engine)
    await RenderScheduler(store, engine).render(planner.stale_jobs(ep.id))
    await RenderScheduler(store, engine).render([p.job for p in planner.plan(ep.id) if p.job], force=True)
    first, second = sorted(store.takes_for_line(store.lines(ep.id)[0].id), key=lambda t: t.id)
    assert second.duration_ms - first.duration_ms > 40  # variation 1 is read more slowly
    await engine.aclose()
    store.close()
