"""A video to dub read as a timed script: its own subtitle stream, a subtitle file beside it or one given;
the draft remembers the video; a video without subtitles, a file that is no video and subtitles that start
after the video ends are sentences. The videos are made here with ffmpeg (a few seconds, tiny)."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.formats.script_import import ScriptImportError, read_script
from studio.formats.timed import read_video_script
from studio.video.probe import probe
from tests.videos import make_video

SRT = """1
00:00:00,300 --> 00:00:01,200
林晚：你来了。

2
00:00:01,500 --> 00:00:02,800
陆沉：我回来了。
"""
OTHER = """1
00:00:00,500 --> 00:00:02,000
Lin Wan: You came.
"""


@pytest.fixture
def srt(tmp_path: Path) -> Path:
    p = tmp_path / "source.srt"
    p.write_text(SRT, encoding="utf-8")
    return p


def lines(draft) -> list[tuple[str, str, int | None, int | None]]:
    return [(ln.role, ln.text, ln.cue_start_ms, ln.cue_end_ms) for ln in draft.lines]


def test_a_video_with_its_own_subtitle_stream_is_a_timed_script_that_remembers_it(tmp_path: Path, srt: Path) -> None:
    video = make_video(tmp_path / "clip.mp4", subtitles=srt)
    assert [s.codec for s in probe(video).subtitles] == ["mov_text"]
    draft = read_script(video)
    assert lines(draft) == [("林晚", "你来了。", 300, 1200), ("陆沉", "我回来了。", 1500, 2800)]
    assert draft.source_video == str(video.resolve())
    assert draft.title == "clip"


def test_a_subtitle_file_beside_the_video_comes_first_and_a_given_one_before_that(tmp_path: Path, srt: Path) -> None:
    video = make_video(tmp_path / "ep1.mp4", subtitles=srt)
    (tmp_path / "ep1.en.srt").write_text(OTHER, encoding="utf-8")
    assert lines(read_video_script(video)) == [("Lin Wan", "You came.", 500, 2000)]
    assert lines(read_video_script(video, stream=1))[0][1] == "你来了。"  # its own stream when asked
    given = tmp_path / "given.srt"
    given.write_text(SRT.replace("你来了", "是你"), encoding="utf-8")
    assert lines(read_video_script(video, given))[0][1] == "是你。"


def test_a_video_without_subtitles_says_how_to_import_it(tmp_path: Path) -> None:
    video = make_video(tmp_path / "bare.mp4", seconds=1)
    with pytest.raises(ScriptImportError, match="--subtitles"):
        read_script(video)
    with pytest.raises(ScriptImportError, match="no stream 2"):
        read_video_script(video, stream=2)


def test_a_file_that_is_no_video_and_late_subtitles_are_sentences(tmp_path: Path, srt: Path) -> None:
    fake = tmp_path / "notes.mp4"
    fake.write_text("not a video", encoding="utf-8")
    with pytest.raises(ScriptImportError, match="is not a video Troupe can read"):
        read_script(fake)
    short = make_video(tmp_path / "short.mp4", seconds=1)
    with pytest.raises(ScriptImportError, match="start after"):
        read_video_script(short, srt)
