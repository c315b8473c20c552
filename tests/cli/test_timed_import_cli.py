"""`troupe import` of subtitles: the lines are locked to their times and `troupe info` says which rendered
lines run past their cue; a bad subtitle file is a sentence and creates nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SRT = """1
00:00:00,500 --> 00:00:03,000
林晚：你来了。

2
00:00:04,000 --> 00:00:04,200
陆沉：我等了你很久很久，从天黑一直等到天亮。
"""


def troupe(*args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "studio.cli", *args], capture_output=True, text=True, timeout=300)
    if ok:
        assert proc.returncode == 0, f"troupe {' '.join(args)}:\n{proc.stdout}\n{proc.stderr}"
    return proc


def test_import_of_an_srt_locks_its_lines_and_info_flags_the_overflowing_one(tmp_path: Path) -> None:
    src = tmp_path / "ep.srt"
    src.write_text(SRT, encoding="utf-8")
    project = tmp_path / "p.troupe"
    done = troupe("import", str(src), str(project))
    assert "Imported 2 lines locked to their subtitle times" in done.stdout
    troupe("render", str(project), "--engine", "espeak")
    info = troupe("info", str(project), "--engine", "espeak")
    assert "2 rendered (1 longer than their cue)" in info.stdout


def test_a_subtitle_file_without_dialogue_is_a_sentence_and_creates_no_project(tmp_path: Path) -> None:
    src = tmp_path / "bad.srt"
    src.write_text("1\n00:00:01,000 --> 00:00:02,000\n[音乐]\n", encoding="utf-8")
    project = tmp_path / "p.troupe"
    proc = troupe("import", str(src), str(project), ok=False)
    assert proc.returncode != 0
    assert "only sounds and directions" in proc.stderr + proc.stdout
    assert "Traceback" not in proc.stderr
    assert not project.exists()


def test_import_of_a_video_with_its_subtitles_remembers_the_video(tmp_path: Path) -> None:
    from studio.store.project_file import ProjectStore
    from tests.videos import make_video

    src = tmp_path / "dub.srt"
    src.write_text(SRT.replace("00:00:04,000 --> 00:00:04,200", "00:00:01,500 --> 00:00:02,500"), encoding="utf-8")
    video = make_video(tmp_path / "clip.mp4", seconds=3)
    project = tmp_path / "p.troupe"
    done = troupe("import", str(video), str(project), "--subtitles", str(src))
    assert "Imported 2 lines locked to their subtitle times" in done.stdout and "its video: clip.mp4" in done.stdout
    with ProjectStore.open(project) as store:
        episode = store.episodes()[0]
        assert episode.title == "clip"
        assert store.episode_mix(episode.id).source_video == str(video.resolve())
