"""An episode's music bed, sound effects and media settings in the project file: format 3, one transaction
and one typed event per edit, removals that hand back what undo needs, and older files migrated."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from studio.domain.media import (
    Ducking,
    EffectClip,
    EpisodeMix,
    MusicBed,
    NewEffectClip,
    effect_start_ms,
    speech_spans,
)
from studio.domain.model import Delivery
from studio.domain.timeline import Placement
from studio.store import events as ev
from studio.store.project_file import SCHEMA_VERSION, ProjectError, ProjectStore

BED = MusicBed("rain.wav", "wav", 30_000, volume_db=-14.0, fade_in_ms=500, fade_out_ms=1500, loop=True,
               ducking=Ducking(10.0, 200, 400))


@pytest.fixture
def project(tmp_path: Path):
    store = ProjectStore.create(tmp_path / "p.troupe", "S")
    role = store.add_role("A")
    ep = store.add_episode("E1", "zh", [(role.id, "一。", Delivery(), None), (role.id, "二。", Delivery(), None)])
    events: list[object] = []
    store.subscribe(events.append)
    yield store, ep.id, events
    store.close()


def test_a_bed_is_set_changed_cleared_and_restored_with_its_audio(project) -> None:
    store, ep, events = project
    assert store.music_bed(ep) is None
    assert store.set_music_bed(ep, BED, b"RIFF-bed") is None
    assert store.music_bed(ep) == BED and store.music_bed_audio(ep) == b"RIFF-bed"
    quieter = BED.with_(volume_db=-20.0, loop=False)
    assert store.set_music_bed(ep, quieter) == BED  # settings only: the audio stays
    assert store.music_bed_audio(ep) == b"RIFF-bed"
    removed = store.clear_music_bed(ep)
    assert removed is not None and removed.bed == quieter and removed.audio == b"RIFF-bed"
    assert store.music_bed(ep) is None and store.clear_music_bed(ep) is None
    store.restore_music_bed(removed)
    assert store.music_bed(ep) == quieter and store.music_bed_audio(ep) == b"RIFF-bed"
    assert [type(e) for e in events] == [ev.MusicBedChanged] * 4
    assert [e.bed for e in events] == [BED, quieter, None, quieter]
    assert all(isinstance(e, ev.MEDIA_EVENTS) for e in events)


def test_bad_bed_settings_are_refused_with_a_sentence(project) -> None:
    store, ep, events = project
    with pytest.raises(ProjectError, match="give the audio"):
        store.set_music_bed(ep, BED)
    with pytest.raises(ProjectError, match="outside"):
        store.set_music_bed(ep, BED.with_(volume_db=40.0), b"x")
    with pytest.raises(ProjectError, match="no episode"):
        store.set_music_bed(9999, BED, b"x")
    assert events == [] and store.music_bed(ep) is None


def test_effect_clips_are_added_updated_removed_and_restored_with_their_ids(project) -> None:
    store, ep, events = project
    line = store.lines(ep)[1]
    door = store.add_effect_clip(ep, NewEffectClip("door", "wav", 800, volume_db=-3.0, at_ms=1200), b"door-audio")
    knock = store.add_effect_clip(ep, NewEffectClip("knock", "mp3", 400, line_id=line.id, offset_ms=-150), b"knock")
    assert [c.name for c in store.effect_clips(ep)] == ["door", "knock"]
    assert store.effect_clip(knock.id).line_id == line.id and store.effect_clip_audio(door.id) == b"door-audio"
    before = store.update_effect_clip(door.with_(at_ms=2500, volume_db=-6.0))
    assert before == door and store.effect_clip(door.id).at_ms == 2500
    removed = store.remove_effect_clip(door.id)
    assert removed.clip.at_ms == 2500 and removed.audio == b"door-audio"
    assert [c.id for c in store.effect_clips(ep)] == [knock.id]
    back = store.restore_effect_clip(removed)
    assert back.id == door.id and store.effect_clip_audio(door.id) == b"door-audio"
    assert [type(e) for e in events] == [ev.EffectClipAdded, ev.EffectClipAdded, ev.EffectClipChanged,
                                         ev.EffectClipRemoved, ev.EffectClipAdded]
    assert events[3] == ev.EffectClipRemoved(ep, door.id)
    with pytest.raises(ProjectError, match="no sound effect"):
        store.effect_clip(12345)
    with pytest.raises(ProjectError, match="before the episode"):
        store.add_effect_clip(ep, NewEffectClip("x", "wav", 100, at_ms=-5), b"x")


def test_media_settings_keep_a_pan_per_role(project) -> None:
    store, ep, events = project
    role = store.roles()[0]
    assert store.episode_mix(ep) == EpisodeMix()
    mix = EpisodeMix(stereo=True).with_pan(role.id, -0.5)
    assert store.set_episode_mix(ep, mix) == EpisodeMix()
    assert store.episode_mix(ep).pan_of(role.id) == -0.5 and store.episode_mix(ep).stereo
    assert events == [ev.EpisodeMixChanged(ep, mix)]
    with pytest.raises(ProjectError, match="outside -1"):
        store.set_episode_mix(ep, EpisodeMix(pans={role.id: 3.0}))


def test_media_go_with_their_episode(project) -> None:
    store, ep, _ = project
    store.set_music_bed(ep, BED, b"bed")
    store.add_effect_clip(ep, NewEffectClip("door", "wav", 800), b"door")
    store.delete_episode(ep)
    assert store.effect_clips(ep) == [] and store.music_bed(ep) is None


def test_a_format_2_file_is_migrated_and_keeps_its_lines(tmp_path: Path) -> None:
    path = tmp_path / "old.troupe"
    with ProjectStore.create(path, "Old") as store:
        role = store.add_role("A")
        ep = store.add_episode("E1", "zh", [(role.id, "一。", Delivery(), None)]).id
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE effect_clips")
    conn.execute("DROP TABLE episode_media")
    conn.execute("PRAGMA user_version=2")
    conn.commit()
    conn.close()
    with ProjectStore.open_readonly(path) as old:  # read-only: no migration, no media yet
        assert old.music_bed(ep) is None and old.effect_clips(ep) == [] and old.episode_mix(ep) == EpisodeMix()
    with ProjectStore.open(path) as store:
        assert store._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [ln.text for ln in store.lines(ep)] == ["一。"]
        store.add_effect_clip(ep, NewEffectClip("door", "wav", 800), b"door")
        assert len(store.effect_clips(ep)) == 1


def test_where_a_clip_starts_and_when_someone_speaks() -> None:
    clip = EffectClip("knock", "wav", 400, line_id=7, offset_ms=-150, id=1, episode_id=1)
    assert effect_start_ms(clip, {7: 1000}) == 850
    assert effect_start_ms(clip, {}) is None
    assert effect_start_ms(NewEffectClip("x", "wav", 10, at_ms=300), {}) == 300
    placements = [Placement(1, 0, 1000), Placement(2, 900, 500), Placement(3, 2000, 300), Placement(4, 2400, 100)]
    assert speech_spans(placements) == [(0, 1400), (2000, 2300), (2400, 2500)]
    assert speech_spans(placements, merge_within_ms=100) == [(0, 1400), (2000, 2500)]
    assert MusicBed.from_dict(BED.to_dict()) == BED
    assert EpisodeMix.from_dict(EpisodeMix(True, {3: 0.25}).to_dict()) == EpisodeMix(True, {3: 0.25})
