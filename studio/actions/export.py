"""Export episodes: check the request before anything runs, say which lines are not rendered yet (so the
caller can render them first or leave them out knowingly), then mix, set the loudness, encode and write
the subtitles, stems, editor files and word-timed files (karaoke ASS, word JSON, visemes) from the same
placements — for one episode or a batch of them.

``check_request`` turns what the user asked for one file into an ``ExportRequest`` (or an ``ActionError``
with a sentence); ``check_batch`` does the same for a batch (which episodes, the folder, the naming
pattern, format, rate, channels, a loudness preset); ``unrendered`` lists the lines an export would leave
out; ``export`` and ``export_batch`` do the work (CPU-bound and synchronous: callers on an event loop run
them in a worker thread, on a reader of the project), reporting progress and stopping between blocks
when cancelled, with the MEASURED loudness and true peak of every file written. What is stale is the
caller's decision: nothing here renders. Must not live here: Qt, dialogs, printing.
"""

from __future__ import annotations

import math
import string
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from studio.actions import ActionError
from studio.actions.export_files import check_targets, remember
from studio.audio.decode import DecodeError, read_media_file
from studio.domain.media import Ducking, MusicBed
from studio.domain.model import DONE, EMPTY, ProjectSettings, Role
from studio.engines.speech import SpeechEngine
from studio.formats.subtitles import POSITIONS, AssStyle, SubtitleOptions, subtitle_text
from studio.render.mixdown import (
    LOSSY,
    SUBTITLE_KINDS,
    VERIFY_TOLERANCE_LU,
    CancelToken,
    EpisodeMedia,
    ExportCancelled,
    ExportResult,
    PreparedExport,
    build_timeline,
    export_episode,
    lines_folder,
    measure_file,
    prepare_export,
    safe_name,
    stems_folder,
    subtitle_cues,
    write_export,
)
from studio.render.planner import LinePlan, RenderPlanner
from studio.render.word_timing import WORD_FILES, word_file_paths, write_word_files
from studio.store.project_file import ProjectStore, TakeDamagedError

AUDIO_FORMATS = ("wav", "flac", "mp3", "m4a", "opus")
#: Word-timed files an export can add (see ``ExportRequest.word_files``).
WORD_FILE_KINDS = tuple(WORD_FILES)
SUBTITLE_FORMATS = SUBTITLE_KINDS
LUFS_RANGE = (-40.0, -5.0)
TRUE_PEAK_RANGE = (-9.0, 0.0)
SAMPLE_RATES = (16000, 22050, 24000, 32000, 44100, 48000, 96000)
DEFAULT_PATTERN = "{series}-E{nn}-{lang}"
#: Fields a naming pattern may use.
PATTERN_FIELDS = ("series", "nn", "n", "title", "lang")


@dataclass(frozen=True)
class LoudnessPreset:
    name: str
    lufs: float
    true_peak_db: float
    label: str


#: Loudness targets by use, with their true-peak ceilings.
PRESETS: dict[str, LoudnessPreset] = {p.name: p for p in (
    LoudnessPreset("short-video", -16.0, -1.0, "Short video (−16 LUFS, −1 dBTP)"),
    LoudnessPreset("podcast", -16.0, -1.0, "Podcast (−16 LUFS, −1 dBTP)"),
    LoudnessPreset("streaming", -14.0, -1.0, "Music streaming (−14 LUFS, −1 dBTP)"),
    LoudnessPreset("ebu-r128", -23.0, -1.0, "Broadcast, EBU R128 (−23 LUFS, −1 dBTP)"),
    LoudnessPreset("atsc", -24.0, -2.0, "Broadcast, ATSC A/85 (−24 LKFS, −2 dBTP)"),
)}


def preset(name: str) -> LoudnessPreset:
    """The preset called ``name``, or ``ActionError`` naming the ones there are."""
    found = PRESETS.get(name.strip().lower())
    if found is None:
        raise ActionError(f"There is no loudness preset “{name}”; choose one of {', '.join(PRESETS)}.")
    return found


@dataclass(frozen=True)
class MusicChoice:
    """A music bed given for an export only (the project keeps its own): the file read, and the ducking."""

    bed: MusicBed
    audio: bytes
    path: Path | None = None  # the file it was read from (an export never replaces it)


@dataclass(frozen=True)
class ExportRequest:
    out: Path
    subtitles: tuple[str, ...] = ("srt",)
    lufs: float | None = None  # None: the project's target
    true_peak_db: float | None = None  # None: the project's ceiling
    sample_rate: int | None = None  # None: the project's rate
    channels: int | None = None  # 1, 2, or None: stereo when there is music, effects or pans
    stems: bool = False
    otio: bool = False
    audacity: bool = False
    subtitle_options: SubtitleOptions | None = None
    music: MusicChoice | None = None
    bitrate: str | None = None
    ass_styles: Mapping[str, AssStyle] | None = None  # None: the project's caption styles
    #: Word-timed files next to the audio: "karaoke" (``.karaoke.ass``), "words" (``.words.json``),
    #: "visemes" (``.visemes.json``); see ``studio.render.word_timing``.
    word_files: tuple[str, ...] = ()

    @property
    def format(self) -> str:
        return self.out.suffix.lower().lstrip(".")

    def files(self) -> list[Path]:
        """The files the export writes (stems and per-line files go in folders next to the audio)."""
        out = [self.out, *(self.out.with_suffix(f".{kind}") for kind in self.subtitles)]
        if self.otio:
            out.append(self.out.with_suffix(".otio"))
        if self.audacity:
            out.append(self.out.with_name(f"{self.out.stem}.labels.txt"))
        return out + word_file_paths(self.out, self.word_files)

    def folders(self) -> list[Path]:
        """The folders the export fills (stems; per-line files for the editor when there are no stems)."""
        out = [stems_folder(self.out)] if self.stems else []
        if self.otio and not self.stems:
            out.append(lines_folder(self.out))
        return out


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


def _check_loudness(lufs: float | None, true_peak_db: float | None) -> None:
    if lufs is not None and (not math.isfinite(lufs) or not LUFS_RANGE[0] <= lufs <= LUFS_RANGE[1]):
        raise ActionError(f"A loudness target of {lufs} LUFS is outside {LUFS_RANGE[0]:g} to {LUFS_RANGE[1]:g}; "
                          "−16 suits short video, −23 broadcast.")
    if true_peak_db is not None and (not math.isfinite(true_peak_db)
                                     or not TRUE_PEAK_RANGE[0] <= true_peak_db <= TRUE_PEAK_RANGE[1]):
        raise ActionError(f"A true-peak ceiling of {true_peak_db} dBTP is outside {TRUE_PEAK_RANGE[0]:g} to "
                          f"{TRUE_PEAK_RANGE[1]:g}; −1 suits most uses, −2 ATSC broadcast.")


def _check_rate(rate: int | None) -> None:
    if rate is not None and rate not in SAMPLE_RATES:
        raise ActionError(f"{rate} Hz is not an export sample rate; choose one of "
                          f"{', '.join(str(r) for r in SAMPLE_RATES)}.")


def _channels(stereo: bool | None, channels: int | None) -> int | None:
    if channels is not None and channels not in (1, 2):
        raise ActionError("An export is mono (1 channel) or stereo (2).")
    if stereo is not None:
        return 2 if stereo else 1
    return channels


def read_music(path: str | Path, duck_db: float | None = None, volume_db: float | None = None) -> MusicChoice:
    """A music file as a bed for one export, ducked ``duck_db`` under speech (default 12 dB; 0: off)."""
    try:
        media = read_media_file(path)
    except DecodeError as exc:
        raise ActionError(str(exc)) from exc
    ducking = Ducking() if duck_db is None else replace(Ducking(), amount_db=abs(float(duck_db)))
    bed = MusicBed(media.name, media.format, media.duration_ms, ducking=ducking)
    if volume_db is not None:
        bed = bed.with_(volume_db=float(volume_db))
    problems = bed.validate()
    if problems:
        raise ActionError(" ".join(problems))
    return MusicChoice(bed, media.data, Path(path))


def check_request(out: str | Path, subtitles: str | Sequence[str] = ("srt",),
                  lufs: float | None = None, *, true_peak_db: float | None = None, preset_name: str | None = None,
                  sample_rate: int | None = None, stereo: bool | None = None, channels: int | None = None,
                  stems: bool = False, otio: bool = False, audacity: bool = False,
                  subtitle_options: SubtitleOptions | None = None, music: MusicChoice | None = None,
                  bitrate: str | None = None, karaoke: bool = False, words: bool = False,
                  visemes: bool = False) -> ExportRequest:
    """The request, or ``ActionError`` naming what is wrong with it. ``preset_name`` gives the loudness and
    ceiling; an explicit ``lufs`` / ``true_peak_db`` wins over it. ``karaoke``, ``words``, ``visemes``: the
    word-timed files too (a karaoke ASS, word JSON, a viseme track)."""
    path = Path(out)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in AUDIO_FORMATS:
        shown = f"“.{fmt}”" if fmt else "a file without a suffix"
        raise ActionError(f"Cannot export {shown}; choose one of {', '.join('.' + f for f in AUDIO_FORMATS)}.")
    if not path.parent.exists():
        raise ActionError(f"The folder {path.parent} does not exist.")
    if preset_name is not None:
        chosen = preset(preset_name)
        lufs = chosen.lufs if lufs is None else lufs
        true_peak_db = chosen.true_peak_db if true_peak_db is None else true_peak_db
    _check_loudness(lufs, true_peak_db)
    _check_rate(sample_rate)
    if subtitle_options is not None and subtitle_options.validate():
        raise ActionError(" ".join(subtitle_options.validate()))
    timed = tuple(k for k, on in (("karaoke", karaoke), ("words", words), ("visemes", visemes)) if on)
    return ExportRequest(path, parse_subtitles(subtitles), lufs, true_peak_db, sample_rate, _channels(stereo, channels),
                         stems, otio, audacity, subtitle_options, music, bitrate, word_files=timed)


def unrendered(plans: Sequence[LinePlan]) -> list[LinePlan]:
    """The lines an export would leave out (they have text but no take for their current key)."""
    return [p for p in plans if p.status not in (DONE, EMPTY)]


def _media(store: ProjectStore, episode_id: int, music: MusicChoice | None) -> EpisodeMedia | None:
    if music is None:
        return None
    return EpisodeMedia.of(store, episode_id).with_bed(music.bed, music.audio)


def inputs(store: ProjectStore, request: ExportRequest) -> list[Path]:
    """The files an export of ``request`` reads, which it must never replace: the project (with its
    journal and lock files) and the music given for the export."""
    base = Path(store.path)
    own = [base, *(Path(f"{base}{tail}") for tail in ("-wal", "-shm", "-journal", ".lock"))]
    return own + ([request.music.path] if request.music is not None and request.music.path is not None else [])


def check_files(store: ProjectStore, request: ExportRequest, force: bool = False) -> None:
    """``ActionError`` when ``request`` would replace a file it reads, or (without ``force``) a file that
    no export wrote or that was changed since; see ``studio.actions.export_files``."""
    check_targets(request.files(), request.folders(), inputs(store, request), force)


def check_subtitles(store: ProjectStore, episode_id: int, plans: Sequence[LinePlan], request: ExportRequest,
                    styles: Mapping[str, AssStyle] | None = None) -> None:
    """Make the request's subtitles in memory, before any audio is written: ``ActionError`` with a
    sentence when one of them cannot be made (a caption style that is not one, say), so a failed export
    leaves nothing behind rather than an audio file without its subtitles."""
    if not request.subtitles:
        return
    timeline = build_timeline(store, plans)
    cues = subtitle_cues(store, plans, timeline, store.episode(episode_id).language, request.subtitle_options)
    for kind in request.subtitles:
        try:
            subtitle_text(kind, cues, styles=styles)
        except ValueError as exc:
            raise ActionError(f"The {kind.upper()} subtitles cannot be made: {exc} Nothing was exported.") \
                from exc


def export(store: ProjectStore, episode_id: int, plans: Sequence[LinePlan], request: ExportRequest, *,
           progress: Callable[[float], None] | None = None, cancel: CancelToken | None = None,
           force: bool = False) -> ExportResult:
    """Mix, set the loudness, encode and write the subtitles (and stems, editor files). Raises
    ``ActionError`` when nothing is rendered or when a file it would write exists and may not be replaced
    (``force``: the user said replace it; a file the export reads is never replaced); encoder and disk
    problems come as ``ExportError`` / ``OSError`` with a sentence; a cancelled export raises
    ``ExportCancelled`` and leaves no file of it. ``progress`` hears the fraction done (0..1)."""
    if not any(p.status == DONE for p in plans):
        raise ActionError("Nothing to export yet: no line of this episode is rendered. Render it first.")
    check_files(store, request, force)
    styles = request.ass_styles or caption_styles(store)
    check_subtitles(store, episode_id, plans, request, styles)
    try:
        result = export_episode(store, episode_id, plans, request.out, subtitles=request.subtitles,
                                lufs=request.lufs, true_peak_db=request.true_peak_db, rate=request.sample_rate,
                                channels=request.channels, media=_media(store, episode_id, request.music),
                                bitrate=request.bitrate, subtitle_options=request.subtitle_options, ass_styles=styles,
                                stems=request.stems, otio=request.otio, audacity=request.audacity, cancel=cancel,
                                progress=progress)
    except TakeDamagedError as exc:  # a take that fails its checksum: a sentence, and nothing written
        raise ActionError(f"{exc} Nothing was exported.") from exc
    result = _with_word_files(store, plans, request, result, styles)
    remember(result.files())
    return result


def _with_word_files(store: ProjectStore, plans: Sequence[LinePlan], request: ExportRequest, result: ExportResult,
                     styles: Mapping[str, AssStyle]) -> ExportResult:
    """``result`` with the request's word-timed files written next to its audio (takes without word
    timings are aligned once and keep them when ``store`` can write). When they cannot be written, the
    export's other files are removed too, so none of it is left half done."""
    if not request.word_files:
        return result
    options = request.subtitle_options
    try:
        made = write_word_files(store, plans, request.out, request.word_files, duration_ms=result.duration_ms,
                                ass_styles=styles, max_chars=options.chars_for(store.episode(
                                    plans[0].line.episode_id).language) if options else None)
    except BaseException:
        for path in result.files():
            path.unlink(missing_ok=True)
        raise
    result.word_paths = made.paths
    result.word_sources = made.sources
    return result


# --- caption styles and what is rendered --------------------------------------------------------------


def caption_style(role: Role, settings: ProjectSettings) -> AssStyle:
    """How ``role``'s captions look (ASS subtitles, burned-in video captions): the style saved for it, else
    its colour at the bottom of the picture."""
    saved = settings.caption_styles.get(str(role.id), {})
    position = saved.get("position", "bottom")
    return AssStyle(colour=saved.get("colour") or role.colour,
                    position=position if position in POSITIONS else "bottom")


def caption_styles(store: ProjectStore) -> dict[str, AssStyle]:
    """Every role's caption style, by role name (what the subtitle writers take)."""
    settings = store.settings
    return {r.name: caption_style(r, settings) for r in store.roles()}


def with_caption_style(settings: ProjectSettings, role_id: int, colour: str | None = None,
                       position: str | None = None) -> ProjectSettings:
    """The settings with ``role_id``'s caption colour and/or position changed (None keeps it; an empty
    colour goes back to the role's colour). Raises ``ActionError`` for a colour or position that is not one."""
    saved = dict(settings.caption_styles.get(str(role_id), {}))
    if colour is not None:
        saved["colour"] = colour.strip()
    if position is not None:
        saved["position"] = position
    problems = AssStyle(colour=saved.get("colour") or "#ffffff", position=saved.get("position", "bottom")).validate()
    if problems:
        raise ActionError(" ".join(problems))
    saved = {k: v for k, v in saved.items() if v and not (k == "position" and v == "bottom")}  # defaults unsaid
    styles = {k: dict(v) for k, v in settings.caption_styles.items()}
    if saved:
        styles[str(role_id)] = saved
    else:
        styles.pop(str(role_id), None)
    return settings.with_(caption_styles=styles)


def plans_for(store: ProjectStore, engine: SpeechEngine, episode_ids: Sequence[int],
              known: Mapping[int, Sequence[LinePlan]] | None = None) -> dict[int, list[LinePlan]]:
    """Each episode's line plans on ``engine`` (``known``: plans the caller already holds, e.g. the open
    episode's, used as they are)."""
    planner: RenderPlanner | None = None
    out: dict[int, list[LinePlan]] = {}
    for ep in episode_ids:
        if known is not None and ep in known:
            out[ep] = list(known[ep])
            continue
        planner = planner or RenderPlanner(store, engine)
        out[ep] = planner.plan(ep)
    return out


def unrendered_counts(plans: Mapping[int, Sequence[LinePlan]]) -> dict[int, int]:
    """How many lines of each episode an export would leave out (episodes with none are not listed)."""
    counts = {ep: len(unrendered(p)) for ep, p in plans.items()}
    return {ep: n for ep, n in counts.items() if n}


# --- batches -----------------------------------------------------------------------------------------


def parse_episodes(spec: str | Sequence[int] | None, count: int) -> list[int]:
    """Episode numbers (1-based, in order, each once) from "all", "3", "1-5", "1,3,7-9" or a list."""
    if count <= 0:
        raise ActionError("This project has no episodes yet.")
    if spec is None or (isinstance(spec, str) and spec.strip().lower() in ("", "all")):
        return list(range(1, count + 1))
    numbers: list[int] = []
    if isinstance(spec, str):
        for part in (p.strip() for p in spec.split(",")):
            if not part:
                continue
            lo, sep, hi = part.partition("-")
            try:
                a, b = (int(lo), int(hi)) if sep else (int(part), int(part))
            except ValueError:
                raise ActionError(f"“{part}” is not an episode number or range; write e.g. all, 3, 1-5 or 1,3.") \
                    from None
            if a > b:
                raise ActionError(f"The range {part} runs backwards; write it as {b}-{a}.")
            numbers.extend(range(a, b + 1))
    else:
        numbers = [int(n) for n in spec]
    bad = [n for n in numbers if not 1 <= n <= count]
    if bad:
        raise ActionError(f"There is no episode {bad[0]}; this project has {count}.")
    return list(dict.fromkeys(numbers))


def name_files(pattern: str, values: Sequence[Mapping[str, object]]) -> list[str]:
    """The file-name stem (no suffix) ``pattern`` gives for each episode's ``values`` ({series}, {nn},
    {n}, {title}, {lang}). Refuses unknown fields, names that leave the folder, and two episodes given
    the same name (case-insensitively, as some file systems compare)."""
    if not pattern.strip():
        raise ActionError("The naming pattern is empty; for example {series}-E{nn}-{lang}.")
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(pattern) if f is not None]
    except ValueError as exc:
        raise ActionError(f"The naming pattern “{pattern}” is not valid ({exc}).") from exc
    unknown = [f for f in fields if f.split(".")[0].split("[")[0] not in PATTERN_FIELDS]
    if unknown:
        raise ActionError(f"The naming pattern uses {{{unknown[0]}}}, which is not one of "
                          f"{', '.join('{' + f + '}' for f in PATTERN_FIELDS)}.")
    names = []
    for v in values:
        try:
            name = pattern.format(**v)
        except (ValueError, KeyError, IndexError, AttributeError) as exc:
            raise ActionError(f"The naming pattern “{pattern}” cannot be filled in ({exc}).") from exc
        parts = Path(name.replace("\\", "/")).parts
        if not name.strip() or Path(name).is_absolute() or name.startswith(("/", "\\")) \
                or any(part in ("..", ".") for part in parts):
            raise ActionError(f"The naming pattern “{pattern}” gives “{name}”, which is outside the export folder.")
        names.append("/".join(safe_name(part) for part in parts))
    seen: dict[str, int] = {}
    for i, name in enumerate(names):
        key = name.lower()
        if key in seen:
            raise ActionError(f"The naming pattern “{pattern}” gives two episodes the same name “{name}”; "
                              "add {nn} or {title} to it.")
        seen[key] = i
    return names


@dataclass(frozen=True)
class BatchItem:
    episode_id: int
    number: int
    title: str
    out: Path


@dataclass(frozen=True)
class BatchRequest:
    """A batch export: each item an episode and the audio file it becomes (side files sit next to it)."""

    folder: Path
    items: tuple[BatchItem, ...]
    options: ExportRequest  # everything but the file: its ``out`` is a placeholder
    pattern: str = DEFAULT_PATTERN

    def request_for(self, item: BatchItem) -> ExportRequest:
        return replace(self.options, out=item.out)

    def files(self) -> list[Path]:
        return [f for item in self.items for f in self.request_for(item).files()]

    def existing(self) -> list[Path]:
        """Files the batch would replace (those in its folders too)."""
        folders = [d for item in self.items for d in self.request_for(item).folders() if d.is_dir()]
        return [f for f in self.files() if f.exists()] + [p for d in folders for p in sorted(d.iterdir())
                                                          if p.is_file()]

    def check_files(self, store: ProjectStore, force: bool = False) -> None:
        """``ActionError`` when the batch would replace a file it reads or, without ``force``, one no
        export wrote (see ``check_files``)."""
        files = self.files()
        folders = [d for item in self.items for d in self.request_for(item).folders()]
        check_targets(files, folders, inputs(store, self.options), force)


def check_batch(store: ProjectStore, folder: str | Path, *, episodes: str | Sequence[int] | None = "all",
                pattern: str = DEFAULT_PATTERN, format: str = "mp3", subtitles: str | Sequence[str] = ("srt",),
                lufs: float | None = None, true_peak_db: float | None = None, preset_name: str | None = None,
                sample_rate: int | None = None, stereo: bool | None = None, stems: bool = False,
                otio: bool = False, audacity: bool = False, subtitle_options: SubtitleOptions | None = None,
                music: MusicChoice | None = None, bitrate: str | None = None, karaoke: bool = False,
                words: bool = False, visemes: bool = False) -> BatchRequest:
    """The batch, or ``ActionError`` naming what is wrong: which episodes (``episodes``: "all", "1-5",
    "1,3" or numbers), the folder (it must exist), the naming pattern, the format and the rest."""
    base = Path(folder)
    if not base.is_dir():
        raise ActionError(f"The folder {base} does not exist.")
    fmt = format.lower().lstrip(".")
    if fmt not in AUDIO_FORMATS:
        raise ActionError(f"Cannot export “{format}”; choose one of {', '.join(AUDIO_FORMATS)}.")
    options = check_request(base / f"batch.{fmt}", subtitles, lufs, true_peak_db=true_peak_db,
                            preset_name=preset_name, sample_rate=sample_rate, stereo=stereo, stems=stems, otio=otio,
                            audacity=audacity, subtitle_options=subtitle_options, music=music, bitrate=bitrate,
                            karaoke=karaoke, words=words, visemes=visemes)
    eps = store.episodes()
    numbers = parse_episodes(episodes, len(eps))
    series = store.title
    values = [{"series": safe_name(series), "n": n, "nn": f"{n:02d}", "title": safe_name(eps[n - 1].title),
               "lang": eps[n - 1].language} for n in numbers]
    names = name_files(pattern, values)
    items = tuple(BatchItem(eps[n - 1].id, n, eps[n - 1].title, base / f"{name}.{fmt}")
                  for n, name in zip(numbers, names, strict=True))
    batch = BatchRequest(base, items, options, pattern)
    batch.check_files(store, force=True)  # the project and the music are never replaced, asked or not
    return batch


@dataclass(frozen=True)
class ExportProgress:
    """``done`` of ``total`` files finished, ``current`` the one being written, ``fraction`` of all the work."""

    done: int
    total: int
    current: Path | None
    fraction: float


@dataclass
class FileReport:
    """One exported episode, with the loudness and true peak MEASURED on the file written."""

    episode_id: int
    number: int
    title: str
    audio: Path
    integrated_lufs: float
    true_peak_dbtp: float
    target_lufs: float
    ceiling_dbtp: float
    duration_ms: int
    lines: int
    missing: list[int]
    result: ExportResult

    @property
    def files(self) -> list[Path]:
        return self.result.files()

    def sentence(self) -> str:
        return (f"{self.audio.name}: {self.duration_ms / 1000:.1f} s, {self.lines} lines, "
                f"{self.integrated_lufs:.1f} LUFS, true peak {self.true_peak_dbtp:.1f} dBTP")


@dataclass
class BatchReport:
    files: list[FileReport] = field(default_factory=list)
    skipped: dict[int, str] = field(default_factory=dict)  # episode id -> why nothing was written
    cancelled: bool = False


class _Stop:
    """The caller's cancel token, or our own reason to stop the episode measured in the background."""

    def __init__(self, cancel: CancelToken | None) -> None:
        self.cancel = cancel
        self.own = threading.Event()

    def set(self) -> None:
        self.own.set()

    def is_set(self) -> bool:
        return self.own.is_set() or (self.cancel is not None and self.cancel.is_set())


def _report(item: BatchItem, result: ExportResult) -> FileReport:
    return FileReport(item.episode_id, item.number, item.title, result.audio_path, result.measured_lufs,
                      result.measured_true_peak_dbtp, result.target_lufs, result.ceiling_dbtp, result.duration_ms,
                      result.lines, list(result.missing), result)


def export_batch(store: ProjectStore, request: BatchRequest,
                 plans: Mapping[int, Sequence[LinePlan]] | Callable[[int], Sequence[LinePlan]], *,
                 progress: Callable[[ExportProgress], None] | None = None,
                 cancel: CancelToken | None = None, force: bool = False) -> BatchReport:
    """Export every episode of ``request`` (``plans`` gives each episode's line plans: the caller decided
    what is rendered). While one episode is mastered and encoded, the next one's mix is measured in a
    second thread on a reader of its own, so a batch costs little more than its encodes. An episode with
    nothing rendered is skipped (``BatchReport.skipped``). ``progress`` hears ``ExportProgress`` on the
    calling thread; ``cancel`` (checked between blocks) stops the batch: the episodes finished stay, the
    one under way leaves nothing, and the report says ``cancelled``. Before anything is written, every
    file of the batch is checked: one that exists is replaced only with ``force`` or when an export wrote
    it and it is unchanged since; a file the batch reads, never (``ActionError``)."""
    request.check_files(store, force)
    styles = request.options.ass_styles or caption_styles(store)
    plans_of = plans if callable(plans) else plans.__getitem__
    report = BatchReport()
    todo: list[tuple[BatchItem, Sequence[LinePlan]]] = []
    for item in request.items:
        item_plans = plans_of(item.episode_id)
        if not any(p.status == DONE for p in item_plans):
            report.skipped[item.episode_id] = "nothing is rendered yet"
        else:
            check_subtitles(store, item.episode_id, item_plans, request.request_for(item), styles)
            todo.append((item, item_plans))
    total = len(todo)
    stop = _Stop(cancel)
    prep_done = [0.0] * max(1, total)

    def prepare(index: int) -> tuple[PreparedExport, ProjectStore]:
        item, item_plans = todo[index]
        reader = store.reader()
        try:
            opts = request.request_for(item)

            def seen(f: float) -> None:
                prep_done[index] = f

            prepared = prepare_export(reader, item.episode_id, item_plans, rate=opts.sample_rate,
                                      channels=opts.channels, media=_media(reader, item.episode_id, opts.music),
                                      lufs=opts.lufs, true_peak_db=opts.true_peak_db, cancel=stop, progress=seen)
        except TakeDamagedError as exc:  # found on this reader: set aside where the project can be written
            reader.close()
            store.set_aside_take(exc.take_id)
            raise ActionError(f"{exc} Nothing more was exported.") from exc
        except BaseException:
            reader.close()
            raise
        return prepared, reader

    def tell(done: int, current: Path | None, writing: float) -> None:
        if progress is None:
            return
        work = sum(0.5 * min(1.0, f) for f in prep_done[:total]) + 0.5 * (done + writing)
        progress(ExportProgress(done, total, current, min(1.0, work / total) if total else 1.0))

    if not todo:
        tell(0, None, 0.0)
        return report
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="export-measure")
    checker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="export-verify")
    pending: Future[tuple[PreparedExport, ProjectStore]] | None = pool.submit(prepare, 0)
    checks: list[tuple[BatchItem, Sequence[LinePlan], ExportResult, Future[tuple[float, float]]]] = []
    lossy = request.options.format in LOSSY
    try:
        for index, (item, item_plans) in enumerate(todo):
            assert pending is not None
            tell(index, item.out, 0.0)
            try:
                prepared, reader = pending.result()
            except ExportCancelled:
                report.cancelled = True
                pending = None
                break
            pending = pool.submit(prepare, index + 1) if index + 1 < total else None
            opts = request.request_for(item)
            item.out.parent.mkdir(parents=True, exist_ok=True)  # a pattern may name a subfolder

            def writing(f: float, i: int = index, out: Path = item.out) -> None:
                tell(i, out, f)

            try:
                # A lossy file is measured again in another thread while the next episode encodes.
                result = write_export(prepared, item.out, bitrate=opts.bitrate, subtitles=opts.subtitles,
                                      subtitle_options=opts.subtitle_options, ass_styles=styles,
                                      stems=opts.stems, otio=opts.otio,
                                      audacity=opts.audacity, measure_later=lossy, cancel=stop, progress=writing)
            except ExportCancelled:
                report.cancelled = True
                break
            finally:
                reader.close()
            result = _with_word_files(store, item_plans, opts, result, styles)
            remember(result.files())
            if lossy:
                checks.append((item, item_plans, result, checker.submit(measure_file, result.audio_path)))
            else:
                report.files.append(_report(item, result))
            tell(index + 1, None, 0.0)
        for item, item_plans, result, check in checks:
            settled = _settle(store, request, item, item_plans, result, check.result())
            if settled is not result:
                remember(settled.files())
            report.files.append(_report(item, settled))
        report.files.sort(key=lambda f: f.number)
        tell(len(report.files), None, 0.0)
    finally:
        if pending is not None:
            stop.set()  # cancelled or failed: stop measuring the next one
            try:
                prepared_next, reader_next = pending.result()
            except BaseException:
                pass
            else:
                prepared_next.close()
                reader_next.close()
        pool.shutdown(wait=True)
        checker.shutdown(wait=True)
    return report


def _settle(store: ProjectStore, request: BatchRequest, item: BatchItem, plans: Sequence[LinePlan],
            result: ExportResult, measured: tuple[float, float]) -> ExportResult:
    """A lossy file as measured: kept when on target under the ceiling, else made again with the target and
    ceiling moved by what the encoder changed (measured once more, the report keeping the asked values)."""
    lufs, peak = measured
    over = peak - result.ceiling_dbtp
    miss = result.target_lufs - lufs
    if over <= 0 and abs(miss) <= VERIFY_TOLERANCE_LU:
        result.measured_lufs, result.measured_true_peak_dbtp = lufs, peak
        return result
    opts = request.request_for(item)
    reader = store.reader()
    try:
        again = export_episode(reader, item.episode_id, plans, item.out, subtitles=opts.subtitles,
                               lufs=result.target_lufs + (miss if abs(miss) > VERIFY_TOLERANCE_LU else 0.0),
                               true_peak_db=result.ceiling_dbtp - max(0.0, over) - (0.1 if over > 0 else 0.0),
                               rate=opts.sample_rate, channels=opts.channels,
                               media=_media(reader, item.episode_id, opts.music), bitrate=opts.bitrate,
                               subtitle_options=opts.subtitle_options,
                               ass_styles=opts.ass_styles or caption_styles(reader), stems=opts.stems,
                               otio=opts.otio, audacity=opts.audacity, verify=True)
    finally:
        reader.close()
    again.target_lufs, again.ceiling_dbtp = result.target_lufs, result.ceiling_dbtp
    again.word_paths, again.word_sources = result.word_paths, result.word_sources  # written once, still there
    return again


__all__ = ["AUDIO_FORMATS", "BatchItem", "BatchReport", "BatchRequest", "DEFAULT_PATTERN", "ExportCancelled",
           "ExportProgress", "ExportRequest", "FileReport", "check_files", "inputs", "LoudnessPreset", "MusicChoice", "PRESETS",
           "SUBTITLE_FORMATS", "caption_style", "caption_styles", "check_batch", "check_request", "export",
           "export_batch", "name_files", "parse_episodes", "parse_subtitles", "plans_for", "preset", "read_music",
           "unrendered", "unrendered_counts", "with_caption_style"]
