"""What the project store tells its listeners after each committed change: one small frozen dataclass per
kind of change, so a listener matches on the type and reads typed fields instead of a string and an
``Any`` payload.

Lives here: the event values only. They carry ids and the new values a listener needs to update a view
without reading the file again. Must not live here: Qt, listeners, anything that reads the project.
"""

from __future__ import annotations

from dataclasses import dataclass

from studio.domain.model import ProjectSettings, Role, Take


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
class LineFailed:
    line_id: int


@dataclass(frozen=True)
class LexiconChanged:
    pass


StoreEvent = (ProjectRenamed | SettingsChanged | RoleAdded | RoleChanged | RoleRemoved | EpisodesChanged
              | LinesChanged | LinesInserted | LinesRemoved | LinesMoved | TakeAdded | LineFailed
              | LexiconChanged)

#: Changes after which every line's plan may differ (voices, delivery, lexicon, settings).
PLAN_WIDE = (SettingsChanged, RoleAdded, RoleChanged, RoleRemoved, LexiconChanged)

__all__ = [
    "PLAN_WIDE", "EpisodesChanged", "LexiconChanged", "LineFailed", "LinesChanged", "LinesInserted",
    "LinesMoved", "LinesRemoved", "ProjectRenamed", "RoleAdded", "RoleChanged", "RoleRemoved",
    "SettingsChanged", "StoreEvent", "TakeAdded",
]
