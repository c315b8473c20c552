"""Export encoding: every format round-trips, and failures leave no partial file behind."""

from __future__ import annotations

import errno
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

import studio.audio.ffmpeg as ff
from studio.audio.decode import decode_to_mono, read_audio_file
from studio.audio.ffmpeg import ExportError, encode, ffmpeg_exe

RATE = 24000


def signal(seconds: float = 3.0, rate: int = RATE) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (0.3 * np.sin(2 * np.pi * 330 * t) * np.clip(np.sin(2 * np.pi * 2 * t), 0.1, 1)).astype(np.float32)


def test_ffmpeg_exe_runs() -> None:
    assert Path(ffmpeg_exe()).exists()


def test_ffmpeg_missing_is_a_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ff.shutil, "which", lambda name: None)
    import imageio_ffmpeg

    def gone() -> str:
        raise RuntimeError("no binary")

    monkeypatch.setattr(imageio_ffmpeg, "get_ffmpeg_exe", gone)
    with pytest.raises(ExportError, match="ffmpeg was not found"):
        ffmpeg_exe()


@pytest.mark.parametrize("fmt", ["wav", "flac", "mp3", "m4a", "opus"])
def test_each_format_round_trips(tmp_path: Path, fmt: str) -> None:
    x = signal()
    out = encode(x, RATE, tmp_path / f"episode.{fmt}")
    assert out == tmp_path / f"episode.{fmt}" and out.stat().st_size > 1000
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temp file left over
    y, rate = read_audio_file(out)
    assert rate == (48000 if fmt == "opus" else RATE)
    assert abs(len(y) / rate - 3.0) <= 0.05
    y24 = decode_to_mono(out.read_bytes(), fmt, RATE)
    assert abs(len(y24) / RATE - 3.0) <= 0.05
    if fmt in ("wav", "flac"):
        np.testing.assert_allclose(y, x, atol=2 / 32768)
    else:  # lossy: same loudness shape, roughly
        assert np.sqrt(np.mean(y24**2)) == pytest.approx(np.sqrt(np.mean(x**2)), rel=0.15)


def test_wav_is_16_bit_and_fmt_argument_overrides_suffix(tmp_path: Path) -> None:
    out = encode(signal(1.0), RATE, tmp_path / "a.wav")
    assert sf.info(out).subtype == "PCM_16"
    flac = encode(signal(1.0), RATE, tmp_path / "b.audio", fmt="flac")
    assert sf.info(flac).format == "FLAC"


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="not an export format"):
        encode(signal(0.5), RATE, tmp_path / "x.xyz")


def test_disk_full_while_piping_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "episode.mp3").write_bytes(b"previous export")
    calls = {"n": 0}

    def full(stream, chunk) -> None:
        calls["n"] += 1
        if calls["n"] > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        stream.write(chunk)

    monkeypatch.setattr(ff, "_write", full)
    with pytest.raises(ExportError, match="disk is full") as info:
        encode(signal(30.0), RATE, tmp_path / "episode.mp3")
    assert "free some space" in str(info.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["episode.mp3"]
    assert (tmp_path / "episode.mp3").read_bytes() == b"previous export"  # the old file is untouched


def test_ffmpeg_failure_is_an_export_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="ffmpeg could not write"):
        encode(signal(1.0), RATE, tmp_path / "bad.mp3", bitrate="not-a-bitrate")
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_an_export_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        encode(signal(1.0), RATE, tmp_path / "nope" / "x.wav")
