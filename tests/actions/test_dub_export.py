"""Dubbing over a video the test makes: an SRT-timed episode imported with its video, rendered offline
(eSpeak) and exported over that video. Every line starts within 20 ms of its cue (or is reported as
overflowing its slot), which the exported sound shows too (quiet before each cue, speech right after it);
the picture keeps every frame of the source (packet for packet when nothing is burned in); a translation
with the same cues finds the source's video; lines that overflow are fitted by speed or overlap."""

from __future__ import annotations

import asyncio
import io
import subprocess
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from studio.actions import ActionError, dubbing, importing
from studio.actions import video as vid
from studio.actions.render import render
from studio.audio.ffmpeg import ffmpeg_exe
from studio.domain.model import NewLine, ProjectSettings
from studio.engines.espeak import EspeakEngine
from studio.formats.timed import read_video_script
from studio.render.mixdown import build_timeline
from studio.render.planner import RenderPlanner
from studio.store.project_file import ProjectStore
from studio.video.probe import count_frames
from tests.videos import make_video

SRT = """1
00:00:00,400 --> 00:00:02,000
Lin Wan: The rain did not stop.

2
00:00:02,600 --> 00:00:04,200
Chen: Who is there?

3
00:00:04,800 --> 00:00:05,000
Lin Wan: It is me, open the door before they come back for us.
"""


@pytest.fixture(scope="module")
def dub(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("dub")
    subs = tmp / "clip.srt"
    subs.write_text(SRT, encoding="utf-8")
    video = make_video(tmp / "clip.mp4", seconds=6, subtitles=subs)
    subs.unlink()  # the video's own subtitle stream is what is read
    store = ProjectStore.create(tmp / "dub.troupe", "Dub", ProjectSettings(engine="espeak"))
    result = importing.apply_import(store, importing.plan_import(store, read_video_script(video)))
    engine = EspeakEngine()

    async def go() -> None:
        try:
            await render(store, engine, [result.episode.id])
        finally:
            await engine.aclose()

    asyncio.run(go())
    yield store, RenderPlanner(store, engine), result.episode.id, video, tmp
    store.close()


def sound_of(path: Path) -> tuple[np.ndarray, int]:
    wav = subprocess.run([ffmpeg_exe(), "-v", "error", "-i", str(path), "-map", "0:a:0", "-ac", "1", "-f", "wav", "-"],
                         capture_output=True, check=True).stdout
    data, rate = sf.read(io.BytesIO(wav), dtype="float32")
    return data, rate


def rms(data: np.ndarray, rate: int, a_ms: int, b_ms: int) -> float:
    part = data[int(a_ms * rate / 1000):int(b_ms * rate / 1000)]
    return float(np.sqrt(np.mean(part ** 2))) if part.size else 0.0


def test_a_dub_keeps_the_source_picture_and_puts_each_line_at_its_cue(dub, tmp_path: Path) -> None:
    store, planner, episode_id, video, _tmp = dub
    assert store.episode_mix(episode_id).source_video == str(video.resolve())
    plans = planner.plan(episode_id)
    placements = {p.line_id: p for p in build_timeline(store, plans).placements}
    overflowing = {o.line_id for o in dubbing.overflowing(plans)}
    assert plans[2].line.id in overflowing  # 0.2 s is no slot for that sentence
    for p in plans:
        assert abs(placements[p.line.id].start_ms - p.line.cue_start_ms) <= 20 or p.line.id in overflowing
    request = vid.check_video_request(tmp_path / "dub.mp4", None, captions=False)  # the episode's own video
    result = vid.export_video(store, episode_id, plans, request)
    assert result.copied_picture and count_frames(result.path) == count_frames(video)

    def md5(path: Path) -> str:
        return subprocess.run([ffmpeg_exe(), "-v", "error", "-i", str(path), "-map", "0:v", "-c", "copy", "-f", "md5",
                               "-"], capture_output=True, text=True, check=True).stdout

    assert md5(result.path) == md5(video)
    assert any("past their cue" in w for w in result.warnings)
    # the exported sound: the source's tone replaced by the dialogue, quiet before each cue, speech after it
    data, rate = sound_of(result.path)
    for p in plans:
        cue = p.line.cue_start_ms
        assert rms(data, rate, cue - 250, cue - 20) < 0.01, f"sound before the cue of line {p.line.position + 1}"
        assert rms(data, rate, cue, cue + 400) > 0.02, f"no speech after the cue of line {p.line.position + 1}"
    # burned-in captions: re-encoded, but frame for frame
    burned = vid.export_video(store, episode_id, plans, vid.check_video_request(
        tmp_path / "burned.mp4", None, x264_preset="ultrafast"))
    assert not burned.copied_picture and count_frames(burned.path) == count_frames(video)
    assert burned.captions >= 3


def test_a_translation_with_the_same_cues_is_exported_over_the_source_video(dub, tmp_path: Path) -> None:
    store, planner, episode_id, video, _tmp = dub
    lines = store.lines(episode_id)
    translated, _ = store.import_episode([], "Dub (zh)", "zh", [(ln.role_id, NewLine(
        ln.role_id, t, ln.delivery, ln.gap_ms, ln.note, ln.cue_start_ms, ln.cue_end_ms))
        for ln, t in zip(lines, ["雨没有停。", "谁在那儿？", "是我，开门。"], strict=True)])
    try:
        assert dubbing.partner_episode(store, translated.id) == episode_id
        assert dubbing.source_video(store, translated.id) == video
        engine = EspeakEngine()

        async def go() -> None:
            try:
                await render(store, engine, [translated.id])
            finally:
                await engine.aclose()

        asyncio.run(go())
        plans = planner.plan(translated.id)
        result = vid.export_video(store, translated.id, plans, vid.check_video_request(
            tmp_path / "zh.mp4", None, bilingual=True, x264_preset="ultrafast", subtitles="srt"))
        assert result.bilingual_with == episode_id
        assert count_frames(result.path) == count_frames(video)
        srt = (tmp_path / "zh.srt").read_text(encoding="utf-8")
        assert "雨没有停。" in srt and "The rain did not stop." in srt
    finally:
        store.remove_import(translated.id, [])


def test_overflowing_lines_are_fitted_by_speed_or_by_overlap(dub) -> None:
    store, planner, episode_id, _video, _tmp = dub
    plans = planner.plan(episode_id)
    over = dubbing.overflowing(plans)
    assert [o.number for o in over] == [3]
    speed = dubbing.plan_speed_fit(store, plans, max_speed=1.3)
    assert [ln.delivery.speed for ln in speed.plan.after] == [1.3]
    assert speed.still_over == [over[0].line_id]  # far too long even at 1.3×
    overlap = dubbing.plan_overlap(plans)
    dubbing.apply_fit(store, overlap)
    try:
        assert not dubbing.overflowing(planner.plan(episode_id))
    finally:
        dubbing.undo_fit(store, overlap)
    assert dubbing.overflowing(planner.plan(episode_id))
    with pytest.raises(ActionError, match="outside 1–2"):
        dubbing.plan_speed_fit(store, plans, max_speed=3)


def test_a_moved_source_video_is_a_sentence(dub, tmp_path: Path) -> None:
    store, _planner, episode_id, video, _tmp = dub
    before = dubbing.set_source_video(store, episode_id, video)
    moved = tmp_path / "elsewhere.mp4"
    moved.write_bytes(video.read_bytes())
    dubbing.set_source_video(store, episode_id, moved)
    moved.unlink()
    try:
        with pytest.raises(ActionError, match="not there any more"):
            dubbing.source_video(store, episode_id)
    finally:
        dubbing.set_source_video(store, episode_id, before)


def test_a_music_and_effects_track_plays_under_the_dialogue_at_full_level(dub, tmp_path: Path) -> None:
    store, planner, episode_id, _video, _tmp = dub
    rate = 48000
    t = np.arange(6 * rate) / rate
    me = tmp_path / "me.wav"
    sf.write(me, (0.1 * np.sin(2 * np.pi * 330 * t)).astype(np.float32), rate)
    with pytest.raises(ActionError, match="does not exist"):
        vid.check_video_request(tmp_path / "x.mp4", None, me_track=tmp_path / "none.wav")
    with pytest.raises(ActionError, match="Choose one sound under the dialogue"):
        vid.check_video_request(tmp_path / "x.mp4", None, me_track=me, source_audio="mix")
    plans = planner.plan(episode_id)
    result = vid.export_video(store, episode_id, plans, vid.check_video_request(
        tmp_path / "me.mp4", None, captions=False, me_track=me))
    data, out_rate = sound_of(result.path)
    first = plans[0].line.cue_start_ms
    before = rms(data, out_rate, 50, first - 50)  # only the track plays here
    during = rms(data, out_rate, first + 100, first + 600)
    assert before > 0.01, "the music-and-effects track is not heard"
    assert during > before  # the dialogue on top of it, the track not ducked away
    # the same band of time without the track is quiet
    bare, _ = sound_of(vid.export_video(store, episode_id, plans, vid.check_video_request(
        tmp_path / "bare.mp4", None, captions=False)).path)
    assert rms(bare, out_rate, 50, first - 50) < before / 10


def test_a_video_never_replaces_what_it_reads_and_a_foreign_file_only_when_asked(dub, tmp_path: Path) -> None:
    store, planner, episode_id, video, _tmp = dub
    plans = planner.plan(episode_id)
    before = video.read_bytes()
    with pytest.raises(ActionError, match="which it reads from"):
        vid.check_video_files(store, episode_id, vid.check_video_request(video, None, captions=False), force=True)
    with pytest.raises(ActionError, match="which it reads from"):
        vid.export_video(store, episode_id, plans, vid.check_video_request(video, None, captions=False), force=True)
    assert video.read_bytes() == before
    foreign = tmp_path / "mine.mp4"
    foreign.write_bytes(b"the user's own file")
    request = vid.check_video_request(foreign, None, captions=False)
    with pytest.raises(ActionError, match="was not written by an export"):
        vid.export_video(store, episode_id, plans, request)
    assert foreign.read_bytes() == b"the user's own file"
    vid.export_video(store, episode_id, plans, request, force=True)
    assert count_frames(foreign) == count_frames(video)
    vid.export_video(store, episode_id, plans, request)  # its own file now: replaced without asking
