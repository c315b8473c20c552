"""The open episode of a timed script: a take that arrives for a locked line is flagged as overflowing its
slot in the rows and the counts exactly as a fresh plan of the file says."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.actions.engines import EngineHub
from studio.actions.status import count, episode_plans
from studio.domain.model import NewLine, ProjectSettings
from studio.session.project import ProjectSession
from studio.store.project_file import NewRole, ProjectStore


@pytest.fixture
def session(tmp_path: Path):
    store = ProjectStore.create(tmp_path / "t.troupe", "T", ProjectSettings(engine="espeak"))
    store.import_episode([NewRole("林晚")], "E1", "zh", [("林晚", NewLine(None, "你来了。")),
                                                          ("林晚", NewLine(None, "走吧。"))])
    ep = store.episodes()[0]
    store.set_voice(store.role_by_name("林晚").id, "espeak", "female_lead")
    a, b = store.lines(ep.id)
    store.update_lines([a.with_(cue_start_ms=1000, cue_end_ms=1600), b.with_(cue_start_ms=3000, cue_end_ms=6000)])
    s = ProjectSession(store, EngineHub())
    s.episode.load(ep.id)
    yield s
    s.close()


def _take(store: ProjectStore, key: str, line_id: int, ms: int) -> None:
    store.add_take(line_id=line_id, render_key=key, audio=b"RIFF", format="wav", sample_rate=24000,
                   duration_ms=ms, engine="espeak", model="m", voice_id="v")


def test_a_take_longer_than_its_slot_is_overflowing_in_the_rows_and_counts(session: ProjectSession) -> None:
    store, ep = session.store, session.episode.episode_id
    first, second = session.episode.plan_at(0), session.episode.plan_at(1)
    _take(store, first.job.key, first.line.id, 900)  # slot 600 ms
    _take(store, second.job.key, second.line.id, 2000)  # slot 3000 ms
    shown = session.episode.plans()
    assert [p.overflow_ms for p in shown] == [300, 0]
    assert session.episode.counts().overflowing == 1
    assert session.episode.counts() == count(episode_plans(store, session.engine, ep))
