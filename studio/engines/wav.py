"""16-bit mono WAV bytes from int16 samples: the container both offline engines hand back, and the voice
effect they apply to the samples just before writing them.

Only the byte layout and that last step live here; synthesis and resampling stay in the engines, the
effects themselves in ``studio.audio.effects``.
"""

from __future__ import annotations

import io
import wave

import numpy as np

from studio.audio.effects import EFFECT_FUNCTIONS, apply_effect
from studio.domain.render_key import EFFECT_EXTRA, SpeechRequest
from studio.engines.speech import EngineError


def wav_bytes(samples: np.ndarray, sample_rate: int) -> bytes:
    """16-bit mono WAV file bytes for int16-range ``samples``."""
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(sample_rate)
        w.writeframes(np.asarray(samples, dtype="<i2").tobytes())
    return buf.getvalue()


def request_effect(request: SpeechRequest, engine: str) -> str | None:
    """The voice effect ``request`` asks for (its ``extra`` entry ``effect``), or None.

    Raises ``EngineError`` naming the effects there are when it asks for another.
    """
    effect = dict(request.extra).get(EFFECT_EXTRA) or None
    if effect is not None and effect not in EFFECT_FUNCTIONS:
        raise EngineError(f"The {engine} engine has no voice effect “{effect}”. "
                          f"Choose one of: {', '.join(EFFECT_FUNCTIONS)}.")
    return effect


def with_effect(samples: np.ndarray, sample_rate: int, effect: str | None) -> np.ndarray:
    """int16 ``samples`` with the voice ``effect`` applied (the same array when there is none). Echo and
    hall add a tail, so the result may be longer."""
    if effect is None:
        return samples
    audio = np.asarray(samples, dtype=np.float32) / np.float32(32768.0)
    out = apply_effect(effect, audio, sample_rate)
    return np.clip(np.round(out * 32767.0), -32768, 32767).astype(np.int16)
