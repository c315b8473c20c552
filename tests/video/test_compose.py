"""The MP4 from a backdrop and a soundtrack, checked with ffprobe: H.264 + AAC at the asked size, as long as
the sound within a frame for stills, a still per scene switching at its time, footage kept frame for frame
(copied unchanged when nothing is burned in), progress that rises to 1, and a cancel that leaves no file."""

from __future__ import annotations

import json
import subprocess
import threading
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from studio.audio.ffmpeg import ExportError, ffmpeg_exe
from studio.files import new_file_mode
from studio.video.compose import Footage, Scenes, Still, VideoCancelled, compose
from studio.video.probe import count_frames, ffprobe_exe, probe
from tests.videos import make_video


def streams(path: Path) -> dict[str, dict]:
    proc = subprocess.run([ffprobe_exe(), "-v", "error", "-print_format", "json", "-show_streams", str(path)],
                          capture_output=True, text=True, check=True)
    return {s["codec_type"]: s for s in json.loads(proc.stdout)["streams"]}


def image(path: Path, colour: str, size: str = "90x160") -> Path:
    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i", f"color=c={colour}:s={size}",
                    "-frames:v", "1", str(path)], check=True)
    return path


def soundtrack(tmp: Path, seconds: float) -> Path:
    """An AAC .m4a of a tone, as the export writes the mastered mix."""
    wav = tmp / "tone.wav"
    t = np.arange(int(seconds * 48000)) / 48000
    sf.write(wav, (0.2 * np.sin(2 * np.pi * 330 * t)).astype(np.float32), 48000)
    out = tmp / "sound.m4a"
    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-i", str(wav), "-c:a", "aac", "-b:a", "128k", str(out)],
                   check=True)
    return out


def pixel(path: Path, at_s: float, x: int, y: int) -> tuple[int, int, int]:
    proc = subprocess.run([ffmpeg_exe(), "-v", "error", "-ss", f"{at_s}", "-i", str(path), "-frames:v", "1",
                           "-f", "rawvideo", "-pix_fmt", "rgb24", "-"], capture_output=True, check=True)
    info = streams(path)["video"]
    frame = np.frombuffer(proc.stdout, np.uint8).reshape(int(info["height"]), int(info["width"]), 3)
    return tuple(int(v) for v in frame[y, x])  # type: ignore[return-value]


def test_a_cover_image_becomes_an_upright_h264_aac_video_as_long_as_the_sound(tmp_path: Path) -> None:
    sound = soundtrack(tmp_path, 2.5)
    duration_ms = probe(sound).duration_ms
    seen: list[float] = []
    result = compose(tmp_path / "out.mp4", Still(image(tmp_path / "cover.png", "red")), sound, duration_ms,
                     size=(180, 320), preset="ultrafast", fps=25, progress=seen.append)
    info = streams(result.path)
    assert (info["video"]["codec_name"], info["audio"]["codec_name"]) == ("h264", "aac")
    assert (int(info["video"]["width"]), int(info["video"]["height"])) == (180, 320)
    assert abs(float(info["video"]["duration"]) * 1000 - duration_ms) <= 1000 / 25
    assert count_frames(result.path) == result.frames
    assert seen and seen == sorted(seen) and seen[-1] == 1.0
    r, g, b = pixel(result.path, 1.0, 90, 160)
    assert r > 200 and g < 60 and b < 60  # the cover, not black
    assert not list(tmp_path.glob(".out.*"))  # no temporary file left
    assert result.path.stat().st_mode & 0o777 == new_file_mode()  # not the private mode of a temporary file


def test_a_still_per_scene_switches_at_its_time(tmp_path: Path) -> None:
    sound = soundtrack(tmp_path, 2.0)
    scenes = Scenes(((0, image(tmp_path / "a.png", "blue")), (1000, image(tmp_path / "b.png", "lime"))))
    result = compose(tmp_path / "s.mp4", scenes, sound, 2000, size=(180, 320), preset="ultrafast", fps=25)
    assert pixel(result.path, 0.5, 90, 160)[2] > 200
    assert pixel(result.path, 1.5, 90, 160)[1] > 200
    assert count_frames(result.path) == 50


def test_footage_keeps_every_frame_and_is_copied_when_nothing_is_burned_in(tmp_path: Path) -> None:
    video = make_video(tmp_path / "src.mp4", seconds=2)
    sound = soundtrack(tmp_path, 2.0)
    source_frames = count_frames(video)
    copied = compose(tmp_path / "copy.mp4", Footage(video, probe(video)), sound, 2000)
    assert copied.copied_picture and count_frames(copied.path) == source_frames

    def md5(path: Path) -> str:
        return subprocess.run([ffmpeg_exe(), "-v", "error", "-i", str(path), "-map", "0:v", "-c", "copy", "-f", "md5",
                               "-"], capture_output=True, text=True, check=True).stdout

    assert md5(copied.path) == md5(video)  # the picture stream unchanged, packet for packet
    ass = tmp_path / "c.ass"
    ass.write_text("[Script Info]\nScriptType: v4.00+\nPlayResX: 160\nPlayResY: 284\n\n[V4+ Styles]\nFormat: Name, "
                   "Fontsize, PrimaryColour\nStyle: Default,20,&H00FFFFFF\n\n[Events]\nFormat: Layer, Start, End, "
                   "Style, Text\nDialogue: 0,0:00:00.00,0:00:02.00,Default,Hello\n", encoding="utf-8")
    burned = compose(tmp_path / "burn.mp4", Footage(video, probe(video)), sound, 2000, captions=ass,
                     preset="ultrafast")
    assert not burned.copied_picture and count_frames(burned.path) == source_frames


def test_cancel_stops_ffmpeg_and_leaves_no_file(tmp_path: Path) -> None:
    sound = soundtrack(tmp_path, 20.0)
    cancel = threading.Event()

    def progress(f: float) -> None:
        if f > 0.05:
            cancel.set()

    with pytest.raises(VideoCancelled):
        compose(tmp_path / "gone.mp4", Still(image(tmp_path / "c.png", "red")), sound, 20_000, size=(1080, 1920),
                preset="medium", progress=progress, cancel=cancel)
    assert not (tmp_path / "gone.mp4").exists() and not list(tmp_path.glob(".gone.*"))


def test_a_broken_image_is_a_sentence_and_leaves_no_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not a png")
    with pytest.raises(ExportError, match="ffmpeg could not make bad-out.mp4"):
        compose(tmp_path / "bad-out.mp4", Still(bad), soundtrack(tmp_path, 1.0), 1000, size=(180, 320),
                preset="ultrafast")
    assert not (tmp_path / "bad-out.mp4").exists()
