"""The export action for a batch: the demo series rendered with eSpeak and exported whole (audio, every
subtitle format, stems, editor files), loudness measured on the files with ffmpeg's meter, names from the
pattern (refused when two episodes would collide or a name leaves the folder), progress, and a cancel that
leaves no half-written file."""

from __future__ import annotations

import re
import subprocess
import threading
from pathlib import Path

import opentimelineio as otio
import pytest
import soundfile as sf

from studio.actions import ActionError
from studio.actions import export as exporting
from studio.actions.render import render
from studio.audio.ffmpeg import ffmpeg_exe
from studio.engines.espeak import EspeakEngine
from studio.formats.project_build import create_demo_project
from studio.render.planner import RenderPlanner


def ebur128(path: Path) -> tuple[float, float]:
    """Integrated loudness and true peak as ffmpeg's ebur128 filter measures them."""
    proc = subprocess.run([ffmpeg_exe(), "-nostats", "-hide_banner", "-i", str(path), "-filter_complex",
                           "ebur128=peak=true", "-f", "null", "-"], capture_output=True, text=True, timeout=120)
    summary = proc.stderr[proc.stderr.rfind("Summary:"):]
    integrated = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary).group(1))
    return integrated, peak


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("demo") / "demo.troupe"
    store = create_demo_project(path)
    engine = EspeakEngine()
    import asyncio

    async def go() -> None:
        try:
            await render(store, engine, [e.id for e in store.episodes()])
        finally:
            await engine.aclose()

    asyncio.run(go())
    planner = RenderPlanner(store, engine)
    plans = {e.id: planner.plan(e.id) for e in store.episodes()}
    assert all(p.status in ("done", "empty") for ps in plans.values() for p in ps)
    yield store, plans
    store.close()


def test_the_demo_series_exports_whole_with_subtitles_stems_and_editor_files(demo, tmp_path: Path) -> None:
    store, plans = demo
    request = exporting.check_batch(store, tmp_path, episodes="all", format="mp3", subtitles="srt,vtt,ass,json",
                                    stems=True, otio=True, audacity=True, preset_name="short-video")
    seen: list[exporting.ExportProgress] = []
    report = exporting.export_batch(store, request, plans, progress=seen.append)
    assert not report.cancelled and not report.skipped
    assert [f.number for f in report.files] == [1, 2]
    series = store.title
    for f, ep in zip(report.files, store.episodes(), strict=True):
        stem = f"{series}-E{f.number:02d}-{ep.language}"
        assert f.audio == tmp_path / f"{stem}.mp3" and f.audio.stat().st_size > 10_000
        for kind in ("srt", "vtt", "ass", "json"):
            assert (tmp_path / f"{stem}.{kind}").stat().st_size > 100
        stems = sorted((tmp_path / f"{stem}.stems").iterdir())
        speaking = {store.role(p.line.role_id).name for p in plans[ep.id] if p.line.role_id is not None}
        assert sorted(p.stem for p in stems) == sorted(speaking)
        assert {sf.info(p).frames for p in stems} == {sf.info(stems[0]).frames}
        assert (tmp_path / f"{stem}.labels.txt").exists()
        timeline = otio.adapters.read_from_file(str(tmp_path / f"{stem}.otio"))
        assert len(list(timeline.find_clips())) == f.lines
        integrated, peak = ebur128(f.audio)
        assert abs(integrated + 16.0) <= 0.5 and peak <= -1.0
        assert abs(f.integrated_lufs - integrated) <= 0.3 and abs(f.true_peak_dbtp - peak) <= 0.3
        assert f.target_lufs == -16.0 and f.ceiling_dbtp == -1.0
    assert not list(tmp_path.glob("**/*.part"))
    fractions = [p.fraction for p in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert seen[-1].done == seen[-1].total == 2
    assert {p.current for p in seen if p.current is not None} == {f.audio for f in report.files}


def test_a_cancelled_batch_keeps_the_finished_episodes_and_leaves_no_half_file(demo, tmp_path: Path) -> None:
    store, plans = demo
    request = exporting.check_batch(store, tmp_path, format="flac", subtitles="srt,ass", stems=True)
    stop = threading.Event()

    def progress(p: exporting.ExportProgress) -> None:
        if p.done == 1 and p.current is not None and p.fraction > 0.8:
            stop.set()  # while the second episode is being written

    report = exporting.export_batch(store, request, plans, progress=progress, cancel=stop)
    assert report.cancelled and [f.number for f in report.files] == [1]
    first = request.items[0].out.stem
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted([f"{first}.flac", f"{first}.srt", f"{first}.ass", f"{first}.stems"])
    assert not list(tmp_path.glob("**/*.part"))


def test_naming_patterns_are_checked_before_anything_runs(demo, tmp_path: Path) -> None:
    store, _ = demo
    with pytest.raises(ActionError, match="same name"):
        exporting.check_batch(store, tmp_path, pattern="{series}")
    with pytest.raises(ActionError, match="outside the export folder"):
        exporting.check_batch(store, tmp_path, pattern="../{series}-{nn}")
    with pytest.raises(ActionError, match="not one of"):
        exporting.check_batch(store, tmp_path, pattern="{series}-{episode}")
    with pytest.raises(ActionError, match="no episode 7"):
        exporting.check_batch(store, tmp_path, episodes="1,7")
    with pytest.raises(ActionError, match="does not exist"):
        exporting.check_batch(store, tmp_path / "nope")
    one = exporting.check_batch(store, tmp_path, episodes="2", pattern="{title}", format="wav")
    assert [i.number for i in one.items] == [2] and one.items[0].out.suffix == ".wav"
    padded = exporting.check_batch(store, tmp_path, pattern="ep{n:03d}-{lang}")
    assert [i.out.name for i in padded.items] == ["ep001-zh.mp3", "ep002-en.mp3"]
    assert exporting.parse_episodes("1-3,5,2", 6) == [1, 2, 3, 5]
    nested = exporting.check_batch(store, tmp_path, pattern="{lang}/{series}-{nn}")
    assert [i.out.parent.name for i in nested.items] == ["zh", "en"]


def test_presets_and_limits_are_refused_with_a_sentence(tmp_path: Path) -> None:
    assert exporting.preset("ebu-r128").lufs == -23.0 and exporting.preset("atsc").true_peak_db == -2.0
    with pytest.raises(ActionError, match="no loudness preset"):
        exporting.preset("loud")
    with pytest.raises(ActionError, match="true-peak ceiling"):
        exporting.check_request(tmp_path / "a.wav", true_peak_db=3.0)
    with pytest.raises(ActionError, match="sample rate"):
        exporting.check_request(tmp_path / "a.wav", sample_rate=12345)
    req = exporting.check_request(tmp_path / "a.wav", "srt,ass", preset_name="streaming", lufs=-15.0, stereo=True)
    assert (req.lufs, req.true_peak_db, req.channels, req.subtitles) == (-15.0, -1.0, 2, ("srt", "ass"))
