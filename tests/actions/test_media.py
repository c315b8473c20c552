"""The media actions shared by the window and ``troupe music`` / ``sfx`` / ``pan``: files read with a sentence
for what cannot be used, a bed set, changed and cleared with what undo needs, sound effects placed at a time or
with a line (following it when its gap changes), pans for every episode in one transaction, and the bed's
level curve the window draws (fades, ducking dips) from the mix's own code."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from studio.actions import ActionError, media
from studio.audio.ffmpeg import ffmpeg_exe
from studio.domain.media import Ducking, EpisodeMix, MusicBed
from studio.domain.model import DONE, Delivery
from studio.domain.timeline import Placement
from studio.render.mixdown import build_timeline
from studio.render.planner import LinePlan
from studio.store import events as ev
from studio.store.project_file import ProjectStore

RATE = 22050


def _wav(path: Path, seconds: float, freq: float = 440.0, rate: int = RATE, channels: int = 1) -> Path:
    t = np.arange(int(seconds * rate)) / rate
    tone = (0.2 * np.sin(2 * np.pi * freq * t)).astype(np.float32)
    sf.write(path, np.repeat(tone[:, None], channels, axis=1) if channels > 1 else tone, rate)
    return path


@pytest.fixture
def store(tmp_path: Path):
    s = ProjectStore.create(tmp_path / "m.troupe", "Media")
    a = s.add_role("A")
    b = s.add_role("B")
    s.add_episode("E1", "zh", [(a.id, "一。", Delivery(), None), (b.id, "二。", Delivery(), 400),
                               (a.id, "三。", Delivery(), None)])
    s.add_episode("E2", "zh", [(b.id, "四。", Delivery(), None)])
    yield s
    s.close()


def _ep(store: ProjectStore, n: int = 1) -> int:
    return store.episodes()[n - 1].id


def _rendered_plans(store: ProjectStore, episode_id: int, seconds: float = 1.0) -> list[LinePlan]:
    plans = []
    for line in store.lines(episode_id):
        t = np.arange(int(seconds * RATE)) / RATE
        buf = Path(store.path).with_name(f"take{line.id}.wav")
        sf.write(buf, (0.1 * np.sin(2 * np.pi * 300 * t)).astype(np.float32), RATE)
        take = store.add_take(line_id=line.id, render_key=f"k{line.id}-{line.gap_ms}", audio=buf.read_bytes(),
                              format="wav", sample_rate=RATE, duration_ms=round(seconds * 1000), engine="espeak",
                              model="m", voice_id="v")
        plans.append(LinePlan(line, None, DONE, take))
    return plans


# --- reading files ----------------------------------------------------------------------------------


def test_a_wav_is_kept_as_it_is_and_its_length_measured(tmp_path: Path) -> None:
    path = _wav(tmp_path / "bed.wav", 2.5, channels=2)
    got = media.read_media(path)
    assert (got.format, got.duration_ms, got.name) == ("wav", 2500, "bed.wav")
    assert got.data == path.read_bytes()


def test_an_m4a_is_converted_once_to_flac_with_its_length(tmp_path: Path) -> None:
    src = _wav(tmp_path / "src.wav", 1.5)
    m4a = tmp_path / "bed.m4a"
    subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-y", "-i", str(src), "-c:a", "aac", str(m4a)], check=True)
    got = media.read_media(m4a)
    assert got.format == "flac" and got.name == "bed.m4a"
    assert abs(got.duration_ms - 1500) <= 60  # the encoder's priming samples
    info = sf.info(__import__("io").BytesIO(got.data))
    assert info.format == "FLAC"


def test_files_that_cannot_be_used_are_sentences(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = tmp_path / "notes.wav"
    text.write_text("this is not sound", encoding="utf-8")
    empty = tmp_path / "empty.mp3"
    empty.write_bytes(b"")
    cases = [(tmp_path / "missing.wav", "does not exist"), (tmp_path, "is a folder"),
             (text, "is not an audio file Troupe can read"), (empty, "is not an audio file")]
    for path, expect in cases:
        with pytest.raises(ActionError, match=expect):
            media.read_media(path)
    monkeypatch.setattr(media, "MAX_EFFECT_MS", 1000)
    long = _wav(tmp_path / "long.wav", 2.0)
    with pytest.raises(ActionError, match=r"“long.wav” is 2 s long; a sound effect can be at most 1 s\. Use it as"):
        media.read_media(long, media.EFFECT)
    assert media.read_media(long, media.MUSIC).duration_ms == 2000  # a bed may be that long
    monkeypatch.setattr(media, "MAX_FILE_BYTES", 100)
    with pytest.raises(ActionError, match="can be at most"):
        media.read_media(long)


# --- the music bed ------------------------------------------------------------------------------------


def test_setting_a_bed_hands_back_what_was_there_and_putting_it_back_restores_it(store, tmp_path: Path) -> None:
    ep = _ep(store)
    first = media.read_media(_wav(tmp_path / "a.wav", 2.0, 220))
    bed = media.bed_of(first, volume_db=-9, duck_db=10, attack_ms=100, release_ms=300, loop=False)
    assert media.set_music(store, ep, bed, first.data) is None
    assert store.music_bed(ep) == bed and store.music_bed_audio(ep) == first.data
    second = media.read_media(_wav(tmp_path / "b.wav", 3.0, 330))
    replacing = media.bed_of(second, store.music_bed(ep))  # the settings carry over to the new file
    assert (replacing.volume_db, replacing.ducking, replacing.loop, replacing.name) == (-9, Ducking(10, 100, 300),
                                                                                        False, "b.wav")
    before = media.set_music(store, ep, replacing, second.data)
    assert before is not None and before.bed == bed and before.audio == first.data
    media.put_back_music(store, ep, before)
    assert store.music_bed(ep) == bed and store.music_bed_audio(ep) == first.data
    media.put_back_music(store, ep, None)
    assert store.music_bed(ep) is None


def test_changing_the_bed_checks_every_setting_and_leaves_it_as_it_was_when_refused(store, tmp_path: Path) -> None:
    ep = _ep(store)
    with pytest.raises(ActionError, match="no music bed yet"):
        media.change_music(store, ep, volume_db=-6)
    file = media.read_media(_wav(tmp_path / "a.wav", 2.0))
    media.set_music(store, ep, media.bed_of(file), file.data)
    old = store.music_bed(ep)
    for changes, expect in (({"volume_db": 30}, "outside -60 to 12 dB"), ({"duck_db": 50}, "Ducking of 50 dB"),
                            ({"fade_in_ms": -1}, "fade-in"), ({"release_ms": 20_000}, "release")):
        with pytest.raises(ActionError, match=expect):
            media.change_music(store, ep, **changes)
        assert store.music_bed(ep) == old
    before, after = media.change_music(store, ep, volume_db=-20, fade_out_ms=500, duck_db=0)
    assert before == old and store.music_bed(ep) == after
    assert (after.volume_db, after.fade_out_ms, after.ducking.enabled) == (-20, 500, False)
    media.apply_music_settings(store, ep, before)
    assert store.music_bed(ep) == old and store.music_bed_audio(ep) == file.data  # the audio stays


def test_clearing_the_bed_hands_it_back_with_its_audio(store, tmp_path: Path) -> None:
    ep = _ep(store)
    assert media.clear_music(store, ep) is None
    file = media.read_media(_wav(tmp_path / "a.wav", 1.0))
    media.set_music(store, ep, media.bed_of(file), file.data)
    removed = media.clear_music(store, ep)
    assert removed is not None and store.music_bed(ep) is None
    media.put_back_music(store, ep, removed)
    assert store.music_bed_audio(ep) == file.data


# --- sound effects ------------------------------------------------------------------------------------


def test_an_effect_goes_at_a_time_or_with_a_line_of_its_own_episode(store, tmp_path: Path) -> None:
    ep, other = _ep(store), _ep(store, 2)
    sound = media.read_media(_wav(tmp_path / "door.wav", 0.5), media.EFFECT)
    at = media.add_effect(store, ep, sound, at_ms=1200, volume_db=-3)
    assert (at.at_ms, at.line_id, at.volume_db, at.duration_ms) == (1200, None, -3, 500)
    second = media.line_id_at(store, ep, 2)
    with_line = media.add_effect(store, ep, sound, line_id=second, offset_ms=-150)
    assert (with_line.line_id, with_line.offset_ms) == (second, -150)
    refused = [({"at_ms": -5}, "before the episode"), ({"at_ms": 5, "line_id": second}, "not both"), ({}, "neither"),
               ({"line_id": media.line_id_at(store, other, 1)}, "its own episode"),
               ({"at_ms": 0, "volume_db": 40}, "outside")]
    for kwargs, expect in refused:
        with pytest.raises(ActionError, match=expect):
            media.add_effect(store, ep, sound, **kwargs)
    with pytest.raises(ActionError, match="There is no line 9"):
        media.line_id_at(store, ep, 9)
    assert [c.id for c in store.effect_clips(ep)] == [at.id, with_line.id]


def test_moving_an_effect_changes_its_time_or_its_offset_and_never_before_the_start(store, tmp_path: Path) -> None:
    ep = _ep(store)
    sound = media.read_media(_wav(tmp_path / "door.wav", 0.5), media.EFFECT)
    free = media.add_effect(store, ep, sound, at_ms=300)
    before, after = media.move_effect(store, free.id, -1000)
    assert before.at_ms == 300 and after.at_ms == 0 and store.effect_clip(free.id).at_ms == 0
    line = media.line_id_at(store, ep, 2)
    attached = media.add_effect(store, ep, sound, line_id=line, offset_ms=100)
    _, after = media.move_effect(store, attached.id, 250, start_ms=1500)
    assert after.offset_ms == 350 and after.line_id == line
    _, after = media.move_effect(store, attached.id, -5000, start_ms=1850)
    assert after.offset_ms == 350 - 1850  # it now starts at the episode's start, not before
    _, after = media.set_effect_volume(store, attached.id, -12)
    assert after.volume_db == -12
    _, detached = media.place_effect(store, attached.id, at_ms=4000)
    assert (detached.line_id, detached.at_ms) == (None, 4000)
    with pytest.raises(ActionError, match="no sound effect 999"):
        media.move_effect(store, 999, 10)


def test_an_attached_effect_follows_its_line_when_the_gap_before_it_changes(store, tmp_path: Path) -> None:
    ep = _ep(store)
    plans = _rendered_plans(store, ep)
    line = store.lines(ep)[1]
    sound = media.read_media(_wav(tmp_path / "door.wav", 0.5), media.EFFECT)
    clip = media.add_effect(store, ep, sound, line_id=line.id, offset_ms=200)
    fixed = media.add_effect(store, ep, sound, at_ms=100)
    placed = {e.clip.id: e for e in media.placed_effects(store, ep, build_timeline(store, plans).placements)}
    start = build_timeline(store, plans).placements[1].start_ms
    assert placed[clip.id].start_ms == start + 200 and placed[clip.id].line_number == 2
    store.update_line(line.with_(gap_ms=line.gap_ms + 900))
    plans = [p if p.line.id != line.id else LinePlan(store.line(line.id), None, DONE, p.take) for p in plans]
    placed = {e.clip.id: e for e in media.placed_effects(store, ep, build_timeline(store, plans).placements)}
    assert placed[clip.id].start_ms == start + 900 + 200
    assert placed[fixed.id].start_ms == 100
    store.delete_lines([line.id])
    placed = media.placed_effects(store, ep, [p for p in build_timeline(store, plans).placements if p.line_id != line.id])
    assert placed[-1].clip.id == clip.id and placed[-1].start_ms is None  # its line is gone: no place


def test_a_removed_effect_comes_back_with_its_id_and_audio(store, tmp_path: Path) -> None:
    ep = _ep(store)
    sound = media.read_media(_wav(tmp_path / "door.wav", 0.5), media.EFFECT)
    clip = media.add_effect(store, ep, sound, at_ms=10)
    removed = media.remove_effect(store, clip.id)
    assert store.effect_clips(ep) == []
    assert store.restore_effect_clip(removed) == clip
    assert store.effect_clip_audio(clip.id) == sound.data


def test_the_episode_ends_after_its_last_line_or_effect() -> None:
    placements = [Placement(1, 0, 1000), Placement(2, 1500, 1000)]
    from studio.domain.media import EffectClip

    late = EffectClip("x", "wav", 800, at_ms=3000, id=1)
    attached = EffectClip("y", "wav", 300, line_id=2, offset_ms=900, id=2)
    assert media.episode_end_ms(placements, []) == 2500
    assert media.episode_end_ms(placements, [attached]) == 2700
    assert media.episode_end_ms(placements, [attached, late]) == 3800


# --- pan and stereo -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [("0", 0.0), ("-0.5", -0.5), ("L30", -0.3), ("r100", 1.0), ("C", 0.0),
                                             ("left", -1.0), ("R25%", 0.25), (0.4, 0.4)])
def test_pans_are_read_as_numbers_or_left_and_right_percentages(text, value) -> None:
    assert media.parse_pan(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["1.5", "L130", "west", "", "nan"])
def test_a_pan_out_of_range_or_not_a_pan_is_a_sentence(text) -> None:
    with pytest.raises(ActionError, match="pan"):
        media.parse_pan(text)


def test_a_roles_pan_goes_to_every_episode_in_one_transaction_and_undo_puts_it_back(store) -> None:
    heard: list[object] = []
    store.subscribe(heard.append)
    role = store.role_by_name("B")
    ep1, ep2 = _ep(store), _ep(store, 2)
    store.set_episode_mix(ep2, EpisodeMix(stereo=True))
    heard.clear()
    before = media.set_pan(store, role.id, media.parse_pan("L40"))
    assert before == {ep1: EpisodeMix(), ep2: EpisodeMix(stereo=True)}
    assert store.episode_mix(ep1).pan_of(role.id) == pytest.approx(-0.4)
    assert store.episode_mix(ep2) == EpisodeMix(stereo=True, pans={role.id: -0.4})
    assert [type(e) for e in heard] == [ev.EpisodeMixChanged, ev.EpisodeMixChanged]
    media.put_back_mixes(store, before)
    assert store.episode_mix(ep1) == EpisodeMix() and store.episode_mix(ep2) == EpisodeMix(stereo=True)
    media.set_pan(store, role.id, 0.5, [ep2])
    assert store.episode_mix(ep1).pan_of(role.id) == 0 and store.episode_mix(ep2).pan_of(role.id) == 0.5
    assert media.pan_label(-0.4) == "L40" and media.pan_label(0) == "C" and media.pan_label(1) == "R100"
    with pytest.raises(ActionError):
        media.set_pan(store, 999, 0.1)


def test_the_stereo_choice_is_the_episodes_own(store) -> None:
    ep1, ep2 = _ep(store), _ep(store, 2)
    before = media.set_stereo(store, ep1, True)
    assert store.episode_mix(ep1).stereo and not store.episode_mix(ep2).stereo
    media.put_back_mixes(store, before)
    assert not store.episode_mix(ep1).stereo


# --- what the window draws ----------------------------------------------------------------------------


def test_the_bed_curve_dips_by_the_ducking_under_speech_and_ramps_through_its_fades() -> None:
    bed = MusicBed("m.wav", "wav", 60_000, volume_db=-12, fade_in_ms=1000, fade_out_ms=2000,
                   ducking=Ducking(12.0, 200, 400))
    curve = media.bed_curve(bed, [(3000, 5000)], 10_000)
    assert curve.end_ms == 10_000
    assert curve.at(500) == pytest.approx(0.5, abs=0.02)  # half way through the fade-in
    assert curve.at(2000) == pytest.approx(1.0)  # at its own volume in the gap
    assert 20 * np.log10(curve.at(4000)) == pytest.approx(-12.0, abs=0.05)  # ducked under speech
    assert 0.25 < curve.at(2900) < 1.0  # going down before the line (attack)
    assert 0.25 < curve.at(5200) < 1.0  # coming back after it (release)
    assert curve.at(9000) == pytest.approx(0.5, abs=0.02)  # half way through the fade-out
    short = media.bed_curve(bed.with_(loop=False, duration_ms=4000), [], 10_000)
    assert short.end_ms == 4000 and short.at(6000) == 0.0  # not looping: it stops with its file
    flat = media.bed_curve(bed.with_(ducking=Ducking(0.0)), [(3000, 5000)], 10_000)
    assert flat.at(4000) == pytest.approx(1.0)
