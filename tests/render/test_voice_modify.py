"""MiniMax voice modify (pitch, intensity, timbre) for a role or a line: inherited like the rest of a delivery,
checked, sent to MiniMax as ``voice_modify`` (the fake server checks the ranges), left out of offline requests,
and changing it makes exactly the lines it reaches stale on MiniMax."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[2]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from studio.actions import ActionError  # noqa: E402
from studio.actions.casting import describe_voice_modify, parse_voice_modify, set_voice_modify  # noqa: E402
from studio.domain.model import Delivery, Line, Role, effective_delivery  # noqa: E402
from studio.engines.espeak import EspeakEngine  # noqa: E402
from studio.render.planner import RenderPlanner  # noqa: E402
from studio.render.scheduler import RenderScheduler  # noqa: E402
from studio.store.project_file import ProjectStore  # noqa: E402
from tests.fake_minimax.fixture import fake_minimax  # noqa: E402,F401
from tests.fake_minimax.server import FakeMiniMax  # noqa: E402

T2A = "/v1/t2a_v2"


def _engine(url: str, key: str):
    from studio.engines.minimax.engine import MiniMaxEngine
    from studio.engines.minimax.ratelimit import RateLimits

    return MiniMaxEngine(api_key=key, host=url, settings={}, limits=RateLimits(window=60.0))


def test_voice_modify_inherits_line_then_role_and_is_checked() -> None:
    role = Role(1, "反派", delivery=Delivery(modify_pitch=-40, modify_timbre=-20))
    line = Line(1, 1, 0, 1, "你逃不掉的。")
    assert effective_delivery(line, role).voice_modify() == {"pitch": -40, "timbre": -20}
    own = line.with_(delivery=Delivery(modify_pitch=30, modify_intensity=10))
    assert effective_delivery(own, role).voice_modify() == {"pitch": 30, "intensity": 10, "timbre": -20}
    assert effective_delivery(line, None).voice_modify() == {}
    assert Delivery.from_dict(Delivery(modify_intensity=-5).to_dict()) == Delivery(modify_intensity=-5)
    problems = Delivery(modify_timbre=140).validate()
    assert len(problems) == 1 and "timbre" in problems[0] and "-100" in problems[0]


def test_the_settings_text_is_read_strictly() -> None:
    assert parse_voice_modify("pitch=-30, timbre=20") == {"modify_pitch": -30, "modify_timbre": 20}
    assert parse_voice_modify("none") == {"modify_pitch": None, "modify_intensity": None, "modify_timbre": None}
    for bad, words in (("pitch=-130", "outside"), ("depth=3", "not a voice modify"), ("timbre=soft", "whole")):
        with pytest.raises(ActionError, match=words):
            parse_voice_modify(bad)
    assert describe_voice_modify(Delivery(modify_pitch=-30, modify_timbre=20)) == "pitch -30, timbre +20"
    assert describe_voice_modify(Delivery()) == "none"


@pytest.fixture
def project(tmp_path: Path):
    store = ProjectStore.create(tmp_path / "vm.troupe", "S")
    villain = store.add_role("反派", voices={"minimax": "male-qn-qingse", "espeak": "male_lead"})
    hero = store.add_role("林晚", voices={"minimax": "female-shaonv", "espeak": "female_lead"})
    ep = store.add_episode("E1", "zh", [(villain.id, "你逃不掉的。", Delivery(), None),
                                        (hero.id, "我不怕你。", Delivery(), None)])
    yield store, ep.id
    store.close()


async def test_minimax_gets_voice_modify_and_only_the_changed_roles_lines_go_stale(
        project, fake_minimax: FakeMiniMax, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    for name in ("MINIMAX_API_KEY", "MINIMAX_API_HOST", "MINIMAX_GROUP_ID"):
        monkeypatch.delenv(name, raising=False)
    store, ep = project
    engine = _engine(fake_minimax.url, fake_minimax.api_key)
    try:
        planner = RenderPlanner(store, engine)
        await RenderScheduler(store, engine).render(planner.stale_jobs(ep))
        assert planner.stale_jobs(ep) == []
        set_voice_modify(store, "反派", parse_voice_modify("pitch=-40,intensity=-20"))
        stale = planner.stale_jobs(ep)
        assert [j.line.text for j in stale] == ["你逃不掉的。"]
        before = len(fake_minimax.calls(T2A))
        report = await RenderScheduler(store, engine).render(stale)
        assert report.ok
    finally:
        await engine.aclose()
    sent = [c.json for c in fake_minimax.calls(T2A)[before:] if c.code == 0]
    assert len(sent) == 1 and sent[0]["voice_modify"] == {"pitch": -40, "intensity": -20}
    assert sent[0]["text"] == "你逃不掉的。"


def test_offline_requests_leave_voice_modify_out_and_keep_their_keys(project) -> None:
    store, ep = project
    planner = RenderPlanner(store, EspeakEngine())
    keys = [p.job.key for p in planner.plan(ep) if p.job]
    assert len(keys) == 2
    villain = store.role_by_name("反派")
    store.update_role(dataclasses.replace(villain, delivery=Delivery(modify_pitch=-40, modify_timbre=30)))
    plans = planner.plan(ep)
    assert [p.job.key for p in plans if p.job] == keys
    assert all(not any(k.startswith("voice_modify") for k, _ in p.job.request.extra) for p in plans if p.job)
