"""An episode handed to a video or audio editor as an OpenTimelineIO timeline.

Lives here: ``EditorClip`` / ``EditorTrack`` (what a track holds: clips at their time on the episode, each
pointing at a file and a stretch of it, with the line's text as a marker), ``build_timeline`` (an
``opentimelineio`` Timeline: one audio track per role, and music and effects tracks when there are
such files; gaps fill the silences, clips that overlap within a role go to a second track of that role)
and ``write_otio``. Times are counted in samples (the rate is the audio's sample rate), so every clip
starts exactly where its line starts in the mix. Media references are absolute ``file://`` URLs of the
exported files. Does not live here: where lines sit (the caller gives the placements), audio, Qt.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import opentimelineio as otio

from studio.formats.subtitles import _write_atomic


@dataclass(frozen=True)
class EditorClip:
    """A clip on the episode: ``start_ms`` for ``duration_ms``, playing ``media`` from ``media_start_ms``
    (a stem starts where the episode does; a per-line file at 0). ``text`` becomes its marker."""

    name: str
    start_ms: int
    duration_ms: int
    media: Path | None
    media_start_ms: int = 0
    media_duration_ms: int | None = None  # length of the file (default: as long as the clip needs)
    text: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class EditorTrack:
    name: str
    clips: Sequence[EditorClip]


def _time(ms: float, rate: int) -> otio.opentime.RationalTime:
    return otio.opentime.RationalTime(round(ms * rate / 1000), rate)


def _range(start_ms: float, duration_ms: float, rate: int) -> otio.opentime.TimeRange:
    return otio.opentime.TimeRange(_time(start_ms, rate), _time(duration_ms, rate))


def _lanes(clips: Sequence[EditorClip]) -> list[list[EditorClip]]:
    """The clips in time order, spread over as few lanes as keep each lane free of overlaps."""
    lanes: list[list[EditorClip]] = []
    ends: list[int] = []
    for clip in sorted(clips, key=lambda c: (c.start_ms, c.name)):
        for i, end in enumerate(ends):
            if clip.start_ms >= end:
                lanes[i].append(clip)
                ends[i] = clip.start_ms + clip.duration_ms
                break
        else:
            lanes.append([clip])
            ends.append(clip.start_ms + clip.duration_ms)
    return lanes


def build_timeline(name: str, tracks: Sequence[EditorTrack], rate: int, *,
                   metadata: dict[str, Any] | None = None) -> otio.schema.Timeline:
    """A Timeline with one audio track per ``EditorTrack`` (more when its clips overlap)."""
    timeline = otio.schema.Timeline(name=name, metadata={"troupe": dict(metadata or {})})
    timeline.global_start_time = otio.opentime.RationalTime(0, rate)
    for track in tracks:
        lanes = _lanes([c for c in track.clips if c.duration_ms > 0])
        for n, lane in enumerate(lanes):
            label = track.name if n == 0 else f"{track.name} ({n + 1})"
            out = otio.schema.Track(name=label, kind=otio.schema.TrackKind.Audio)
            cursor = 0  # samples
            for clip in lane:
                start = round(clip.start_ms * rate / 1000)
                if start > cursor:
                    out.append(otio.schema.Gap(source_range=otio.opentime.TimeRange(
                        duration=otio.opentime.RationalTime(start - cursor, rate))))
                ref: otio.core.MediaReference
                if clip.media is not None:
                    available = clip.media_duration_ms if clip.media_duration_ms is not None \
                        else clip.media_start_ms + clip.duration_ms
                    ref = otio.schema.ExternalReference(target_url=Path(clip.media).resolve().as_uri(),
                                                        available_range=_range(0, available, rate))
                else:
                    ref = otio.schema.MissingReference()
                frames = round((clip.start_ms + clip.duration_ms) * rate / 1000) - start
                item = otio.schema.Clip(
                    name=clip.name, media_reference=ref,
                    source_range=otio.opentime.TimeRange(_time(clip.media_start_ms, rate),
                                                         otio.opentime.RationalTime(frames, rate)),
                    metadata={"troupe": dict(clip.metadata)})
                if clip.text:
                    item.markers.append(otio.schema.Marker(
                        name=clip.text, color=otio.schema.MarkerColor.YELLOW,
                        marked_range=otio.opentime.TimeRange(_time(clip.media_start_ms, rate),
                                                             otio.opentime.RationalTime(frames, rate))))
                out.append(item)
                cursor = start + frames
            timeline.tracks.append(out)
    return timeline


def write_otio(path: str | os.PathLike[str], name: str, tracks: Sequence[EditorTrack], rate: int, *,
               metadata: dict[str, Any] | None = None) -> Path:
    """Write the timeline as an ``.otio`` file (JSON), atomically."""
    timeline = build_timeline(name, tracks, rate, metadata=metadata)
    return _write_atomic(path, otio.adapters.write_to_string(timeline, "otio_json") + "\n")
