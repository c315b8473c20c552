"""A whole episode rendered through the render queue on MiniMax (the fake server): faults, rates, takes."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest

from studio.domain.model import Delivery
from studio.engines.minimax.engine import MiniMaxEngine
from studio.engines.minimax.ratelimit import EndpointLimit, RateLimits
from studio.render.planner import RenderPlanner
from studio.render.scheduler import RenderScheduler
from studio.store.project_file import ProjectStore
from tests.fake_minimax.server import FakeMiniMax

T2A = "/v1/t2a_v2"


@pytest.fixture
def project(tmp_path: Path):
    store = ProjectStore.create(tmp_path / "mm.troupe", "S")
    hero = store.add_role("陆沉", voices={"minimax": "male-qn-qingse"})
    lead = store.add_role("林晚", voices={"minimax": "female-shaonv"})
    ep = store.add_episode("E1", "zh", [((hero if i % 2 else lead).id, f"第{i}句台词，渲染测试。", Delivery(), None)
                                        for i in range(40)])
    yield store, ep.id
    store.close()


async def test_forty_line_episode_survives_1002s_and_500s_under_the_rate(
        project, make_engine: Callable[..., MiniMaxEngine], fake_minimax: FakeMiniMax,
        caplog: pytest.LogCaptureFixture) -> None:
    store, ep = project
    window, rpm = 2.0, 20
    fake_minimax.latency = 0.02
    fake_minimax.set_rpm_limit(rpm, window=window)
    fake_minimax.inject("code", 3, code=1002, path=T2A)
    fake_minimax.inject("http", 2, status=500, path=T2A)
    engine = make_engine(limits=RateLimits({"speech": EndpointLimit(rpm, 20_000, window=window)}))
    caplog.set_level(logging.INFO, logger="studio.engines.minimax")
    planner = RenderPlanner(store, engine)
    report = await RenderScheduler(store, engine, jobs=8).render(planner.stale_jobs(ep))

    assert report.ok and len(report.rendered) == 40
    assert all(p.status == "done" and p.take.format == "mp3" for p in planner.plan(ep))
    assert fake_minimax.max_in_window(T2A, window) <= rpm
    assert sum(1 for c in fake_minimax.calls(T2A) if c.code == 1002) == 3
    assert len([r for r in caplog.records if "retry" in r.getMessage()]) == 5
    billed = store.usage_by_model()[("minimax", "speech-2.8-hd")]
    assert billed == sum(c.json and len(c.json["text"]) or 0 for c in fake_minimax.calls(T2A) if c.code == 0)
    # Nothing left to do: a second pass costs no request.
    before = len(fake_minimax.calls(T2A))
    await RenderScheduler(store, engine).render(planner.stale_jobs(ep))
    assert len(fake_minimax.calls(T2A)) == before


async def test_wrong_key_fails_each_line_once_with_the_region_hint_and_stores_no_take(
        project, make_engine: Callable[..., MiniMaxEngine], fake_minimax: FakeMiniMax) -> None:
    store, ep = project
    engine = make_engine(api_key="sk-wrong-key-0000")
    planner = RenderPlanner(store, engine)
    jobs = planner.stale_jobs(ep)[:3]
    report = await RenderScheduler(store, engine).render(jobs)
    assert len(report.failed) == 3 and store.take_count() == 0
    message = next(iter(report.failed.values()))
    assert "api.minimaxi.com" in message or "mainland" in message.lower()
    assert "sk-wrong-key-0000" not in message
    assert planner.plan(ep)[0].status == "failed"


def test_cli_render_estimates_cost_renders_and_keeps_a_ledger(project, fake_minimax: FakeMiniMax,
                                                              tmp_path: Path) -> None:
    import json
    import os
    import subprocess
    import sys

    store, ep = project
    path = str(store.path)
    store.close()
    env = dict(os.environ, MINIMAX_API_KEY=fake_minimax.api_key, MINIMAX_API_HOST=fake_minimax.url)

    def troupe(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "studio.cli", *args], capture_output=True, text=True,
                              env=env, timeout=300)

    out = troupe("render", path, "--engine", "minimax", "-j", "4")
    assert out.returncode == 0, out.stderr
    assert "40 lines" in out.stdout and "about $" in out.stdout
    assert "Engine calls: 40." in out.stdout
    assert all(c.headers["Authorization"] == f"Bearer {fake_minimax.api_key}" for c in fake_minimax.calls(T2A))
    assert all("GroupId" not in c.query for c in fake_minimax.calls(T2A))
    info = troupe("info", path)
    assert "speech-2.8-hd" in info.stdout and "about $" in info.stdout
    assert fake_minimax.api_key not in info.stdout + out.stdout + out.stderr
    voices = troupe("voices", "--engine", "minimax", "--json")
    assert voices.returncode == 0, voices.stderr
    assert any(v["kind"] == "system" for v in json.loads(voices.stdout))
