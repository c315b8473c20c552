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


async def _takes(tmp_path: Path, engine, voice: str, language: str, text: str, new_takes: int = 1):
    """The takes of one line rendered once and then ``new_takes`` times again, oldest first."""
    store = ProjectStore.create(tmp_path / "p.troupe", "S")
    role = store.add_role("林晚", voices={engine.name: voice})
    ep = store.add_episode("E1", language, [(role.id, text, Delivery(), None)])
    planner = RenderPlanner(store, engine)
    try:
        await RenderScheduler(store, engine).render(planner.stale_jobs(ep.id))
        for _ in range(new_takes):
            await RenderScheduler(store, engine).render([p.job for p in planner.plan(ep.id) if p.job], force=True)
        takes = sorted(store.takes_for_line(store.lines(ep.id)[0].id), key=lambda t: t.id)
        return takes, [store.take_audio(t.id) for t in takes]
    finally:
        await engine.aclose()
        store.close()


async def test_new_takes_ask_for_the_next_variation(tmp_path: Path) -> None:
    engine = ToneEngine()
    takes, _ = await _takes(tmp_path, engine, "female_lead", "zh", "第一句台词。", new_takes=2)
    assert [dict(c.extra).get(VARIATION_EXTRA) for c in engine.calls] == [None, "1", "2"]
    assert len({t.render_key for t in takes}) == 1  # every take is the line's, under its one key


async def test_a_kokoro_variation_is_another_take(tmp_path: Path) -> None:
    (first, second), (a, b) = await _takes(tmp_path, KokoroEngine(), "female_lead", "zh", "今天晚上我们一起去看电影吧。")
    assert a != b
    assert second.duration_ms - first.duration_ms > 40  # read at another, slower pace


async def test_an_espeak_variation_is_another_take_too(tmp_path: Path) -> None:
    from studio.engines.espeak import EspeakEngine

    (first, second), _ = await _takes(tmp_path, EspeakEngine(), "female_lead", "en",
                                      "Nobody came to the door that night.")
    assert second.duration_ms - first.duration_ms > 40  # variation 1 is read more slowly
