"""A lexicon entry for a name on MiniMax (the fake server): the request's pronunciation_dict carries it for
the lines holding the name only, and editing it re-renders exactly those lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.actions import lexicon as lex
from studio.domain.model import Delivery
from studio.engines.minimax.engine import MiniMaxEngine
from studio.render.planner import RenderPlanner
from studio.render.scheduler import RenderScheduler
from studio.store.project_file import ProjectStore
from tests.fake_minimax.server import FakeMiniMax

T2A = "/v1/t2a_v2"
LINES = ["林晚走进银行。", "陆沉在门口等她。", "林晚，你来了。"]


@pytest.fixture
def project(tmp_path: Path):
    store = ProjectStore.create(tmp_path / "lex-mm.troupe", "S")
    role = store.add_role("林晚", voices={"minimax": "female-shaonv"})
    ep = store.add_episode("E1", "zh", [(role.id, t, Delivery(), None) for t in LINES])
    yield store, ep.id
    store.close()


async def test_the_name_reaches_pronunciation_dict_of_its_lines_only(project, engine: MiniMaxEngine,
                                                                    fake_minimax: FakeMiniMax) -> None:
    store, ep = project
    planner = RenderPlanner(store, engine)
    lex.add(store, lex.check_entry("林晚", "lin2 wan3", "pinyin", "zh"))
    assert (await RenderScheduler(store, engine).render(planner.stale_jobs(ep))).ok
    bodies = {c.json["text"]: c.json for c in fake_minimax.calls(T2A) if c.json}
    assert bodies["林晚走进银行。"]["pronunciation_dict"] == {"tone": ["林晚/(lin2)(wan3)"]}
    assert bodies["林晚，你来了。"]["pronunciation_dict"] == {"tone": ["林晚/(lin2)(wan3)"]}
    assert "pronunciation_dict" not in bodies["陆沉在门口等她。"]

    sent = len(fake_minimax.calls(T2A))
    lex.add(store, lex.check_entry("林晚", "lin2 wan2", "pinyin", "zh"))
    assert [p.status for p in planner.plan(ep)] == ["stale", "done", "stale"]
    assert (await RenderScheduler(store, engine).render(planner.stale_jobs(ep))).ok
    again = [c.json for c in fake_minimax.calls(T2A)[sent:] if c.json]
    assert sorted(b["text"] for b in again) == ["林晚走进银行。", "林晚，你来了。"]
    assert all(b["pronunciation_dict"] == {"tone": ["林晚/(lin2)(wan2)"]} for b in again)
    assert all(b["text"].startswith("林晚") for b in again)  # the written word is sent; the dict says it
