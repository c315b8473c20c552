"""Which speech engine a project speaks with, built once per name with its options from the settings.

``EngineHub`` keeps each engine built (by name, and by model for MiniMax) until it is closed; the window
holds one for its lifetime, a command builds one for its run. ``engine_options`` is the one place that
says what an engine is built with. Must not live here: Qt, project content, rendering.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from studio.domain.model import ProjectSettings
from studio.engines.speech import EngineError, SpeechEngine
from studio.settings import Settings

log = logging.getLogger(__name__)

ENGINE_LABELS = {"kokoro": "Kokoro", "espeak": "eSpeak", "minimax": "MiniMax"}

#: The order the studio shows an engine's emotions in.
EMOTION_ORDER = ("happy", "sad", "angry", "fearful", "disgusted", "surprised", "calm", "fluent", "whisper")


def engine_model(name: str, project: ProjectSettings | None, settings: Settings | None = None) -> str:
    """The model a project asks of engine ``name`` ("" for engines with one model)."""
    if name != "minimax":
        return ""
    if project is not None:
        return project.minimax_model
    return (settings or Settings()).get("minimax_model")


def engine_options(name: str, model: str | None = None) -> dict[str, Any]:
    """What ``create_engine(name, ...)`` is given. MiniMax's host, region, limits and prices come from
    the MiniMax settings inside the engine; only the model is the project's choice."""
    if name != "minimax":
        return {}
    return {"model": model} if model else {}


def create(name: str, model: str | None = None) -> SpeechEngine:
    """A new engine; raises ``EngineError`` with a sentence when it cannot be built here."""
    from studio.engines.registry import create_engine

    return create_engine(name, **engine_options(name, model))


def emotions_for(engine: str, model: str = "") -> list[str]:
    """The emotions the engine/model accepts (the choices the Emotion column offers)."""
    if engine != "minimax":
        return []
    try:
        from studio.engines.minimax.models import SPEECH_MODELS
    except ImportError:
        return []
    spec = SPEECH_MODELS.get(model)
    if spec is None:
        return []
    return [e for e in EMOTION_ORDER if e in spec.emotions]


@dataclass
class EngineHub:
    """Speech engines by name, built on first use; ``aclose`` closes every one ever built."""

    _engines: dict[str, SpeechEngine] = field(default_factory=dict)
    _retired: list[SpeechEngine] = field(default_factory=list)
    #: called with each engine once it is built (the voice library follows its voices' uses)
    on_built: list[Callable[[SpeechEngine], object]] = field(default_factory=list)

    def get(self, name: str, model: str | None = None) -> SpeechEngine:
        """The engine called ``name``; raises ``EngineError`` with a sentence when it cannot be built."""
        key = f"{name}:{model or ''}" if name == "minimax" else name
        engine = self._engines.get(key)
        if engine is None:
            engine = create(name, model)
            self._engines[key] = engine
            for hook in self.on_built:
                hook(engine)
        return engine

    def forget(self, name: str) -> None:
        """Drop the built engines of ``name`` (its settings changed); ``aclose`` still closes them."""
        for key in [k for k in self._engines if k.split(":")[0] == name]:
            self._retired.append(self._engines.pop(key))

    async def aclose(self) -> None:
        engines = list(self._engines.values()) + self._retired
        self._engines.clear()
        self._retired.clear()
        for engine in engines:
            try:
                await engine.aclose()
            except Exception:  # closing must go on for the others
                log.exception("closing engine %s failed", getattr(engine, "name", "?"))


__all__ = ["ENGINE_LABELS", "EngineError", "EngineHub", "create", "emotions_for", "engine_model",
           "engine_options"]
