"""What the project store tells its listeners after each committed change: one small frozen dataclass per
kind of change, so a listener matches on the type and reads typed fields instead of a string and an
``Any`` payload.

Lives here: the event values, and ``Listeners``, the list of callbacks every event source keeps. They carry ids and the new values a listener needs to update a view
without reading the file again. Must not live here: Qt, listeners, anything that reads the project.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from studio.domain.media import EffectClip, EpisodeMix, MusicBed
from studio.domain.model import ProjectSettings, Role, Take

E = TypeVar("E")
log = logging.getLogger(__name__)


class Listeners(Generic[E]):
    """Callbacks that hear events of one kind, in the order they subscribed. With ``guard`` one listener's
    exception is logged and the others still hear the event."""

    def __init__(self, guard: bool = False) -> None:
        self._items: list[Callable[[E], None]] = []
        self._guard = guard

    def subscribe(self, listener: Callable[[E], None]) -> Callable[[], None]:
        """Add ``listener``; returns the call that removes it (safe to call twice)."""
        self._items.append(listener)

        def unsubscribe() -> None:
            if listener in self._items:
                self._items.remove(listener)

        return unsubscribe

    def emit(self, event: E) -> None:
        for listener in list(self._items):
            if not self._guard:
                listener(event)
                continue
            try:
                listener(event)
            except Exception:
                log.exception("a listener failed to follow %s", type(event).__name__)

    def clear(self) -> None:
        self._items.clear()


@dataclass(frozen=True)
class ProjectRenamed:
    title: str


@dataclass(frozen=True)
class SettingsChanged:
    settings: ProjectSettings


@dataclass(frozen=True)
class RoleAdded:
    role: Role


@dataclass(frozen=True)
class RoleChanged:
    role: Role


@dataclass(frozen=True)
class RoleRemoved:
    role_id: int


@dataclass(frozen=True)
class EpisodesChanged:
    """Episodes were added, removed, renamed or reordered (their lines may have come or gone with them)."""


@dataclass(frozen=True)
class LinesChanged:
    line_ids: tuple[int, ...]


@dataclass(frozen=True)
class LinesInserted:
    episode_id: int
    line_ids: tuple[int, ...]


@dataclass(frozen=True)
class LinesRemoved:
    line_ids: tuple[int, ...]


@dataclass(frozen=True)
class LinesMoved:
    episode_id: int


@dataclass(frozen=True)
class TakeAdded:
    take: Take


@dataclass(frozen=True)
class TakeNoted:
    """A take's note of ``kind`` (word timings, a listen-back check, ...) was set; ``take_id`` None: the
    notes of that kind were cleared."""

    take_id: int | None
    kind: str


@dataclass(frozen=True)
class LineFailed:
    line_id: int


@dataclass(frozen=True)
class LexiconChanged:
    pass


@dataclass(frozen=True)
class MusicBedChanged:
    """An episode's music bed was set, changed or cleared (``bed`` None)."""

    episode_id: int
    bed: MusicBed | None


@dataclass(frozen=True)
class EffectClipAdded:
    """A sound effect was added to an episode (or put back by undo, with its old id)."""

    clip: EffectClip


@dataclass(frozen=True)
class EffectClipChanged:
    clip: EffectClip


@dataclass(frozen=True)
class EffectClipRemoved:
    episode_id: int
    clip_id: int


@dataclass(frozen=True)
class EpisodeMixChanged:
    """An episode's media settings (stereo, a pan per role) changed."""

    episode_id: int
    mix: EpisodeMix


StoreEvent = (ProjectRenamed | SettingsChanged | RoleAdded | RoleChanged | RoleRemoved | EpisodesChanged
              | LinesChanged | LinesInserted | LinesRemoved | LinesMoved | TakeAdded | TakeNoted | LineFailed
              | LexiconChanged | MusicBedChanged | EffectClipAdded | EffectClipChanged | EffectClipRemoved
              | EpisodeMixChanged)

#: Changes to an episode's music, effects or media settings (the mix changes, no line's plan does).
MEDIA_EVENTS = (MusicBedChanged, EffectClipAdded, EffectClipChanged, EffectClipRemoved, EpisodeMixChanged)

#: Changes after which every line's plan may differ (voices, delivery, lexicon, settings).
PLAN_WIDE = (SettingsChanged, RoleAdded, RoleChanged, RoleRemoved, LexiconChanged)

__all__ = [
    "MEDIA_EVENTS", "PLAN_WIDE", "EffectClipAdded", "EffectClipChanged", "EffectClipRemoved", "EpisodeMixChanged",
    "EpisodesChanged", "MusicBedChanged", "Listeners", "LexiconChanged", "LineFailed", "LinesChanged", "LinesInserted",
    "LinesMoved", "LinesRemoved", "ProjectRenamed", "RoleAdded", "RoleChanged", "RoleRemoved",
    "SettingsChanged", "StoreEvent", "TakeAdded", "TakeNoted",
]
