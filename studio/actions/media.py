"""An episode's music bed, sound effects and media settings as the user changes them, for the window and the
``troupe music`` / ``troupe sfx`` / ``troupe pan`` commands alike.

Lives here: reading a music or effect file (``read_media``: a sentence when it cannot be read, is too long
or is not audio; formats the studio cannot decode in-process are converted to FLAC once, here, so playback
never runs ffmpeg per block), the music bed (``set_music``, ``change_music``, ``clear_music``), sound
effects (``add_effect``, ``move_effect``, ``place_effect``, ``set_effect_volume``, ``remove_effect``), a
role's pan and the episode's stereo choice (``set_pan``, ``set_stereo``, ``parse_pan``), and what the
window draws from them (``bed_curve``: the bed's level over the episode, from the same code that mixes it).

Each edit is one store transaction and returns what undoing it needs: the bed or clip as it was (with its
audio when it goes away) or the settings before; ``put_back_music`` and ``put_back_mixes`` undo with it.
Must not live here: Qt, click, printing, dialogs.
"""

from __future__ import annotations

import io
import os
import subprocess
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import soundfile as sf

from studio.actions import ActionError
from studio.audio.bed import BedTrack
from studio.audio.decode import MediaFile
from studio.audio.ffmpeg import ffmpeg_exe
from studio.domain.media import (
    DUCK_RANGE_DB,
    VOLUME_RANGE_DB,
    Ducking,
    EffectClip,
    EpisodeMix,
    MusicBed,
    NewEffectClip,
    RemovedEffectClip,
    RemovedMusicBed,
    effect_start_ms,
)
from studio.domain.timeline import Placement
from studio.store.project_file import ProjectError, ProjectStore

#: Longest music bed and sound effect a file may give (a longer "effect" is a bed).
MAX_BED_MS = 2 * 60 * 60 * 1000
MAX_EFFECT_MS = 10 * 60 * 1000
#: Largest file read (the audio is kept inside the project).
MAX_FILE_BYTES = 512 * 1024 * 1024
#: Longest fade and ducking time, and the furthest an effect may sit from its line.
MAX_FADE_MS = 10 * 60 * 1000
MAX_OFFSET_MS = 10 * 60 * 1000
#: File name endings offered by file choosers (anything ffmpeg decodes is accepted).
AUDIO_SUFFIXES = ("wav", "flac", "mp3", "ogg", "oga", "opus", "m4a", "aac", "aif", "aiff", "wma", "webm", "mka")
#: What libsndfile calls the formats kept as they are, and the word the project keeps them under.
_KEPT = {"WAV": "wav", "WAVEX": "wav", "FLAC": "flac", "OGG": "ogg", "MP3": "mp3", "MPEG": "mp3"}
MUSIC, EFFECT = "music", "effect"


def _sentence_name(path: Path) -> str:
    return f"“{path.name}”"


def _length_text(ms: int) -> str:
    minutes, seconds = divmod(round(ms / 1000), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"


def _info(data: bytes) -> tuple[str, int] | None:
    """(libsndfile's format name, length in ms) of audio bytes it can read, else None."""
    try:
        info = sf.info(io.BytesIO(data))
    except (sf.LibsndfileError, RuntimeError, TypeError, ValueError):
        return None
    if info.samplerate <= 0:
        return None
    return str(info.format).upper(), int(round(info.frames * 1000 / info.samplerate))


def _to_flac(path: Path) -> bytes | None:
    """The audio of ``path`` (any format ffmpeg reads) as FLAC bytes, streamed through ffmpeg; None if it
    has no audio ffmpeg can decode."""
    fd, out = tempfile.mkstemp(suffix=".flac")
    os.close(fd)
    try:
        proc = subprocess.run([ffmpeg_exe(), "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", str(path),
                               "-vn", "-map", "0:a:0", "-c:a", "flac", out], capture_output=True)
        if proc.returncode != 0:
            return None
        data = Path(out).read_bytes()
        return data or None
    except OSError:
        return None
    finally:
        Path(out).unlink(missing_ok=True)


def read_media(path: str | os.PathLike[str], kind: str = MUSIC) -> MediaFile:
    """Read a music (``kind`` "music") or sound-effect ("effect") file as the project will keep it.

    WAV, FLAC, MP3 and Ogg (Vorbis or Opus) are kept as they are; anything else ffmpeg can decode (M4A, AAC,
    AIFF, WMA …) is converted to FLAC once. Raises ``ActionError`` with a sentence when the file cannot be
    read, is not audio, has no sound, or is longer than a bed (two hours) or an effect (ten minutes) may be.
    CPU and disk work: the window runs it in a worker thread."""
    p = Path(path).expanduser()
    what = "music bed" if kind == MUSIC else "sound effect"
    if not p.exists():
        raise ActionError(f"{_sentence_name(p)} does not exist; choose the audio file again.")
    if p.is_dir():
        raise ActionError(f"{_sentence_name(p)} is a folder; choose an audio file in it.")
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ActionError(f"{_sentence_name(p)} is {size // (1024 * 1024)} MB; a {what} can be at most "
                              f"{MAX_FILE_BYTES // (1024 * 1024)} MB. Shorten it or save it as MP3 first.")
        data = p.read_bytes()
    except OSError as exc:
        raise ActionError(f"Cannot read {_sentence_name(p)} ({exc.strerror or exc}); check that the file is "
                          "there and that you may open it.") from exc
    not_audio = ActionError(f"{_sentence_name(p)} is not an audio file Troupe can read; choose a WAV, FLAC, "
                            "MP3, Ogg, Opus or M4A file.")
    if not data:
        raise not_audio
    found = _info(data)
    fmt = _KEPT.get(found[0]) if found is not None else None
    if found is None or fmt is None:
        converted = _to_flac(p)
        found = _info(converted) if converted else None
        if converted is None or found is None:
            raise not_audio
        data, fmt = converted, "flac"
    length = found[1]
    if length <= 0:
        raise ActionError(f"{_sentence_name(p)} has no sound in it.")
    limit = MAX_BED_MS if kind == MUSIC else MAX_EFFECT_MS
    if length > limit:
        advice = "Shorten it first." if kind == MUSIC else "Use it as the episode's music bed instead."
        raise ActionError(f"{_sentence_name(p)} is {_length_text(length)} long; a {what} can be at most "
                          f"{_length_text(limit)}. {advice}")
    return MediaFile(data, fmt, length, p.name)


# --- the music bed --------------------------------------------------------------------------------


def _check_ms(name: str, value: int | None, low: int, high: int) -> None:
    if value is not None and not low <= int(value) <= high:
        raise ActionError(f"{name} of {value} ms is outside {low}–{high} ms.")


def bed_with(bed: MusicBed, *, volume_db: float | None = None, fade_in_ms: int | None = None,
             fade_out_ms: int | None = None, loop: bool | None = None, duck_db: float | None = None,
             attack_ms: int | None = None, release_ms: int | None = None) -> MusicBed:
    """``bed`` with the given settings changed (None: kept), checked: ``ActionError`` names what is out of
    range. ``duck_db`` is how far the bed goes down under speech (0: not at all)."""
    if volume_db is not None and not VOLUME_RANGE_DB[0] <= float(volume_db) <= VOLUME_RANGE_DB[1]:
        raise ActionError(f"A music volume of {volume_db:g} dB is outside {VOLUME_RANGE_DB[0]:g} to "
                          f"{VOLUME_RANGE_DB[1]:g} dB; −12 dB sits well under speech.")
    if duck_db is not None and not DUCK_RANGE_DB[0] <= abs(float(duck_db)) <= DUCK_RANGE_DB[1]:
        raise ActionError(f"Ducking of {duck_db:g} dB is outside {DUCK_RANGE_DB[0]:g} to {DUCK_RANGE_DB[1]:g} dB; "
                          "12 dB is usual, 0 turns it off.")
    _check_ms("A fade-in", fade_in_ms, 0, MAX_FADE_MS)
    _check_ms("A fade-out", fade_out_ms, 0, MAX_FADE_MS)
    _check_ms("A ducking attack", attack_ms, 0, 10_000)
    _check_ms("A ducking release", release_ms, 0, 10_000)
    duck = bed.ducking
    duck = Ducking(abs(float(duck_db)) if duck_db is not None else duck.amount_db,
                   int(attack_ms) if attack_ms is not None else duck.attack_ms,
                   int(release_ms) if release_ms is not None else duck.release_ms)
    changed = bed.with_(
        volume_db=float(volume_db) if volume_db is not None else bed.volume_db,
        fade_in_ms=int(fade_in_ms) if fade_in_ms is not None else bed.fade_in_ms,
        fade_out_ms=int(fade_out_ms) if fade_out_ms is not None else bed.fade_out_ms,
        loop=bool(loop) if loop is not None else bed.loop, ducking=duck)
    problems = changed.validate()
    if problems:
        raise ActionError(" ".join(problems))
    return changed


def bed_of(media: MediaFile, base: MusicBed | None = None, **settings: Any) -> MusicBed:
    """A bed for ``media``: the settings of ``base`` (the bed it replaces) or the defaults, with
    ``settings`` (see ``bed_with``) changed."""
    bed = MusicBed(media.name, media.format, media.duration_ms)
    if base is not None:
        bed = bed.with_(volume_db=base.volume_db, fade_in_ms=base.fade_in_ms, fade_out_ms=base.fade_out_ms,
                        loop=base.loop, ducking=base.ducking)
    return bed_with(bed, **settings)


def _episode(store: ProjectStore, episode_id: int) -> None:
    try:
        store.episode(episode_id)
    except ProjectError as exc:
        raise ActionError(str(exc)) from exc


def set_music(store: ProjectStore, episode_id: int, bed: MusicBed, audio: bytes) -> RemovedMusicBed | None:
    """Give the episode the music bed ``bed`` with ``audio`` (one transaction). Returns the bed it had,
    with its audio (None: it had none) — what ``put_back_music`` needs to undo this."""
    _episode(store, episode_id)
    before = _current(store, episode_id)
    try:
        store.set_music_bed(episode_id, bed, audio)
    except ProjectError as exc:
        raise ActionError(str(exc)) from exc
    return before


def _current(store: ProjectStore, episode_id: int) -> RemovedMusicBed | None:
    bed = store.music_bed(episode_id)
    return RemovedMusicBed(episode_id, bed, store.music_bed_audio(episode_id)) if bed is not None else None


def change_music(store: ProjectStore, episode_id: int, **settings: Any) -> tuple[MusicBed, MusicBed]:
    """Change the episode's bed's settings (see ``bed_with``; its audio stays), in one transaction.
    Returns (before, after); undo sets ``before`` back with ``apply_music_settings``."""
    _episode(store, episode_id)
    bed = store.music_bed(episode_id)
    if bed is None:
        raise ActionError("This episode has no music bed yet; set one from an audio file first.")
    after = bed_with(bed, **settings)
    apply_music_settings(store, episode_id, after)
    return bed, after


def apply_music_settings(store: ProjectStore, episode_id: int, bed: MusicBed) -> None:
    """Set the bed's settings as ``bed`` has them (the audio stays), in one transaction."""
    try:
        store.set_music_bed(episode_id, bed)
    except ProjectError as exc:
        raise ActionError(str(exc)) from exc


def clear_music(store: ProjectStore, episode_id: int) -> RemovedMusicBed | None:
    """Take the bed off the episode (one transaction); returns it with its audio for undo (None: there
    was none, nothing changed)."""
    _episode(store, episode_id)
    return store.clear_music_bed(episode_id)


def put_back_music(store: ProjectStore, episode_id: int, before: RemovedMusicBed | None) -> None:
    """Undo ``set_music`` or ``clear_music``: the bed as it was before (or none), in one transaction."""
    if before is None:
        store.clear_music_bed(episode_id)
    else:
        store.restore_music_bed(before)


# --- sound effects --------------------------------------------------------------------------------


def _line_of_episode(store: ProjectStore, episode_id: int, line_id: int) -> None:
    try:
        line = store.line(line_id)
    except ProjectError as exc:
        raise ActionError(f"There is no line {line_id} to attach the sound to.") from exc
    if line.episode_id != episode_id:
        raise ActionError("A sound effect can only be attached to a line of its own episode.")


def line_id_at(store: ProjectStore, episode_id: int, number: int) -> int:
    """The id of the ``number``-th line (1-based) of the episode; ``ActionError`` when there is none."""
    lines = store.lines(episode_id)
    if not 1 <= number <= len(lines):
        raise ActionError(f"There is no line {number}: this episode has {len(lines)} line(s).")
    return lines[number - 1].id


def _check_place(at_ms: int | None, line_id: int | None, offset_ms: int) -> None:
    if (at_ms is None) == (line_id is None):
        raise ActionError("Place a sound effect either at a time or with a line, not both or neither.")
    if at_ms is not None and at_ms < 0:
        raise ActionError("A sound effect cannot start before the episode does.")
    if abs(int(offset_ms)) > MAX_OFFSET_MS:
        raise ActionError(f"An offset of {offset_ms} ms from the line is more than ten minutes; place the sound "
                          "at a time instead.")


def _check_volume(volume_db: float) -> None:
    if not VOLUME_RANGE_DB[0] <= float(volume_db) <= VOLUME_RANGE_DB[1]:
        raise ActionError(f"An effect volume of {volume_db:g} dB is outside {VOLUME_RANGE_DB[0]:g} to "
                          f"{VOLUME_RANGE_DB[1]:g} dB.")


def add_effect(store: ProjectStore, episode_id: int, media: MediaFile, *, at_ms: int | None = None,
               line_id: int | None = None, offset_ms: int = 0, volume_db: float = 0.0) -> EffectClip:
    """Add ``media`` as a sound effect at ``at_ms`` on the episode, or ``offset_ms`` after ``line_id``
    starts (moving with that line), in one transaction. Undo: ``remove_effect`` with the clip's id (and
    redo: ``store.restore_effect_clip`` with what that returned)."""
    _episode(store, episode_id)
    _check_place(at_ms, line_id, offset_ms)
    _check_volume(volume_db)
    if line_id is not None:
        _line_of_episode(store, episode_id, line_id)
    clip = NewEffectClip(media.name, media.format, media.duration_ms, float(volume_db),
                         int(at_ms) if at_ms is not None else 0, line_id, int(offset_ms) if line_id is not None else 0)
    try:
        return store.add_effect_clip(episode_id, clip, media.data)
    except ProjectError as exc:
        raise ActionError(str(exc)) from exc


def _clip(store: ProjectStore, clip_id: int) -> EffectClip:
    try:
        return store.effect_clip(clip_id)
    except ProjectError as exc:
        raise ActionError(f"There is no sound effect {clip_id}; `troupe sfx PROJECT -e N list` shows them.") from exc


def edit_effect(store: ProjectStore, after: EffectClip) -> tuple[EffectClip, EffectClip]:
    """Store ``after`` (a clip's new settings; its audio stays), in one transaction; returns (before,
    after as stored). Undo: ``edit_effect`` with ``before``."""
    before = _clip(store, after.id)
    _check_place(after.at_ms if after.line_id is None else None, after.line_id, after.offset_ms)
    _check_volume(after.volume_db)
    if after.line_id is not None:
        _line_of_episode(store, before.episode_id, after.line_id)
    try:
        store.update_effect_clip(after)
    except ProjectError as exc:
        raise ActionError(str(exc)) from exc
    return before, store.effect_clip(after.id)


def moved(clip: EffectClip, delta_ms: int, start_ms: int | None = None) -> EffectClip:
    """``clip`` dragged by ``delta_ms``: its time, or (attached to a line) its offset from the line,
    changes. It never starts before the episode: ``start_ms`` is where an attached clip starts now."""
    delta = int(delta_ms)
    if clip.line_id is None:
        return clip.with_(at_ms=max(0, clip.at_ms + delta))
    if start_ms is not None:
        delta = max(-start_ms, delta)
    offset = max(-MAX_OFFSET_MS, min(MAX_OFFSET_MS, clip.offset_ms + delta))
    return clip.with_(offset_ms=offset)


def move_effect(store: ProjectStore, clip_id: int, delta_ms: int, start_ms: int | None = None
                ) -> tuple[EffectClip, EffectClip]:
    """Move a sound effect by ``delta_ms`` (see ``moved``); returns (before, after)."""
    return edit_effect(store, moved(_clip(store, clip_id), delta_ms, start_ms))


def place_effect(store: ProjectStore, clip_id: int, *, at_ms: int | None = None, line_id: int | None = None,
                 offset_ms: int = 0) -> tuple[EffectClip, EffectClip]:
    """Put a sound effect at ``at_ms``, or ``offset_ms`` from ``line_id`` (attaching it); (before, after)."""
    clip = _clip(store, clip_id)
    _check_place(at_ms, line_id, offset_ms)
    if line_id is None:
        assert at_ms is not None
        return edit_effect(store, clip.with_(at_ms=int(at_ms), line_id=None, offset_ms=0))
    return edit_effect(store, clip.with_(line_id=line_id, offset_ms=int(offset_ms)))


def set_effect_volume(store: ProjectStore, clip_id: int, volume_db: float) -> tuple[EffectClip, EffectClip]:
    """Change a sound effect's volume; returns (before, after)."""
    return edit_effect(store, _clip(store, clip_id).with_(volume_db=float(volume_db)))


def remove_effect(store: ProjectStore, clip_id: int) -> RemovedEffectClip:
    """Remove a sound effect (one transaction); returns it with its audio, which
    ``store.restore_effect_clip`` puts back with the same id."""
    _clip(store, clip_id)
    return store.remove_effect_clip(clip_id)


@dataclass(frozen=True)
class PlacedEffect:
    """A sound effect and where it sounds: ``start_ms`` None when its line has no place (deleted)."""

    clip: EffectClip
    start_ms: int | None
    line_number: int | None  # 1-based position of the line it is attached to


def placed_effects(store: ProjectStore, episode_id: int, placements: Iterable[Placement]) -> list[PlacedEffect]:
    """The episode's sound effects with their times on ``placements``, in time order (unplaced last)."""
    starts = {p.line_id: p.start_ms for p in placements}
    numbers = {ln.id: n for n, ln in enumerate(store.lines(episode_id), 1)}
    out = [PlacedEffect(c, effect_start_ms(c, starts), numbers.get(c.line_id) if c.line_id is not None else None)
           for c in store.effect_clips(episode_id)]
    return sorted(out, key=lambda e: (e.start_ms is None, e.start_ms or 0, e.clip.id))


def episode_end_ms(placements: Iterable[Placement], effects: Iterable[EffectClip]) -> int:
    """Where the episode ends: after its last line or its last sound effect, whichever is later."""
    placed = list(placements)
    end = max((p.end_ms for p in placed), default=0)
    starts = {p.line_id: p.start_ms for p in placed}
    for clip in effects:
        at = effect_start_ms(clip, starts)
        if at is not None:
            end = max(end, at + clip.duration_ms)
    return end


# --- pan and stereo -------------------------------------------------------------------------------


def parse_pan(text: str | float) -> float:
    """A pan from -1 (left) to 1 (right): a number (-0.3, 0.5), L30 / R50 (percent), C, left, centre,
    right. ``ActionError`` for anything else."""
    if isinstance(text, (int, float)):
        value = float(text)
    else:
        word = text.strip().lower().replace("%", "")
        named = {"c": 0.0, "centre": 0.0, "center": 0.0, "mid": 0.0, "left": -1.0, "l": -1.0, "right": 1.0,
                 "r": 1.0}
        try:
            if word in named:
                value = named[word]
            elif word[:1] in ("l", "r"):
                value = float(word[1:]) / 100.0 * (-1 if word[0] == "l" else 1)
            else:
                value = float(word)
        except ValueError:
            raise ActionError(f"“{text}” is not a pan; give -1 (left) to 1 (right), or L30, C, R50.") from None
    if not -1.0 <= value <= 1.0 or value != value:
        raise ActionError(f"A pan of {text} is outside -1 (left) to 1 (right); L100 and R100 are the ends.")
    return value


def pan_label(pan: float) -> str:
    """L30 / C / R50."""
    percent = round(abs(pan) * 100)
    return "C" if percent == 0 else f"{'L' if pan < 0 else 'R'}{percent}"


def set_pan(store: ProjectStore, role_id: int, pan: float, episode_ids: Sequence[int] | None = None
            ) -> dict[int, EpisodeMix]:
    """Place ``role_id`` at ``pan`` (-1 left … 1 right) in the given episodes (default: every episode, since
    the cast is the series'), in one transaction. Returns each episode's settings before, for
    ``put_back_mixes``."""
    try:
        store.role(role_id)
    except ProjectError as exc:
        raise ActionError(str(exc)) from exc
    value = parse_pan(pan)
    ids = list(episode_ids) if episode_ids is not None else [e.id for e in store.episodes()]
    if not ids:
        raise ActionError("The project has no episodes yet, so there is nothing to pan.")
    for episode_id in ids:
        _episode(store, episode_id)
    mixes = {episode_id: store.episode_mix(episode_id).with_pan(role_id, value) for episode_id in ids}
    try:
        return store.set_episode_mixes(mixes)
    except ProjectError as exc:
        raise ActionError(str(exc)) from exc


def set_stereo(store: ProjectStore, episode_id: int, stereo: bool) -> dict[int, EpisodeMix]:
    """Ask for a stereo export of the episode even without music, effects or pans (or stop asking);
    returns its settings before, for ``put_back_mixes``."""
    _episode(store, episode_id)
    return store.set_episode_mixes({episode_id: replace(store.episode_mix(episode_id), stereo=bool(stereo))})


def put_back_mixes(store: ProjectStore, before: Mapping[int, EpisodeMix]) -> None:
    """Undo ``set_pan`` / ``set_stereo``: every episode's settings as they were, in one transaction."""
    if before:
        store.set_episode_mixes(dict(before))


# --- what the window draws ------------------------------------------------------------------------


@dataclass(frozen=True)
class BedCurve:
    """The bed's level over the episode, relative to its volume (1.0 = at its volume; fades and ducking
    below that), one value per ``step_ms`` from 0 to ``end_ms`` (where the bed stops)."""

    step_ms: int
    end_ms: int
    gain: np.ndarray

    def at(self, ms: float) -> float:
        if not len(self.gain) or ms < 0 or ms >= self.end_ms:
            return 0.0
        return float(self.gain[min(len(self.gain) - 1, int(ms // self.step_ms))])


class _Length:
    """Stands in for a bed's reader where only its length and looping matter."""

    def __init__(self, frames: int, loop: bool) -> None:
        self.frames = frames
        self.loop = loop


def bed_curve(bed: MusicBed, speech: Sequence[tuple[int, int]], episode_ms: int, step_ms: int = 10) -> BedCurve:
    """The level of ``bed`` under an episode ``episode_ms`` long whose speech is at ``speech`` ((start,
    end) ms, in time order, merged): computed by the mix's own ``BedTrack`` at one frame per ``step_ms``."""
    step = max(1, int(step_ms))
    rate_frames = lambda ms: int(round(ms / step))  # noqa: E731
    total = rate_frames(episode_ms)
    track = BedTrack(_Length(rate_frames(bed.duration_ms), bed.loop), total_frames=total,  # type: ignore[arg-type]
                     volume_db=0.0, fade_in=rate_frames(bed.fade_in_ms), fade_out=rate_frames(bed.fade_out_ms),
                     spans=[(rate_frames(a), rate_frames(b)) for a, b in speech] if bed.ducking.enabled else [],
                     duck_db=bed.ducking.amount_db, attack=rate_frames(bed.ducking.attack_ms),
                     release=rate_frames(bed.ducking.release_ms))
    frames = max(0, track.end)
    gain = track.gain(0, frames) if frames else np.zeros(0, np.float32)
    return BedCurve(step, frames * step, gain)


__all__ = [
    "AUDIO_SUFFIXES", "BedCurve", "EFFECT", "MAX_BED_MS", "MAX_EFFECT_MS", "MUSIC", "PlacedEffect", "add_effect",
    "apply_music_settings", "bed_curve", "bed_of", "bed_with", "change_music", "clear_music", "edit_effect",
    "episode_end_ms", "line_id_at", "move_effect", "moved", "pan_label", "parse_pan", "place_effect",
    "placed_effects", "put_back_mixes", "put_back_music", "read_media", "remove_effect", "set_effect_volume",
    "set_music", "set_pan", "set_stereo",
]
