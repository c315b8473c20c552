"""The video export of a rendered episode (eSpeak, offline), checked from the outside with ffprobe, ffmpeg's
EBU R128 meter and the pixels of grabbed frames: a 9:16 cover-image video is 1080×1920 H.264 + AAC as long
as its sound within a frame and at the preset's loudness; the caption of a line shows at that line's
midpoint inside the safe area (out of the bottom band and the right-hand button column); bilingual
captions pair only a real translation; a side subtitle file; bad requests are sentences."""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path

import numpy as np
import pytest

from studio.actions import ActionError
from studio.actions import video as vid
from studio.actions.render import render
from studio.audio.ffmpeg import ffmpeg_exe
from studio.domain.model import Delivery, NewLine, ProjectSettings
from studio.engines.espeak import EspeakEngine
from studio.render.mixdown import build_timeline
from studio.render.planner import RenderPlanner
from studio.store.project_file import ProjectStore
from studio.video.probe import count_frames
from studio.video.safe_area import CAPTION_CLEARANCE, VERTICAL_FEED
from tests.meters import ebur128
from tests.video.test_compose import image, streams

ZH = ["雨下了一整夜。", "谁在外面？", "是我，开门。"]
EN = ["It rained all night.", "Who is out there?", "It is me. Open the door."]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("video")
    store = ProjectStore.create(tmp / "v.troupe", "V", ProjectSettings(engine="espeak"))
    lin = store.add_role("林晚", voices={"espeak": "female_lead"})
    lu = store.add_role("陆沉", voices={"espeak": "male_lead"})
    roles = [lin.id, lu.id, lin.id]
    zh = store.add_episode("E1", "zh", [(r, t, Delivery(), None) for r, t in zip(roles, ZH, strict=True)])
    en, _ = store.import_episode([], "E1 (en)", "en", [(r, NewLine(r, t)) for r, t in zip(roles, EN, strict=True)])
    other = store.add_episode("Other", "en", [(lu.id, "Go.", Delivery(), None), (lin.id, "No.", Delivery(), None),
                                              (lu.id, "Yes.", Delivery(), None)])
    engine = EspeakEngine()

    async def go() -> None:
        try:
            await render(store, engine, [zh.id, en.id, other.id])
        finally:
            await engine.aclose()

    asyncio.run(go())
    yield store, RenderPlanner(store, engine), {"zh": zh.id, "en": en.id, "other": other.id}, tmp
    store.close()


def frame(path: Path, at_ms: int) -> np.ndarray:
    proc = subprocess.run([ffmpeg_exe(), "-v", "error", "-ss", f"{at_ms / 1000:.3f}", "-i", str(path), "-frames:v",
                           "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"], capture_output=True, check=True)
    info = streams(path)["video"]
    return np.frombuffer(proc.stdout, np.uint8).reshape(int(info["height"]), int(info["width"]), 3).astype(int)


def test_a_vertical_cover_video_with_its_captions_inside_the_safe_area(project, tmp_path: Path) -> None:
    store, planner, eps, tmp = project
    cover = image(tmp / "cover.png", "0x204080", size="720x1280")
    plans = planner.plan(eps["zh"])
    out = tmp_path / "ep1.mp4"
    request = vid.check_video_request(out, cover, aspect="9:16", preset_name="short-video", x264_preset="ultrafast",
                                      subtitles="srt")
    seen: list[float] = []
    result = vid.export_video(store, eps["zh"], plans, request, progress=seen.append)
    info = streams(out)
    assert (info["video"]["codec_name"], info["audio"]["codec_name"]) == ("h264", "aac")
    assert (int(info["video"]["width"]), int(info["video"]["height"])) == (1080, 1920)
    audio_ms = float(info["audio"]["duration"]) * 1000
    assert abs(float(info["video"]["duration"]) * 1000 - audio_ms) <= 1000 / request.fps
    assert abs(audio_ms - result.duration_ms) <= 1000 / request.fps
    assert count_frames(out) == result.frames
    lufs, _peak = ebur128(out)
    assert abs(lufs - (-16.0)) <= 1.0
    assert abs(result.audio.measured_lufs - lufs) <= 0.5
    assert seen == sorted(seen) and seen[-1] == 1.0
    assert result.captions == 3 and (tmp_path / "ep1.srt").is_file()
    # the same video without captions: what differs at a line's midpoint is that line's caption
    bare = vid.export_video(store, eps["zh"], plans, vid.check_video_request(
        tmp_path / "bare.mp4", cover, aspect="9:16", captions=False, x264_preset="ultrafast"))
    assert bare.captions == 0
    placement = build_timeline(store, plans).placements[1]
    mid = placement.start_ms + placement.duration_ms // 2
    diff = np.abs(frame(out, mid) - frame(bare.path, mid)).sum(axis=2) > 60
    rows, cols = np.nonzero(diff)
    assert rows.size > 500, "no caption drawn at the line's midpoint"
    safe = VERTICAL_FEED
    assert rows.max() < 1920 - safe.bottom - CAPTION_CLEARANCE // 2  # above the bottom band
    assert rows.min() > safe.top
    assert cols.max() < 1080 - safe.right and cols.min() > safe.left


def test_bilingual_captions_pair_the_translation_and_not_an_episode_that_is_only_as_long(project,
                                                                                        tmp_path: Path) -> None:
    store, planner, eps, tmp = project
    cover = image(tmp / "cover2.png", "black", size="90x160")
    plans = planner.plan(eps["zh"])
    request = vid.check_video_request(tmp_path / "bi.mp4", cover, aspect="16:9", bilingual=True,
                                      x264_preset="ultrafast", subtitles="srt")
    result = vid.export_video(store, eps["zh"], plans, request)
    assert result.bilingual_with == eps["en"]
    assert (result.width, result.height) == (1920, 1080)
    srt = (tmp_path / "bi.srt").read_text(encoding="utf-8")
    for zh, en in zip(ZH, EN, strict=True):
        assert zh in srt and en in srt
    assert "Go." not in srt
    # an episode whose lines are spoken by other roles is no translation of it
    with pytest.raises(ActionError, match="pairs with"):
        vid.export_video(store, eps["other"], planner.plan(eps["other"]), vid.check_video_request(
            tmp_path / "x.mp4", cover, bilingual=True, x264_preset="ultrafast"))
    assert not (tmp_path / "x.mp4").exists()


def test_bad_requests_are_sentences(project, tmp_path: Path) -> None:
    store, planner, eps, tmp = project
    cover = image(tmp / "c3.png", "white", size="90x160")
    with pytest.raises(ActionError, match="is an .mp4 file"):
        vid.check_video_request(tmp_path / "a.mov", cover)
    with pytest.raises(ActionError, match="not a video shape"):
        vid.check_video_request(tmp_path / "a.mp4", cover, aspect="4:3")
    with pytest.raises(ActionError, match="does not exist"):
        vid.check_video_request(tmp_path / "a.mp4", tmp_path / "none.png")
    with pytest.raises(ActionError, match="cannot be the picture"):
        vid.check_video_request(tmp_path / "a.mp4", tmp / "v.troupe")
    with pytest.raises(ActionError, match="was not imported from a video"):
        vid.export_video(store, eps["zh"], planner.plan(eps["zh"]), vid.check_video_request(tmp_path / "a.mp4"))


def test_karaoke_captions_light_each_word_as_it_is_heard(project, tmp_path: Path) -> None:
    import pysubs2

    from studio.formats.words import karaoke_sums

    store, planner, eps, tmp = project
    cover = image(tmp / "cover_k.png", "black", size="90x160")
    plans = planner.plan(eps["en"])
    out = tmp_path / "k.mp4"
    request = vid.check_video_request(out, cover, aspect="9:16", caption_style="karaoke", x264_preset="ultrafast",
                                      subtitles="ass")
    result = vid.export_video(store, eps["en"], plans, request)
    assert result.captions == 3
    subs = pysubs2.load(str(tmp_path / "k.ass"))
    assert subs.events and all("\\kf" in e.text for e in subs.events)
    for start, end, total in karaoke_sums(subs):
        assert abs((end - start) - total) <= 10  # the sweep lasts as long as its event
    # the burned caption: white (not yet said) at the start of the last line, the role's colour at its end
    placement = build_timeline(store, plans).placements[2]
    colour = np.array([int(store.roles()[0].colour[i:i + 2], 16) for i in (1, 3, 5)])

    def counts(at_ms: int) -> tuple[int, int]:
        pixels = frame(out, at_ms).reshape(-1, 3)
        white = int((pixels.min(axis=1) > 215).sum())
        tinted = int((np.abs(pixels - colour).sum(axis=1) < 60).sum())
        return white, tinted

    early_white, early_tint = counts(placement.start_ms + 60)
    late_white, late_tint = counts(placement.start_ms + placement.duration_ms - 80)
    assert early_white > 300 and late_tint > 300, (early_white, early_tint, late_white, late_tint)
    assert late_white < early_white / 3 and early_tint < late_tint / 3
    with pytest.raises(ActionError, match="karaoke"):
        vid.check_video_request(tmp_path / "z.mp4", cover, caption_style="wavy")
