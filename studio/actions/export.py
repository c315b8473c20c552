"""Export an episode: check the request before anything runs, say which lines are not rendered yet (so the
caller can render them first or leave them out knowingly), then mix, set the loudness, encode and write
the subtitles from the same placements.

``check_request`` turns what the user asked for into an ``ExportRequest`` or an ``ActionError`` with a
sentence; ``unrendered`` lists the lines an export would leave out; ``export`` does the work (CPU-bound
and synchronous: callers on an event loop run it in a worker thread, on a reader of the project).
Must not live here: Qt, dialogs, printing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from studio.actions import ActionError
from studio.domain.model import DONE, EMPTY
from studio.render.mixdown import ExportResult, export_episode
from studio.render.planner import LinePlan
from studio.store.project_file import ProjectStore

AUDIO_FORMATS = ("wav", "flac", "mp3", "m4a", "opus")
SUBTITLE_FORMATS = ("srt", "vtt", "json")
LUFS_RANGE = (-40.0, -5.0)


@dataclass(frozen=True)
class ExportRequest:
    out: Path
    subtitles: tuple[str, ...] = ("srt",)
    lufs: float | None = None  # None: the project's target

    @property
    def format(self) -> str:
        return self.out.suffix.lower().lstrip(".")

    def files(self) -> list[Path]:
        """Every file the export writes."""
        return [self.out, *(self.out.with_suffix(f".{kind}") for kind in self.subtitles)]


def parse_subtitles(value: str | Sequence[str]) -> tuple[str, ...]:
    """"srt,vtt" (or a list; "none" or "" for no subtitles) as subtitle kinds; raises ActionError."""
    items = value.split(",") if isinstance(value, str) else list(value)
    kinds = [s.strip().lower() for s in items if s.strip()]
    if kinds in ([], ["none"]):
        return ()
    bad = [k for k in kinds if k not in SUBTITLE_FORMATS]
    if bad:
        raise ActionError(f"Unknown subtitle format {', '.join(bad)}; use {', '.join(SUBTITLE_FORMATS)} or none.")
    return tuple(dict.fromkeys(kinds))


def check_request(out: str | Path, subtitles: str | Sequence[str] = ("srt",),
                  lufs: float | None = None) -> ExportRequest:
    """The request, or ``ActionError`` naming what is wrong with it."""
    path = Path(out)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in AUDIO_FORMATS:
        shown = f"“.{fmt}”" if fmt else "a file without a suffix"
        raise ActionError(f"Cannot export {shown}; choose one of {', '.join('.' + f for f in AUDIO_FORMATS)}.")
    if not path.parent.exists():
        raise ActionError(f"The folder {path.parent} does not exist.")
    if lufs is not None and (not math.isfinite(lufs) or not LUFS_RANGE[0] <= lufs <= LUFS_RANGE[1]):
        raise ActionError(f"A loudness target of {lufs} LUFS is outside {LUFS_RANGE[0]:g} to {LUFS_RANGE[1]:g}; "
                          "−16 suits short video, −23 broadcast.")
    return ExportRequest(path, parse_subtitles(subtitles), lufs)


def unrendered(plans: Sequence[LinePlan]) -> list[LinePlan]:
    """The lines an export would leave out (they have text but no take for their current key)."""
    return [p for p in plans if p.status not in (DONE, EMPTY)]


def export(store: ProjectStore, episode_id: int, plans: Sequence[LinePlan], request: ExportRequest) -> ExportResult:
    """Mix, set the loudness, encode and write the subtitles. Raises ``ActionError`` when nothing is
    rendered; encoder and disk problems come as ``ExportError`` / ``OSError`` with a sentence."""
    if not any(p.status == DONE for p in plans):
        raise ActionError("Nothing to export yet: no line of this episode is rendered. Render it first.")
    return export_episode(store, episode_id, plans, request.out, subtitles=request.subtitles, lufs=request.lufs)


__all__ = ["AUDIO_FORMATS", "ExportRequest", "SUBTITLE_FORMATS", "check_request", "export", "parse_subtitles",
           "unrendered"]
