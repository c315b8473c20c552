"""The values of the voice library: ``LibraryVoice`` and what it carries (consent, blend parts, source clip).

A ``LibraryVoice`` is one voice the user can cast, on one engine: an offline preset, an engine's system
voice, or one of the user's own voices (a MiniMax clone or design, or a blend). Own voices carry what the
user needs to keep track of them: when MiniMax deletes them if they stay unused (``expires_at``, shown
with ``days_left``), the consent recorded for a clone, the design prompt, the blend parts, the facts of
the source clip and the ids of the files uploaded for it (so deleting the voice deletes them too).

Pure values and their JSON form; no I/O, no network, no Qt.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field, replace
from typing import Any

from studio.engines.speech import Voice

KINDS = ("preset", "system", "cloned", "designed", "blend")
OWN_KINDS = frozenset({"cloned", "designed", "blend"})
#: What the user affirms before a clip is uploaded for cloning; recorded with the voice.
CONSENT_STATEMENT = "I have this speaker's permission to clone their voice"
DAY = 86400.0


@dataclass(frozen=True)
class Consent:
    """The statement the user affirmed and when (epoch seconds)."""

    statement: str
    given_at: float


@dataclass(frozen=True)
class BlendComponent:
    """One voice of a blend and its weight (a whole number from 1 to 100)."""

    voice_id: str
    weight: int


@dataclass(frozen=True)
class UploadedFile:
    """A file uploaded to the engine's account for this voice (MiniMax files API id and purpose)."""

    file_id: int
    purpose: str


@dataclass(frozen=True)
class SourceClip:
    """Facts about the clip a voice was cloned from; the audio itself is not kept."""

    file_name: str
    format: str
    duration_s: float
    size_bytes: int
    sha256: str = ""
    trim_start_s: float | None = None
    trim_end_s: float | None = None
    noise_reduction: bool = False
    volume_normalization: bool = False
    transcript: str | None = None  # the text the accuracy check compared with
    prompt_file_name: str | None = None
    prompt_text: str | None = None


@dataclass(frozen=True)
class LibraryVoice:
    """A voice the user can cast. ``kind`` is one of ``KINDS``; times are epoch seconds."""

    engine: str
    voice_id: str
    name: str
    kind: str
    gender: str | None = None  # "female" | "male" | None
    age: str | None = None  # "child" | "young" | "adult" | "old" | None
    languages: tuple[str, ...] = ("zh", "en")
    styles: tuple[str, ...] = ()  # e.g. "narrator", "calm", user tags
    description: str = ""
    created_at: float | None = None
    last_used_at: float | None = None
    expires_at: float | None = None  # when the engine deletes it unless it is used; None once used
    prompt: str = ""  # the description a designed voice was made from
    consent: Consent | None = None
    components: tuple[BlendComponent, ...] = ()
    source: SourceClip | None = None
    uploaded_files: tuple[UploadedFile, ...] = ()
    sample_path: str | None = None  # the demo (clone) or trial (design) audio kept with the voice
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def key(self) -> str:
        """Unique across engines: ``engine:voice_id``."""
        return f"{self.engine}:{self.voice_id}"

    @property
    def own(self) -> bool:
        """One of the user's own voices (clone, design, blend), kept in the user's library file."""
        return self.kind in OWN_KINDS

    @property
    def narrator(self) -> bool:
        return "narrator" in self.styles

    def seconds_left(self, now: float | None = None) -> float | None:
        if self.expires_at is None:
            return None
        return self.expires_at - (time.time() if now is None else now)

    def days_left(self, now: float | None = None) -> int | None:
        """Whole days (rounded up) before the engine deletes this unused voice; 0 once it has; None when
        it does not expire (it has been used, or it is not a new clone or design)."""
        left = self.seconds_left(now)
        if left is None:
            return None
        return max(0, math.ceil(left / DAY))

    def expired(self, now: float | None = None) -> bool:
        left = self.seconds_left(now)
        return left is not None and left <= 0

    def expiry_warning(self, now: float | None = None, within_days: float = 2.0) -> str | None:
        """A sentence when this unused voice expires within ``within_days`` (or has expired)."""
        left = self.seconds_left(now)
        if left is None:
            return None
        label = f"“{self.name}” ({self.voice_id})" if self.name and self.name != self.voice_id else self.voice_id
        if left <= 0:
            return (f"The voice {label} was never used within 7 days and MiniMax has deleted it: clone or "
                    f"design it again.")
        if left <= within_days * DAY:
            hours = max(1, int(left // 3600))
            return (f"The voice {label} will be deleted by MiniMax in about {hours} h unless it is used: "
                    f"render a line with it or activate it now.")
        return None

    def used(self, when: float) -> LibraryVoice:
        """This voice after a real use at ``when``: no expiry any more, last use recorded."""
        return replace(self, last_used_at=max(when, self.last_used_at or 0.0), expires_at=None)

    def to_voice(self) -> Voice:
        """The engine-level ``Voice`` (what casting and the engines speak in)."""
        created = time.strftime("%Y-%m-%d", time.localtime(self.created_at)) if self.created_at else None
        return Voice(engine=self.engine, voice_id=self.voice_id, name=self.name, gender=self.gender, age=self.age,
                     languages=self.languages, kind=self.kind, description=self.description,
                     narrator=self.narrator, created=created if self.own else None)

    # --- JSON ------------------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "engine": self.engine, "voice_id": self.voice_id, "name": self.name, "kind": self.kind,
            "gender": self.gender, "age": self.age, "languages": list(self.languages),
            "styles": list(self.styles), "narrator": self.narrator, "description": self.description,
            "created_at": self.created_at,
            "last_used_at": self.last_used_at, "expires_at": self.expires_at,
        }
        if self.prompt:
            out["prompt"] = self.prompt
        if self.consent is not None:
            out["consent"] = {"statement": self.consent.statement, "given_at": self.consent.given_at}
        if self.components:
            out["components"] = [{"voice_id": c.voice_id, "weight": c.weight} for c in self.components]
        if self.source is not None:
            out["source"] = dict(self.source.__dict__)
        if self.uploaded_files:
            out["uploaded_files"] = [{"file_id": f.file_id, "purpose": f.purpose} for f in self.uploaded_files]
        if self.sample_path:
            out["sample_path"] = self.sample_path
        if self.extra:
            out["extra"] = dict(self.extra)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LibraryVoice:
        """The voice a ``to_dict`` made; raises KeyError/TypeError/ValueError on a damaged entry."""
        consent = data.get("consent")
        source = data.get("source")
        kind = str(data["kind"])
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        return cls(
            engine=str(data["engine"]), voice_id=str(data["voice_id"]), name=str(data.get("name") or data["voice_id"]),
            kind=kind, gender=data.get("gender"), age=data.get("age"),
            languages=tuple(str(x) for x in data.get("languages") or ("zh", "en")),
            styles=tuple(str(x) for x in data.get("styles") or ()), description=str(data.get("description") or ""),
            created_at=_float(data.get("created_at")), last_used_at=_float(data.get("last_used_at")),
            expires_at=_float(data.get("expires_at")), prompt=str(data.get("prompt") or ""),
            consent=Consent(str(consent["statement"]), float(consent["given_at"])) if consent else None,
            components=tuple(BlendComponent(str(c["voice_id"]), int(c["weight"]))
                             for c in data.get("components") or ()),
            source=SourceClip(**source) if source else None,
            uploaded_files=tuple(UploadedFile(int(f["file_id"]), str(f["purpose"]))
                                 for f in data.get("uploaded_files") or ()),
            sample_path=data.get("sample_path") or None, extra=dict(data.get("extra") or {}),
        )


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def from_engine_voice(voice: Voice, *, last_used_at: float | None = None) -> LibraryVoice:
    """A library entry for a voice an engine lists (a preset or a system voice)."""
    styles = ("narrator",) if voice.narrator else ()
    return LibraryVoice(engine=voice.engine, voice_id=voice.voice_id, name=voice.name, kind=voice.kind
                        if voice.kind in KINDS else "system", gender=voice.gender, age=voice.age,
                        languages=tuple(voice.languages), styles=styles, description=voice.description,
                        last_used_at=last_used_at)
