"""An episode's takes placed on its timeline, mixed block by block with its music and sound effects,
loudness-set in two streamed passes and exported with subtitles, stems and editor files.

Lives here: ``build_timeline`` (where each take sits), ``EpisodeMedia`` (an episode's music bed, effects
and media settings, from the store or given), ``episode_mixer`` / ``mix_range`` / ``mix_timeline`` (the
mix, or any window of it), and the export: ``prepare_export`` (the first pass: the mix measured),
``write_export`` (the second pass: gain and true-peak limiter straight into ffmpeg, stems alongside, then
subtitles, OpenTimelineIO and Audacity labels) and ``export_episode`` (both). Placements come from
``studio.domain.timeline``; the same placements time the audio, the stems, the subtitles and the editor
files, so none can drift from another. Memory stays flat: only the takes sounding in the current block
are decoded. CPU work here is synchronous: callers on an event loop run it in a worker thread
(``asyncio.to_thread``), on a reader of the project.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

import numpy as np

from studio.audio.bed import BedTrack, StreamReader
from studio.audio.blockmix import BlockMixer, Clip, Track
from studio.audio.decode import decode_frames, decode_to_mono, iter_file_blocks
from studio.audio.ffmpeg import EncodeSink, format_of
from studio.audio.loudness import LoudnessReport
from studio.audio.master import Mastering, StreamMeter
from studio.audio.mix import length_for
from studio.audio.wavsink import WavSink
from studio.domain.markup import display_text
from studio.domain.media import EffectClip, EpisodeMix, MusicBed, effect_start_ms, speech_spans
from studio.domain.model import DONE, Line, effective_delivery, effective_gap
from studio.domain.timeline import Placement, Slot, estimate_duration_ms, place, starts_by_line, total_ms
from studio.formats.audacity import Label, write_labels
from studio.formats.otio import EditorClip, EditorTrack, write_otio
from studio.formats.subtitles import (
    AssStyle,
    Cue,
    FitReport,
    SubtitleOptions,
    cues_from_placements,
    fit_cues,
    write_json,
    write_srt,
    write_subtitles,
    write_vtt,
)
from studio.render.planner import LinePlan
from studio.store.project_file import ProjectStore

SUBTITLE_WRITERS = {"srt": write_srt, "vtt": write_vtt, "json": write_json}
#: Every subtitle kind an export writes.
SUBTITLE_KINDS = ("srt", "vtt", "ass", "json")
#: Formats whose encoder changes the samples: the written file is decoded and measured again.
LOSSY = ("mp3", "m4a", "opus")
#: How far a lossy file's measured loudness may sit from the target before it is made again (the
#: encoder itself moves it a little; the mastering pass is held to 0.3 LU).
VERIFY_TOLERANCE_LU = 0.45
#: Buses of the music bed and the sound effects (speech buses are role ids; None: lines without a role).
MUSIC, EFFECTS = "music", "effects"
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
    #: line id -> (ms of its take's start, ms of its end) left unheard: a trimmed take is placed for the length
    #: heard, and its trimmed ends are skipped in the mix
    trims: dict[int, tuple[int, int]] = field(default_factory=dict)

    @property
    def duration_ms(self) -> int:
        return total_ms(self.placements)


@dataclass
class ExportResult:
    """What an export wrote and measured. ``measured_lufs`` / ``measured_true_peak_dbtp`` are measured on
    the written file (decoded again for lossy formats); ``loudness`` is the mastering pass's report."""

    audio_path: Path
    subtitle_paths: list[Path]
    duration_ms: int
    loudness: LoudnessReport
    lines: int
    missing: list[int]
    measured_lufs: float = math.nan
    measured_true_peak_dbtp: float = math.nan
    target_lufs: float = math.nan
    ceiling_dbtp: float = math.nan
    sample_rate: int = 0
    channels: int = 1
    format: str = ""
    stem_paths: dict[str, Path] = field(default_factory=dict)  # stem name (role, music, effects) -> file
    stem_gain_db: float = 0.0  # the gain the stems got (the mix's, without its limiter)
    otio_path: Path | None = None
    labels_path: Path | None = None
    line_files: dict[int, Path] = field(default_factory=dict)  # line id -> file (for the editor hand-off)
    subtitle_fit: FitReport | None = None
    effects_left_out: list[int] = field(default_factory=list)  # effect clips whose line has no place
    passes: int = 1
    word_paths: list[Path] = field(default_factory=list)  # karaoke ASS, word JSON, viseme JSON
    word_sources: dict[str, int] = field(default_factory=dict)  # lines by how their word times were found

    def files(self) -> list[Path]:
        """Every file written."""
        extra = [p for p in (self.otio_path, self.labels_path) if p is not None]
        return [self.audio_path, *self.subtitle_paths, *self.stem_paths.values(), *extra, *self.line_files.values(),
                *self.word_paths]


class ExportCancelled(Exception):
    """The export was cancelled; nothing half-written was left behind."""


class CancelToken(Protocol):
    """Anything with ``is_set()`` (a ``threading.Event`` will do): checked between blocks."""

    def is_set(self) -> bool: ...


def build_timeline(store: ProjectStore, plans: Sequence[LinePlan], *, placeholders: bool = False) -> EpisodeTimeline:
    """Where each rendered take sits. With ``placeholders`` a line without a take keeps its place too, for
    the length of its last take or an estimate from its text (``Placement.estimated``): what the
    timeline shows and playback follows. An export leaves such lines out (``missing``). A line with trims is
    placed for the part of its take between them (``trims``)."""
    roles = {r.id: r for r in store.roles()}
    settings = store.settings
    slots, take_ids, missing, trims = [], {}, [], {}
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
            trim = heard_trims(ln, p.take.duration_ms)
            if trim != (0, 0):
                trims[ln.id] = trim
                duration = p.take.duration_ms - trim[0] - trim[1]
        else:
            missing.append(ln.id)
            duration = None
            if placeholders and ln.text.strip():
                speed = effective_delivery(ln, role).speed or 1.0
                last = earlier.get(ln.id)  # as it was heard, so nothing moves when a line goes stale
                duration = (last - sum(heard_trims(ln, last)) if last else
                            estimate_duration_ms(ln.text, language, speed))
                estimated = True
        slots.append(Slot(ln.id, duration, effective_gap(ln, role, settings), ln.offset_ms, estimated=estimated,
                          cue_ms=ln.cue_start_ms))
    episode_id = plans[0].line.episode_id if plans else None
    role_ids = {p.line.id: p.line.role_id for p in plans}
    return EpisodeTimeline(place(slots), take_ids, missing, episode_id, role_ids, trims)


def heard_trims(line: Line, take_ms: int) -> tuple[int, int]:
    """The trims of ``line`` that apply to a take ``take_ms`` long: (start, end) in ms, never negative, and
    none at all when they would leave nothing of the take to hear."""
    start, end = max(0, int(line.trim_start_ms)), max(0, int(line.trim_end_ms))
    if start + end >= take_ms:
        return 0, 0
    return start, end


def _take_loader(store: ProjectStore, take_id: int, rate: int,
                 trim: tuple[int, int] = (0, 0)) -> Callable[[], np.ndarray]:
    def load() -> np.ndarray:
        take = store.take(take_id)
        samples = decode_to_mono(store.take_audio(take_id), take.format, rate)
        if trim == (0, 0):
            return samples
        skip = min(len(samples), length_for(trim[0], rate))
        heard = length_for(max(0, take.duration_ms - trim[0] - trim[1]), rate)
        return samples[skip:skip + heard]

    return load


# --- music and effects ------------------------------------------------------------------------------


@dataclass
class EpisodeMedia:
    """An episode's music bed (with its audio), sound effects and media settings, as one export or
    playback uses them. ``EpisodeMedia.of(store, episode_id)`` reads them; an export may be handed another
    (e.g. a bed given for this export only, ``with_bed``)."""

    bed: MusicBed | None = None
    bed_audio: bytes | None = None
    effects: list[EffectClip] = field(default_factory=list)
    effect_audio: Callable[[int], bytes] | None = None  # clip id -> its audio
    mix: EpisodeMix = field(default_factory=EpisodeMix)

    @classmethod
    def of(cls, store: ProjectStore, episode_id: int | None) -> EpisodeMedia:
        if episode_id is None:
            return cls()
        bed = store.music_bed(episode_id)
        return cls(bed, store.music_bed_audio(episode_id) if bed is not None else None,
                   store.effect_clips(episode_id), store.effect_clip_audio, store.episode_mix(episode_id))

    def with_bed(self, bed: MusicBed | None, audio: bytes | None) -> EpisodeMedia:
        return replace(self, bed=bed, bed_audio=audio if bed is not None else None)

    @property
    def has_sound(self) -> bool:
        """Whether there is music or an effect besides the speech."""
        return (self.bed is not None and bool(self.bed_audio)) or bool(self.effects)

    @property
    def wants_stereo(self) -> bool:
        return self.has_sound or self.mix.stereo or self.mix.panned


def _effect_loader(media: EpisodeMedia, clip: EffectClip, rate: int, skip: int) -> Callable[[], np.ndarray]:
    def load() -> np.ndarray:
        assert media.effect_audio is not None
        return decode_frames(media.effect_audio(clip.id), clip.format, rate)[skip:]

    return load


def _effect_clips(timeline: EpisodeTimeline, media: EpisodeMedia, rate: int) -> tuple[list[Clip], list[int], int]:
    """(clips, ids of effects left out, end of the last effect in ms)."""
    starts = starts_by_line(timeline.placements)
    clips, left_out, end = [], [], 0
    for fx in media.effects:
        at = effect_start_ms(fx, starts)
        if at is None or media.effect_audio is None:
            left_out.append(fx.id)
            continue
        skip = length_for(-at, rate) if at < 0 else 0  # attached before the episode starts: its head is cut
        begin = max(0, at)
        end = max(end, at + fx.duration_ms)
        clips.append(Clip(length_for(begin, rate), max(0, length_for(fx.duration_ms, rate) - skip),
                          _effect_loader(media, fx, rate, skip), gain=10.0 ** (fx.volume_db / 20.0), bus=EFFECTS))
    return clips, left_out, end


def _bed_track(timeline: EpisodeTimeline, media: EpisodeMedia, rate: int, total_frames: int) -> BedTrack | None:
    bed = media.bed
    if bed is None or not media.bed_audio:
        return None
    spoken = [p for p in timeline.placements if p.line_id in timeline.take_ids]
    spans = [(length_for(a, rate), length_for(b, rate)) for a, b in speech_spans(spoken)]
    duck = bed.ducking
    return BedTrack(StreamReader(media.bed_audio, bed.format, rate, loop=bed.loop), total_frames=total_frames,
                    volume_db=bed.volume_db, fade_in=length_for(bed.fade_in_ms, rate),
                    fade_out=length_for(bed.fade_out_ms, rate), spans=spans if duck.enabled else [],
                    duck_db=duck.amount_db, attack=length_for(duck.attack_ms, rate),
                    release=length_for(duck.release_ms, rate), bus=MUSIC)


def speech_clips(store: ProjectStore, timeline: EpisodeTimeline, rate: int,
                 mix: EpisodeMix | None = None) -> list[Clip]:
    """The rendered takes of ``timeline`` as clips of a block mix, each on its role's bus (panned as
    ``mix`` says); a take is read and decoded only when a block needs it, and only its heard part (between
    its trims) is played. Placeholders are silence."""
    clips = []
    for p in timeline.placements:
        take_id = timeline.take_ids.get(p.line_id)
        if take_id is None:
            continue
        role_id = timeline.role_ids.get(p.line_id)
        trim = timeline.trims.get(p.line_id, (0, 0))
        clips.append(Clip(length_for(p.start_ms, rate), length_for(p.duration_ms, rate),
                          _take_loader(store, take_id, rate, trim), pan=mix.pan_of(role_id) if mix else 0.0,
                          bus=role_id))
    return clips


@dataclass
class _BuiltMix:
    """Internal: a mixer and what went into it."""

    mixer: BlockMixer
    duration_ms: int
    effects_left_out: list[int]


def _mixer(store: ProjectStore, timeline: EpisodeTimeline, rate: int, channels: int | None,
           media: EpisodeMedia | None, block_ms: int, min_duration_ms: int = 0) -> _BuiltMix:
    media = media if media is not None else EpisodeMedia.of(store, timeline.episode_id)
    width = channels or (2 if media.wants_stereo else 1)
    clips = speech_clips(store, timeline, rate, media.mix)
    fx, left_out, fx_end = _effect_clips(timeline, media, rate)
    duration = max(timeline.duration_ms, fx_end, int(min_duration_ms))
    total = length_for(duration, rate)
    tracks: list[Track] = []
    bed = _bed_track(timeline, media, rate, total)
    if bed is not None:
        tracks.append(bed)
    mixer = BlockMixer(clips + fx, total, width, tracks=tracks, block_frames=length_for(block_ms, rate),
                       margin_frames=length_for(MARGIN_MS, rate))
    return _BuiltMix(mixer, duration, left_out)


def episode_mixer(store: ProjectStore, timeline: EpisodeTimeline, rate: int, *, channels: int | None = None,
                  media: EpisodeMedia | None = None, block_ms: int = BLOCK_MS) -> BlockMixer:
    """The block mixer of an episode: its takes where the timeline places them, its sound effects and its
    music bed (``media``, default: the episode's own, from the store). ``channels`` None: stereo when the
    episode has music, effects, pans or asks for stereo, else mono. Close it when done (``close()``)."""
    return _mixer(store, timeline, rate, channels, media, block_ms).mixer


def mix_range(store: ProjectStore, timeline: EpisodeTimeline, rate: int, start_ms: int, end_ms: int, *,
              channels: int | None = None, media: EpisodeMedia | None = None) -> np.ndarray:
    """The mix of ``[start_ms, end_ms)`` of the episode only, as a (frames, channels) float32 array.

    Only the takes and effects that sound in the window are read and decoded, and the music bed is read
    from the right place of its file, so a window anywhere in a long episode costs about as much as its own
    length: playback calls it for a few seconds around the playhead and starts at once. Frames are counted
    from the episode's start (``round(ms * rate / 1000)``), so windows that meet tile the full mix sample
    for sample; the part of a window past the episode's end is silence. ``channels``: 1 or 2; None (the
    default) gives what the export gives: stereo when the episode has music, effects or pans, else mono.
    ``media`` replaces the episode's own music and effects (default: read from the store). Safe to call
    from a worker thread on ``store.reader()``. Before loudness: the export's gain and limiter come after.
    """
    if end_ms < start_ms:
        raise ValueError(f"a window must not end ({end_ms} ms) before it starts ({start_ms} ms)")
    mixer = episode_mixer(store, timeline, rate, channels=channels, media=media)
    try:
        return mixer.render(length_for(start_ms, rate), length_for(end_ms, rate))
    finally:
        mixer.close()


def mix_timeline(store: ProjectStore, timeline: EpisodeTimeline, rate: int, *, channels: int | None = None,
                 media: EpisodeMedia | None = None) -> np.ndarray:
    """The whole episode's mix in one array: 1-D for a mono mix (as before music and effects existed),
    frames × channels otherwise. For short episodes and tests: playback of a long one calls
    ``mix_range`` around the playhead, and the export streams blocks."""
    mixer = episode_mixer(store, timeline, rate, channels=channels, media=media)
    try:
        out = mixer.render(0, mixer.total_frames)
    finally:
        mixer.close()
    return out[:, 0] if out.shape[1] == 1 and channels is None else out


# --- subtitles, stems' names, editor files ------------------------------------------------------------


def subtitle_cues(store: ProjectStore, plans: Sequence[LinePlan], timeline: EpisodeTimeline,
                  language: str, options: SubtitleOptions | None = None) -> list[Cue]:
    """One cue per placed line (split as ``options`` say, or by the language's line length)."""
    return _cues(store, plans, timeline, language, options)[0]


def _cues(store: ProjectStore, plans: Sequence[LinePlan], timeline: EpisodeTimeline, language: str,
          options: SubtitleOptions | None) -> tuple[list[Cue], FitReport | None]:
    names = {r.id: r.name for r in store.roles()}
    texts = {p.line.id: (p.line.text, names.get(p.line.role_id) if p.line.role_id else None) for p in plans}
    if options is None:
        return cues_from_placements(timeline.placements, texts, language=language), None
    whole = cues_from_placements(timeline.placements, texts, language=language, max_chars=0)
    return fit_cues(whole, options, language)


def safe_name(text: str, fallback: str = "untitled") -> str:
    """``text`` as a file name: path separators and characters that file systems refuse become "_"."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", text).strip().strip(".")
    return cleaned[:120] or fallback


def stem_names(buses: Sequence[Hashable], role_names: Mapping[int, str]) -> dict[Hashable, str]:
    """A distinct file-name stem per bus: the role's name (in cast order), "music", "effects", "no-role"."""
    out: dict[Hashable, str] = {}
    used: set[str] = set()
    for bus in buses:
        if bus == MUSIC or bus == EFFECTS:
            base = str(bus)
        elif bus is None:
            base = "no-role"
        else:
            base = safe_name(role_names.get(bus, f"role-{bus}"), f"role-{bus}")  # type: ignore[call-overload]
        name, n = base, 2
        while name.lower() in used:
            name, n = f"{base}-{n}", n + 1
        used.add(name.lower())
        out[bus] = name
    return out


def stems_folder(out: Path) -> Path:
    """Where an export's stems go: a folder next to the audio file, named after it."""
    return out.with_name(f"{out.stem}.stems")


def lines_folder(out: Path) -> Path:
    """Where an export's per-line files go (the editor hand-off when there are no stems)."""
    return out.with_name(f"{out.stem}.lines")


# --- the export ------------------------------------------------------------------------------------


@dataclass
class PreparedExport:
    """An episode whose mix has been measured (the first pass), ready for ``write_export``."""

    store: ProjectStore
    episode_id: int
    plans: Sequence[LinePlan]
    timeline: EpisodeTimeline
    mixer: BlockMixer
    mastering: Mastering
    rate: int
    channels: int
    duration_ms: int
    effects_left_out: list[int]
    target_lufs: float
    ceiling_dbtp: float

    def close(self) -> None:
        self.mixer.close()


def _check(cancel: CancelToken | None) -> None:
    if cancel is not None and cancel.is_set():
        raise ExportCancelled("The export was cancelled.")


def prepare_export(store: ProjectStore, episode_id: int, plans: Sequence[LinePlan], *, rate: int | None = None,
                   channels: int | None = None, media: EpisodeMedia | None = None, lufs: float | None = None,
                   true_peak_db: float | None = None, cancel: CancelToken | None = None,
                   progress: Callable[[float], None] | None = None, min_duration_ms: int = 0) -> PreparedExport:
    """Build the episode's mix and measure it (loudness and true peak, block by block): the first pass.
    ``progress`` hears the fraction of this pass done (0..1); ``cancel`` is checked between blocks.
    ``min_duration_ms``: the mix runs at least this long (a video's length: its music goes on to the end)."""
    settings = store.settings
    rate = int(rate or settings.sample_rate)
    timeline = build_timeline(store, plans)
    if not timeline.placements:
        raise ValueError("Nothing to export: no line of this episode has been rendered yet.")
    timeline.episode_id = episode_id
    built = _mixer(store, timeline, rate, channels, media, BLOCK_MS, min_duration_ms)
    mixer = built.mixer
    target = settings.lufs if lufs is None else lufs
    ceiling = settings.true_peak_db if true_peak_db is None else true_peak_db
    mastering = Mastering(rate, mixer.channels, target, ceiling, mixer.total_frames, input_true_peak=False)
    try:
        for block in mixer.blocks():
            _check(cancel)
            mastering.analyse(block.mix)
            if progress is not None and mixer.total_frames:
                progress((block.start + len(block.mix)) / mixer.total_frames)
        mastering.plan(render=lambda a, b: _window(mixer, a, b))
    except BaseException:
        mixer.close()
        raise
    return PreparedExport(store, episode_id, plans, timeline, mixer, mastering, rate, mixer.channels,
                          built.duration_ms, built.effects_left_out, target, ceiling)


def _window(mixer: BlockMixer, start: int, stop: int) -> np.ndarray:
    """Frames ``[start, stop)`` of the mix, silence before its start."""
    head = max(0, -start)
    out = mixer.render(max(0, start), stop)
    return np.concatenate([np.zeros((head, mixer.channels), np.float32), out]) if head else out


def measure_file(path: Path) -> tuple[float, float]:
    """(integrated LUFS, true peak dBTP) of an audio file, decoded a block at a time."""
    rate, channels, blocks = iter_file_blocks(path)
    meter = StreamMeter(rate, channels)
    for block in blocks:
        meter.feed(block)
    return meter.result()


def _pass(prepared: PreparedExport, audio: EncodeSink, stems: dict[Hashable, WavSink],
          cancel: CancelToken | None, progress: Callable[[float], None] | None) -> None:
    """One output pass: every block mixed again, gain and limiter on the way into the encoder; the stems
    get the same gain without the limiter, so they add up to the mix before it."""
    m = prepared.mastering
    mixer = prepared.mixer
    total = mixer.total_frames or 1
    for block in mixer.blocks(buses=bool(stems)):
        _check(cancel)
        y = m.process(block.mix)
        if len(y):
            audio.send(y)
        if stems and block.buses is not None:
            g = np.float32(m.gain)
            for key, sink in stems.items():
                part = block.buses.get(key)
                sink.send(part * g if part is not None else np.zeros_like(block.mix))
        if progress is not None:
            progress((block.start + len(block.mix)) / total)
    tail = m.flush()
    if len(tail):
        audio.send(tail)


def write_export(prepared: PreparedExport, out: Path, *, fmt: str | None = None, bitrate: str | None = None,
                 subtitles: Sequence[str] = ("srt",), subtitle_options: SubtitleOptions | None = None,
                 ass_styles: Mapping[str, AssStyle] | None = None, play_res: tuple[int, int] = (1080, 1920),
                 stems: bool = False, otio: bool = False, audacity: bool = False, verify: bool | None = None,
                 measure_later: bool = False, cancel: CancelToken | None = None,
                 progress: Callable[[float], None] | None = None) -> ExportResult:
    """The second pass and the files: the mix with its gain and limiter encoded to ``out`` (format from
    ``fmt`` or the suffix), the stems (``stems``: one 32-bit float WAV per role, music and effects in
    ``stems_folder(out)``, sample-aligned with the mix), the subtitles (``subtitles`` kinds, next to ``out``),
    an OpenTimelineIO timeline (``otio``) and Audacity labels (``audacity``). A lossy file is decoded and
    measured again (``verify``, default for mp3/m4a/opus) and re-made with a lower limiter threshold if its
    true peak went over the ceiling or its loudness moved. With ``measure_later`` the caller measures the
    file itself (``measure_file``; the result's true peak is then -inf): a batch does it in another thread
    while the next episode encodes. Either every file appears complete, or (on an error or ``cancel``)
    none of this call's files does. Closes ``prepared``."""
    store, timeline = prepared.store, prepared.timeline
    name = format_of(out, fmt)
    verify = (name in LOSSY and not measure_later) if verify is None else verify
    kinds = [k for k in subtitles if k]
    bad = [k for k in kinds if k not in SUBTITLE_KINDS]
    if bad:
        raise ValueError(f"Unknown subtitle format “{bad[0]}”; use {', '.join(SUBTITLE_KINDS)}.")
    written: list[Path] = []
    audio: EncodeSink | None = None
    stem_sinks: dict[Hashable, WavSink] = {}
    m = prepared.mastering
    m.output_true_peak = not (verify or measure_later)  # else the file's own peak is measured
    try:
        roles = store.roles()
        role_names = {r.id: r.name for r in roles}
        if ass_styles is None:
            ass_styles = {r.name: AssStyle(colour=r.colour) for r in roles}
        names: dict[Hashable, str] = {}
        if stems:
            folder = stems_folder(out)
            folder.mkdir(exist_ok=True)
            names = stem_names(prepared.mixer.bus_keys(), role_names)
        measured = (math.nan, math.nan)
        for attempt in range(3):
            audio = EncodeSink(out, prepared.rate, name, bitrate, channels=prepared.channels)
            if stems:
                stem_sinks = {bus: WavSink(stems_folder(out) / f"{names[bus]}.wav", prepared.rate, prepared.channels)
                              for bus in names}
            while True:
                _pass(prepared, audio, stem_sinks, cancel, progress)
                if m.finish_pass():
                    break
                audio.restart()
                for sink in stem_sinks.values():
                    sink.restart()
            _check(cancel)
            audio.close()
            written.append(out)
            for sink in stem_sinks.values():
                written.append(sink.close())
            report = m.report
            assert report is not None
            measured = (report.output_lufs, report.true_peak_dbtp)
            if not verify or m.silent:
                break
            measured = measure_file(out)
            over = measured[1] - prepared.ceiling_dbtp
            miss = prepared.target_lufs - measured[0]
            if (over <= 0 and abs(miss) <= VERIFY_TOLERANCE_LU) or attempt == 2:
                break
            m.retry(miss if abs(miss) > VERIFY_TOLERANCE_LU else 0.0, over)  # undo what the encoder changed
        report = m.report
        assert report is not None
        stem_paths = {names[bus]: sink.out for bus, sink in stem_sinks.items()}
        language = store.episode(prepared.episode_id).language
        cues, fit = _cues(store, prepared.plans, timeline, language, subtitle_options)
        sub_paths = []
        for kind in kinds:
            _check(cancel)
            path = write_subtitles(kind, cues, out.with_suffix(f".{kind}"), styles=ass_styles, play_res=play_res)
            written.append(path)
            sub_paths.append(path)
        line_files: dict[int, Path] = {}
        otio_path = labels_path = None
        if otio:
            if not stem_paths:
                line_files = _write_line_files(prepared, out, m.gain)
                written.extend(line_files.values())
            otio_path = _write_editor_timeline(prepared, out, stem_paths, names, line_files, role_names)
            written.append(otio_path)
        if audacity:
            labels_path = _write_audacity_labels(prepared, out, role_names)
            written.append(labels_path)
    except BaseException:
        if audio is not None:
            audio.abort()
        for sink in stem_sinks.values():
            sink.abort()
        for path in written:
            path.unlink(missing_ok=True)
        if stems:
            for folder in (stems_folder(out), lines_folder(out)):
                try:
                    folder.rmdir()
                except OSError:
                    pass
        raise
    finally:
        prepared.close()
    return ExportResult(out, sub_paths, prepared.duration_ms, report, len(timeline.placements), timeline.missing,
                        measured_lufs=measured[0], measured_true_peak_dbtp=measured[1],
                        target_lufs=prepared.target_lufs, ceiling_dbtp=prepared.ceiling_dbtp,
                        sample_rate=prepared.rate, channels=prepared.channels, format=name, stem_paths=stem_paths,
                        stem_gain_db=report.gain_db, otio_path=otio_path, labels_path=labels_path,
                        line_files=line_files, subtitle_fit=fit, effects_left_out=prepared.effects_left_out,
                        passes=max(1, m.passes))


def _line_label(plan: LinePlan, role_names: Mapping[int, str]) -> str:
    role = role_names.get(plan.line.role_id) if plan.line.role_id is not None else None
    text = display_text(plan.line.text)  # labels are read like subtitles: no pause markers or sound tags
    return f"{role}: {text}" if role else text


def _write_line_files(prepared: PreparedExport, out: Path, gain: float) -> dict[int, Path]:
    """Each placed take as its own WAV (mix rate, the mix's gain), for an editor without stems."""
    folder = lines_folder(out)
    folder.mkdir(exist_ok=True)
    store, timeline, rate = prepared.store, prepared.timeline, prepared.rate
    role_names = {r.id: r.name for r in store.roles()}
    files: dict[int, Path] = {}
    for n, p in enumerate(timeline.placements, 1):
        take_id = timeline.take_ids.get(p.line_id)
        if take_id is None:
            continue
        role = timeline.role_ids.get(p.line_id)
        path = folder / f"{n:03d}-{safe_name(role_names.get(role, 'line') if role is not None else 'line')}.wav"
        sink = WavSink(path, rate, 1)
        try:
            sink.send(_take_loader(store, take_id, rate, timeline.trims.get(p.line_id, (0, 0)))() * np.float32(gain))
            files[p.line_id] = sink.close()
        except BaseException:
            sink.abort()
            for done in files.values():
                done.unlink(missing_ok=True)
            raise
    return files


def _write_editor_timeline(prepared: PreparedExport, out: Path, stem_paths: Mapping[str, Path],
                           names: Mapping[Hashable, str], line_files: Mapping[int, Path],
                           role_names: Mapping[int, str]) -> Path:
    timeline, store = prepared.timeline, prepared.store
    by_line = {p.line.id: p for p in prepared.plans}
    order = [r.id for r in store.roles()]
    per_role: dict[int | None, list[EditorClip]] = {}
    for p in timeline.placements:
        role = timeline.role_ids.get(p.line_id)
        plan = by_line.get(p.line_id)
        text = display_text(plan.line.text) if plan is not None else ""
        media: Path | None
        if stem_paths and role in names:
            media, media_start, media_len = stem_paths[names[role]], p.start_ms, prepared.duration_ms
        else:
            media, media_start, media_len = line_files.get(p.line_id), 0, p.duration_ms
        per_role.setdefault(role, []).append(EditorClip(
            name=f"{role_names.get(role, '') if role is not None else ''} {text}".strip()[:60] or f"line {p.line_id}",
            start_ms=p.start_ms, duration_ms=p.duration_ms, media=media, media_start_ms=media_start,
            media_duration_ms=media_len, text=text,
            metadata={"line_id": p.line_id, "role": role_names.get(role) if role is not None else None}))
    tracks = [EditorTrack(role_names.get(r, "no role") if r is not None else "no role", clips)
              for r, clips in sorted(per_role.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 10**6)]
    for bus in (MUSIC, EFFECTS):
        if bus in names and names[bus] in stem_paths:
            tracks.append(EditorTrack(bus, [EditorClip(bus, 0, prepared.duration_ms, stem_paths[names[bus]], 0,
                                                       prepared.duration_ms)]))
    episode = store.episode(prepared.episode_id)
    return write_otio(out.with_suffix(".otio"), f"{store.title} — {episode.title}", tracks, prepared.rate,
                      metadata={"episode_id": prepared.episode_id, "audio": out.name})


def _write_audacity_labels(prepared: PreparedExport, out: Path, role_names: Mapping[int, str]) -> Path:
    by_line = {p.line.id: p for p in prepared.plans}
    labels = [Label(p.start_ms, p.end_ms, _line_label(by_line[p.line_id], role_names))
              for p in prepared.timeline.placements if p.line_id in by_line]
    return write_labels(out.with_name(f"{out.stem}.labels.txt"), labels)


def export_episode(store: ProjectStore, episode_id: int, plans: Sequence[LinePlan], out: Path, *,
                   subtitles: Sequence[str] = ("srt",), lufs: float | None = None,
                   true_peak_db: float | None = None, rate: int | None = None, channels: int | None = None,
                   media: EpisodeMedia | None = None, fmt: str | None = None, bitrate: str | None = None,
                   subtitle_options: SubtitleOptions | None = None,
                   ass_styles: Mapping[str, AssStyle] | None = None, stems: bool = False, otio: bool = False,
                   audacity: bool = False, verify: bool | None = None, cancel: CancelToken | None = None,
                   progress: Callable[[float], None] | None = None) -> ExportResult:
    """Export one episode: ``prepare_export`` (measure) then ``write_export`` (master, encode, write the
    rest). ``progress`` hears the fraction done (0..1). See both for the keywords."""
    first = (lambda f: progress(0.5 * f)) if progress else None
    second = (lambda f: progress(0.5 + 0.5 * f)) if progress else None
    prepared = prepare_export(store, episode_id, plans, rate=rate, channels=channels, media=media, lufs=lufs,
                              true_peak_db=true_peak_db, cancel=cancel, progress=first)
    return write_export(prepared, Path(out), fmt=fmt, bitrate=bitrate, subtitles=subtitles,
                        subtitle_options=subtitle_options, ass_styles=ass_styles, stems=stems, otio=otio,
                        audacity=audacity, verify=verify, cancel=cancel, progress=second)
