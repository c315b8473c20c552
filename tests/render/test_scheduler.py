"""Planning and the render queue: cache hits cost nothing, failures stay on their line, cancel keeps takes."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from tone_engine import ToneEngine

from studio.domain.lexicon import LexiconEntry
from studio.domain.model import Delivery
from studio.render.planner import RenderPlanner, cast_missing
from studio.render.scheduler import RenderScheduler
from studio.store.project_file import ProjectStore


@pytest.fixture
def project(tmp_path: Path):
    store = ProjectStore.create(tmp_path / "p.troupe", "S")
    n = store.add_role("旁白", voices={"espeak": "narrator"})
    a = store.add_role("林晚", voices={"espeak": "female_lead"})
    ep = store.add_episode("E1", "zh", [(n.id if i % 2 else a.id, f"第{i}句台词。", Delivery(), None)
                                        for i in range(8)])
    yield store, ep.id
    store.close()


async def test_second_render_makes_no_calls_and_one_edit_rerenders_one_line(project) -> None:
    store, ep = project
    engine = ToneEngine()
    planner = RenderPlanner(store, engine)
    report = await RenderScheduler(store, engine).render(planner.stale_jobs(ep))
    assert len(report.rendered) == 8 and len(engine.calls) == 8
    assert all(p.status == "done" for p in planner.plan(ep))

    engine.calls.clear()
    assert planner.stale_jobs(ep) == []
    line = store.lines(ep)[3]
    store.update_line(line.with_(text="改过的一句。"))
    jobs = planner.stale_jobs(ep)
    assert [j.line.id for j in jobs] == [line.id]
    await RenderScheduler(store, engine).render(jobs)
    assert [c.text for c in engine.calls] == ["改过的一句。"]


async def test_same_key_is_rendered_once(project) -> None:
    store, ep = project
    role = store.role_by_name("林晚")
    store.insert_lines(ep, 0, [(role.id, "重复。", Delivery(), None), (role.id, "重复。", Delivery(), None)])
    engine = ToneEngine(delay=0.05)
    jobs = RenderPlanner(store, engine).stale_jobs(ep)
    report = await RenderScheduler(store, engine).render(jobs)
    assert len(engine.calls) == 9
    assert len(report.cached) == 1


async def test_failure_stays_on_its_line(project) -> None:
    store, ep = project
    engine = ToneEngine(fail_texts=("第3句",))
    planner = RenderPlanner(store, engine)
    report = await RenderScheduler(store, engine).render(planner.stale_jobs(ep))
    bad = store.lines(ep)[3].id
    assert list(report.failed) == [bad]
    assert len(report.rendered) == 7
    plans = {p.line.id: p for p in planner.plan(ep)}
    assert plans[bad].status == "failed"
    assert "第3句" in plans[bad].error and plans[bad].trace_id == "trace-1"
    # A later successful render clears the error.
    engine.fail_texts = ()
    await RenderScheduler(store, engine).render(planner.stale_jobs(ep))
    assert planner.plan(ep)[3].status == "done"


async def test_cancel_keeps_finished_takes(project) -> None:
    store, ep = project
    engine = ToneEngine(delay=0.2)
    planner = RenderPlanner(store, engine)
    scheduler = RenderScheduler(store, engine, jobs=1)
    task = asyncio.create_task(scheduler.render(planner.stale_jobs(ep)))
    while store.take_count() < 2:
        await asyncio.sleep(0.02)
    scheduler.cancel_all()
    report = await task
    assert report.cancelled
    done = [p for p in planner.plan(ep) if p.status == "done"]
    assert len(done) == store.take_count() >= 2
    assert len(done) + len(report.cancelled) == 8


async def test_cancel_while_words_are_timed_keeps_the_take_counted_as_rendered(
        project, monkeypatch: pytest.MonkeyPatch) -> None:
    store, ep = project
    import studio.render.scheduler as scheduler_module
    real = scheduler_module.timings_for_result

    def slow_timings(*args: object):
        import time
        time.sleep(0.3)
        return real(*args)

    monkeypatch.setattr(scheduler_module, "timings_for_result", slow_timings)
    engine = ToneEngine()
    planner = RenderPlanner(store, engine)
    scheduler = RenderScheduler(store, engine, jobs=1)
    task = asyncio.create_task(scheduler.render(planner.stale_jobs(ep)))
    while store.take_count() < 1:
        await asyncio.sleep(0.01)
    scheduler.cancel_all()  # the first take is saved and its words are being timed
    report = await task
    done = [p for p in planner.plan(ep) if p.status == "done"]
    assert len(done) == store.take_count() == len(report.rendered) >= 1
    assert len(report.rendered) + len(report.cancelled) == 8
    assert not set(report.rendered) & set(report.cancelled)


async def test_concurrency_is_bounded(project) -> None:
    store, ep = project
    engine = ToneEngine(delay=0.05)
    await RenderScheduler(store, engine, jobs=3).render(RenderPlanner(store, engine).stale_jobs(ep))
    assert engine.max_running == 3


async def test_lexicon_changes_the_key_but_not_the_subtitle_text(project) -> None:
    store, ep = project
    engine = ToneEngine()
    planner = RenderPlanner(store, engine)
    await RenderScheduler(store, engine).render(planner.stale_jobs(ep))
    store.set_lexicon([LexiconEntry("台词", "对白")])
    jobs = planner.stale_jobs(ep)
    assert len(jobs) == 8
    assert all("对白" in j.request.text for j in jobs)
    assert all("台词" in p.line.text for p in planner.plan(ep))


async def test_auto_cast_gives_distinct_fitting_voices(tmp_path: Path) -> None:
    store = ProjectStore.create(tmp_path / "c.troupe", "S")
    roles = [store.add_role(n) for n in ("旁白", "陈伯", "林晚", "陆沉")]
    store.add_episode("E", "zh", [(r.id, "你好。", Delivery(), None) for r in roles])
    cast = await cast_missing(store, ToneEngine())
    assert cast["旁白"] == "narrator"
    assert cast["陈伯"] == "old_man"
    assert len(set(cast.values())) == 4
    assert await cast_missing(store, ToneEngine()) == {}  # saved: nothing left to cast
    store.close()


async def test_rerendering_a_line_in_flight_cancels_its_job(project) -> None:
    store, ep = project
    engine = ToneEngine(delay=0.3)
    scheduler = RenderScheduler(store, engine)
    line = store.lines(ep)[0]
    first_job = RenderPlanner(store, engine).plan(ep, [line.id])[0].job
    first = asyncio.get_running_loop().create_task(scheduler.render([first_job]))
    while not engine.calls:  # the first job is now in the engine
        await asyncio.sleep(0.01)
    store.update_line(line.with_(text="改了主意的一句。"))
    second_job = RenderPlanner(store, engine).plan(ep, [line.id])[0].job
    second = await scheduler.render([second_job])
    first_report = await first
    assert first_report.cancelled == [line.id] and not first_report.rendered
    assert second.rendered == [line.id]
    takes = store.takes_for_line(line.id)
    assert [t.render_key for t in takes] == [second_job.key]  # the stale job never stored its take
