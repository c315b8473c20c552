"""The long-lived services the composition root builds once and hands to the window: the application
settings and the speech engines (built by name, closed on quit).

Must not live here: widgets, project data, rendering, engine options (``studio.actions.engines``).
"""

from __future__ import annotations

from dataclasses import dataclass

from studio.actions.engines import EngineHub
from studio.settings import Settings


@dataclass
class Services:
    settings: Settings
    engines: EngineHub


def build_services(settings: Settings | None = None) -> Services:
    return Services(settings=settings or Settings(), engines=EngineHub())


__all__ = ["EngineHub", "Services", "build_services"]
