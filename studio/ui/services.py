"""The long-lived services the window is handed by the composition root: settings and speech engines.

``EngineHub`` builds each speech engine once (by name) and closes them all on quit. Lives here: engine
construction options taken from the app settings. Must not live here: widgets, project data, rendering.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from studio.engines.speech import EngineError, SpeechEngine
from studio.settings import Settings

log = logging.getLogger(__name__)

#: Per-engine price for a rough cost estimate, in US dollars per 1,000 characters (0 = free/offline).


def emotions_for(engine: str, model: str = "") -> list[str]:
    """The emotions the active engine/model accepts (the hook the Emotion column asks)."""
    if engine != "minimax":
        return []
    try:
        from studio.engines.minimax.models import SPEECH_MODELS
    except ImportError:
        return []
    spec = SPEECH_MODELS.get(model)
    if spec is None:
        return []
    order = ["happy", "sad", "angry", "fearful", "disgusted", "surprised", "calm", "fluent", "whisper"]
    return [e for e in order if e in spec.emotions]


def cost_per_char(engine: str, model: str = "") -> float:
    """Price of one billed character with the configured MiniMax prices (0 for offline engines)."""
    if engine != "minimax":
        return 0.0
    from studio.engines.minimax.cost import configured_prices

    return float(configured_prices().price(model)) / 10_000


@dataclass
class EngineHub:
    """Speech engines by name, built on first use with options from the settings."""

    settings: Settings
    _engines: dict[str, SpeechEngine] = field(default_factory=dict)

    def options(self, name: str, model: str | None = None) -> dict[str, Any]:
        if name != "minimax":
            return {}
        # Host, region, limits and prices come from the MiniMax settings (shared with the CLI).
        return {"model": model or self.settings.get("minimax_model")}

    def get(self, name: str, model: str | None = None) -> SpeechEngine:
        """The engine called ``name``; raises ``EngineError`` with a sentence when it cannot be built."""
        key = f"{name}:{model or ''}" if name == "minimax" else name
        engine = self._engines.get(key)
        if engine is None:
            from studio.engines.registry import create_engine

            engine = create_engine(name, **self.options(name, model))
            self._engines[key] = engine
        return engine

    def forget(self, name: str) -> None:
        """Drop cached engines of ``name`` (after its settings changed); they are closed by ``aclose``."""
        for key in [k for k in self._engines if k.split(":")[0] == name]:
            self._retired.append(self._engines.pop(key))

    _retired: list[SpeechEngine] = field(default_factory=list)

    async def aclose(self) -> None:
        engines = list(self._engines.values()) + self._retired
        self._engines.clear()
        self._retired.clear()
        for engine in engines:
            try:
                await engine.aclose()
            except Exception:  # closing must go on for the others
                log.exception("closing engine %s failed", getattr(engine, "name", "?"))


@dataclass
class Services:
    """What the composition root builds once and hands to the window."""

    settings: Settings
    engines: EngineHub


def build_services(settings: Settings | None = None) -> Services:
    settings = settings or Settings()
    return Services(settings=settings, engines=EngineHub(settings))


__all__ = ["EngineError", "EngineHub", "Services", "build_services", "cost_per_char", "emotions_for"]
