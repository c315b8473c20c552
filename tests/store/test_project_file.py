"""The .troupe file: transactions, reopening, locking, damaged and future files, copies."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from studio.domain.model import Delivery, NewLine
from studio.store import events as ev
from studio.store.project_file import (
    SCHEMA_VERSION,
    NewRole,
    ProjectError,
    ProjectLockedError,
    ProjectReadOnlyError,
    ProjectStore,
)


def _project(tmp_path: Path) -> tuple[ProjectStore, int]:
    store = ProjectStore.create(tmp_path / "p.troupe", "Series")
    narrator = store.add_role("旁白")
    hero = store.add_role("陆沉", gender="male")
    ep = store.add_episode("第一集", "zh", [
        (narrator.id, "夜色很深。", Delivery(), None),
        (hero.id, "你到底想怎么样？", Delivery(speed=1.1, emotion="angry"), 200),
        (narrator.id, "她没有回答。", Delivery(), None),
    ])
    return store, ep.id


def test_edits_survive_reopen(tmp_path: Path) -> None:
    store, ep = _project(tmp_path)
    lines = store.lines(ep)
    store.update_line(lines[1].with_(text="你想怎样？"))
    store.close()
    with ProjectStore.open(tmp_path / "p.troupe") as again:
        texts = [ln.text for ln in again.lines(ep)]
        assert texts == ["夜色很深。", "你想怎样？", "她没有回答。"]
        assert again.lines(ep)[1].delivery == Delivery(speed=1.1, emotion="angry")
        assert again.lines(ep)[1].gap_ms == 200


def test_delete_and_restore_keeps_ids_and_order(tmp_path: Path) -> None:
    store, ep = _project(tmp_path)
    before = store.lines(ep)
    removed = store.delete_lines([before[1].id])
    assert [ln.id for ln in store.lines(ep)] == [before[0].id, before[2].id]
    store.restore_lines(removed)
    assert [(ln.id, ln.position, ln.text) for ln in store.lines(ep)] == [
        (ln.id, ln.position, ln.text) for ln in before]
    store.close()


def test_move_lines_requires_every_line(tmp_path: Path) -> None:
    store, ep = _project(tmp_path)
    ids = [ln.id for ln in store.lines(ep)]
    store.move_lines(ep, list(reversed(ids)))
    assert [ln.id for ln in store.lines(ep)] == list(reversed(ids))
    with pytest.raises(ProjectError):
        store.move_lines(ep, ids[:2])
    store.close()


def test_second_opener_is_told_it_is_open_elsewhere(tmp_path: Path) -> None:
    store, _ = _project(tmp_path)
    code = ("import sys\nfrom studio.store.project_file import ProjectStore, ProjectLockedError\n"
            "try:\n    ProjectStore.open(sys.argv[1])\nexcept ProjectLockedError as e:\n"
            "    print(e); sys.exit(3)\n")
    proc = subprocess.run([sys.executable, "-c", code, str(store.path)], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 3
    assert "already open" in proc.stdout
    store.close()
    proc = subprocess.run([sys.executable, "-c", code, str(store.path)], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_truncated_file_is_refused_and_untouched(tmp_path: Path) -> None:
    store, _ = _project(tmp_path)
    for i in range(30):
        store.add_take(line_id=None, render_key=f"k{i}", audio=b"x" * 20000, format="wav", sample_rate=24000,
                       duration_ms=100, engine="espeak", model="m", voice_id="v")
    store.close()
    path = tmp_path / "p.troupe"
    data = path.read_bytes()
    cut = tmp_path / "cut.troupe"
    cut.write_bytes(data[: len(data) // 2])
    before = cut.read_bytes()
    with pytest.raises(ProjectError, match="truncated|damaged"):
        ProjectStore.open(cut)
    assert cut.read_bytes() == before
    assert not Path(str(cut) + "-wal").exists() or Path(str(cut) + "-wal").stat().st_size == 0


def test_newer_schema_is_refused_and_untouched(tmp_path: Path) -> None:
    store, _ = _project(tmp_path)
    store.close()
    path = tmp_path / "p.troupe"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version=99")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(ProjectError, match="newer Troupe"):
        ProjectStore.open(path)
    assert path.read_bytes() == before


def test_not_a_project(tmp_path: Path) -> None:
    junk = tmp_path / "junk.troupe"
    junk.write_bytes(b"\x00\x01binary junk" * 100)
    with pytest.raises(ProjectError, match="not a Troupe project"):
        ProjectStore.open(junk)
    other = tmp_path / "other.troupe"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectError, match="not a Troupe project"):
        ProjectStore.open(other)


def test_save_copy_as_is_a_complete_project(tmp_path: Path) -> None:
    store, ep = _project(tmp_path)
    store.add_take(line_id=store.lines(ep)[0].id, render_key="abc", audio=b"RIFFdata", format="wav",
                   sample_rate=24000, duration_ms=500, engine="espeak", model="m", voice_id="v",
                   billed_chars=5)
    copy = store.save_copy_as(tmp_path / "copy.troupe")
    store.close()
    with ProjectStore.open(copy) as c:
        assert c.title == "Series"
        assert len(c.lines(ep)) == 3
        take = c.take_for_key("abc")
        assert take is not None and c.take_audio(take.id) == b"RIFFdata"
        assert c.usage_by_model() == {("espeak", "m"): 5}


def test_merge_roles_reassigns_lines(tmp_path: Path) -> None:
    store, ep = _project(tmp_path)
    alias = store.add_role("沉哥")
    store.insert_lines(ep, 3, [(alias.id, "我来了。", Delivery(), None)])
    hero = store.role_by_name("陆沉")
    assert hero is not None
    moved = store.merge_roles(alias.id, hero.id)
    assert len(moved) == 1
    assert store.role_by_name("沉哥") is None
    assert store.lines(ep)[3].role_id == hero.id
    store.close()


def test_events_follow_commits_as_typed_values(tmp_path: Path) -> None:
    store, ep = _project(tmp_path)
    seen: list[ev.StoreEvent] = []
    store.subscribe(seen.append)
    line = store.lines(ep)[0]
    store.update_line(line.with_(text="改了"))
    store.delete_lines([line.id])
    assert seen == [ev.LinesChanged((line.id,)), ev.LinesRemoved((line.id,))]
    store.close()


def test_undo_of_deleting_a_role_gives_its_lines_back_in_one_transaction(tmp_path: Path) -> None:
    store, ep = _project(tmp_path)
    narrator = store.role_by_name("旁白")
    assert narrator is not None
    orphaned = store.delete_role(narrator.id)
    assert sorted(orphaned) == sorted(ln.id for ln in store.lines(ep) if ln.position in (0, 2))
    assert all(ln.role_id is None for ln in store.lines(ep) if ln.id in orphaned)
    commits = []
    store._conn.set_trace_callback(lambda sql: commits.append(sql) if sql == "COMMIT" else None)  # noqa: SLF001
    store.restore_role(narrator, orphaned)
    store._conn.set_trace_callback(None)  # noqa: SLF001
    assert len(commits) == 1
    assert [ln.role_id for ln in store.lines(ep) if ln.id in orphaned] == [narrator.id, narrator.id]
    store.close()


def test_import_episode_creates_roles_and_lines_together_or_not_at_all(tmp_path: Path) -> None:
    store, _ = _project(tmp_path)
    before = (len(store.roles()), len(store.episodes()), store.line_count())
    hero = store.role_by_name("陆沉")
    assert hero is not None
    with pytest.raises(ProjectError, match="already a role"):
        store.import_episode([NewRole("小雨"), NewRole("陆沉")], "第二集", "zh",
                             [("小雨", NewLine(None, "姐姐！"))])
    assert (len(store.roles()), len(store.episodes()), store.line_count()) == before
    episode, roles = store.import_episode(
        [NewRole("小雨", voices={"kokoro": "girl"}, gender="female")], "第二集", "zh",
        [("小雨", NewLine(None, "姐姐！", note="跑进来")), (hero.id, NewLine(None, "怎么了？"))])
    assert [r.name for r in roles] == ["小雨"] and roles[0].voices == {"kokoro": "girl"}
    lines = store.lines(episode.id)
    assert [(ln.role_id, ln.text, ln.note) for ln in lines] == [(roles[0].id, "姐姐！", "跑进来"),
                                                                (hero.id, "怎么了？", "")]
    store.remove_import(episode.id, [roles[0].id])
    assert (len(store.roles()), len(store.episodes()), store.line_count()) == before
    store.restore_import(episode, lines, roles)
    assert store.lines(episode.id) == lines and store.role(roles[0].id) == roles[0]
    store.close()


def test_a_version_1_file_gains_line_notes_on_open(tmp_path: Path) -> None:
    store, ep = _project(tmp_path)
    store._conn.execute("ALTER TABLE lines DROP COLUMN note")  # noqa: SLF001 - what a version-1 file holds
    store._conn.execute("PRAGMA user_version=1")  # noqa: SLF001
    store.close()
    with ProjectStore.open_readonly(tmp_path / "p.troupe") as old:
        assert [ln.note for ln in old.lines(ep)] == ["", "", ""]
    with ProjectStore.open(tmp_path / "p.troupe") as again:
        assert again._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION  # noqa: SLF001
        line = again.lines(ep)[0]
        again.update_line(line.with_(note="轻声"))
        assert again.line(line.id).note == "轻声"


def test_read_only_open_works_while_another_writer_holds_the_project(tmp_path: Path) -> None:
    store, ep = _project(tmp_path)
    store.update_line(store.lines(ep)[0].with_(text="最后一次编辑。"))
    with ProjectStore.open_readonly(tmp_path / "p.troupe") as view:
        assert view.lines(ep)[0].text == "最后一次编辑。"
        with pytest.raises(ProjectReadOnlyError, match="p.troupe is open read-only, so nothing in it can change"):
            view.set_title("x")
    store.close()


def test_second_open_in_same_process_is_refused(tmp_path: Path) -> None:
    store, _ = _project(tmp_path)
    with pytest.raises(ProjectLockedError, match="already open"):
        ProjectStore.open(tmp_path / "p.troupe")
    store.close()


def test_reader_sees_committed_work_and_cannot_write(tmp_path: Path) -> None:
    store, ep = _project(tmp_path)
    reader = store.reader()
    assert [ln.text for ln in reader.lines(ep)] == [ln.text for ln in store.lines(ep)]
    store.update_line(store.lines(ep)[0].with_(text="新的一句。"))  # the writer goes on committing
    assert reader.lines(ep)[0].text == "新的一句。"
    with pytest.raises(ProjectReadOnlyError, match="open read-only"):
        reader.set_title("x")
    reader.close()
    assert store.title == "Series"  # closing the reader leaves the writer working
    store.set_title("S2")
    store.close()
