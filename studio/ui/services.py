"""The long-lived services the composition root builds once and hands to the window: the application
settings, the speech engines (built by name, closed on quit), and the user's voice library with its
preview cache (the user's, not a project's).

Must not live here: widgets, project data, rendering, engine options (``studio.actions.engines``).
"""

from __future__ import annotations

from dataclasses import dataclass

from studio.actions.engines import EngineHub
from studio.library import PreviewCache, VoiceLibrary
from studio.settings import Settings


@dataclass
class Services:
    settings: Settings
    engines: EngineHub
    library: VoiceLibrary
    previews: PreviewCache


def build_services(settings: Settings | None = None) -> Services:
    library = VoiceLibrary()
    engines = EngineHub()
    engines.on_built.append(library.follow)  # a render that uses a new voice keeps it from expiring
    return Services(settings=settings or Settings(), engines=engines, library=library,
                    previews=PreviewCache(library.folder / "previews"))


__all__ = ["EngineHub", "Services", "build_services"]
