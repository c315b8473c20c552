"""Decoding takes to float32 mono at a chosen rate, WAV encoding, durations, and clip files."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from studio.audio.decode import DecodeError, decode_to_mono, duration_ms, encode_wav, read_audio_file
from studio.audio.ffmpeg import ffmpeg_exe


def tone(seconds: float, rate: int, freq: float = 440.0, amp: float = 0.5) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (amp * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def dominant_freq(x: np.ndarray, rate: int) -> float:
    spec = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    return float(np.argmax(spec) * rate / len(x))


def test_wav_roundtrip_same_rate() -> None:
    x = tone(1.0, 24000)
    data = encode_wav(x, 24000)
    assert data[:4] == b"RIFF"
    assert sf.info(io.BytesIO(data)).subtype == "PCM_16"
    y = decode_to_mono(data, "wav", 24000)
    assert y.dtype == np.float32 and y.ndim == 1 and len(y) == 24000
    np.testing.assert_allclose(y, x, atol=1 / 32768 * 1.01)
    assert duration_ms(data, "wav") == 1000


def test_resample_keeps_pitch_and_length() -> None:
    x = tone(2.0, 24000, 1000.0)
    y = decode_to_mono(encode_wav(x, 24000), ".WAV", 48000)
    assert len(y) == 96000
    assert dominant_freq(y, 48000) == pytest.approx(1000.0, abs=2)


def test_stereo_flac_is_mixed_to_mono() -> None:
    left = tone(0.5, 32000, 500.0, 0.4)
    stereo = np.stack([left, -left * 0 + left], axis=1)
    buf = io.BytesIO()
    sf.write(buf, stereo, 32000, format="FLAC")
    y = decode_to_mono(buf.getvalue(), "flac", 32000)
    assert y.ndim == 1 and len(y) == 16000
    np.testing.assert_allclose(y, left, atol=1e-4)


def _ffmpeg_encode(x: np.ndarray, rate: int, path: Path, *codec: str) -> bytes:
    subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-y", "-f", "f32le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0", *codec, str(path)],
        input=x.astype("<f4").tobytes(),
        check=True,
    )
    return path.read_bytes()


@pytest.mark.parametrize(("suffix", "codec"), [("mp3", ["-c:a", "libmp3lame"]), ("m4a", ["-c:a", "aac"])])
def test_compressed_takes_decode(tmp_path: Path, suffix: str, codec: list[str]) -> None:
    x = tone(1.5, 32000, 800.0)
    data = _ffmpeg_encode(x, 32000, tmp_path / f"take.{suffix}", *codec)
    y = decode_to_mono(data, suffix, 24000)
    assert abs(len(y) / 24000 - 1.5) < 0.08
    assert dominant_freq(y, 24000) == pytest.approx(800.0, abs=3)
    assert abs(duration_ms(data, suffix) - 1500) < 80


def test_read_audio_file_m4a_and_wav(tmp_path: Path) -> None:
    x = tone(1.0, 44100, 300.0)
    _ffmpeg_encode(x, 44100, tmp_path / "clip.m4a", "-c:a", "aac")
    y, rate = read_audio_file(tmp_path / "clip.m4a")
    assert rate == 44100 and y.dtype == np.float32 and y.ndim == 1
    assert abs(len(y) / rate - 1.0) < 0.06
    (tmp_path / "clip.wav").write_bytes(encode_wav(x, 44100))
    y2, rate2 = read_audio_file(tmp_path / "clip.wav")
    assert rate2 == 44100 and len(y2) == 44100


def test_garbage_raises_decode_error(tmp_path: Path) -> None:
    with pytest.raises(DecodeError):
        decode_to_mono(b"not audio at all" * 10, "m4a", 24000)
    with pytest.raises(DecodeError):
        read_audio_file(tmp_path / "missing.wav")
