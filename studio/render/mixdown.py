"""An episode's takes placed on its timeline, mixed, loudness-set and exported with subtitles.

Placements come from ``studio.domain.timeline``; the same placements time both the audio and the
subtitles, so they cannot drift apart. CPU work here is synchronous: callers on an event loop run it
in a worker thread (``asyncio.to_thread``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from studio.audio.decode import decode_to_mono
from studio.audio.ffmpeg import encode_stream
from studio.audio.loudness import LoudnessReport, NormalizeStream
from studio.audio.mix import mixdown
from studio.domain.model import DONE, effective_delivery, effective_gap
from studio.domain.timeline import Placement, Slot, estimate_duration_ms, place, total_ms
from studio.formats.subtitles import Cue, cues_from_placements, write_json, write_srt, write_vtt
from studio.render.planner import LinePlan
from studio.store.project_file import ProjectStore

SUBTITLE_WRITERS = {"srt": write_srt, "vtt": write_vtt, "json": write_json}


@dataclass
class EpisodeTimeline:
    placements: list[Placement]
    take_ids: dict[int, int]  # line id -> take id
    missing: list[int] = field(default_factory=list)  # line ids with no take (left out)

    @property
    def duration_ms(self) -> int:
        return total_ms(self.placements)


@dataclass
class ExportResult:
    audio_path: Path
    subtitle_paths: list[Path]
    duration_ms: int
    loudness: LoudnessReport
    lines: int
    missing: list[int]


def build_timeline(store: ProjectStore, plans: Sequence[LinePlan], *, placeholders: bool = False) -> EpisodeTimeline:
    """Where each rendered take sits. With ``placeholders`` a line without a take keeps its place too, for
    the length of its last take or an estimate from its text (``Placement.estimated``): what the
    timeline shows and playback follows. An export leaves such lines out (``missing``)."""
    roles = {r.id: r for r in store.roles()}
    settings = store.settings
    slots, take_ids, missing = [], {}, []
    language = store.episode(plans[0].line.episode_id).language if plans else "zh"
    unrendered = [p.line.id for p in plans if not (p.status == DONE and p.take is not None)]
    earlier = store.last_take_durations(unrendered) if placeholders and unrendered else {}
    for p in plans:
        ln = p.line
        role = roles.get(ln.role_id) if ln.role_id is not None else None
        estimated = False
        if p.status == DONE and p.take is not None:
            take_ids[ln.id] = p.take.id
            duration: int | None = p.take.duration_ms
        else:
            missing.append(ln.id)
            duration = None
            if placeholders and ln.text.strip():
                speed = effective_delivery(ln, role).speed or 1.0
                duration = earlier.get(ln.id) or estimate_duration_ms(ln.text, language, speed)
                estimated = True
        slots.append(Slot(ln.id, duration, effective_gap(ln, role, settings), ln.offset_ms, estimated=estimated))
    return EpisodeTimeline(place(slots), take_ids, missing)


def mix_timeline(store: ProjectStore, timeline: EpisodeTimeline, rate: int) -> np.ndarray:
    def clips() -> Iterator[tuple[Placement, np.ndarray]]:
        # One take decoded at a time: a 30-minute episode never holds all its decoded takes at once.
        for p in timeline.placements:
            if p.line_id not in timeline.take_ids:
                continue  # a placeholder: silence where the line will be
            take = store.take(timeline.take_ids[p.line_id])
            yield p, decode_to_mono(store.take_audio(take.id), take.format, rate)

    return mixdown(clips(), rate, timeline.duration_ms)


def subtitle_cues(store: ProjectStore, plans: Sequence[LinePlan], timeline: EpisodeTimeline,
                  language: str) -> list[Cue]:
    names = {r.id: r.name for r in store.roles()}
    texts = {p.line.id: (p.line.text, names.get(p.line.role_id) if p.line.role_id else None) for p in plans}
    return cues_from_placements(timeline.placements, texts, language=language)


def export_episode(store: ProjectStore, episode_id: int, plans: Sequence[LinePlan], out: Path, *,
                   subtitles: Sequence[str] = ("srt",), lufs: float | None = None,
                   true_peak_db: float | None = None) -> ExportResult:
    settings = store.settings
    episode = store.episode(episode_id)
    rate = settings.sample_rate
    timeline = build_timeline(store, plans)
    if not timeline.placements:
        raise ValueError("Nothing to export: no line of this episode has been rendered yet.")
    mixed = mix_timeline(store, timeline, rate)
    target = settings.lufs if lufs is None else lufs
    ceiling = settings.true_peak_db if true_peak_db is None else true_peak_db
    # The mix is ours alone, so it is normalised in place, and the encode runs alongside the
    # normalisation's final pass instead of after it.
    stream = NormalizeStream(mixed, rate, target_lufs=target, ceiling_dbtp=ceiling, in_place=True)
    audio_path = encode_stream(stream, rate, out)
    report = stream.report
    assert report is not None
    cues = subtitle_cues(store, plans, timeline, episode.language)
    sub_paths = []
    for kind in subtitles:
        writer = SUBTITLE_WRITERS.get(kind)
        if writer is None:
            raise ValueError(f"Unknown subtitle format “{kind}”; use srt, vtt or json.")
        path = out.with_suffix(f".{kind}")
        writer(cues, path)
        sub_paths.append(path)
    return ExportResult(audio_path, sub_paths, timeline.duration_ms, report, len(timeline.placements),
                        timeline.missing)
