"""An episode's music and sound effects as plain values, and the maths of where they sound.

Lives here: ``Ducking`` (how far and how fast a music bed goes down under speech), ``MusicBed`` (one audio
file under the whole episode: its volume, fades, looping, ducking), ``EffectClip`` / ``NewEffectClip``
(a sound at a time on the episode, or attached to a line with an offset so it moves with the line),
``EpisodeMix`` (the episode's media settings: stereo or not, a pan per role), ``RemovedMusicBed`` and
``RemovedEffectClip`` (what a removal hands back for undo), and ``speech_spans`` / ``effect_start_ms``.
The audio itself is bytes kept by the store; these values only name its format and length.
Pure Python: no Qt, no I/O, no numpy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from studio.domain.timeline import Placement

#: Audio formats a music bed or an effect clip may be stored in.
MEDIA_FORMATS = ("wav", "flac", "mp3", "ogg", "opus", "m4a", "aac")
VOLUME_RANGE_DB = (-60.0, 12.0)
DUCK_RANGE_DB = (0.0, 40.0)


def _num(value: Any, default: float) -> float:
    return default if value is None or value == "" else float(value)


@dataclass(frozen=True)
class Ducking:
    """The bed goes ``amount_db`` down while anyone speaks: it starts going down ``attack_ms`` before a
    line starts (so it is down when the first word comes) and comes back over ``release_ms`` after the
    line ends. ``amount_db`` 0 turns ducking off."""

    amount_db: float = 12.0
    attack_ms: int = 250
    release_ms: int = 600

    @property
    def enabled(self) -> bool:
        return self.amount_db > 0

    def to_dict(self) -> dict[str, Any]:
        return {"amount_db": self.amount_db, "attack_ms": self.attack_ms, "release_ms": self.release_ms}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Ducking:
        d = dict(data or {})
        base = cls()
        return cls(_num(d.get("amount_db"), base.amount_db), int(_num(d.get("attack_ms"), base.attack_ms)),
                   int(_num(d.get("release_ms"), base.release_ms)))

    def validate(self) -> list[str]:
        problems = []
        if not DUCK_RANGE_DB[0] <= self.amount_db <= DUCK_RANGE_DB[1]:
            problems.append(f"Ducking of {self.amount_db:g} dB is outside {DUCK_RANGE_DB[0]:g}–{DUCK_RANGE_DB[1]:g} dB.")
        if not 0 <= self.attack_ms <= 10_000 or not 0 <= self.release_ms <= 10_000:
            problems.append("Ducking attack and release must be 0–10000 ms.")
        return problems


@dataclass(frozen=True)
class MusicBed:
    """A music bed under an episode: it starts with the episode and plays to its end (looped when the
    file is shorter and ``loop`` is set), at ``volume_db``, faded in and out, ducked under speech."""

    name: str  # the file name it came from, for people
    format: str  # format of the stored audio
    duration_ms: int  # length of the stored audio
    volume_db: float = -12.0
    fade_in_ms: int = 1000
    fade_out_ms: int = 2000
    loop: bool = True
    ducking: Ducking = field(default_factory=Ducking)

    def with_(self, **changes: Any) -> MusicBed:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "format": self.format, "duration_ms": self.duration_ms,
                "volume_db": self.volume_db, "fade_in_ms": self.fade_in_ms, "fade_out_ms": self.fade_out_ms,
                "loop": self.loop, "ducking": self.ducking.to_dict()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MusicBed:
        base = cls("", "wav", 0)
        return cls(str(data.get("name", "")), str(data.get("format", "wav")), int(_num(data.get("duration_ms"), 0)),
                   _num(data.get("volume_db"), base.volume_db), int(_num(data.get("fade_in_ms"), base.fade_in_ms)),
                   int(_num(data.get("fade_out_ms"), base.fade_out_ms)), bool(data.get("loop", base.loop)),
                   Ducking.from_dict(data.get("ducking")))

    def validate(self) -> list[str]:
        """Sentences naming each out-of-range field (empty when valid)."""
        problems = []
        if self.format not in MEDIA_FORMATS:
            problems.append(f"“{self.format}” is not an audio format a music bed can be kept in.")
        if self.duration_ms <= 0:
            problems.append("The music file has no length.")
        if not VOLUME_RANGE_DB[0] <= self.volume_db <= VOLUME_RANGE_DB[1]:
            problems.append(f"Music volume {self.volume_db:g} dB is outside {VOLUME_RANGE_DB[0]:g}–{VOLUME_RANGE_DB[1]:g} dB.")
        if self.fade_in_ms < 0 or self.fade_out_ms < 0:
            problems.append("Fades cannot be negative.")
        return problems + self.ducking.validate()


@dataclass(frozen=True)
class NewEffectClip:
    """A sound effect about to be added to an episode. At ``at_ms`` on the episode, or — with
    ``line_id`` — ``offset_ms`` after that line starts (negative: before), moving with the line."""

    name: str
    format: str
    duration_ms: int
    volume_db: float = 0.0
    at_ms: int = 0
    line_id: int | None = None
    offset_ms: int = 0

    def validate(self) -> list[str]:
        problems = []
        if self.format not in MEDIA_FORMATS:
            problems.append(f"“{self.format}” is not an audio format a sound effect can be kept in.")
        if self.duration_ms <= 0:
            problems.append(f"The sound “{self.name}” has no length.")
        if not VOLUME_RANGE_DB[0] <= self.volume_db <= VOLUME_RANGE_DB[1]:
            problems.append(f"Effect volume {self.volume_db:g} dB is outside {VOLUME_RANGE_DB[0]:g}–{VOLUME_RANGE_DB[1]:g} dB.")
        if self.line_id is None and self.at_ms < 0:
            problems.append("A sound effect cannot start before the episode does.")
        return problems


@dataclass(frozen=True)
class EffectClip(NewEffectClip):
    """A sound effect of an episode, as stored (it has an id)."""

    id: int = 0
    episode_id: int = 0

    def with_(self, **changes: Any) -> EffectClip:
        return replace(self, **changes)

    @classmethod
    def of(cls, clip_id: int, episode_id: int, new: NewEffectClip) -> EffectClip:
        return cls(new.name, new.format, new.duration_ms, new.volume_db, new.at_ms, new.line_id, new.offset_ms,
                   clip_id, episode_id)


@dataclass(frozen=True)
class EpisodeMix:
    """An episode's media settings: ``stereo`` asks for a stereo export even without music or effects;
    ``pans`` places each role (by id) from -1 (left) to 1 (right), 0 being the centre; ``source_video`` is
    the video a dubbed episode was imported from (an absolute path as it was then; the file may have moved
    since, see ``studio.actions.dubbing.source_video``), "" for none."""

    stereo: bool = False
    pans: Mapping[int, float] = field(default_factory=dict)
    source_video: str = ""

    def pan_of(self, role_id: int | None) -> float:
        if role_id is None:
            return 0.0
        return max(-1.0, min(1.0, float(self.pans.get(role_id, 0.0))))

    @property
    def panned(self) -> bool:
        return any(abs(float(v)) > 1e-9 for v in self.pans.values())

    def with_pan(self, role_id: int, pan: float) -> EpisodeMix:
        pans = dict(self.pans)
        if abs(pan) < 1e-9:
            pans.pop(role_id, None)
        else:
            pans[role_id] = max(-1.0, min(1.0, float(pan)))
        return replace(self, pans=pans)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"stereo": self.stereo,
                               "pans": {str(k): float(v) for k, v in sorted(self.pans.items())}}
        if self.source_video:
            out["source_video"] = self.source_video
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> EpisodeMix:
        d = dict(data or {})
        pans = {int(k): max(-1.0, min(1.0, float(v))) for k, v in dict(d.get("pans") or {}).items()}
        return cls(bool(d.get("stereo", False)), pans, str(d.get("source_video") or ""))

    def validate(self) -> list[str]:
        return [f"The pan of role {k} ({v:g}) is outside -1 (left) to 1 (right)."
                for k, v in self.pans.items() if not -1.0 <= float(v) <= 1.0]


@dataclass(frozen=True)
class RemovedMusicBed:
    """What clearing a bed handed back, so undo can put it back as it was."""

    episode_id: int
    bed: MusicBed
    audio: bytes


@dataclass(frozen=True)
class RemovedEffectClip:
    """What removing a sound effect handed back, so undo can put it back with its id."""

    clip: EffectClip
    audio: bytes


def effect_start_ms(clip: NewEffectClip, line_starts: Mapping[int, int]) -> int | None:
    """Where ``clip`` starts on the episode: its own time, or its line's start plus the offset. None when
    it is attached to a line that has no place (deleted, or left out of an export)."""
    if clip.line_id is None:
        return clip.at_ms
    start = line_starts.get(clip.line_id)
    return None if start is None else start + clip.offset_ms


def speech_spans(placements: Iterable[Placement], merge_within_ms: int = 0) -> list[tuple[int, int]]:
    """The stretches (start ms, end ms) in which someone speaks, overlapping or touching placements merged
    (and those less than ``merge_within_ms`` apart), in time order."""
    spans: list[tuple[int, int]] = []
    for p in sorted(placements, key=lambda p: p.start_ms):
        if p.duration_ms <= 0:
            continue
        if spans and p.start_ms <= spans[-1][1] + merge_within_ms:
            spans[-1] = (spans[-1][0], max(spans[-1][1], p.end_ms))
        else:
            spans.append((p.start_ms, p.end_ms))
    return spans
