"""An import is all or nothing: killed at any moment, ``troupe import`` leaves an existing project as it
was (no roles without their episode, no half an episode) and no project at all where it was creating
one; a script that fails leaves nothing either."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from studio.domain.model import Delivery
from studio.store.project_file import ProjectStore

LINES = 1500


def _script(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["role", "text"])
        for i in range(LINES):
            w.writerow([f"Role{i % 30}", f"This is line {i} of a long script, and the night goes on."])
    return path


def _import(script: Path, project: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "studio.cli", "import", str(script), str(project)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _state(project: Path) -> tuple[int, int, int]:
    with ProjectStore.open_readonly(project) as store:
        eps = store.episodes()
        return len(store.roles()), len(eps), sum(len(store.lines(e.id)) for e in eps)


def test_a_killed_import_changes_nothing_and_creates_nothing(tmp_path: Path) -> None:
    script = _script(tmp_path / "big.csv")
    existing = tmp_path / "mine.troupe"
    store = ProjectStore.create(existing, "Mine")
    role = store.add_role("Lin")
    store.add_episode("One", "en", [(role.id, "Hello.", Delivery(), None)])
    store.close()
    before = _state(existing)
    start = time.monotonic()
    full = _import(script, tmp_path / "timing.troupe")
    assert full.wait(timeout=300) == 0
    took = time.monotonic() - start
    after_full = _state(tmp_path / "timing.troupe")
    assert after_full == (30, 1, LINES)
    kills = 0
    deadline = time.monotonic() + 60
    for i in range(8):
        if time.monotonic() > deadline:
            break
        at = took * (0.35 + 0.6 * i / 8)  # across the part where the script is planned and written
        fresh = tmp_path / f"new{i}.troupe"
        procs = [_import(script, existing), _import(script, fresh)]
        time.sleep(at)
        for proc in procs:
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
                kills += 1
            proc.wait(timeout=30)
        now = _state(existing)
        # a whole import adds its episode and lines; its 30 roles only the first time (later ones reuse them)
        whole = (max(before[0], 1 + 30), before[1] + 1, before[2] + LINES)
        assert now in (before, whole), now
        before = now
        if fresh.exists():
            assert _state(fresh) == (30, 1, LINES)
        leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(f".new{i}.")]
        assert all(name.endswith(".creating") or ".creating" in name for name in leftovers)
        for name in leftovers:  # hidden and never opened as a project
            assert not name.endswith(".troupe")
    assert kills >= 2, "the kills must land while an import runs"


def test_a_failed_import_into_a_new_project_leaves_no_project(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("role,text\n", encoding="utf-8")  # no lines
    proc = subprocess.run([sys.executable, "-m", "studio.cli", "import", str(bad), str(tmp_path / "n.troupe")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv"]
