"""The open project and episode outside Qt: the engine is loaded before any view hears of a change, rows
keep the truth of the project file, and the row events come in the order an item model needs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.actions.engines import EngineHub
from studio.actions.status import count, episode_plans
from studio.domain.model import DONE, QUEUED, STALE, Delivery, ProjectSettings
from studio.session import events as se
from studio.session.project import ProjectSession
from studio.store import events as ev
from studio.store.project_file import ProjectStore


@pytest.fixture
def session(tmp_path: Path):
    store = ProjectStore.create(tmp_path / "s.troupe", "S", ProjectSettings(engine="espeak"))
    n = store.add_role("旁白", voices={"espeak": "narrator"})
    a = store.add_role("林晚", voices={"espeak": "female_lead", "kokoro": "female_lead"})
    ep = store.add_episode("E1", "zh", [(n.id, "夜深了。", Delivery(), None), (a.id, "你来了。", Delivery(), None)])
    s = ProjectSession(store, EngineHub())
    s.episode.load(ep.id)
    yield s
    s.close()


def _add_fake_take(store: ProjectStore, key: str, line_id: int) -> None:
    store.add_take(line_id=line_id, render_key=key, audio=b"RIFF", format="wav", sample_rate=24000,
                   duration_ms=500, engine="espeak", model="m", voice_id="v")


def test_switching_engine_loads_it_before_any_view_hears_of_the_change(session: ProjectSession) -> None:
    for p in session.episode.plans():
        assert p.job is not None
        _add_fake_take(session.store, p.job.key, p.line.id)
    assert [session.episode.status_at(r) for r in range(2)] == [DONE, DONE]
    heard: list[tuple[str, str, list[str]]] = []

    def listener(event: object) -> None:
        rows = [session.episode.status_at(r) for r in range(len(session.episode))]
        heard.append((type(event).__name__, session.engine_name, rows))

    session.subscribe(listener)
    session.set_engine("kokoro")
    # Kokoro has no takes: by the time anybody hears of the change, every row says so, and the engine is kokoro.
    assert heard == [("SettingsChanged", "kokoro", [STALE, STALE]), ("EngineChanged", "kokoro", [STALE, STALE])]
    # 旁白 has no kokoro voice: stale (rendering casts one), not failed.
    assert session.episode.plan_at(0).needs_voice
    session.set_engine("espeak")
    assert [session.episode.status_at(r) for r in range(2)] == [DONE, DONE]


def test_rows_match_a_fresh_plan_of_the_file_after_every_kind_of_change(session: ProjectSession) -> None:
    store, ep = session.store, session.episode.episode_id
    assert ep is not None

    def fresh() -> list[str]:
        return [p.status for p in episode_plans(store, session.engine, ep)]

    def shown() -> list[str]:
        return [session.episode.status_at(r) for r in range(len(session.episode))]

    first = session.episode.plan_at(0)
    _add_fake_take(store, first.job.key, first.line.id)
    assert shown() == fresh() == [DONE, STALE]
    store.insert_lines(ep, 1, [(None, "新的一句。", Delivery(), None)])
    assert shown() == fresh()
    store.update_line(store.lines(ep)[0].with_(text="改了。"))
    assert shown() == fresh() == [STALE, STALE, STALE]
    role = store.role_by_name("林晚")
    store.set_voice(role.id, "espeak", None)
    assert shown() == fresh()
    store.move_lines(ep, list(reversed([ln.id for ln in store.lines(ep)])))
    assert session.episode.line_ids() == [ln.id for ln in store.lines(ep)]
    assert [p.line.position for p in session.episode.plans()] == [0, 1, 2]
    assert session.episode.counts() == count(episode_plans(store, session.engine, ep))


def test_render_marks_are_an_overlay_that_never_changes_the_counts(session: ProjectSession) -> None:
    line_id = session.episode.line_at(0).id
    before = session.episode.counts()
    session.episode.mark(line_id, QUEUED)
    assert session.episode.status_at(0) == QUEUED
    assert session.episode.counts() == before
    session.episode.clear_marks()
    assert session.episode.status_at(0) == STALE


def test_row_events_come_in_the_order_a_table_model_needs(session: ProjectSession) -> None:
    events: list[object] = []
    lengths: list[int] = []

    def listener(event: object) -> None:
        events.append(event)
        lengths.append(len(session.episode))

    session.episode.subscribe(listener)
    store, ep = session.store, session.episode.episode_id
    ids = store.insert_lines(ep, 0, [(None, "开头。", Delivery(), None)])
    assert [type(e) for e in events[:2]] == [se.RowsAboutToBeInserted, se.RowsInserted]
    assert lengths[:2] == [2, 3]  # "about to": still two rows; after: three
    events.clear()
    lengths.clear()
    store.delete_lines(ids)
    assert [type(e) for e in events[:2]] == [se.RowsAboutToBeRemoved, se.RowsRemoved]
    assert lengths[:2] == [3, 2]


def test_deleting_the_open_episode_empties_the_rows(session: ProjectSession) -> None:
    heard: list[object] = []
    session.subscribe(heard.append)
    session.store.delete_episode(session.episode.episode_id)
    assert session.episode.episode_id is None and len(session.episode) == 0
    assert any(isinstance(e, ev.EpisodesChanged) for e in heard)


def test_undoing_an_import_whose_episode_is_open_empties_the_rows(session: ProjectSession) -> None:
    from studio.domain.model import NewLine
    from studio.store.project_file import NewRole

    store = session.store
    episode, roles = store.import_episode([NewRole("新角色")], "E2", "zh", [("新角色", NewLine(None, "我是新来的。"))])
    session.episode.load(episode.id)
    assert len(session.episode) == 1
    heard: list[object] = []
    session.subscribe(heard.append)
    store.remove_import(episode.id, [r.id for r in roles])  # the roles go first, then the episode
    assert session.episode.episode_id is None and len(session.episode) == 0
    assert any(isinstance(e, ev.EpisodesChanged) for e in heard)
    assert [r.name for r in session.roles().values()] == ["旁白", "林晚"]


def test_an_engine_that_cannot_be_built_leaves_rows_stale_with_the_reason(session: ProjectSession,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MINIMAX_API_KEY", raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    session.set_engine("minimax")
    assert session.engine is None and "MiniMax" in (session.engine_error or "")
    plans = session.episode.plans()
    assert [p.status for p in plans] == [STALE, STALE]
    assert all("MiniMax" in (p.error or "") for p in plans)
