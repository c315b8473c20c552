"""`troupe export --karaoke --words --visemes`: the word-timed files next to the audio, named after it,
and a sentence saying how the lines' word times were found."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pysubs2


def troupe(*args: str) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "studio.cli", *args], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"troupe {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
    return proc


def test_export_writes_karaoke_words_and_visemes(tmp_path: Path) -> None:
    project = tmp_path / "demo.troupe"
    troupe("new", str(project), "--demo")
    out = tmp_path / "ep2.wav"
    done = troupe("export", str(project), "--engine", "espeak", "-o", str(out), "-e", "2", "--subtitles", "none",
                  "--karaoke", "--words", "--visemes")
    for suffix in (".karaoke.ass", ".words.json", ".visemes.json"):
        assert f"Word timings: {tmp_path / ('ep2' + suffix)}" in done.stdout
    assert "aligned on the audio" in done.stdout
    subs = pysubs2.load(str(tmp_path / "ep2.karaoke.ass"))
    assert subs.events and all("\\kf" in e.text for e in subs.events)
    words = json.loads((tmp_path / "ep2.words.json").read_text(encoding="utf-8"))
    assert words["lines"] and all(line["words"] for line in words["lines"])
    visemes = json.loads((tmp_path / "ep2.visemes.json").read_text(encoding="utf-8"))
    assert visemes["tracks"][0]["cues"][-1]["end_ms"] == visemes["duration_ms"]
    assert not (tmp_path / "ep2.srt").exists()
