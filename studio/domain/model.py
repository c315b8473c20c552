"""The words of the studio as plain values: project settings, role, delivery, episode, line, take.

Pure Python: no Qt, no I/O, no asyncio. The store persists these; engines and the UI read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

#: Engines the studio knows by name. Voice bindings are kept per engine.
ENGINES = ("kokoro", "espeak", "minimax")
OFFLINE_ENGINES = ("kokoro", "espeak")

#: Languages an episode can be in.
LANGUAGES = ("zh", "en")

#: Emotions the studio lets a line ask for (an engine keeps only those it supports).
EMOTIONS = ("happy", "sad", "angry", "fearful", "disgusted", "surprised", "calm", "fluent", "whisper")

#: Voice effects a line or role can ask for: the sound of a phone call, a radio or walkie-talkie, an echo
#: (a flashback or a thought), a hall, a robot or ghost. ``NO_EFFECT`` on a line turns off its role's
#: effect; an unset effect (``None``) inherits it.
EFFECTS = ("telephone", "radio", "echo", "hall", "robot")
NO_EFFECT = "none"

#: MiniMax's voice modify settings a line or role can ask for, each a whole number from -100 to 100:
#: pitch (-100 deeper … 100 brighter), intensity (-100 stronger … 100 softer), timbre (-100 fuller … 100
#: crisper). The offline engines have no counterpart and leave them out of their requests.
VOICE_MODIFY = ("pitch", "intensity", "timbre")

#: Status words for a line. ``EMPTY``: the line has no text yet, so there is nothing to render.
STALE, QUEUED, RENDERING, DONE, FAILED, EMPTY = "stale", "queued", "rendering", "done", "failed", "empty"


@dataclass(frozen=True)
class Delivery:
    """How a line is spoken. ``None`` means "inherit" (line → role → engine default)."""

    speed: float | None = None  # 0.5 .. 2.0, 1.0 = normal
    volume: float | None = None  # 0 < v <= 10, 1.0 = normal
    pitch: int | None = None  # semitones, -12 .. 12
    emotion: str | None = None  # one of EMOTIONS, or None to let the engine infer
    effect: str | None = None  # one of EFFECTS, NO_EFFECT to turn the role's off, or None to inherit
    modify_pitch: int | None = None  # MiniMax voice modify (VOICE_MODIFY), -100 .. 100, None to inherit
    modify_intensity: int | None = None
    modify_timbre: int | None = None

    def over(self, base: Delivery) -> Delivery:
        """This delivery with every unset field taken from ``base``."""
        return Delivery(
            speed=self.speed if self.speed is not None else base.speed,
            volume=self.volume if self.volume is not None else base.volume,
            pitch=self.pitch if self.pitch is not None else base.pitch,
            emotion=self.emotion if self.emotion is not None else base.emotion,
            effect=self.effect if self.effect is not None else base.effect,
            modify_pitch=self.modify_pitch if self.modify_pitch is not None else base.modify_pitch,
            modify_intensity=self.modify_intensity if self.modify_intensity is not None else base.modify_intensity,
            modify_timbre=self.modify_timbre if self.modify_timbre is not None else base.modify_timbre,
        )

    def resolved(self) -> Delivery:
        """Every field filled with the neutral default; ``effect`` is one of EFFECTS or None (none)."""
        full = self.over(Delivery(speed=1.0, volume=1.0, pitch=0, emotion=None))
        return full if full.effect != NO_EFFECT else replace(full, effect=None)

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Delivery:
        data = data or {}
        return cls(
            speed=_opt_float(data.get("speed")),
            volume=_opt_float(data.get("volume")),
            pitch=_opt_int(data.get("pitch")),
            emotion=data.get("emotion") or None,
            effect=data.get("effect") or None,
            modify_pitch=_opt_int(data.get("modify_pitch")),
            modify_intensity=_opt_int(data.get("modify_intensity")),
            modify_timbre=_opt_int(data.get("modify_timbre")),
        )

    def voice_modify(self) -> dict[str, int]:
        """The MiniMax voice modify settings that are set and not neutral, by their MiniMax names."""
        values = {"pitch": self.modify_pitch, "intensity": self.modify_intensity, "timbre": self.modify_timbre}
        return {k: int(v) for k, v in values.items() if v}

    def validate(self) -> list[str]:
        """Sentences naming each out-of-range field (empty when valid)."""
        problems = []
        if self.speed is not None and not 0.5 <= self.speed <= 2.0:
            problems.append(f"Speed {self.speed} is outside 0.5–2.0.")
        if self.volume is not None and not 0 < self.volume <= 10:
            problems.append(f"Volume {self.volume} is outside 0–10 (0 not allowed).")
        if self.pitch is not None and not -12 <= self.pitch <= 12:
            problems.append(f"Pitch {self.pitch} is outside -12–12 semitones.")
        if self.emotion is not None and self.emotion not in EMOTIONS:
            problems.append(f"Emotion “{self.emotion}” is not one of {', '.join(EMOTIONS)}.")
        if self.effect is not None and self.effect not in (*EFFECTS, NO_EFFECT):
            problems.append(f"Effect “{self.effect}” is not one of {', '.join(EFFECTS)} (or {NO_EFFECT}).")
        for name in VOICE_MODIFY:
            value = getattr(self, f"modify_{name}")
            if value is not None and not -100 <= value <= 100:
                problems.append(f"Voice modify {name} {value} is outside -100–100.")
        return problems


def _opt_float(v: Any) -> float | None:
    return None if v is None or v == "" else float(v)


def _opt_int(v: Any) -> int | None:
    return None if v is None or v == "" else int(round(float(v)))


@dataclass
class Role:
    """A character, or the narrator. Shared by every episode of the project."""

    id: int
    name: str
    colour: str = "#888888"
    delivery: Delivery = field(default_factory=Delivery)
    voices: dict[str, str] = field(default_factory=dict)  # engine name -> voice id
    gap_ms: int | None = None  # default gap before this role's lines
    gender: str | None = None  # "female" | "male" | None when unknown
    notes: str = ""
    position: int = 0

    @property
    def is_narrator(self) -> bool:
        return is_narrator_name(self.name)


NARRATOR_NAMES = {"narrator", "narration", "旁白", "叙述", "叙述者", "解说", "画外音", "aside", "anarration", "title"}


def is_narrator_name(name: str) -> bool:
    return name.strip().lower() in NARRATOR_NAMES


@dataclass
class Line:
    """One utterance of an episode."""

    id: int
    episode_id: int
    position: int
    role_id: int | None
    text: str
    delivery: Delivery = field(default_factory=Delivery)
    gap_ms: int | None = None  # None: role default, then the project default
    offset_ms: int = 0  # manual nudge on the timeline
    chosen_take_id: int | None = None
    note: str = ""  # a stage direction or remark shown with the line, never spoken
    trim_start_ms: int = 0  # of the take's start left unheard (leading silence trimmed on the timeline)
    trim_end_ms: int = 0  # of the take's end left unheard
    cue_start_ms: int | None = None  # a timed script's source cue: the line is locked to start here
    cue_end_ms: int | None = None  # ... and its slot ends here

    @property
    def locked(self) -> bool:
        """A line of a timed script (subtitles, a dub) sits at its source cue, not after the line before."""
        return self.cue_start_ms is not None

    def with_(self, **changes: Any) -> Line:
        return replace(self, **changes)


@dataclass(frozen=True)
class NewLine:
    """A line about to be added to an episode (it has no id or position yet)."""

    role_id: int | None
    text: str
    delivery: Delivery = field(default_factory=Delivery)
    gap_ms: int | None = None
    note: str = ""
    cue_start_ms: int | None = None
    cue_end_ms: int | None = None

    @classmethod
    def of(cls, spec: NewLine | tuple[Any, ...]) -> NewLine:
        """A ``NewLine`` from itself or from a ``(role_id, text, delivery, gap_ms[, note])`` tuple."""
        if isinstance(spec, NewLine):
            return spec
        return cls(*spec)

    @classmethod
    def copy_of(cls, line: Line) -> NewLine:
        return cls(line.role_id, line.text, line.delivery, line.gap_ms, line.note, line.cue_start_ms, line.cue_end_ms)


@dataclass
class Episode:
    id: int
    position: int
    title: str
    language: str = "zh"


@dataclass
class Take:
    """Audio an engine produced for a line, kept under its render key."""

    id: int
    line_id: int | None
    render_key: str
    format: str  # "wav", "mp3", "flac"
    sample_rate: int
    duration_ms: int
    engine: str
    model: str
    voice_id: str
    billed_chars: int = 0
    trace_id: str | None = None
    created_at: float = 0.0


@dataclass(frozen=True)
class ProjectSettings:
    """Per-project settings, saved in the project file."""

    engine: str = "kokoro"
    sample_rate: int = 48000
    gap_ms: int = 350
    lufs: float = -16.0
    true_peak_db: float = -1.0
    minimax_model: str = "speech-2.8-hd"
    minimax_format: str = "mp3"
    minimax_sample_rate: int = 32000
    #: A role's caption look in ASS subtitles and burned-in video captions, by role id (as text):
    #: {"colour": "#rrggbb", "position": "bottom" | "middle" | "top"}; a role not here uses its colour.
    caption_styles: dict[str, dict[str, str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {k: (dict(v) if isinstance(v, dict) else v) for k, v in self.__dict__.items()}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> ProjectSettings:
        known = {k: v for k, v in (data or {}).items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def with_(self, **changes: Any) -> ProjectSettings:
        return replace(self, **changes)


def effective_gap(line: Line, role: Role | None, settings: ProjectSettings) -> int:
    if line.gap_ms is not None:
        return line.gap_ms
    if role is not None and role.gap_ms is not None:
        return role.gap_ms
    return settings.gap_ms


def effective_delivery(line: Line, role: Role | None) -> Delivery:
    base = role.delivery if role is not None else Delivery()
    return line.delivery.over(base).resolved()
