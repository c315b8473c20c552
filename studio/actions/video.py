"""Export episodes as video for short-video platforms: MP4 (H.264 + AAC), 9:16 or 16:9, over a cover image, a
still per scene, an image per episode or the user's own video (a dub's source video by default), with
captions burned in — styled per role, inside the platform's safe area, optionally bilingual and with speaker
names — and the soundtrack mastered exactly as the audio export masters it (the same presets, measured on
the file; the video only copies it in).

What a window calls (all Qt-free; run ``export_video`` / ``export_video_batch`` in a worker thread on
``store.reader()``, as the audio export):

* ``request = check_video_request(out, video, aspect=…, captions=…, bilingual=…, speaker_names=…,
  preset_name=…, …)`` → ``VideoRequest``, or ``ActionError`` with a sentence (a wrong suffix, a missing
  file, an ffmpeg without libass or libx264, an unknown preset …). ``video`` is a cover image, a video, a
  scene list (lines of "0:12.5 image.png"), a folder of images named per episode (E01.png, 01.jpg …,
  cover.png for the rest), a sequence of (start ms, image), or None for the episode's own source video.
* ``resolve_backdrop(store, episode_id, request)`` → what the picture will be for that episode (for a dialog
  to show, or to fail early with the sentence).
* ``result = export_video(store, episode_id, plans, request, progress=f, cancel=event)`` → ``VideoResult``:
  the file, its size, frames, whether the picture was copied, the soundtrack's ``ExportResult`` (measured
  LUFS and true peak), side subtitle files, lines that overflow their cue. ``progress`` hears 0..1;
  ``cancel`` (anything with ``is_set()``) stops it: ``ExportCancelled``, and no file of it is left.
* Batches: ``check_video_batch(store, folder, episodes=…, pattern=…, video=…, …)`` → ``VideoBatchRequest``;
  ``export_video_batch(store, batch, plans, progress=…, cancel=…)`` → ``VideoBatchReport`` (progress as
  ``ExportProgress``, like the audio batch).

Captions come from the same placements as the sound, so they cannot drift; a caption kind other than the
plain one (karaoke words, for one) plugs in through ``studio.formats.captions.register_builder`` and is
chosen by ``caption_style`` (or handed over as ``caption_builder``). Must not live here: Qt, printing.
"""

from __future__ import annotations

import math
import re
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pysubs2

from studio.actions import ActionError
from studio.actions import export as exporting
from studio.actions.dubbing import Overflow, overflowing, paired_texts, partner_episode, source_video
from studio.actions.export import BatchItem, ExportProgress, MusicChoice
from studio.actions.export_files import check_targets, remember
from studio.audio.ffmpeg import ExportError, ffmpeg_exe
from studio.domain.media import Ducking, MusicBed
from studio.domain.model import DONE
from studio.formats.captions import (
    BUILDERS,
    Caption,
    CaptionBuilder,
    CaptionLayout,
    plain_cues,
    split_captions,
    write_caption_file,
)
from studio.formats.subtitles import AssStyle, SubtitleOptions, short_video_options, write_subtitles
from studio.render.mixdown import (
    CancelToken,
    EpisodeMedia,
    EpisodeTimeline,
    ExportCancelled,
    ExportResult,
    prepare_export,
    safe_name,
    write_export,
)
from studio.render.planner import LinePlan
from studio.store.project_file import ProjectStore
from studio.video.compose import (
    CRF,
    IMAGE_SUFFIXES,
    STILL_FPS,
    X264_PRESET,
    X264_PRESETS,
    Backdrop,
    Footage,
    Scenes,
    Still,
    VideoCancelled,
    compose,
    footage_size,
)
from studio.video.probe import MediaInfo, ProbeError, extract_audio, has_encoder, has_filter, probe
from studio.video.safe_area import ASPECTS, aspect_size

VIDEO_FORMAT = "mp4"
#: What the source video's own sound does: replaced by the new mix, or kept under it.
SOURCE_AUDIO = ("replace", "mix")
#: A video's own sound kept under the new dialogue: this loud, ducked this much while a line speaks.
SOURCE_AUDIO_DB = -12.0
SOURCE_DUCK_DB = 12.0
#: Files a backdrop may be, besides images.
VIDEO_SUFFIXES = (".mp4", ".mov", ".m4v", ".mkv", ".webm", ".avi")
SCENE_LIST_SUFFIXES = (".txt", ".csv", ".tsv")
#: The dialogue may run this far past the picture's end before the result says so.
PAST_END_TOLERANCE_MS = 40


# --- the request ---------------------------------------------------------------------------------------


#: The caption kind that lights each word as it is heard (the karaoke ASS's ``\\kf`` sweep, burned in).
KARAOKE = "karaoke"

@dataclass(frozen=True)
class BackdropChoice:
    """The picture as the user chose it: ``source`` (each episode's own source video), ``image``, ``scenes``
    (stills by time), ``folder`` (an image per episode) or ``video``."""

    kind: str = "source"
    path: Path | None = None
    scenes: tuple[tuple[int, Path], ...] = ()

    def describe(self) -> str:
        if self.kind == "source":
            return "the episode's own video"
        if self.kind == "scenes":
            return f"{len(self.scenes)} stills by time"
        return str(self.path)


@dataclass(frozen=True)
class VideoRequest:
    out: Path
    backdrop: BackdropChoice = field(default_factory=BackdropChoice)
    aspect: str | None = None  # "9:16" / "16:9"; None: a video keeps its shape, stills are 9:16
    captions: bool = True  # burned in
    bilingual: bool = False  # a second caption line in the other language
    bilingual_with: int | None = None  # the episode (id) giving it; None: the one that pairs with it
    speaker_names: bool = False
    caption_style: str = "plain"  # a name in studio.formats.captions.BUILDERS
    subtitle_options: SubtitleOptions | None = None  # None: short_video_options of the episode's language
    subtitles: tuple[str, ...] = ()  # side files next to the video: srt, vtt, ass, json
    lufs: float | None = None
    true_peak_db: float | None = None
    sample_rate: int | None = None
    music: MusicChoice | None = None  # a music bed or a music-and-effects track
    source_audio: str = "replace"  # the source video's own sound: replace or mix (under the dialogue)
    source_audio_db: float = SOURCE_AUDIO_DB
    fit: str = "pad"  # stills and reshaped video: pad (black bars) or crop (fill the frame)
    fps: int = STILL_FPS
    x264_preset: str = X264_PRESET
    crf: int = CRF
    ass_styles: Mapping[str, AssStyle] | None = None  # None: the project's caption styles
    caption_builder: CaptionBuilder | None = None  # given directly, it wins over caption_style
    me_track: Path | None = None  # a music-and-effects track under the dialogue (read when the export runs)

    @property
    def format(self) -> str:
        return VIDEO_FORMAT

    def files(self) -> list[Path]:
        return [self.out, *(self.out.with_suffix(f".{kind}") for kind in self.subtitles)]


_TIME = re.compile(r"^(?:(?:(\d+):)?(\d+):)?(\d+(?:\.\d+)?)(ms|s)?$")


def _scene_time(raw: str) -> int:
    m = _TIME.match(raw.strip())
    if m is None:
        raise ValueError(raw)
    hours, minutes, seconds, unit = m.groups()
    if unit == "ms":
        if hours or minutes:
            raise ValueError(raw)
        return round(float(seconds))
    return round(((int(hours or 0) * 60 + int(minutes or 0)) * 60 + float(seconds)) * 1000)


def read_scene_list(path: str | Path) -> tuple[tuple[int, Path], ...]:
    """Stills by time from a text file: a line per scene, its start and its image ("0:12.5 rain.png",
    "1500ms, door.jpg"; "#" starts a comment; image paths relative to the file). The first image also covers
    any time before its start."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ActionError(f"The scene list {p.name} could not be read ({exc}).") from exc
    scenes: list[tuple[int, Path]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = re.split(r"\s*[,\t;]\s*|\s+", line, maxsplit=1)
        if len(parts) != 2:
            raise ActionError(f"Line {number} of {p.name} should be a start time and an image, like "
                              "“0:12.5 rain.png”.")
        try:
            start = _scene_time(parts[0])
        except ValueError:
            raise ActionError(f"Line {number} of {p.name}: “{parts[0]}” is not a time; write 12.5, 0:12.5 or "
                              "12500ms.") from None
        image = (p.parent / parts[1].strip().strip('"')).resolve()
        _check_image(image)
        scenes.append((start, image))
    if not scenes:
        raise ActionError(f"The scene list {p.name} names no images; write a line per scene, like “0:00 a.png”.")
    scenes.sort(key=lambda s: s[0])
    starts = [s for s, _ in scenes]
    if len(set(starts)) != len(starts):
        raise ActionError(f"Two scenes of {p.name} start at the same time; give each its own start.")
    return tuple(scenes)


def _check_image(path: Path) -> None:
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        raise ActionError(f"“{path.name}” is not an image a still can be ({', '.join(IMAGE_SUFFIXES)}).")
    if not path.is_file():
        raise ActionError(f"The image {path} does not exist.")


def parse_backdrop(video: str | Path | Sequence[tuple[int, str | Path]] | None) -> BackdropChoice:
    """The picture from what the user gave (see ``check_video_request``); ``ActionError`` when it is not one."""
    if video is None or (isinstance(video, str) and not video.strip()):
        return BackdropChoice("source")
    if not isinstance(video, (str, Path)):
        scenes = []
        for start, image in video:
            img = Path(image)
            _check_image(img)
            scenes.append((max(0, int(start)), img.resolve()))
        if not scenes:
            raise ActionError("The list of stills is empty; give at least one image.")
        scenes.sort(key=lambda s: s[0])
        return BackdropChoice("scenes", None, tuple(scenes))
    p = Path(video)
    if p.is_dir():
        return BackdropChoice("folder", p.resolve())
    suffix = p.suffix.lower()
    if suffix in IMAGE_SUFFIXES:
        _check_image(p)
        return BackdropChoice("image", p.resolve())
    if suffix in SCENE_LIST_SUFFIXES:
        if not p.is_file():
            raise ActionError(f"The scene list {p} does not exist.")
        return BackdropChoice("scenes", p.resolve(), read_scene_list(p))
    if suffix in VIDEO_SUFFIXES:
        if not p.is_file():
            raise ActionError(f"The video {p} does not exist.")
        return BackdropChoice("video", p.resolve())
    raise ActionError(f"“{p.name}” cannot be the picture; choose an image ({', '.join(IMAGE_SUFFIXES)}), a video "
                      f"({', '.join(VIDEO_SUFFIXES)}), a scene list (.txt) or a folder of images.")


def video_problems(*, captions: bool, encode: bool) -> list[str]:
    """What the ffmpeg in use lacks for a video export (empty when it has all)."""
    try:
        ffmpeg_exe()
    except ExportError as exc:
        return [str(exc)]
    problems = []
    if encode and not has_encoder("libx264"):
        problems.append("The ffmpeg in use has no H.264 encoder (libx264); install a full ffmpeg "
                        "(for example `apt install ffmpeg`).")
    if captions and not has_filter("ass"):
        problems.append("The ffmpeg in use cannot draw captions (it lacks libass); install a full ffmpeg, or "
                        "export without burned-in captions and with a subtitle file beside the video.")
    return problems


def check_video_request(out: str | Path, video: str | Path | Sequence[tuple[int, str | Path]] | None = None, *,
                        aspect: str | None = None, captions: bool = True, bilingual: bool = False,
                        bilingual_with: int | None = None, speaker_names: bool = False,
                        caption_style: str = "plain", subtitles: str | Sequence[str] = (),
                        preset_name: str | None = None, lufs: float | None = None,
                        true_peak_db: float | None = None, sample_rate: int | None = None,
                        music: MusicChoice | None = None, source_audio: str = "replace",
                        source_audio_db: float = SOURCE_AUDIO_DB, fit: str = "pad", fps: int = STILL_FPS,
                        x264_preset: str = X264_PRESET, crf: int = CRF,
                        subtitle_options: SubtitleOptions | None = None,
                        ass_styles: Mapping[str, AssStyle] | None = None,
                        caption_builder: CaptionBuilder | None = None,
                        me_track: str | Path | None = None) -> VideoRequest:
    """The video export as asked, or ``ActionError`` naming what is wrong with it. ``preset_name`` gives the
    loudness and ceiling (an explicit ``lufs`` / ``true_peak_db`` wins), as for audio."""
    path = Path(out)
    if path.suffix.lower() != f".{VIDEO_FORMAT}":
        shown = f"“{path.suffix}”" if path.suffix else "a file without a suffix"
        raise ActionError(f"A video export is an .mp4 file, not {shown}.")
    if not path.parent.exists():
        raise ActionError(f"The folder {path.parent} does not exist.")
    backdrop = parse_backdrop(video)
    if aspect is not None and aspect not in ASPECTS:
        raise ActionError(f"“{aspect}” is not a video shape; choose {' or '.join(ASPECTS)}.")
    if caption_builder is None and caption_style not in (*BUILDERS, KARAOKE):
        raise ActionError(f"“{caption_style}” is not a kind of caption; choose {', '.join((*BUILDERS, KARAOKE))}.")
    if source_audio not in SOURCE_AUDIO:
        raise ActionError(f"The video's own sound is either replaced or mixed under, not “{source_audio}”.")
    if source_audio == "mix" and backdrop.kind not in ("video", "source"):
        raise ActionError("Mixing in the picture's own sound needs a video as the picture.")
    me = None
    if me_track is not None and str(me_track).strip():
        me = Path(me_track).expanduser()
        if not me.is_file():
            raise ActionError(f"The music-and-effects track {me} does not exist; choose the file again.")
        if music is not None:
            raise ActionError("Choose one music under the dialogue: the music bed or the music-and-effects track.")
    if source_audio == "mix" and (music is not None or me is not None):
        raise ActionError("Choose one sound under the dialogue: the video's own or the music track, not both.")
    if not -40.0 <= source_audio_db <= 6.0:
        raise ActionError(f"The video's own sound at {source_audio_db:g} dB is outside −40 to 6 dB.")
    if fit not in ("pad", "crop"):
        raise ActionError(f"“{fit}” is not a way to fit the picture; use pad (black bars) or crop (fill).")
    if not 10 <= fps <= 60:
        raise ActionError(f"{fps} frames a second is outside 10–60; 30 suits every platform.")
    if x264_preset not in X264_PRESETS:
        raise ActionError(f"“{x264_preset}” is not an encoder speed; choose one of {', '.join(X264_PRESETS)}.")
    if not 0 <= crf <= 51:
        raise ActionError(f"A quality of {crf} is outside 0–51 (lower is better; 20 looks clean).")
    if preset_name is not None:
        chosen = exporting.preset(preset_name)
        lufs = chosen.lufs if lufs is None else lufs
        true_peak_db = chosen.true_peak_db if true_peak_db is None else true_peak_db
    exporting._check_loudness(lufs, true_peak_db)
    exporting._check_rate(sample_rate)
    if subtitle_options is not None and subtitle_options.validate():
        raise ActionError(" ".join(subtitle_options.validate()))
    if bilingual_with is not None:
        bilingual = True
    problems = video_problems(captions=captions, encode=captions or backdrop.kind not in ("video", "source"))
    if problems:
        raise ActionError(" ".join(problems))
    return VideoRequest(path, backdrop, aspect, captions, bilingual, bilingual_with, speaker_names, caption_style,
                        subtitle_options, exporting.parse_subtitles(subtitles), lufs, true_peak_db, sample_rate,
                        music, source_audio, source_audio_db, fit, fps, x264_preset, crf, ass_styles,
                        caption_builder, me)


def music_and_effects(path: str | Path) -> MusicChoice:
    """A music-and-effects track (a dub's "M&E": the source's sound without its dialogue) as the bed of an
    export: at full level from the start, not faded, looped or ducked. ``ActionError`` when it cannot be read."""
    chosen = exporting.read_music(path, duck_db=0)
    bed = chosen.bed.with_(volume_db=0.0, fade_in_ms=0, fade_out_ms=0, loop=False, ducking=Ducking(amount_db=0.0))
    return MusicChoice(bed, chosen.audio, chosen.path)


# --- the picture for one episode --------------------------------------------------------------------------


def _episode_image(folder: Path, number: int, title: str) -> Path | None:
    stems = [f"e{number:02d}", f"e{number}", f"{number:02d}", f"{number}", f"ep{number:02d}", f"ep{number}",
             f"episode{number:02d}", f"episode{number}", safe_name(title).lower()]
    images = {p.stem.lower(): p for p in sorted(folder.iterdir()) if p.suffix.lower() in IMAGE_SUFFIXES}
    for stem in [*stems, "cover"]:
        if stem in images:
            return images[stem]
    return None


def _footage(path: Path) -> Footage:
    try:
        info = probe(path)
    except ProbeError as exc:
        raise ActionError(str(exc)) from exc
    if info.video is None:
        raise ActionError(f"“{path.name}” has no picture; choose a video or an image.")
    return Footage(path, info)


def resolve_backdrop(store: ProjectStore, episode_id: int, request: VideoRequest) -> Backdrop:
    """The picture of ``episode_id`` for ``request``; ``ActionError`` with a sentence when it has none."""
    choice = request.backdrop
    if choice.kind == "image":
        assert choice.path is not None
        return Still(choice.path)
    if choice.kind == "scenes":
        return Scenes(choice.scenes)
    if choice.kind == "video":
        assert choice.path is not None
        return _footage(choice.path)
    episode = store.episode(episode_id)
    if choice.kind == "folder":
        assert choice.path is not None
        number = [e.id for e in store.episodes()].index(episode_id) + 1
        image = _episode_image(choice.path, number, episode.title)
        if image is None:
            raise ActionError(f"{choice.path} has no image for episode {number}; name one E{number:02d}.png "
                              f"(or {number:02d}.jpg), or add a cover.png for every episode.")
        return Still(image)
    found = source_video(store, episode_id)
    if found is None:
        raise ActionError(f"“{episode.title}” was not imported from a video; choose a cover image, stills or a "
                          "video for the picture.")
    return _footage(found)


def check_pictures(store: ProjectStore, episode_ids: Sequence[int], request: VideoRequest) -> None:
    """``ActionError`` with a sentence when an episode of ``episode_ids`` would have no picture: no source
    video to dub over (or it moved), or no image of its own in the chosen folder. Quick: files are looked
    for, not probed (a form can check as the user types)."""
    choice = request.backdrop
    if choice.kind not in ("source", "folder"):
        return
    numbers = {e.id: n for n, e in enumerate(store.episodes(), 1)}
    for episode_id in episode_ids:
        episode = store.episode(episode_id)
        if choice.kind == "folder":
            assert choice.path is not None
            if _episode_image(choice.path, numbers[episode_id], episode.title) is None:
                n = numbers[episode_id]
                raise ActionError(f"{choice.path} has no image for episode {n}; name one E{n:02d}.png (or "
                                  f"{n:02d}.jpg), or add a cover.png for every episode.")
        elif source_video(store, episode_id) is None:
            raise ActionError(f"“{episode.title}” was not imported from a video; choose a cover image, stills or a "
                              "video for the picture.")


# --- the export --------------------------------------------------------------------------------------------


@dataclass
class VideoResult:
    """One video written. ``audio`` is its soundtrack's export (``measured_lufs``, ``measured_true_peak_dbtp``:
    measured on the AAC stream the video carries)."""

    path: Path
    width: int
    height: int
    duration_ms: int  # the soundtrack's
    frames: int | None
    copied_picture: bool
    audio: ExportResult
    subtitle_paths: list[Path] = field(default_factory=list)
    captions: int = 0  # captions burned in
    bilingual_with: int | None = None
    overflowing: list[Overflow] = field(default_factory=list)
    missing: list[int] = field(default_factory=list)  # lines left out (not rendered)
    warnings: list[str] = field(default_factory=list)

    def files(self) -> list[Path]:
        return [self.path, *self.subtitle_paths]

    def sentence(self) -> str:
        picture = "picture copied" if self.copied_picture else f"{self.frames or '?'} frames"
        return (f"{self.path.name}: {self.width}×{self.height}, {self.duration_ms / 1000:.1f} s, {picture}, "
                f"{self.captions} captions, {self.audio.measured_lufs:.1f} LUFS, true peak "
                f"{self.audio.measured_true_peak_dbtp:.1f} dBTP")


def _span(progress: Callable[[float], None] | None, a: float, b: float) -> Callable[[float], None] | None:
    if progress is None:
        return None
    return lambda f: progress(a + (b - a) * max(0.0, min(1.0, f)))


def _media(store: ProjectStore, episode_id: int, request: VideoRequest, backdrop: Backdrop,
           rate: int) -> EpisodeMedia | None:
    if request.music is not None:
        return EpisodeMedia.of(store, episode_id).with_bed(request.music.bed, request.music.audio)
    if request.source_audio == "mix" and isinstance(backdrop, Footage):
        if not backdrop.info.has_audio:
            raise ActionError(f"“{backdrop.path.name}” has no sound of its own to keep under the dialogue.")
        try:
            data = extract_audio(backdrop.path, rate)
        except ProbeError as exc:
            raise ActionError(str(exc)) from exc
        bed = MusicBed(f"{backdrop.path.name} (its own sound)", "flac", max(1, backdrop.info.duration_ms),
                       volume_db=request.source_audio_db, fade_in_ms=0, fade_out_ms=0, loop=False,
                       ducking=Ducking(amount_db=SOURCE_DUCK_DB))
        return EpisodeMedia.of(store, episode_id).with_bed(bed, data)
    return None


def episode_captions(store: ProjectStore, episode_id: int, plans: Sequence[LinePlan], timeline: EpisodeTimeline,
                     request: VideoRequest) -> tuple[list[Caption], int | None]:
    """The episode's captions as the video shows them (split to the small-screen limits; the other language
    under each when bilingual), and the episode that gave the second lines."""
    language = store.episode(episode_id).language
    names = {r.id: r.name for r in store.roles()}
    lines = {p.line.id: p.line for p in plans}
    partner = None
    second: dict[int, str] = {}
    if request.bilingual:
        partner = request.bilingual_with or partner_episode(store, episode_id)
        second = paired_texts(store, episode_id, partner)
    caps = []
    for p in timeline.placements:
        line = lines.get(p.line_id)
        if line is None or not line.text.strip():
            continue
        role = names.get(line.role_id) if line.role_id is not None else None
        caps.append(Caption(p.start_ms, p.end_ms, line.text.strip(), role, second.get(line.id, ""), line.id))
    options = request.subtitle_options or short_video_options(language)
    if request.speaker_names:
        options = replace(options, speaker_names=True)
    return split_captions(caps, options, language), partner


def video_inputs(store: ProjectStore, request: VideoRequest, backdrop: Backdrop | None = None) -> list[Path]:
    """The files a video export reads, which it must never replace: the project's, the music or
    music-and-effects track, and the picture (the cover, the stills, the scene list, the video)."""
    files = exporting.inputs(store, request)  # type: ignore[arg-type]  # the project's files and the music
    choice = request.backdrop
    files += [p for p in (request.me_track, choice.path) if p is not None and not p.is_dir()]
    files += [image for _, image in choice.scenes]
    if isinstance(backdrop, Footage):
        files.append(backdrop.path)
    elif isinstance(backdrop, Still):
        files.append(backdrop.image)
    return files


def check_video_files(store: ProjectStore, episode_id: int, request: VideoRequest, force: bool = False) -> None:
    """``ActionError`` when the episode has no picture, or its video would replace a file the export reads
    (never allowed) or one no export wrote (only with ``force``): to check before anything is rendered."""
    backdrop = resolve_backdrop(store, episode_id, request)
    check_targets(request.files(), [], video_inputs(store, request, backdrop), force)  # again: it may have changed


def _karaoke_builder(store: ProjectStore, episode_id: int, plans: Sequence[LinePlan],
                     timeline: EpisodeTimeline) -> CaptionBuilder:
    """Captions whose words light up as they are heard: the karaoke ASS of the episode's word timings (the
    takes' notes, else aligned now and not saved: the export reads the project), placed like any captions.
    A bilingual second line is not shown: the sweep follows the spoken language."""
    from studio.formats.words import karaoke_file
    from studio.render.word_timing import ensure_timings, timed_lines

    language = store.episode(episode_id).language
    report = ensure_timings(store, plans, save=False)
    lines = timed_lines(store, plans, timeline.placements, report.by_line)

    def build(captions: Sequence[Caption], styles: Mapping[str, AssStyle], layout: CaptionLayout) -> pysubs2.SSAFile:
        shown = {c.line_id for c in captions}
        return karaoke_file([t for t in lines if t.line_id in shown], styles, language=language,
                            play_res=(layout.width, layout.height))

    return build


def export_video(store: ProjectStore, episode_id: int, plans: Sequence[LinePlan], request: VideoRequest, *,
                 progress: Callable[[float], None] | None = None, cancel: CancelToken | None = None,
                 force: bool = False) -> VideoResult:
    """Write the episode's video (see the module's docstring). Raises ``ActionError`` (nothing rendered, no
    picture, lines that do not pair, a file it would replace: one it reads never, one no export wrote only
    with ``force``), ``ExportError`` (ffmpeg failed, with its reason), ``ExportCancelled`` (nothing left
    behind). Synchronous: call it in a worker thread on a reader of the project."""
    if not any(p.status == DONE for p in plans):
        raise ActionError("Nothing to export yet: no line of this episode is rendered. Render it first.")
    backdrop = resolve_backdrop(store, episode_id, request)
    check_targets(request.files(), [], video_inputs(store, request, backdrop), force)  # again: it may have changed
    settings = store.settings
    rate = int(request.sample_rate or settings.sample_rate)
    size = aspect_size(request.aspect) if request.aspect else (None if isinstance(backdrop, Footage)
                                                                else ASPECTS["9:16"])
    frame = size or footage_size(backdrop.info)  # type: ignore[union-attr]
    if request.me_track is not None and request.music is None:
        request = replace(request, music=music_and_effects(request.me_track))
    media = _media(store, episode_id, request, backdrop, rate)
    picture_ms = backdrop.info.duration_ms if isinstance(backdrop, Footage) else 0
    work = Path(tempfile.mkdtemp(prefix="troupe-export-"))
    written: list[Path] = []
    try:
        prepared = prepare_export(store, episode_id, plans, rate=rate, channels=2, media=media, lufs=request.lufs,
                                  true_peak_db=request.true_peak_db, cancel=cancel, progress=_span(progress, 0, 0.2),
                                  min_duration_ms=picture_ms)
        timeline = prepared.timeline
        try:
            captions, partner = episode_captions(store, episode_id, plans, timeline, request)
        except BaseException:
            prepared.close()
            raise
        speech_ms = timeline.duration_ms
        sound = write_export(prepared, work / "sound.m4a", subtitles=(), verify=True, cancel=cancel,
                             progress=_span(progress, 0.2, 0.4))
        styles = request.ass_styles or exporting.caption_styles(store)
        layout = CaptionLayout.for_frame(*frame)
        builder = request.caption_builder or request.caption_style
        if builder == KARAOKE:
            builder = _karaoke_builder(store, episode_id, plans, timeline)
        burn = None
        if request.captions and captions:
            burn = write_caption_file(work / "captions.ass", captions, styles, layout, builder=builder)
        composed = compose(request.out, backdrop, sound.audio_path, sound.duration_ms, size=size, captions=burn,
                           fps=request.fps, preset=request.x264_preset, crf=request.crf, fit=request.fit,
                           progress=_span(progress, 0.4, 1.0), cancel=cancel)
        written.append(composed.path)
        sub_paths = []
        for kind in request.subtitles:
            target = request.out.with_suffix(f".{kind}")
            if kind == "ass":
                path = write_caption_file(target, captions, styles, layout, builder=builder)
            else:
                path = write_subtitles(kind, plain_cues(captions), target)
            written.append(path)
            sub_paths.append(path)
    except VideoCancelled as exc:
        for path in written:
            path.unlink(missing_ok=True)
        raise ExportCancelled(str(exc)) from exc
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    warnings = []
    if picture_ms and speech_ms > picture_ms + PAST_END_TOLERANCE_MS:
        warnings.append(f"The dialogue runs {(speech_ms - picture_ms) / 1000:.1f} s past the end of the picture; "
                        "the last frame stays on screen for it.")
    over = overflowing(plans)
    if over:
        warnings.append(f"{len(over)} line(s) run past their cue: {over[0].sentence()}"
                        + (" …" if len(over) > 1 else ""))
    sound.audio_path = composed.path  # the soundtrack now lives in the video (measured before it went in)
    remember(written)  # an export over them again replaces them without asking
    return VideoResult(composed.path, composed.width, composed.height, sound.duration_ms, composed.frames,
                       composed.copied_picture, sound, sub_paths, len(captions) if burn is not None else 0, partner,
                       over, list(sound.missing), warnings)


# --- batches -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VideoBatchRequest:
    folder: Path
    items: tuple[BatchItem, ...]
    options: VideoRequest  # everything but the file: its ``out`` is a placeholder
    pattern: str = exporting.DEFAULT_PATTERN

    def request_for(self, item: BatchItem) -> VideoRequest:
        return replace(self.options, out=item.out)

    def files(self) -> list[Path]:
        return [f for item in self.items for f in self.request_for(item).files()]

    def existing(self) -> list[Path]:
        return [f for f in self.files() if f.exists()]


@dataclass
class VideoBatchReport:
    files: list[VideoResult] = field(default_factory=list)
    skipped: dict[int, str] = field(default_factory=dict)  # episode id -> why nothing was written
    cancelled: bool = False


def check_video_batch(store: ProjectStore, folder: str | Path, *, episodes: str | Sequence[int] | None = "all",
                      pattern: str = exporting.DEFAULT_PATTERN, **options: object) -> VideoBatchRequest:
    """A batch of videos, or ``ActionError``: which episodes, the folder, the naming pattern, and the
    keywords of ``check_video_request`` (``video``: one picture for all, a folder of images per episode, or
    None for each episode's own video)."""
    base = Path(folder)
    if not base.is_dir():
        raise ActionError(f"The folder {base} does not exist.")
    request = check_video_request(base / f"batch.{VIDEO_FORMAT}", **options)  # type: ignore[arg-type]
    eps = store.episodes()
    numbers = exporting.parse_episodes(episodes, len(eps))
    values = [{"series": safe_name(store.title), "n": n, "nn": f"{n:02d}", "title": safe_name(eps[n - 1].title),
               "lang": eps[n - 1].language} for n in numbers]
    names = exporting.name_files(pattern, values)
    items = tuple(BatchItem(eps[n - 1].id, n, eps[n - 1].title, base / f"{name}.{VIDEO_FORMAT}")
                  for n, name in zip(numbers, names, strict=True))
    return VideoBatchRequest(base, items, request, pattern)


def export_video_batch(store: ProjectStore, request: VideoBatchRequest,
                       plans: Mapping[int, Sequence[LinePlan]] | Callable[[int], Sequence[LinePlan]], *,
                       progress: Callable[[ExportProgress], None] | None = None,
                       cancel: CancelToken | None = None, force: bool = False) -> VideoBatchReport:
    """Every episode of the batch as a video, one after another. An episode with nothing rendered or no
    picture is skipped (``skipped`` says why), as is one whose file exists and was not written by an export
    (unless ``force``); ``cancel`` stops the batch: finished videos stay, the one under
    way leaves nothing, and the report says ``cancelled``."""
    plans_of = plans if callable(plans) else plans.__getitem__
    report = VideoBatchReport()
    total = len(request.items)
    for index, item in enumerate(request.items):
        if cancel is not None and cancel.is_set():
            report.cancelled = True
            break
        item_plans = plans_of(item.episode_id)
        if not any(p.status == DONE for p in item_plans):
            report.skipped[item.episode_id] = "nothing is rendered yet"
            continue

        def step(f: float, i: int = index, out: Path = item.out) -> None:
            if progress is not None:
                progress(ExportProgress(i, total, out, min(1.0, (i + f) / max(1, total))))

        step(0.0)
        item.out.parent.mkdir(parents=True, exist_ok=True)
        try:
            report.files.append(export_video(store, item.episode_id, item_plans, request.request_for(item),
                                             progress=step, cancel=cancel, force=force))
        except ExportCancelled:
            report.cancelled = True
            break
        except ActionError as exc:
            report.skipped[item.episode_id] = str(exc).rstrip(".")
    if progress is not None:
        progress(ExportProgress(len(report.files), total, None, 1.0 if not report.cancelled else
                                len(report.files) / max(1, total)))
    return report


def media_info(path: str | Path) -> MediaInfo:
    """What a video file holds (for a dialog that shows it); ``ActionError`` with a sentence."""
    try:
        return probe(path)
    except ProbeError as exc:
        raise ActionError(str(exc)) from exc


def frames_for(duration_ms: int, fps: int = STILL_FPS) -> int:
    """Frames a video from stills of ``duration_ms`` has."""
    return max(1, math.ceil(duration_ms * fps / 1000 - 1e-6))


__all__ = ["BackdropChoice", "SOURCE_AUDIO", "VIDEO_FORMAT", "VideoBatchReport", "VideoBatchRequest",
           "VideoRequest", "VideoResult", "check_pictures", "check_video_files", "check_video_batch", "check_video_request", "episode_captions",
           "export_video", "export_video_batch", "frames_for", "media_info", "music_and_effects", "video_inputs", "parse_backdrop", "read_scene_list",
           "resolve_backdrop", "video_problems"]
