"""What an engine is asked to say, and the render key that names the audio it will produce.

A render key is a hash of everything that changes the audio: engine, model, voice, the text after the
lexicon is applied, delivery, pronunciation entries and audio settings. A line is *stale* when no take
has its current key. Pure Python: no I/O.

Engine-specific settings ride in ``extra`` (sorted pairs). A setting is added there only when it is in
use, so a request without one hashes exactly as it did before the setting existed: a voice effect, for
one, is ``extra`` entry ``effect`` (offline engines) or ``voice_modify.sound_effects`` (MiniMax), and a
line without an effect keeps its old key and its takes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field

KEY_VERSION = 1

#: The ``extra`` entry naming the voice effect an offline engine applies after synthesis.
EFFECT_EXTRA = "effect"


@dataclass(frozen=True)
class SpeechRequest:
    """One synthesis job, engine-neutral. ``text`` is already passed through the lexicon."""

    engine: str
    voice_id: str
    text: str
    language: str = "zh"  # "zh" | "en"
    model: str = ""
    speed: float = 1.0
    volume: float = 1.0
    pitch: int = 0
    emotion: str | None = None
    pronunciation: tuple[str, ...] = ()  # MiniMax pronunciation_dict "written/(spoken)" entries
    audio_format: str = "wav"
    sample_rate: int = 24000
    extra: tuple[tuple[str, str], ...] = field(default=())  # engine-specific settings, sorted pairs

    def canonical(self) -> str:
        data = asdict(self)
        data["v"] = KEY_VERSION
        return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    @property
    def render_key(self) -> str:
        return hashlib.sha256(self.canonical().encode("utf-8")).hexdigest()[:32]
