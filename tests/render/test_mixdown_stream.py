"""The streamed export measured on the files it writes, with ffmpeg's own EBU R128 meter (never the
studio's): loudness presets, ducking under speech, a changed gap moving audio and every subtitle format
alike, stems adding up to the mix, the OpenTimelineIO file, flat memory, and a cancelled export leaving
nothing behind."""

from __future__ import annotations

import json
import re
import subprocess
import threading
import tracemalloc
from pathlib import Path

import numpy as np
import opentimelineio as otio
import pysubs2
import pytest
import soundfile as sf
import srt
import webvtt
from test_mixdown_range import TAKE_RATE, rendered_project, tone

from studio.actions import export as exporting
from studio.audio.decode import encode_wav
from studio.audio.ffmpeg import ffmpeg_exe
from studio.audio.mix import length_for
from studio.domain.media import Ducking, MusicBed, NewEffectClip
from studio.domain.model import DONE, Delivery
from studio.formats.audacity import read_labels
from studio.render.mixdown import ExportCancelled, build_timeline, export_episode, mix_range
from studio.render.planner import LinePlan
from studio.store.project_file import ProjectStore

RATE = 48000


def ebur128(path: Path) -> tuple[float, float]:
    """Integrated loudness and true peak as ffmpeg's ebur128 filter measures them."""
    proc = subprocess.run([ffmpeg_exe(), "-nostats", "-hide_banner", "-i", str(path), "-filter_complex",
                           "ebur128=peak=true", "-f", "null", "-"], capture_output=True, text=True, timeout=120)
    summary = proc.stderr[proc.stderr.rfind("Summary:"):]
    integrated = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary).group(1))
    return integrated, peak


def speechlike(seconds: float, rng: np.random.Generator) -> np.ndarray:
    n = int(seconds * TAKE_RATE)
    t = np.arange(n) / TAKE_RATE
    f0 = rng.uniform(110, 230) * (1 + 0.15 * np.sin(2 * np.pi * rng.uniform(0.3, 1.2) * t))
    phase = 2 * np.pi * np.cumsum(f0) / TAKE_RATE
    voiced = sum(np.sin(k * phase) / k for k in range(1, 9))
    syll = np.clip(np.sin(2 * np.pi * rng.uniform(3, 5) * t + rng.uniform(0, 6)), 0, None) ** 1.5
    x = rng.uniform(0.05, 0.3) * voiced * syll + 0.002 * rng.standard_normal(n)
    fade = np.minimum(1, np.minimum(t, t[::-1]) / 0.02)
    return (x * fade).astype(np.float32)


def speech_project(path: Path, lines: int = 12, seed: int = 3) -> tuple[ProjectStore, int, list[LinePlan]]:
    rng = np.random.default_rng(seed)
    store = ProjectStore.create(path, "Speech")
    roles = [store.add_role(n) for n in ("旁白", "林晚", "陆沉")]
    ep = store.add_episode("E1", "zh", [(roles[i % 3].id, f"第{i}句台词，说得很清楚。", Delivery(), None)
                                        for i in range(lines)])
    plans = []
    for line in store.lines(ep.id):
        secs = float(rng.uniform(1.5, 3.5))
        take = store.add_take(line_id=line.id, render_key=f"k{line.id}", audio=encode_wav(speechlike(secs, rng), TAKE_RATE),
                              format="wav", sample_rate=TAKE_RATE, duration_ms=round(secs * 1000), engine="espeak",
                              model="m", voice_id="v")
        plans.append(LinePlan(line, None, DONE, take))
    return store, ep.id, plans


@pytest.fixture
def speech(tmp_path: Path):
    store, ep, plans = speech_project(tmp_path / "speech.troupe")
    yield store, ep, plans
    store.close()


@pytest.mark.parametrize("preset", ["short-video", "streaming", "ebu-r128", "atsc"])
def test_each_loudness_preset_measures_on_target_under_its_ceiling(speech, tmp_path: Path, preset: str) -> None:
    store, ep, plans = speech
    request = exporting.check_request(tmp_path / f"{preset}.wav", (), preset_name=preset)
    result = exporting.export(store, ep, plans, request)
    chosen = exporting.PRESETS[preset]
    integrated, peak = ebur128(result.audio_path)
    print(preset, integrated, peak, result.loudness)
    assert abs(integrated - chosen.lufs) <= 0.5, (integrated, result.loudness)
    assert peak <= chosen.true_peak_db, (peak, result.loudness)
    assert abs(result.measured_lufs - integrated) <= 0.3  # what the report says is what the file has
    assert abs(result.measured_true_peak_dbtp - peak) <= 0.3


def test_a_lossy_export_is_measured_again_and_stays_under_the_ceiling(speech, tmp_path: Path) -> None:
    store, ep, plans = speech
    result = exporting.export(store, ep, plans, exporting.check_request(tmp_path / "ep.mp3", (), preset_name="streaming"))
    integrated, peak = ebur128(result.audio_path)
    assert abs(integrated + 14.0) <= 0.5 and peak <= -1.0
    assert abs(result.measured_lufs - integrated) <= 0.2


def _band_level_db(x: np.ndarray, rate: int, freq: float) -> float:
    """Level (dB) of the ``freq`` component of ``x``, from a windowed FFT."""
    w = np.hanning(len(x))
    spectrum = np.abs(np.fft.rfft(x * w))
    freqs = np.fft.rfftfreq(len(x), 1 / rate)
    band = (freqs > freq - 40) & (freqs < freq + 40)
    return float(20 * np.log10(np.sqrt((spectrum[band] ** 2).sum()) + 1e-12))


def test_ducking_lowers_the_music_by_the_set_amount_under_speech(tmp_path: Path) -> None:
    # Two long lines with a long silence between them; the music is a 3 kHz tone the speech tones lack.
    store, ep, plans = rendered_project(tmp_path / "duck.troupe", [3.0, 3.0], [None, 4000])
    try:
        t = np.arange(44100 * 4) / 44100
        bed = (0.25 * np.sin(2 * np.pi * 3000 * t)).astype(np.float32)
        store.set_music_bed(ep, MusicBed("tone.wav", "wav", 4000, volume_db=-10.0, fade_in_ms=0, fade_out_ms=0,
                                         ducking=Ducking(12.0, 200, 400)), encode_wav(bed, 44100))
        result = export_episode(store, ep, plans, tmp_path / "duck.wav", subtitles=(), lufs=-23.0)
        audio, rate = sf.read(result.audio_path, dtype="float64")
        assert audio.ndim == 2 and audio.shape[1] == 2  # music makes it stereo
        mono = audio.mean(axis=1)
        timeline = build_timeline(store, plans)
        first, second = timeline.placements
        under = mono[length_for(first.start_ms + 1000, rate):length_for(first.start_ms + 2000, rate)]
        free = mono[length_for(first.end_ms + 1500, rate):length_for(first.end_ms + 2500, rate)]
        drop = _band_level_db(free, rate, 3000) - _band_level_db(under, rate, 3000)
        assert abs(drop - 12.0) <= 1.5, drop
        under2 = mono[length_for(second.start_ms + 500, rate):length_for(second.start_ms + 1500, rate)]
        assert abs(_band_level_db(free, rate, 3000) - _band_level_db(under2, rate, 3000) - 12.0) <= 1.5
    finally:
        store.close()


def _onsets(audio: np.ndarray, rate: int, count: int) -> list[float]:
    """Start times (ms) of the first ``count`` sounds after silence, from a 1 ms envelope."""
    x = np.abs(audio if audio.ndim == 1 else audio.mean(axis=1))
    hop = rate // 1000
    env = x[: len(x) // hop * hop].reshape(-1, hop).max(axis=1)
    loud = env > 0.02
    starts, quiet = [], 30
    for i, on in enumerate(loud):
        if on and quiet >= 30:
            starts.append(float(i))
        quiet = 0 if on else quiet + 1
    return starts[:count]


def _subtitle_starts(base: Path) -> dict[str, list[int]]:
    return {"srt": [round(s.start.total_seconds() * 1000) for s in srt.parse(base.with_suffix(".srt").read_text("utf-8"))],
            "vtt": [_vtt_ms(c.start) for c in webvtt.read(str(base.with_suffix(".vtt")))],
            "json": [c["time_begin"] for c in json.loads(base.with_suffix(".json").read_text("utf-8"))],
            "ass": [e.start for e in pysubs2.load(str(base.with_suffix(".ass")))]}


def _vtt_ms(stamp: str) -> int:
    h, m, rest = stamp.split(":")
    s, ms = rest.split(".")
    return ((int(h) * 60 + int(m)) * 60 + int(s)) * 1000 + int(ms)


def test_a_changed_gap_moves_the_audio_and_every_subtitle_format_alike(tmp_path: Path) -> None:
    store, ep, plans = rendered_project(tmp_path / "gap.troupe", [0.8, 0.9, 0.7, 1.0, 0.6], [None, 500, 500, 500, 500])
    try:
        kinds = ("srt", "vtt", "json", "ass")
        before = export_episode(store, ep, plans, tmp_path / "before.wav", subtitles=kinds)
        line = store.lines(ep)[2]
        store.update_line(line.with_(gap_ms=1237))
        moved = [LinePlan(store.line(p.line.id), None, DONE, p.take) for p in plans]
        after = export_episode(store, ep, moved, tmp_path / "after.wav", subtitles=kinds)
        a0, rate = sf.read(before.audio_path, dtype="float64")
        a1, _ = sf.read(after.audio_path, dtype="float64")
        on0, on1 = _onsets(a0, rate, 5), _onsets(a1, rate, 5)
        assert len(on0) == len(on1) == 5
        shift = [b - a for a, b in zip(on0, on1, strict=True)]
        assert all(abs(s) <= 10 for s in shift[:2]) and all(abs(s - 737) <= 10 for s in shift[2:]), shift
        subs0, subs1 = _subtitle_starts(tmp_path / "before"), _subtitle_starts(tmp_path / "after")
        for kind in kinds:
            moved_by = [b - a for a, b in zip(subs0[kind], subs1[kind], strict=True)]
            assert all(abs(m) <= 10 for m in moved_by[:2]), (kind, moved_by)
            assert all(abs(m - 737) <= 10 for m in moved_by[2:]), (kind, moved_by)
            for start, onset in zip(subs1[kind], on1, strict=True):
                assert abs(start - onset) <= 10, (kind, start, onset)  # the cues sit on the sound
    finally:
        store.close()


def test_stems_add_up_to_the_mix_before_loudness(tmp_path: Path) -> None:
    store, ep, plans = rendered_project(tmp_path / "stems.troupe", [1.2, 0.8, 1.5, 0.6], [None, -300, 200, 100])
    try:
        t = np.arange(44100 * 3) / 44100
        store.set_music_bed(ep, MusicBed("m.wav", "wav", 3000, volume_db=-12.0),
                            encode_wav((0.2 * np.sin(2 * np.pi * 500 * t)).astype(np.float32), 44100))
        store.add_effect_clip(ep, NewEffectClip("door", "wav", 400, line_id=store.lines(ep)[1].id, offset_ms=100),
                              encode_wav(tone(0.4, 1500), TAKE_RATE))
        result = export_episode(store, ep, plans, tmp_path / "stems.flac", subtitles=(), stems=True)
        names = sorted(result.stem_paths)
        assert names == ["A", "B", "effects", "music"]
        parts = [sf.read(p, dtype="float32")[0] for p in result.stem_paths.values()]
        mix, rate = sf.read(result.audio_path, dtype="float32")
        assert {len(p) for p in parts} == {len(mix)}  # sample-aligned, as long as the mix
        assert all(p.shape[1] == 2 for p in parts)
        timeline = build_timeline(store, plans)
        raw = mix_range(store, timeline, rate, 0, round(len(mix) * 1000 / rate))
        total = sum(parts) / np.float32(10 ** (result.stem_gain_db / 20))
        np.testing.assert_allclose(total, raw[: len(total)], atol=1e-5)
    finally:
        store.close()


def test_the_otio_file_loads_back_with_one_clip_per_line_at_its_time(tmp_path: Path) -> None:
    store, ep, plans = rendered_project(tmp_path / "otio.troupe", [1.0, 0.7, 1.3, 0.5, 0.9], [None, -200, 300, 100, 50])
    try:
        for stems in (True, False):
            out = tmp_path / f"ep-{stems}.wav"
            result = export_episode(store, ep, plans, out, subtitles=(), stems=stems, otio=True, audacity=True)
            timeline = otio.adapters.read_from_file(str(result.otio_path))
            clips = [c for track in timeline.tracks for c in track.find_clips()]
            placements = {p.line_id: p for p in build_timeline(store, plans).placements}
            assert len(clips) == len(placements) == 5
            texts = {p.line.id: p.line.text for p in plans}
            for clip in clips:
                line_id = clip.metadata["troupe"]["line_id"]
                p = placements[line_id]
                start = clip.range_in_parent().start_time.to_seconds() * 1000
                assert abs(start - p.start_ms) <= 1 and abs(clip.duration().to_seconds() * 1000 - p.duration_ms) <= 1
                assert [m.name for m in clip.markers] == [texts[line_id]]
                media = Path(clip.media_reference.target_url.removeprefix("file://"))
                assert media.exists()
                if stems:
                    assert media.parent == out.with_name(f"{out.stem}.stems")
                    assert abs(clip.source_range.start_time.to_seconds() * 1000 - p.start_ms) <= 1
            labels = read_labels(result.labels_path)
            assert [(lb.start_ms, lb.end_ms) for lb in labels] == sorted((p.start_ms, p.end_ms) for p in placements.values())
    finally:
        store.close()


def test_export_memory_does_not_grow_with_the_episode(tmp_path: Path) -> None:
    store, ep, plans = rendered_project(tmp_path / "long.troupe", [9.5] * 40, None)  # 6+ minutes
    try:
        timeline = build_timeline(store, plans)
        whole_mix_mb = length_for(timeline.duration_ms, RATE) * 4 / 1e6
        tracemalloc.start()
        export_episode(store, ep, plans, tmp_path / "long.wav", subtitles=("srt",))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert whole_mix_mb > 70
        print(f"tracemalloc peak {peak / 1e6:.1f} MB, whole mix {whole_mix_mb:.0f} MB")
        assert peak / 1e6 < 30, f"peak {peak / 1e6:.0f} MB for a mix of {whole_mix_mb:.0f} MB"
    finally:
        store.close()


def test_a_cancelled_export_leaves_no_file(tmp_path: Path) -> None:
    store, ep, plans = rendered_project(tmp_path / "c.troupe", [2.0] * 12, None)
    try:
        (tmp_path / "out").mkdir()
        stop = threading.Event()
        seen: list[float] = []

        def progress(f: float) -> None:
            seen.append(f)
            if f > 0.6:
                stop.set()  # in the second pass, while ffmpeg is writing

        with pytest.raises(ExportCancelled):
            export_episode(store, ep, plans, tmp_path / "out" / "ep.mp3", subtitles=("srt", "ass"), stems=True,
                           otio=True, cancel=stop, progress=progress)
        assert list((tmp_path / "out").iterdir()) == []
        assert seen == sorted(seen) and seen[-1] < 1.0
    finally:
        store.close()


def test_mono_stays_mono_and_stereo_when_asked_or_panned(tmp_path: Path) -> None:
    store, ep, plans = rendered_project(tmp_path / "pan.troupe", [1.0, 1.0], None)
    try:
        mono = export_episode(store, ep, plans, tmp_path / "mono.wav", subtitles=())
        assert mono.channels == 1 and sf.info(mono.audio_path).channels == 1
        a = store.roles()[0]
        store.set_episode_mix(ep, store.episode_mix(ep).with_pan(a.id, -1.0))
        panned = export_episode(store, ep, plans, tmp_path / "pan.wav", subtitles=())
        audio, rate = sf.read(panned.audio_path, dtype="float64")
        first = build_timeline(store, plans).placements[0]  # role A, hard left
        seg = audio[length_for(first.start_ms + 100, rate):length_for(first.end_ms - 100, rate)]
        assert np.sqrt(np.mean(seg[:, 1] ** 2)) < 1e-3 < np.sqrt(np.mean(seg[:, 0] ** 2))
        forced = export_episode(store, ep, plans, tmp_path / "forced.wav", subtitles=(), channels=1)
        assert forced.channels == 1
    finally:
        store.close()
