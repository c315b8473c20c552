"""`troupe check PROJECT` also names the takes that drift from their role's voice (when the speaker encoder is
installed), exits 1 for them, and `--no-voices` leaves the voice check out."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from studio.checks import listen
from studio.library import embedding
from tests.actions.test_drift import IMPOSTOR, LINES, project

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900),
              pytest.mark.skipif(not listen.available(), reason="the recogniser's packages are not installed"),
              pytest.mark.skipif(embedding.weights_path() is None, reason="resemblyzer's weights are not installed")]


def test_check_prints_the_drifting_take_and_exits_1(tmp_path: Path) -> None:
    store, _engine, _ep = project(tmp_path / "v.troupe")
    store.close()
    env = dict(os.environ, TROUPE_CACHE_DIR=str(tmp_path / "cache"))

    def troupe(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "studio.cli", *args], capture_output=True, text=True,
                              timeout=600, env=env)

    proc = troupe("check", str(tmp_path / "v.troupe"))
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout
    wrong = f"episode 1, line {IMPOSTOR + 1} (林晚) (0."
    assert wrong in out and "to female_lead, drifting: it does not sound like its voice): " + LINES[IMPOSTOR][1] in out
    assert out.count("drifting: it does not") == 1
    # the telephone line is not embedded (its effect changes the timbre on purpose): 6 measured of 7
    assert f"Voices: {len(LINES)} takes ({len(LINES) - 1} measured now): 1 drifting from their role's voice." in out
    again = troupe("check", str(tmp_path / "v.troupe"), "--all")
    assert f"Voices: {len(LINES)} takes (0 measured now): 1 drifting" in again.stdout  # kept beside the takes
    assert "episode 1, line 1 (林晚) (0.9" in again.stdout and ", ok): " in again.stdout
    assert "line 6 (林晚): voice not judged, too short to tell" in again.stdout
    plain = troupe("check", str(tmp_path / "v.troupe"), "--no-voices")
    assert "Voices:" not in plain.stdout and "drifting" not in plain.stdout
