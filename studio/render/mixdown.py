"""An episode's takes placed on its timeline, mixed, loudness-set and exported with subtitles.

Placements come from ``studio.domain.timeline``; the same placements time both the audio and the
subtitles, so they cannot drift apart. CPU work here is synchronous: callers on an event loop run it
in a worker thread (``asyncio.to_thread``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from studio.audio.blockmix import BlockMixer, Clip
from studio.audio.decode import decode_to_mono
from studio.audio.ffmpeg import encode_stream
from studio.audio.loudness import LoudnessReport, NormalizeStream
from studio.audio.mix import length_for
from studio.domain.model import DONE, effective_delivery, effective_gap
from studio.domain.timeline import Placement, Slot, estimate_duration_ms, place, total_ms
from studio.formats.subtitles import Cue, cues_from_placements, write_json, write_srt, write_vtt
from studio.render.planner import LinePlan
from studio.store.project_file import ProjectStore

SUBTITLE_WRITERS = {"srt": write_srt, "vtt": write_vtt, "json": write_json}
#: Length of one block of a streamed mix.
BLOCK_MS = 2000
#: How far a decoded take may run past its stored duration (rounding, resampling).
MARGIN_MS = 20


@dataclass
class EpisodeTimeline:
    placements: list[Placement]
    take_ids: dict[int, int]  # line id -> take id
    missing: list[int] = field(default_factory=list)  # line ids with no take (left out)
    episode_id: int | None = None  # the episode the placements belong to (for its music and effects)
    role_ids: dict[int, int | None] = field(default_factory=dict)  # line id -> role id (its stem)

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
    episode_id = plans[0].line.episode_id if plans else None
    role_ids = {p.line.id: p.line.role_id for p in plans}
    return EpisodeTimeline(place(slots), take_ids, missing, episode_id, role_ids)


def _take_loader(store: ProjectStore, take_id: int, rate: int) -> Callable[[], np.ndarray]:
    def load() -> np.ndarray:
        take = store.take(take_id)
        return decode_to_mono(store.take_audio(take_id), take.format, rate)

    return load


def speech_clips(store: ProjectStore, timeline: EpisodeTimeline, rate: int) -> list[Clip]:
    """The rendered takes of ``timeline`` as clips of a block mix, each on its role's bus; a take is read
    and decoded only when a block needs it. Placeholders (lines without a take) are silence."""
    clips = []
    for p in timeline.placements:
        take_id = timeline.take_ids.get(p.line_id)
        if take_id is None:
            continue
        clips.append(Clip(length_for(p.start_ms, rate), length_for(p.duration_ms, rate),
                          _take_loader(store, take_id, rate), bus=timeline.role_ids.get(p.line_id)))
    return clips


def episode_mixer(store: ProjectStore, timeline: EpisodeTimeline, rate: int, *, channels: int = 1,
                  block_ms: int = BLOCK_MS) -> BlockMixer:
    """The block mixer of an episode: its takes where the timeline places them."""
    return BlockMixer(speech_clips(store, timeline, rate), length_for(timeline.duration_ms, rate), channels,
                      block_frames=length_for(block_ms, rate), margin_frames=length_for(MARGIN_MS, rate))


def mix_range(store: ProjectStore, timeline: EpisodeTimeline, rate: int, start_ms: int, end_ms: int, *,
              channels: int | None = None) -> np.ndarray:
    """The mix of ``[start_ms, end_ms)`` of the episode only, as a (frames, channels) float32 array.

    Only the takes that sound in the window are read and decoded, so a window anywhere in a long episode
    costs about as much as its own length: playback calls it for a few seconds around the playhead and
    starts at once. Frames are counted from the episode's start (``round(ms * rate / 1000)``), so windows
    that meet tile the full mix sample for sample; the part of a window past the episode's end is silence.
    ``channels``: 1 or 2 (default 1). Safe to call from a worker thread on ``store.reader()``.
    """
    if end_ms < start_ms:
        raise ValueError(f"a window must not end ({end_ms} ms) before it starts ({start_ms} ms)")
    mixer = episode_mixer(store, timeline, rate, channels=channels or 1)
    return mixer.render(length_for(start_ms, rate), length_for(end_ms, rate))


def mix_timeline(store: ProjectStore, timeline: EpisodeTimeline, rate: int) -> np.ndarray:
    """The whole episode's mix as one 1-D float32 array (for short episodes and tests; playback of a long
    one calls ``mix_range`` around the playhead, and the export streams blocks)."""
    mixer = episode_mixer(store, timeline, rate)
    return mixer.render(0, mixer.total_frames)[:, 0]


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
