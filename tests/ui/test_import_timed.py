"""Importing subtitles and a video to dub from the window gives the project the command line gives: lines
locked to their cues, the video remembered; undo takes the episode (and its video) out, redo brings both
back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from studio.domain.model import ProjectSettings
from studio.store.project_file import ProjectStore
from tests.ui.conftest import Harness
from tests.videos import make_video

SRT = """1
00:00:00,300 --> 00:00:01,800
林晚：你来了。

2
00:00:02,000 --> 00:00:03,500
- 我等了很久。
- 对不起。
"""


def _base(path: Path) -> Path:
    ProjectStore.create(path, "Dub", ProjectSettings(engine="espeak")).close()
    return path


def _dump(path: Path) -> list[tuple[Any, ...]]:
    with ProjectStore.open(path) as store:
        return [(e.title, store.episode_mix(e.id).source_video,
                 [(ln.text, ln.cue_start_ms, ln.cue_end_ms, store.role(ln.role_id).name) for ln in store.lines(e.id)])
                for e in store.episodes()]


async def test_the_window_imports_a_video_with_its_subtitles_as_the_command_line_does(tmp_path: Path,
                                                                                      qtbot: Any) -> None:
    subs = tmp_path / "s.srt"
    subs.write_text(SRT, encoding="utf-8")
    video = make_video(tmp_path / "clip.mp4", seconds=4, subtitles=subs)
    subs.unlink()
    by_cli = _base(tmp_path / "cli.troupe")
    proc = subprocess.run([sys.executable, "-m", "studio.cli", "import", str(video), str(by_cli)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    h = Harness(_base(tmp_path / "window.troupe"))
    try:
        episode = await h.window.import_script(str(video))
        assert episode is not None
        assert h.store.episode_mix(episode).source_video == str(video.resolve())
        assert all(ln.locked for ln in h.store.lines(episode))
        h.window.undo_stack.undo()
        assert h.store.episodes() == []
        h.window.undo_stack.redo()
        assert [e.id for e in h.store.episodes()] == [episode]
        assert h.store.episode_mix(episode).source_video == str(video.resolve())
    finally:
        await h.close()
    window, cli = _dump(tmp_path / "window.troupe"), _dump(by_cli)
    assert window == cli
    assert [cue[1:3] for cue in cli[0][2]] == [(300, 1800), (2000, 2900), (2900, 3500)]  # a dashed cue shared by length
