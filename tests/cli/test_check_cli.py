"""`troupe check PROJECT`: the doubtful line is printed with the words that differ and the command exits 1;
a project whose takes say their lines exits 0; a missing project is a sentence (exit 2)."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest

from studio.checks import listen
from studio.domain.model import Delivery, ProjectSettings
from studio.engines.espeak import EspeakEngine
from studio.engines.speech import SpeechRequest
from studio.render.planner import RenderPlanner
from studio.render.scheduler import RenderScheduler
from studio.store.project_file import ProjectStore

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not listen.available(), reason="the recogniser's packages are not installed")]

LINES = ["Where were you last night?", "Tell me the whole truth about the letter."]


def troupe(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "studio.cli", *args], capture_output=True, text=True, timeout=600)


def test_check_prints_the_doubtful_line_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "check.troupe"
    store = ProjectStore.create(path, "S", ProjectSettings(engine="espeak"))
    role = store.add_role("Lin", voices={"espeak": "female_lead"})
    ep = store.add_episode("E1", "en", [(role.id, t, Delivery(), None) for t in LINES])
    engine = EspeakEngine()
    planner = RenderPlanner(store, engine)
    second = planner.plan(ep.id)[1]
    # the second line's take says something else: "story", not "whole truth"
    said = asyncio.run(engine.synthesize(SpeechRequest(engine="espeak", voice_id="female_lead", language="en",
                                                       text="Tell me the story about the letter.")))
    store.add_take(line_id=second.line.id, render_key=second.job.key, audio=said.audio, format=said.format,
                   sample_rate=said.sample_rate, duration_ms=said.duration_ms, engine="espeak", model=said.model,
                   voice_id="female_lead")
    asyncio.run(RenderScheduler(store, engine).render(planner.stale_jobs(ep.id)))
    store.close()

    proc = troupe("check", str(path))
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout
    assert "episode 1, line 2" in out and "episode 1, line 1" not in out
    assert "“whole truth" in out and "heard as “s" in out  # the words that differ, as heard
    assert "Checked 2 takes: 1 doubtful." in out
    again = troupe("check", str(path), "--all")
    assert "episode 1, line 1 (100%, ok)" in again.stdout  # the results kept beside the takes
    assert "Checked 2 takes (0 heard now): 1 doubtful." in again.stdout

    # the doubtful line, and only it, rendered again; its new take is heard by the next check
    redo = troupe("render", str(path), "--doubtful")
    assert redo.returncode == 0, redo.stderr
    assert "Engine calls: 1." in redo.stdout
    with ProjectStore.open(path) as store:
        assert [len(store.takes_for_line(ln.id)) for ln in store.lines(ep.id)] == [1, 2]
    final = troupe("check", str(path), "--all")
    assert "Checked 2 takes (1 heard now)" in final.stdout
    assert "episode 1, line 1 (100%, ok)" in final.stdout


def test_render_doubtful_says_when_no_take_is_doubtful(tmp_path: Path) -> None:
    path = tmp_path / "none.troupe"
    store = ProjectStore.create(path, "S", ProjectSettings(engine="espeak"))
    role = store.add_role("Lin", voices={"espeak": "female_lead"})
    store.add_episode("E1", "en", [(role.id, LINES[0], Delivery(), None)])
    store.close()
    assert troupe("render", str(path)).returncode == 0
    proc = troupe("render", str(path), "--doubtful")
    assert proc.returncode == 0 and "No take is doubtful" in proc.stdout and "Engine calls: 0." in proc.stdout


def test_a_missing_project_is_a_sentence(tmp_path: Path) -> None:
    proc = troupe("check", str(tmp_path / "none.troupe"))
    assert proc.returncode == 2 and "does not exist" in proc.stderr and "Traceback" not in proc.stderr
