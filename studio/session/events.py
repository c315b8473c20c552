"""What the open project and episode tell the views, as typed values.

``EngineChanged`` comes from the project session after it has loaded another engine and re-planned the
open episode. The row events come from ``OpenEpisode`` in the order a Qt item model needs them: an
"about to" event before the rows change, the plain one after. Row numbers are positions in the open
episode. Must not live here: Qt, anything that reads the project.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EngineChanged:
    name: str
    problem: str  # why the engine cannot be used ("" when it can)


@dataclass(frozen=True)
class EpisodeAboutToReset:
    pass


@dataclass(frozen=True)
class EpisodeReset:
    episode_id: int | None


@dataclass(frozen=True)
class RowsAboutToBeInserted:
    first: int
    last: int


@dataclass(frozen=True)
class RowsInserted:
    first: int
    last: int


@dataclass(frozen=True)
class RowsAboutToBeRemoved:
    first: int
    last: int


@dataclass(frozen=True)
class RowsRemoved:
    first: int
    last: int


@dataclass(frozen=True)
class RowsAboutToMove:
    """The order of the rows is about to change (their number stays)."""


@dataclass(frozen=True)
class RowsMoved:
    pass


@dataclass(frozen=True)
class RowsChanged:
    """The lines, plans or status marks of rows ``first``..``last`` changed."""

    first: int
    last: int
    status_only: bool = False


@dataclass(frozen=True)
class TotalsChanged:
    """Counts (stale, done, characters) may differ."""


EpisodeEvent = (EpisodeAboutToReset | EpisodeReset | RowsAboutToBeInserted | RowsInserted | RowsAboutToBeRemoved
                | RowsRemoved | RowsAboutToMove | RowsMoved | RowsChanged | TotalsChanged)

__all__ = [
    "EngineChanged", "EpisodeAboutToReset", "EpisodeEvent", "EpisodeReset", "RowsAboutToBeInserted",
    "RowsAboutToBeRemoved", "RowsAboutToMove", "RowsChanged", "RowsInserted", "RowsMoved", "RowsRemoved",
    "TotalsChanged",
]
