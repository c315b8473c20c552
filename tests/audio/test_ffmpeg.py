"""Export encoding: every format round-trips, whole or streamed, and failures leave no partial file behind."""

from __future__ import annotations

import errno
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

import studio.audio.ffmpeg as ff
from studio.audio.decode import decode_to_mono, read_audio_file
from studio.audio.ffmpeg import ExportError, encode, encode_stream, ffmpeg_exe
from studio.audio.loudness import NormalizeStream, normalize

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


# --- encoding while the samples are produced ---------------------------------------------------------


def pieces(x: np.ndarray, size: int = 5000) -> list[np.ndarray]:
    return [x[i : i + size] for i in range(0, len(x), size)]


def test_stream_round_trips_and_restarts_from_scratch(tmp_path: Path) -> None:
    x = signal()
    void = signal(1.7)[::-1].copy()
    out = encode_stream([*pieces(void), None, *pieces(x)], RATE, tmp_path / "episode.wav")
    assert [p.name for p in tmp_path.iterdir()] == [out.name]
    y, rate = read_audio_file(out)
    assert rate == RATE
    np.testing.assert_allclose(y, x, atol=2 / 32768)  # only what came after the restart


def test_stream_resamples_opus_on_the_fly(tmp_path: Path) -> None:
    out = encode_stream(iter(pieces(signal())), RATE, tmp_path / "episode.opus")
    y, rate = read_audio_file(out)
    assert rate == 48000 and abs(len(y) / rate - 3.0) <= 0.05


def test_stream_of_frames_by_channels(tmp_path: Path) -> None:
    x = np.stack([signal(), -signal()], axis=1)
    out = encode_stream(pieces(x), RATE, tmp_path / "stereo.flac")
    y, _ = sf.read(out, dtype="float32")
    np.testing.assert_allclose(y, x, atol=2 / 32768)


def test_stream_runs_alongside_the_producer(tmp_path: Path) -> None:
    chunks = pieces(signal(20.0), 24000)

    def produce():
        yield from chunks[:10]
        deadline = time.monotonic() + 20
        while not any(p.stat().st_size > 100_000 for p in tmp_path.glob("*.part")):  # ffmpeg is writing
            assert time.monotonic() < deadline, "nothing was encoded while the producer waited"
            time.sleep(0.01)
        yield from chunks[10:]

    out = encode_stream(produce(), RATE, tmp_path / "a.wav")
    y, _ = sf.read(out, dtype="float32")
    assert len(y) == 20 * RATE


def test_failing_producer_leaves_nothing(tmp_path: Path) -> None:
    (tmp_path / "episode.mp3").write_bytes(b"previous export")

    def produce():
        yield signal(1.0)
        raise ValueError("the mix went wrong")

    with pytest.raises(ValueError, match="mix went wrong"):
        encode_stream(produce(), RATE, tmp_path / "episode.mp3")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["episode.mp3"]
    assert (tmp_path / "episode.mp3").read_bytes() == b"previous export"


def test_disk_full_while_streaming_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = {"n": 0}

    def full(stream, chunk) -> None:
        calls["n"] += 1
        if calls["n"] > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        stream.write(chunk)

    monkeypatch.setattr(ff, "_write", full)
    with pytest.raises(ExportError, match="disk is full"):
        encode_stream(iter(pieces(signal(30.0), 1 << 16)), RATE, tmp_path / "episode.mp3")
    assert list(tmp_path.iterdir()) == []


def test_stream_into_a_missing_folder_fails_before_any_work(tmp_path: Path) -> None:
    def produce():
        raise AssertionError("no chunk should be asked for")
        yield

    with pytest.raises(ExportError, match="does not exist"):
        encode_stream(produce(), RATE, tmp_path / "nope" / "x.wav")


def test_stream_ffmpeg_failure_is_an_export_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="ffmpeg could not write"):
        encode_stream(pieces(signal(1.0)), RATE, tmp_path / "bad.mp3", bitrate="not-a-bitrate")
    assert list(tmp_path.iterdir()) == []


def test_normalised_stream_encodes_the_normalised_samples(tmp_path: Path) -> None:
    x = signal(20.0, 48000)
    x[48000 * 5 : 48000 * 5 + 40] += 0.7
    y, report = normalize(x, 48000, -16.0, -1.0)
    stream = NormalizeStream(x.copy(), 48000, -16.0, -1.0, in_place=True)
    out = encode_stream(stream, 48000, tmp_path / "episode.wav")
    assert stream.report == report
    z, _ = sf.read(out, dtype="float32")
    np.testing.assert_allclose(z, y, atol=2 / 32768)
