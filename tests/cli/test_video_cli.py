"""`troupe export -o ep.mp4`: a vertical video over a cover image, and a dub over the video an episode was
imported from (its own subtitle stream); `troupe fit` lists and fits the lines that run past their cue;
bad video options are sentences (exit 2, no traceback, no file)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from studio.video.probe import count_frames, probe
from tests.video.test_compose import image, streams
from tests.videos import make_video

SRT = """1
00:00:00,300 --> 00:00:01,800
Lin Wan: The rain did not stop.

2
00:00:02,000 --> 00:00:02,200
Chen: Who is there at this hour of the night?
"""


def troupe(*args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "studio.cli", *args], capture_output=True, text=True, timeout=300)
    if ok:
        assert proc.returncode == 0, f"troupe {' '.join(args)}:\n{proc.stdout}\n{proc.stderr}"
    return proc


def test_export_of_a_vertical_video_over_a_cover_image(tmp_path: Path) -> None:
    script = tmp_path / "ep.txt"
    script.write_text("林晚：雨下了一整夜。\n陆沉：是我，开门。\n", encoding="utf-8")
    project = tmp_path / "p.troupe"
    troupe("import", str(script), str(project))
    cover = image(tmp_path / "cover.png", "navy", size="90x160")
    out = tmp_path / "ep1.mp4"
    done = troupe("export", str(project), "--engine", "espeak", "-o", str(out), "--video", str(cover), "--aspect",
                  "9:16", "--preset", "short-video", "--x264-preset", "ultrafast", "--subtitles", "none")
    assert "Exported" in done.stdout and "1080×1920" in done.stdout and "2 captions" in done.stdout
    info = streams(out)
    assert (int(info["video"]["width"]), int(info["video"]["height"])) == (1080, 1920)
    assert info["audio"]["codec_name"] == "aac"
    assert not (tmp_path / "ep1.srt").exists()


def test_a_dub_over_the_imported_video_and_troupe_fit(tmp_path: Path) -> None:
    subs = tmp_path / "s.srt"
    subs.write_text(SRT, encoding="utf-8")
    video = make_video(tmp_path / "clip.mp4", seconds=3, subtitles=subs)
    project = tmp_path / "d.troupe"
    troupe("import", str(video), str(project))
    out = tmp_path / "dub.mp4"
    done = troupe("export", str(project), "--engine", "espeak", "-o", str(out), "--no-captions")
    assert "picture copied" in done.stdout
    assert "run past their cue" in done.stderr
    assert count_frames(out) == count_frames(video) and probe(out).video.width == 160
    listed = troupe("fit", str(project), "-e", "1", "--engine", "espeak")
    assert "line 2 runs" in listed.stdout and "--speed, --overlap or --shorten" in listed.stdout
    fitted = troupe("fit", str(project), "-e", "1", "--engine", "espeak", "--overlap")
    assert "Fitted 1 line(s)" in fitted.stdout
    assert "fits its cue" in troupe("fit", str(project), "-e", "1", "--engine", "espeak").stdout


def test_bad_video_options_are_sentences(tmp_path: Path) -> None:
    script = tmp_path / "ep.txt"
    script.write_text("林晚：雨下了一整夜。\n", encoding="utf-8")
    project = tmp_path / "p.troupe"
    troupe("import", str(script), str(project))
    for args, words in ((["--video", str(tmp_path / "none.png")], "does not exist"),
                        ([], "was not imported from a video"),
                        (["--video", str(script)], "should be a start time and an image"),
                        (["--video", str(tmp_path), "--stems"], "--stems goes with an audio export"),
                        (["--aspect", "9:16", "-o", str(tmp_path / "x.mp3")], "A video export is an .mp4 file")):
        proc = troupe("export", str(project), "--engine", "espeak", "-o", str(tmp_path / "x.mp4"), *args, ok=False)
        assert proc.returncode == 2, proc.stderr
        assert words in proc.stderr and "Traceback" not in proc.stderr
        assert not (tmp_path / "x.mp4").exists() and not (tmp_path / "x.mp3").exists()


def test_a_video_over_its_own_source_or_a_foreign_file_is_refused_before_rendering(tmp_path: Path) -> None:
    subs = tmp_path / "s.srt"
    subs.write_text(SRT, encoding="utf-8")
    video = make_video(tmp_path / "clip.mp4", seconds=3, subtitles=subs)
    before = video.read_bytes()
    project = tmp_path / "d.troupe"
    troupe("import", str(video), str(project))
    proc = troupe("export", str(project), "--engine", "espeak", "-o", str(video), "--force", ok=False)
    assert proc.returncode == 2 and "which it reads from" in proc.stderr and "Rendering" not in proc.stderr
    assert video.read_bytes() == before
    mine = tmp_path / "mine.mp4"
    mine.write_bytes(b"x")
    proc = troupe("export", str(project), "--engine", "espeak", "-o", str(mine), ok=False)
    assert proc.returncode == 2 and "--force" in proc.stderr and mine.read_bytes() == b"x"
