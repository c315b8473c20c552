"""Formats 4 and 5: a line's trims and source cue, notes kept beside a take (word timings, checks), a take's checksum."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from studio.domain.model import Delivery, NewLine
from studio.store import events as ev
from studio.store.project_file import SCHEMA_VERSION, ProjectStore


def _project(tmp_path: Path) -> tuple[ProjectStore, int]:
    store = ProjectStore.create(tmp_path / "p.troupe", "Series")
    role = store.add_role("林晚")
    ep = store.add_episode("第一集", "zh", [
        (role.id, "你好。", Delivery(), None),
        NewLine(role.id, "再见。", cue_start_ms=4000, cue_end_ms=5200),
    ])
    return store, ep.id


def test_trims_and_cues_survive_reopen_and_undo(tmp_path: Path) -> None:
    store, ep = _project(tmp_path)
    first, second = store.lines(ep)
    assert not first.locked and (second.cue_start_ms, second.cue_end_ms) == (4000, 5200) and second.locked
    store.update_line(first.with_(trim_start_ms=120, trim_end_ms=300))
    store.close()
    with ProjectStore.open(tmp_path / "p.troupe") as again:
        first, second = again.lines(ep)
        assert (first.trim_start_ms, first.trim_end_ms) == (120, 300)
        again.delete_lines([second.id])
        again.restore_lines([second])
        assert again.line(second.id).cue_start_ms == 4000
        copy = again.duplicate_episode(ep, "副本")
        assert [ln.cue_start_ms for ln in again.lines(copy.id)] == [None, 4000]


def test_a_take_note_is_kept_replaced_and_cleared(tmp_path: Path) -> None:
    store, ep = _project(tmp_path)
    line = store.lines(ep)[0]
    take = store.add_take(line_id=line.id, render_key="k1", audio=b"RIFF", format="wav", sample_rate=24000,
                          duration_ms=900, engine="kokoro", model="v1", voice_id="zf_xiaobei")
    heard: list[ev.StoreEvent] = []
    store.subscribe(heard.append)
    store.set_take_note(take.id, "words", {"words": [{"text": "你好", "start_ms": 0, "end_ms": 500}]})
    store.set_take_note(take.id, "words", {"words": []})
    store.set_take_note(take.id, "check", {"score": 0.5})
    assert store.take_note(take.id, "words") == {"words": []}
    assert store.take_notes("check", [take.id, 999]) == {take.id: {"score": 0.5}}
    assert store.take_note(999, "words") is None
    assert store.clear_take_notes("check") == 1 and store.take_note(take.id, "check") is None
    assert [e for e in heard if isinstance(e, ev.TakeNoted)] == [
        ev.TakeNoted(take.id, "words"), ev.TakeNoted(take.id, "words"), ev.TakeNoted(take.id, "check"),
        ev.TakeNoted(None, "check")]
    store.close()


def test_a_format_3_file_gains_trims_cues_and_take_notes(tmp_path: Path) -> None:
    store, ep = _project(tmp_path)
    store.close()
    conn = sqlite3.connect(tmp_path / "p.troupe")
    conn.execute("DROP TABLE take_notes")
    for column in ("trim_start_ms", "trim_end_ms", "cue_start_ms", "cue_end_ms"):
        conn.execute(f"ALTER TABLE lines DROP COLUMN {column}")
    conn.execute("PRAGMA user_version=3")
    conn.commit()
    conn.close()
    with ProjectStore.open_readonly(tmp_path / "p.troupe") as old:  # read as it is, nothing written
        assert [(ln.trim_start_ms, ln.cue_start_ms) for ln in old.lines(ep)] == [(0, None), (0, None)]
        assert old.take_note(1, "words") is None and old.take_notes("words", [1]) == {}
    with ProjectStore.open(tmp_path / "p.troupe") as store:
        assert store._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION  # noqa: SLF001
        line = store.lines(ep)[1]
        store.update_line(line.with_(cue_start_ms=100, trim_end_ms=50))
        assert (store.line(line.id).cue_start_ms, store.line(line.id).trim_end_ms) == (100, 50)


def test_an_import_keeps_each_timed_lines_cues_in_its_one_transaction(tmp_path: Path) -> None:
    from studio.domain.model import NewLine
    from studio.store.project_file import NewRole

    store = ProjectStore.create(tmp_path / "cues.troupe", "S")
    try:
        episode, _roles = store.import_episode(
            [NewRole("林晚")], "Dub", "zh", [("林晚", NewLine(None, "你来了。", cue_start_ms=300, cue_end_ms=1800)),
                                            ("林晚", NewLine(None, "走吧。"))])
        lines = store.lines(episode.id)
        assert [(ln.cue_start_ms, ln.cue_end_ms) for ln in lines] == [(300, 1800), (None, None)]
        assert lines[0].locked and not lines[1].locked
    finally:
        store.close()


def test_a_flipped_byte_in_a_take_is_reported_and_its_line_goes_stale(tmp_path: Path) -> None:
    from studio.store.project_file import TakeDamagedError, take_checksum

    store, ep = _project(tmp_path)
    line = store.lines(ep)[0]
    audio = b"RIFF" + bytes(range(256)) * 8
    take = store.add_take(line_id=line.id, render_key="k-1", audio=audio, format="wav", sample_rate=24000,
                          duration_ms=100, engine="kokoro", model="m", voice_id="v")
    assert store.take_audio(take.id) == audio
    store.close()
    conn = sqlite3.connect(tmp_path / "p.troupe")
    damaged = bytearray(audio)
    damaged[100] ^= 0x01
    conn.execute("UPDATE takes SET audio=? WHERE id=?", (bytes(damaged), take.id))
    conn.commit()
    conn.close()
    with ProjectStore.open_readonly(tmp_path / "p.troupe") as viewer:  # a reader reports, changes nothing
        with pytest.raises(TakeDamagedError, match="damaged"):
            viewer.take_audio(take.id)
    with ProjectStore.open(tmp_path / "p.troupe") as again:
        heard: list[object] = []
        again.subscribe(heard.append)
        assert again.take_for_key("k-1") is not None
        with pytest.raises(TakeDamagedError, match="line 1") as info:
            again.take_audio(take.id)
        assert info.value.take_id == take.id and "render the line again" in str(info.value)
        assert again.take_for_key("k-1") is None  # set aside: the line is stale and renders anew
        assert any(isinstance(e, ev.LinesChanged) and line.id in e.line_ids for e in heard)
        assert take_checksum(bytes(damaged)) != take_checksum(audio)


def test_takes_of_an_older_file_get_their_checksums_when_it_is_opened(tmp_path: Path) -> None:
    from studio.store.project_file import take_checksum

    store, ep = _project(tmp_path)
    line = store.lines(ep)[0]
    take = store.add_take(line_id=line.id, render_key="k-2", audio=b"abc" * 100, format="wav", sample_rate=24000,
                          duration_ms=100, engine="kokoro", model="m", voice_id="v")
    store.close()
    conn = sqlite3.connect(tmp_path / "p.troupe")
    conn.execute("ALTER TABLE takes DROP COLUMN checksum")
    conn.execute("PRAGMA user_version=4")
    conn.commit()
    conn.close()
    with ProjectStore.open_readonly(tmp_path / "p.troupe") as old:  # format 4, read as it is
        assert old.take_audio(take.id) == b"abc" * 100
    with ProjectStore.open(tmp_path / "p.troupe") as store:
        assert store._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5  # noqa: SLF001
        row = store._conn.execute("SELECT checksum FROM takes WHERE id=?", (take.id,)).fetchone()  # noqa: SLF001
        assert row[0] == take_checksum(b"abc" * 100)

