"""`troupe export` for batches: the same action as the window, every flag reaching it, and the measured
loudness and true peak printed per file (checked here against ffmpeg's own EBU R128 meter)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import soundfile as sf

from studio.audio.ffmpeg import ffmpeg_exe


def troupe(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "studio.cli", *args], capture_output=True, text=True, timeout=600)
    if check and proc.returncode != 0:
        raise AssertionError(f"troupe {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    return proc


def ebur128(path: Path) -> tuple[float, float]:
    proc = subprocess.run([ffmpeg_exe(), "-nostats", "-hide_banner", "-i", str(path), "-filter_complex",
                           "ebur128=peak=true", "-f", "null", "-"], capture_output=True, text=True, timeout=120)
    summary = proc.stderr[proc.stderr.rfind("Summary:"):]
    return (float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1)),
            float(re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary).group(1)))


PRINTED = re.compile(r"Exported (.+?) \(([\d.]+) s, (\d+) lines, (-?[\d.]+) LUFS, true peak (-?[\d.]+) dBTP\)\.")


def test_a_batch_export_writes_every_episode_and_prints_what_was_measured(tmp_path: Path) -> None:
    project = tmp_path / "demo.troupe"
    troupe("new", str(project), "--demo")
    out = tmp_path / "out"
    done = troupe("export", str(project), "--engine", "espeak", "--out-dir", str(out), "--episodes", "all",
                  "--name", "demo-{nn}-{lang}", "--format", "wav", "--stems", "--subtitles", "srt,vtt,ass,json",
                  "--otio", "--audacity", "--preset", "ebu-r128", "--speaker-names", "--max-chars", "20")
    printed = PRINTED.findall(done.stdout)
    assert [Path(p[0]).name for p in printed] == ["demo-01-zh.wav", "demo-02-en.wav"]
    for path, _secs, _lines, lufs, peak in printed:
        integrated, true_peak = ebur128(Path(path))
        assert abs(integrated + 23.0) <= 0.5 and true_peak <= -1.0
        assert abs(float(lufs) - integrated) <= 0.2 and abs(float(peak) - true_peak) <= 0.3
    names = sorted(p.name for p in out.iterdir())
    for stem in ("demo-01-zh", "demo-02-en"):
        for suffix in (".wav", ".srt", ".vtt", ".ass", ".json", ".otio", ".labels.txt", ".stems"):
            assert f"{stem}{suffix}" in names
    srt_text = (out / "demo-01-zh.srt").read_text(encoding="utf-8")
    assert "：" in srt_text  # speaker names before the lines
    assert "Stems:" in done.stdout and "Editor file:" in done.stdout


def test_one_file_with_music_ducked_under_speech_in_stereo(tmp_path: Path) -> None:
    project = tmp_path / "demo.troupe"
    troupe("new", str(project), "--demo")
    t = np.arange(44100 * 6) / 44100
    music = tmp_path / "bed.wav"
    sf.write(music, (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32), 44100)
    out = tmp_path / "ep2.m4a"
    done = troupe("export", str(project), "--engine", "espeak", "-o", str(out), "-e", "2", "--music", str(music),
                  "--duck", "15", "--subtitles", "none", "--lufs", "-18", "--true-peak", "-2")
    (path, _s, _n, lufs, peak), = PRINTED.findall(done.stdout)
    integrated, true_peak = ebur128(out)
    assert abs(integrated + 18.0) <= 0.5 and true_peak <= -2.0 and abs(float(lufs) - integrated) <= 0.3
    probe = subprocess.run([ffmpeg_exe(), "-hide_banner", "-i", str(out)], capture_output=True, text=True).stderr
    assert "stereo" in probe  # music makes the export stereo


def test_bad_export_requests_are_sentences(tmp_path: Path) -> None:
    project = tmp_path / "demo.troupe"
    troupe("new", str(project), "--demo")
    cases = [(("-o", str(tmp_path / "a.wav"), "--out-dir", str(tmp_path)), "either -o"),
             (("--out-dir", str(tmp_path / "o"), "--name", "{series}"), "same name"),
             (("--out-dir", str(tmp_path / "o"), "--episodes", "3-1"), "backwards"),
             (("-o", str(tmp_path / "a.wav"), "--duck", "10"), "needs --music"),
             (("-o", str(tmp_path / "a.wav"), "--rate", "1234"), "sample rate")]
    for args, expect in cases:
        proc = troupe("export", str(project), "--engine", "espeak", *args, check=False)
        assert proc.returncode == 2 and expect in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    assert not (tmp_path / "a.wav").exists()
