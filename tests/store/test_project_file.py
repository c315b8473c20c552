"""The .troupe file: transactions, reopening, locking, damaged and future files, copies."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from studio.domain.model import Delivery
from studio.store.project_file import ProjectError, ProjectLockedError, ProjectStore


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


def test_events_follow_commits(tmp_path: Path) -> None:
    store, ep = _project(tmp_path)
    seen = []
    store.subscribe(lambda kind, payload: seen.append(kind))
    line = store.lines(ep)[0]
    store.update_line(line.with_(text="改了"))
    store.delete_lines([line.id])
    assert seen == ["lines_changed", "lines_removed"]
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
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        reader.set_title("x")
    reader.close()
    assert store.title == "Series"  # closing the reader leaves the writer working
    store.set_title("S2")
    store.close()
