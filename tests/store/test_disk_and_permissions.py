"""The right diagnosis: a full disk stops a render with one sentence (no traceback) and keeps the takes
finished before; a read-only file or folder says so (not "already open elsewhere") and opens read-only
for viewing; a file is called damaged only when SQLite's integrity check says so."""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from studio.domain.model import Delivery, ProjectSettings
from studio.engines.espeak import EspeakEngine
from studio.render.planner import RenderPlanner
from studio.render.scheduler import RenderScheduler
from studio.store.project_file import (
    DISK_FULL,
    ProjectDiskFullError,
    ProjectError,
    ProjectStore,
    integrity_problem,
)


def _project(path: Path, lines: int = 12) -> ProjectStore:
    store = ProjectStore.create(path, "Full", ProjectSettings(engine="espeak"))
    role = store.add_role("Lin", voices={"espeak": "female_lead"})
    store.add_episode("One", "en", [(role.id, f"This is line number {i + 1} of a long night, and the rain "
                                     "goes on and on.", Delivery(), None) for i in range(lines)])
    return store


def _fill_after(store: ProjectStore, pages: int) -> None:
    """The disk is full ``pages`` database pages from now (SQLite says SQLITE_FULL past that)."""
    count = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count={count + pages}")


def test_a_full_disk_stops_the_render_with_one_sentence_and_keeps_the_takes(tmp_path: Path,
                                                                           caplog: pytest.LogCaptureFixture) -> None:
    store = _project(tmp_path / "full.troupe")
    engine = EspeakEngine()
    ep = store.episodes()[0].id
    _fill_after(store, 60)  # room for a few takes, not twelve
    caplog.set_level(logging.INFO)

    async def go():
        try:
            return await RenderScheduler(store, engine, jobs=2).render(RenderPlanner(store, engine).stale_jobs(ep))
        finally:
            await engine.aclose()

    report = asyncio.run(go())
    assert report.stopped == DISK_FULL
    assert 0 < len(report.rendered) < 12 and not report.failed
    assert len(report.rendered) + len(report.cancelled) == 12
    assert not [r for r in caplog.records if r.exc_info], "no traceback"
    kept = [p for p in RenderPlanner(store, engine).plan(ep) if p.status == "done"]
    assert len(kept) == len(report.rendered)
    for p in kept:
        assert store.take_audio(p.take.id)[:4] == b"RIFF" or len(store.take_audio(p.take.id)) > 100
    with pytest.raises(ProjectDiskFullError, match="The disk is full; nothing was lost"):
        store.set_title("x" * 400_000)
    store.close()
    again = ProjectStore.open(tmp_path / "full.troupe")  # healthy, not "damaged"
    assert again.title == "Full" and again.take_count() == len(report.rendered)
    again.close()


def test_the_cli_says_the_disk_is_full_once(tmp_path: Path) -> None:
    """A real small file system (tmpfs) when this machine can mount one."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    mnt = tmp_path / "small"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mnt)]).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        project = mnt / "p.troupe"
        store = _project(project, lines=40)
        store.close()
        proc = subprocess.run([sys.executable, "-m", "studio.cli", "render", str(project), "--engine", "espeak"],
                              capture_output=True, text=True, timeout=300)
        assert proc.returncode != 0
        assert "Traceback" not in proc.stderr and proc.stderr.count(DISK_FULL) == 1, proc.stderr
        with ProjectStore.open_readonly(project) as after:
            assert after.take_count() > 0
    finally:
        subprocess.run(["umount", str(mnt)])


OPEN = """
import sys
from studio.store.project_file import ProjectStore, ProjectError
try:
    ProjectStore.open(sys.argv[1])
except ProjectError as exc:
    print("OPEN:", exc)
s = ProjectStore.open_readonly(sys.argv[1])
print("READ:", s.title, len(s.roles()))
"""


def _opened(path: Path) -> str:
    proc = subprocess.run([sys.executable, "-c", OPEN, str(path)], capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.stdout


def test_a_read_only_file_system_says_so_and_opens_to_view(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting needs root (the permission tests below cover other users)")
    mnt = tmp_path / "ro"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mnt)]).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        _project(mnt / "ro.troupe", lines=2).close()
        assert subprocess.run(["mount", "-o", "remount,ro", str(mnt)]).returncode == 0
        out = _opened(mnt / "ro.troupe")
    finally:
        subprocess.run(["umount", str(mnt)])
    assert "is read-only" in out and "already open" not in out and "damaged" not in out, out
    assert "READ: Full 1" in out


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_file_or_folder_says_so_and_opens_to_view(tmp_path: Path, what: str) -> None:
    if os.geteuid() == 0:
        pytest.skip("permissions do not bind root (the read-only file system test covers it)")
    folder = tmp_path / "proj"
    folder.mkdir()
    path = folder / "ro.troupe"
    _project(path, lines=2).close()
    (path.chmod if what == "file" else folder.chmod)(0o444 if what == "file" else 0o555)
    try:
        out = _opened(path)
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)
    assert "is read-only" in out and "already open" not in out, out
    assert "READ: Full 1" in out


def test_damaged_only_when_the_integrity_check_says_so(tmp_path: Path) -> None:
    path = tmp_path / "p.troupe"
    _project(path, lines=3).close()
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for n in range(2, len(data) // page):  # overwrite the b-tree pages after the header
        data[n * page:n * page + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))
    with pytest.raises(ProjectError, match="damaged"):
        ProjectStore.open(path)
    assert integrity_problem(path) is not None  # what the sentence rests on
