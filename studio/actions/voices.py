"""The voice library's verbs, shared by the voice library window and the ``troupe`` commands.

Each step a window takes, and the call it makes (``library`` is a ``studio.library.VoiceLibrary``,
``cache`` a ``PreviewCache``, ``engine`` a built engine, e.g. from ``EngineHub.get``):

* list:     ``await refresh(library, ["minimax"], engines=hub.get)``, then ``library.filter(...)`` and
            ``library.problem("minimax")`` for the banner.
* preview:  ``await preview(engine, voice_id, cache=cache, library=library)`` → ``PreviewAudio`` (a file);
            or ``stream = stream_preview(...)``; ``async for block in stream`` gives float32 mono blocks at
            ``stream.sample_rate`` while MiniMax is still speaking, and ``stream.audio`` is the cached
            file once the loop ends. A second preview of the same content makes no request.
* clone:    ``check_clone(CloneRequest(...))`` on every edit of the form (a list of ``CloneProblem``, each
            with its own sentence, nothing sent); ``await clone(engine, library, request, cache=cache)``.
            The user must affirm ``CONSENT_STATEMENT``; it is recorded with the voice.
* design:   ``check_design(prompt, text)``; ``await design(engine, library, prompt, text, name=...)`` →
            the trial audio and the saved voice (its prompt kept, to design it again or vary it).
* blend:    ``check_blend("minimax", [(id, weight), ...], library)``; ``blend(library, name, parts)`` →
            a voice whose id (``mix:a*60+b*40``; Kokoro: ``jf_alpha:60+jm_kumo:40``) a role can be cast with.
* delete:   ``await delete(engine, library, voice_id, cache=cache)``: MiniMax delete_voice, the uploaded
            files, the kept audio and previews, then the library entry (how a withdrawn consent is honoured).
* activate: ``await activate(engine, library, voice_id)``; ``library.warnings()`` before the 7 days end.
* closest:  ``await closest_presets(clip, library)`` → offline presets nearest in pitch and brightness
            ("closest offline match, not a clone").

Failures reach the caller as ``ActionError`` with one sentence (an engine's sentence keeps its trace id).
Must not live here: Qt, click, printing, dialogs.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import logging
import tempfile
import time
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from studio.actions import ActionError
from studio.domain.render_key import SpeechRequest
from studio.engines.speech import EngineError, SpeechEngine
from studio.library.catalog import VoiceLibrary
from studio.library.entries import (
    CONSENT_STATEMENT,
    BlendComponent,
    Consent,
    LibraryVoice,
    SourceClip,
    UploadedFile,
)
from studio.library.matching import PresetMatch
from studio.library.previews import PreviewAudio, PreviewCache, preview_key

log = logging.getLogger(__name__)

PREVIEW_RATE = 24000
BLOCK_MS = 200
SAMPLE_SENTENCES: dict[str, str] = {
    "zh": "你好，这是这个声音的试听。今天的风有点大，记得多穿一件衣服。",
    "yue": "你好，呢个係呢把声嘅试听。今日风好大，记得着多件衫。",
    "en": "Hello, this is how this voice sounds. The wind is up today, so bring a coat.",
    "ja": "こんにちは、これはこの声の試聴です。今日は風が強いので、上着を忘れずに。",
    "ko": "안녕하세요, 이 목소리의 미리 듣기입니다. 오늘은 바람이 많이 부네요.",
    "es": "Hola, así suena esta voz. Hoy hace viento, así que lleva un abrigo.",
    "fr": "Bonjour, voici comment sonne cette voix. Il y a du vent aujourd'hui, prends un manteau.",
    "de": "Hallo, so klingt diese Stimme. Heute ist es windig, nimm eine Jacke mit.",
    "pt": "Olá, é assim que esta voz soa. Hoje está ventando, leve um casaco.",
    "it": "Ciao, ecco come suona questa voce. Oggi c'è vento, porta una giacca.",
    "ru": "Здравствуйте, так звучит этот голос. Сегодня ветрено, возьмите куртку.",
    "ar": "مرحبًا، هكذا يبدو هذا الصوت. الجو عاصف اليوم، فخذ معطفًا.",
}


def sample_text(language: str) -> str:
    """The preview sentence for ``language`` ("zh-CN" uses "zh"; unknown languages get English)."""
    base = (language or "zh").lower().split("-")[0]
    return SAMPLE_SENTENCES.get(base, SAMPLE_SENTENCES["en"])


def preview_language(voice: LibraryVoice | None, fallback: str = "zh") -> str:
    """The language a voice is previewed in by default: its own (the first it lists)."""
    return voice.languages[0] if voice is not None and voice.languages else fallback


def _sentence(exc: BaseException) -> ActionError:
    return ActionError(str(exc))


# --- listing ----------------------------------------------------------------------------------------

async def refresh(library: VoiceLibrary, engine_names: Iterable[str] | None = None, *,
                  engines: Callable[[str], SpeechEngine] | None = None) -> dict[str, str | None]:
    """Refresh each engine's list in the library; returns each engine's ``problem`` sentence (or None).

    ``engines`` gives a built engine by name (the window's ``EngineHub.get``; those are not closed);
    without it each engine is built from the settings and closed again. An engine that cannot be built
    (no MiniMax key) is recorded with ``library.unavailable`` and its cached list is kept.
    """
    from studio.actions.engines import create

    out: dict[str, str | None] = {}
    for name in list(engine_names or library.engines()):
        try:
            engine = engines(name) if engines is not None else create(name)
        except EngineError as exc:
            out[name] = library.unavailable(name, exc)
            continue
        try:
            out[name] = await library.refresh(name, engine)
        finally:
            if engines is None:
                await engine.aclose()
    return out


# --- previews ---------------------------------------------------------------------------------------

def _preview_request(engine: SpeechEngine, voice_id: str, text: str, language: str,
                     extra: Iterable[tuple[str, str]]) -> SpeechRequest:
    if not voice_id.strip():
        raise ActionError("Choose a voice to preview.")
    if not text.strip():
        raise ActionError("The preview text is empty: type a sentence, or leave it out for the sample sentence.")
    request = SpeechRequest(engine=engine.name, voice_id=voice_id, text=text, language=language,
                            model=engine.model, audio_format="wav", sample_rate=PREVIEW_RATE,
                            extra=tuple(sorted(extra)))
    try:
        return engine.prepare(request)
    except EngineError as exc:
        raise _sentence(exc) from exc


def _resolve_preview(engine: SpeechEngine, voice_id: str, text: str | None, language: str | None,
                     library: VoiceLibrary | None) -> tuple[str, str]:
    if language is None:
        voice = library.get(voice_id, engine.name) if library is not None else None
        language = preview_language(voice)
    return (text if text is not None else sample_text(language)), language


async def preview(engine: SpeechEngine, voice_id: str, text: str | None = None, language: str | None = None,
                  cache: PreviewCache | None = None, *, library: VoiceLibrary | None = None,
                  extra: Iterable[tuple[str, str]] = ()) -> PreviewAudio:
    """A preview of ``voice_id`` as a file, from the cache when the same content was heard before.

    ``text`` defaults to the sample sentence of ``language``, which defaults to the voice's own language
    (from ``library``). ``extra`` are engine extras that change the sound (a voice effect ...).
    """
    cache = cache or PreviewCache()
    spoken, lang = _resolve_preview(engine, voice_id, text, language, library)
    prepared = _preview_request(engine, voice_id, spoken, lang, extra)
    key = preview_key(prepared)
    hit = cache.get(key)
    if hit is not None:
        return hit
    try:
        result = await engine.synthesize(prepared)
    except EngineError as exc:
        raise _sentence(exc) from exc
    return cache.put(key, result.audio, result.format, sample_rate=result.sample_rate,
                     duration_ms=result.duration_ms, engine=engine.name, voice_id=voice_id)


class PreviewStream:
    """float32 mono sample blocks of a preview at ``sample_rate``: ``async for block in stream``.

    ``cached`` says the blocks come from the cache (no request). When the loop has run to its end,
    ``audio`` is the preview file in the cache; a loop left early caches nothing.
    """

    def __init__(self, sample_rate: int, blocks: AsyncIterator[np.ndarray], *, cached: bool,
                 audio: PreviewAudio | None = None) -> None:
        self.sample_rate = int(sample_rate)
        self.cached = cached
        self.audio = audio
        self._blocks = blocks

    def __aiter__(self) -> AsyncIterator[np.ndarray]:
        return self._blocks

    async def aclose(self) -> None:
        closer = getattr(self._blocks, "aclose", None)
        if closer is not None:
            await closer()


def _blocks_of(samples: np.ndarray, rate: int, block_ms: int) -> list[np.ndarray]:
    size = max(1, int(rate * block_ms / 1000))
    return [samples[i:i + size] for i in range(0, len(samples), size)] or [samples]


def _decode(audio: bytes) -> tuple[np.ndarray, int]:
    import soundfile

    data, rate = soundfile.read(io.BytesIO(audio), dtype="float32", always_2d=True)
    return np.ascontiguousarray(data.mean(axis=1), dtype=np.float32), int(rate)


def stream_preview(engine: SpeechEngine, voice_id: str, text: str | None = None, language: str | None = None,
                   cache: PreviewCache | None = None, *, library: VoiceLibrary | None = None,
                   extra: Iterable[tuple[str, str]] = (), block_ms: int = BLOCK_MS) -> PreviewStream:
    """A preview as sample blocks, so a player can start before the clip is complete.

    MiniMax streams raw pcm (``MiniMaxEngine.stream_samples``); other engines synthesize the whole clip
    and hand it over in blocks. A cached preview is read from its file without a request. Bad input
    raises ``ActionError`` here; an engine failure while streaming raises it from the loop.
    """
    cache = cache or PreviewCache()
    spoken, lang = _resolve_preview(engine, voice_id, text, language, library)
    prepared = _preview_request(engine, voice_id, spoken, lang, extra)
    streams = hasattr(engine, "stream_samples")
    # A stream never carries the AI-content watermark (MiniMax adds it to whole files only).
    key = preview_key(prepared, ignore_extra=frozenset({"aigc_watermark"}) if streams else frozenset())
    hit = cache.get(key)
    if hit is not None:
        samples, rate = _decode(hit.path.read_bytes())

        async def from_file() -> AsyncIterator[np.ndarray]:
            for block in _blocks_of(samples, rate, block_ms):
                yield block

        return PreviewStream(rate, from_file(), cached=True, audio=hit)

    if streams:
        samples_stream = engine.stream_samples(prepared)  # type: ignore[attr-defined]
        stream: PreviewStream

        async def live() -> AsyncIterator[np.ndarray]:
            try:
                async for block in samples_stream:
                    yield block
            except EngineError as exc:
                raise _sentence(exc) from exc
            stream.audio = cache.put(key, samples_stream.wav(), "wav", sample_rate=samples_stream.sample_rate,
                                     duration_ms=samples_stream.duration_ms, engine=engine.name,
                                     voice_id=voice_id)

        stream = PreviewStream(samples_stream.sample_rate, live(), cached=False)
        return stream

    async def whole() -> AsyncIterator[np.ndarray]:
        try:
            result = await engine.synthesize(prepared)
        except EngineError as exc:
            raise _sentence(exc) from exc
        samples, rate = await asyncio.to_thread(_decode, result.audio)
        stream.sample_rate = rate
        for block in _blocks_of(samples, rate, block_ms):
            yield block
        stream.audio = cache.put(key, result.audio, result.format, sample_rate=result.sample_rate,
                                 duration_ms=result.duration_ms, engine=engine.name, voice_id=voice_id)

    stream = PreviewStream(prepared.sample_rate, whole(), cached=False)
    return stream


# --- cloning ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CloneProblem:
    """One reason a clone cannot start: the form ``field`` it is about, a code, and the sentence."""

    field: str  # "name" | "consent" | "voice_id" | "audio" | "trim" | "prompt_audio" | "options"
    code: str
    sentence: str


class CloneRefused(ActionError):
    """The clone was not started; ``problems`` holds every reason (the message is the first)."""

    def __init__(self, problems: Sequence[CloneProblem]) -> None:
        super().__init__(problems[0].sentence)
        self.problems = list(problems)


@dataclass(frozen=True)
class CloneRequest:
    """What the clone form (or ``troupe clone``) asks for."""

    audio: Path | str
    name: str
    consent: bool = False  # the user affirmed CONSENT_STATEMENT
    voice_id: str | None = None  # None: generated from the name
    trim_start: float | None = None  # seconds; cut the clip to [start, end] before upload
    trim_end: float | None = None
    prompt_audio: Path | str | None = None  # under 8 s, with its exact transcript
    prompt_text: str | None = None
    preview_text: str | None = None  # spoken by the new voice as its demo
    transcript: str | None = None  # what is said in the clip: MiniMax checks it (text_validation)
    accuracy: float | None = None  # how close the check must be, (0, 1]; MiniMax's default 0.7
    noise_reduction: bool = False
    volume_normalization: bool = False
    language: str = "zh"  # the voice's own language
    gender: str | None = None
    age: str | None = None
    styles: tuple[str, ...] = ()
    description: str = ""
    model: str | None = None  # for the demo; the engine's model by default

    @property
    def trimming(self) -> bool:
        return self.trim_start is not None or self.trim_end is not None


@dataclass(frozen=True)
class CloneOutcome:
    voice: LibraryVoice
    demo: PreviewAudio | None = None
    billed_chars: int = 0
    trace_id: str | None = None


def generate_voice_id(name: str) -> str:
    """A fresh MiniMax voice id from a display name (always valid)."""
    from studio.engines.minimax.voices import generate_voice_id as generate

    return generate(name)


def check_clone(request: CloneRequest) -> list[CloneProblem]:
    """Every reason ``request`` cannot be sent, each with its own sentence; empty when it can.

    Reads the clip's first bytes and its length; sends nothing.
    """
    from studio.engines.minimax import voices as mm
    from studio.engines.minimax.errors import ClipError

    problems: list[CloneProblem] = []

    def add(field_name: str, code: str, sentence: str) -> None:
        problems.append(CloneProblem(field_name, code, sentence))

    if not request.name.strip():
        add("name", "name", "Give the new voice a name.")
    if not request.consent:
        add("consent", "consent", f"Cloning needs the speaker's permission: confirm “{CONSENT_STATEMENT}” "
                                  f"before anything is uploaded.")
    if request.voice_id:
        why = mm.voice_id_problem(request.voice_id)
        if why:
            add("voice_id", "voice-id", f"The voice id {request.voice_id!r} cannot be used: {why}.")
    try:
        path, fmt, _ = mm.check_clip_file(request.audio, check_size=not request.trimming)
        duration = mm.measure_duration(path, fmt)
        if request.trimming:
            problem = _trim_problem(request.trim_start, request.trim_end, duration)
            if problem:
                add("trim", "trim", problem)
        elif duration < mm.CLIP_MIN_SECONDS:
            add("audio", "clip-too-short", f"The clone sample {path.name} is {duration:.1f} s long; it must be "
                                           f"10 seconds to 5 minutes of speech: choose a longer recording.")
        elif duration > mm.CLIP_MAX_SECONDS:
            add("audio", "clip-too-long", f"The clone sample {path.name} is {duration:.1f} s long; it must be "
                                          f"10 seconds to 5 minutes of speech: trim it to at most 5 minutes.")
    except ClipError as exc:
        add("audio", str(exc.code or "clip"), exc.message)
    if request.prompt_audio is not None:
        try:
            mm.check_clip(request.prompt_audio, prompt=True)
        except ClipError as exc:
            add("prompt_audio", str(exc.code or "clip"), exc.message)
    from studio.engines.minimax.models import DEFAULT_MODEL, language_boost_for

    option = mm.clone_options_problem(prompt_audio=request.prompt_audio, prompt_text=request.prompt_text,
                                      preview_text=request.preview_text, model=request.model or DEFAULT_MODEL,
                                      text_validation=request.transcript, accuracy=request.accuracy,
                                      language_boost=language_boost_for(request.language))
    if option:
        add("prompt_audio" if "prompt" in option else "options", "options", option)
    return problems


def _trim_problem(start: float | None, end: float | None, duration: float) -> str | None:
    begin = 0.0 if start is None else float(start)
    stop = duration if end is None else float(end)
    if begin < 0:
        return "The trim start must be 0 seconds or later."
    if stop <= begin:
        return f"The trim end ({stop:.1f} s) must come after its start ({begin:.1f} s)."
    if stop > duration + 0.05:
        return f"The trim end {stop:.1f} s is past the end of the clip ({duration:.1f} s long)."
    length = stop - begin
    if length < 10.0:
        return f"The trimmed part is {length:.1f} s long; keep 10 seconds to 5 minutes of speech."
    if length > 300.0:
        return f"The trimmed part is {length:.1f} s long; keep at most 5 minutes."
    return None


def trim_clip(path: Path | str, start: float | None, end: float | None, folder: Path) -> Path:
    """The part [start, end] of a clip as a 16-bit mono WAV (at most 32 kHz, so 5 minutes stay under 20 MB)."""
    import soundfile
    import soxr

    from studio.audio.decode import DecodeError, read_audio_file

    try:
        samples, rate = read_audio_file(path)
    except (DecodeError, RuntimeError) as exc:  # RuntimeError: no ffmpeg for an m4a clip
        raise ActionError(f"The clip could not be decoded for trimming ({exc}).") from None
    begin = int(max(0.0, start or 0.0) * rate)
    stop = int((end if end is not None else len(samples) / rate) * rate)
    part = samples[begin:stop]
    target = min(rate, 32000)
    if target != rate:
        part = np.asarray(soxr.resample(part, rate, target), dtype=np.float32)
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix="clip-", suffix=".wav", dir=folder)
    with open(fd, "wb") as fh:
        soundfile.write(fh, np.clip(part, -1.0, 1.0), target, format="WAV", subtype="PCM_16")
    return Path(name)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _keep_sample(library: VoiceLibrary, voice_id: str, audio: bytes, fmt: str, what: str) -> Path:
    folder = library.folder / "samples"
    folder.mkdir(parents=True, exist_ok=True)
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in voice_id)
    path = folder / f"{safe}-{what}.{fmt}"
    path.write_bytes(audio)
    return path


def _cache_sample(engine: SpeechEngine, cache: PreviewCache | None, voice_id: str, text: str, language: str,
                  audio: bytes, fmt: str) -> PreviewAudio | None:
    """Keep a clone's demo or a design's trial as the preview of that text, so hearing it again is free."""
    if cache is None:
        return None
    try:
        prepared = engine.prepare(SpeechRequest(engine=engine.name, voice_id=voice_id, text=text, language=language,
                                                model=engine.model, audio_format="wav", sample_rate=PREVIEW_RATE))
        samples, rate = _decode(audio)
    except Exception:  # a demo that cannot be decoded is still kept with the voice
        log.warning("could not keep the sample of %s as a preview", voice_id)
        return None
    duration = round(len(samples) * 1000 / rate) if rate else 0
    key = preview_key(prepared, ignore_extra=frozenset({"aigc_watermark"}))
    return cache.put(key, audio, fmt, sample_rate=rate, duration_ms=duration, engine=engine.name, voice_id=voice_id)


async def clone(engine: Any, library: VoiceLibrary, request: CloneRequest, *,
                cache: PreviewCache | None = None) -> CloneOutcome:
    """Clone a voice on MiniMax and keep it in the library with its expiry, consent and source facts.

    ``check_clone`` runs first: any problem raises ``CloneRefused`` and nothing is uploaded. A trimmed
    clip is cut into a temporary file that is deleted after the upload.
    """
    from studio.engines.minimax.models import language_boost_for
    from studio.engines.minimax.voices import activation_deadline

    problems = check_clone(request)
    if problems:
        raise CloneRefused(problems)
    consent = Consent(CONSENT_STATEMENT, time.time())
    original = Path(request.audio)
    upload = await asyncio.to_thread(trim_clip, original, request.trim_start, request.trim_end,
                                     library.folder / "uploads") if request.trimming else original
    try:
        from studio.engines.minimax.voices import check_clip

        clip = await asyncio.to_thread(check_clip, upload)
        options: dict[str, Any] = {
            "voice_id": request.voice_id or None, "prompt_audio": request.prompt_audio,
            "prompt_text": request.prompt_text, "preview_text": request.preview_text or None,
            "need_noise_reduction": request.noise_reduction,
            "need_volume_normalization": request.volume_normalization,
            "language_boost": language_boost_for(request.language),
            "text_validation": request.transcript, "accuracy": request.accuracy}
        if request.model:
            options["model"] = request.model
        result = await engine.clone(upload, name=request.name.strip(), **options)
        digest = await asyncio.to_thread(_sha256, original)
    except EngineError as exc:
        raise _sentence(exc) from exc
    finally:
        if upload != original:
            upload.unlink(missing_ok=True)
    sample_path = None
    demo = None
    if result.demo_audio:
        sample_path = _keep_sample(library, result.voice_id, result.demo_audio, result.demo_format, "demo")
        demo = _cache_sample(engine, cache, result.voice_id, request.preview_text or "", request.language,
                             result.demo_audio, result.demo_format)
    source = SourceClip(
        file_name=original.name, format=clip.format, duration_s=round(clip.duration_s, 3),
        size_bytes=original.stat().st_size, sha256=digest, trim_start_s=request.trim_start,
        trim_end_s=request.trim_end, noise_reduction=request.noise_reduction,
        volume_normalization=request.volume_normalization, transcript=request.transcript,
        prompt_file_name=Path(request.prompt_audio).name if request.prompt_audio else None,
        prompt_text=request.prompt_text)
    voice = LibraryVoice(
        engine="minimax", voice_id=result.voice_id, name=request.name.strip(), kind="cloned",
        gender=request.gender, age=request.age, languages=(request.language,), styles=tuple(request.styles),
        description=request.description or f"Cloned from {original.name}", created_at=result.created_at,
        expires_at=activation_deadline(result.created_at), consent=consent, source=source,
        uploaded_files=tuple(UploadedFile(fid, purpose) for fid, purpose in result.uploaded_files),
        sample_path=str(sample_path) if sample_path else None)
    library.add(voice)
    return CloneOutcome(voice=voice, demo=demo, billed_chars=result.billed_chars, trace_id=result.trace_id)


# --- design -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DesignOutcome:
    voice: LibraryVoice
    trial: PreviewAudio | None
    billed_chars: int = 0


def check_design(prompt: str, preview_text: str, voice_id: str | None = None) -> list[str]:
    """Every reason a design cannot be sent (prompt, preview text, voice id), each its own sentence."""
    from studio.engines.minimax import voices as mm

    problems = []
    if not prompt.strip():
        problems.append("Describe the voice to design (the prompt is empty).")
    if not preview_text.strip():
        problems.append("Give a preview text for the designed voice.")
    elif len(preview_text) > mm.DESIGN_PREVIEW_MAX_CHARS:
        problems.append(f"The preview text is {len(preview_text)} characters; at most "
                        f"{mm.DESIGN_PREVIEW_MAX_CHARS} are allowed for a designed voice.")
    if voice_id:
        why = mm.voice_id_problem(voice_id)
        if why:
            problems.append(f"The voice id {voice_id!r} cannot be used: {why}.")
    return problems


async def design(engine: Any, library: VoiceLibrary, prompt: str, preview_text: str, *, name: str | None = None,
                 voice_id: str | None = None, language: str = "zh", gender: str | None = None,
                 age: str | None = None, styles: Sequence[str] = (),
                 cache: PreviewCache | None = None) -> DesignOutcome:
    """Design a MiniMax voice from ``prompt``; its trial audio and prompt are kept with it in the library.

    To design it again or vary it, call this again with the kept ``voice.prompt`` (changed or not).
    """
    from studio.engines.minimax.voices import activation_deadline

    problems = check_design(prompt, preview_text, voice_id)
    if problems:
        raise ActionError(problems[0])
    try:
        result = await engine.design(prompt.strip(), preview_text, voice_id=voice_id or None)
    except EngineError as exc:
        raise _sentence(exc) from exc
    sample = _keep_sample(library, result.voice_id, result.audio, result.format, "trial")
    trial = _cache_sample(engine, cache, result.voice_id, preview_text, language, result.audio, result.format)
    label = (name or "").strip() or prompt.strip()[:40]
    voice = LibraryVoice(
        engine="minimax", voice_id=result.voice_id, name=label, kind="designed", gender=gender, age=age,
        languages=(language,), styles=tuple(styles), description=f"Designed: {prompt.strip()}",
        created_at=result.created_at, expires_at=activation_deadline(result.created_at), prompt=prompt.strip(),
        sample_path=str(sample))
    library.add(voice)
    return DesignOutcome(voice=voice, trial=trial, billed_chars=result.billed_chars)


# --- blends -----------------------------------------------------------------------------------------

BLEND_ENGINES = ("minimax", "kokoro")


def parse_components(items: Iterable[str]) -> list[tuple[str, int]]:
    """``["female-shaonv:60", "male-qn-jingying:40"]`` (the last ``:`` or ``*`` splits) as (id, weight)."""
    out = []
    for item in items:
        text = item.strip()
        cut = max(text.rfind(":"), text.rfind("*"))
        if cut <= 0 or not text[cut + 1:].strip().isdigit():
            raise ActionError(f"{item!r} is not VOICE:WEIGHT: write each voice with a whole-number weight from "
                              f"1 to 100, like female-shaonv:60.")
        out.append((text[:cut].strip(), int(text[cut + 1:])))
    return out


def check_blend(engine_name: str, components: Sequence[tuple[str, int]],
                library: VoiceLibrary | None = None) -> list[str]:
    """Every reason these parts do not make a blend on ``engine_name``, each its own sentence."""
    if engine_name not in BLEND_ENGINES:
        return [f"Blends are made of MiniMax or Kokoro voices; {engine_name} cannot blend voices."]
    problems: list[str] = []
    parts = [BlendComponent(vid, w) for vid, w in components]
    if not 2 <= len(parts) <= 4:
        problems.append(f"A blend mixes two to four voices, not {len(parts)}.")
    for part in parts:
        if isinstance(part.weight, bool) or not isinstance(part.weight, int) or not 1 <= part.weight <= 100:
            problems.append(f"The weight of {part.voice_id!r} is {part.weight!r}; weights are whole numbers "
                            f"from 1 to 100.")
    ids = [p.voice_id for p in parts]
    for vid in sorted({v for v in ids if ids.count(v) > 1}):
        problems.append(f"The blend names {vid!r} twice: give each voice once with its weight.")
    for vid in dict.fromkeys(ids):
        problem = _component_problem(engine_name, vid, library)
        if problem:
            problems.append(problem)
    return problems


def _component_problem(engine_name: str, voice_id: str, library: VoiceLibrary | None) -> str | None:
    if not voice_id.strip():
        return "A voice of the blend has no id."
    if engine_name == "kokoro":
        from studio.engines.offline_presets import KOKORO_BASE_VOICES, KOKORO_RECIPES

        if voice_id not in KOKORO_BASE_VOICES and voice_id not in KOKORO_RECIPES:
            return (f"Kokoro has no voice {voice_id!r} to blend: use its base voices "
                    f"({', '.join(KOKORO_BASE_VOICES)}) or presets.")
        return None
    from studio.engines.minimax.blend import is_blend

    if "+" in voice_id or is_blend(voice_id):
        return f"The blend cannot contain {voice_id!r}: a blend is made of plain voices, not of other blends."
    if library is not None:
        known = library.get(voice_id, "minimax")
        if known is not None and known.kind == "blend":
            return f"The blend cannot contain the blend {known.name!r}: choose plain voices."
        if known is None and library.fetched_at("minimax") is not None:
            return (f"MiniMax has no voice {voice_id!r} in your library: pick a system, cloned or designed "
                    f"voice.")
    return None


def blend_voice_id(engine_name: str, components: Sequence[tuple[str, int]]) -> str:
    """The voice id a role is cast with: ``mix:a*60+b*40`` (MiniMax) or ``jf_alpha:60+jm_kumo:40`` (Kokoro,
    presets flattened into their base voices; their speed and pitch are not carried over)."""
    if engine_name == "minimax":
        from studio.engines.minimax.blend import BlendPart, blend_spec

        try:
            return blend_spec(BlendPart(vid, w) for vid, w in components)
        except EngineError as exc:
            raise _sentence(exc) from exc
    from studio.engines.offline_presets import KOKORO_RECIPES

    weights: dict[str, float] = {}
    for vid, weight in components:
        recipe = KOKORO_RECIPES.get(vid)
        parts = recipe.blend if recipe is not None else ((vid, 1.0),)
        total = sum(w for _, w in parts)
        for base, w in parts:
            weights[base] = weights.get(base, 0.0) + weight * w / total
    return "+".join(f"{base}:{round(w, 2):g}" for base, w in weights.items())


def blend(library: VoiceLibrary, name: str, components: Sequence[tuple[str, int]], *,
          engine_name: str = "minimax", gender: str | None = None, age: str | None = None,
          languages: Sequence[str] | None = None, styles: Sequence[str] = (), description: str = "") -> LibraryVoice:
    """Save a blend of two to four voices in the library; nothing is sent anywhere."""
    problems = check_blend(engine_name, components, library)
    if not name.strip():
        problems.insert(0, "Give the blend a name.")
    if problems:
        raise ActionError(problems[0])
    spec = blend_voice_id(engine_name, components)
    existing = library.get(spec, engine_name)
    if existing is not None and existing.own:
        raise ActionError(f"This blend is already in the library as “{existing.name}”.")
    parts = [library.get(vid, engine_name) for vid, _ in components]
    genders = {p.gender for p in parts if p is not None}
    if languages is None:
        common = [set(p.languages) for p in parts if p is not None]
        shared = set.intersection(*common) if common else set()
        first = parts[0].languages if parts[0] is not None else ("zh",)
        languages = [lang for lang in first if lang in shared] or list(first)
    mix = " + ".join(f"{vid} {w}" for vid, w in components)
    voice = LibraryVoice(
        engine=engine_name, voice_id=spec, name=name.strip(), kind="blend",
        gender=gender or (genders.pop() if len(genders) == 1 else None), age=age,
        languages=tuple(languages), styles=tuple(styles), description=description or f"Blend of {mix}",
        created_at=time.time(), components=tuple(BlendComponent(vid, w) for vid, w in components))
    return library.add(voice)


# --- lifecycle --------------------------------------------------------------------------------------

async def activate(engine: Any, library: VoiceLibrary, voice_id: str) -> LibraryVoice | None:
    """Use a new MiniMax voice once (a short real synthesis) so MiniMax keeps it; returns its entry."""
    voice = library.get(voice_id, "minimax")
    try:
        await engine.activate(voice_id, language=preview_language(voice))
    except EngineError as exc:
        raise _sentence(exc) from exc
    library.mark_used(voice_id, engine="minimax")
    return library.get(voice_id, "minimax")


@dataclass
class DeleteOutcome:
    voice: LibraryVoice
    sentences: list[str] = field(default_factory=list)  # what was done, for the user


def _gone_already(exc: EngineError) -> bool:
    return exc.code in (2013, 20132) and "not found" in (getattr(exc, "status_msg", "") or str(exc)).lower()


async def delete(engine: Any, library: VoiceLibrary, voice_id: str, *, cache: PreviewCache | None = None,
                 engine_name: str | None = None) -> DeleteOutcome:
    """Delete one of the user's own voices everywhere: on MiniMax (delete_voice, and each file uploaded
    for it), its kept demo audio and previews, and its library entry. This is how a speaker's withdrawn
    consent is honoured. A failure on MiniMax keeps the entry (so it can be tried again) and says why."""
    voice = library.get(voice_id, engine_name)
    if voice is None:
        raise ActionError(f"There is no voice {voice_id!r} in the library.")
    if not voice.own:
        raise ActionError(f"{voice.name} ({voice.voice_id}) is one of {voice.engine}'s own voices; only your "
                          f"clones, designs and blends can be deleted.")
    sentences: list[str] = []
    if voice.engine == "minimax" and voice.kind in ("cloned", "designed"):
        if engine is None:
            raise ActionError("Deleting a MiniMax voice needs MiniMax: add a key in Settings and try again.")
        remaining = list(voice.uploaded_files)
        for upload in voice.uploaded_files:
            try:
                await engine.delete_file(upload.file_id, upload.purpose)
            except EngineError as exc:
                if not _gone_already(exc):
                    library.update(voice.voice_id, voice.engine, uploaded_files=tuple(remaining))
                    raise ActionError(f"The file uploaded for {voice.name} could not be deleted on MiniMax "
                                      f"({exc}); nothing else was deleted yet: try again.") from exc
            remaining.remove(upload)
        if voice.uploaded_files:
            count = len(voice.uploaded_files)
            sentences.append(f"Deleted the {count} file{'s' if count > 1 else ''} uploaded for it on MiniMax.")
        kind = "voice_cloning" if voice.kind == "cloned" else "voice_generation"
        try:
            await engine.delete_voice(voice.voice_id, kind)
            sentences.append(f"Deleted the voice {voice.voice_id} on MiniMax.")
        except EngineError as exc:
            if not _gone_already(exc):
                library.update(voice.voice_id, voice.engine, uploaded_files=())
                raise ActionError(f"MiniMax could not delete the voice {voice.voice_id} ({exc}): try again.") from exc
            sentences.append(f"MiniMax no longer had the voice {voice.voice_id}.")
    if voice.sample_path:
        Path(voice.sample_path).unlink(missing_ok=True)
    previews = (cache or PreviewCache()).forget_voice(voice.voice_id, voice.engine)
    if previews:
        sentences.append(f"Removed {previews} preview{'s' if previews > 1 else ''} of it.")
    library.remove(voice.voice_id, voice.engine)
    sentences.append(f"Removed {voice.name} from the library.")
    return DeleteOutcome(voice=voice, sentences=sentences)


def expiry_warnings(library: VoiceLibrary, now: float | None = None, within_days: float = 2.0) -> list[str]:
    """A sentence per new voice that MiniMax deletes soon unless it is used (see ``activate``)."""
    return library.warnings(now, within_days)


# --- the closest offline preset ----------------------------------------------------------------------

async def closest_presets(clip: Path | str, library: VoiceLibrary, *, engine: SpeechEngine | None = None,
                          top: int = 3, language: str = "zh",
                          progress: Callable[[int, int], None] | None = None) -> list[PresetMatch]:
    """The offline presets nearest to the voice in ``clip`` by median pitch and brightness, best first.

    Each preset's rendering of the sample sentence is measured once (with ``engine``, the Kokoro engine
    by default; the first time takes a few seconds per preset, reported through ``progress(done, total)``)
    and kept in the library folder. The result is labelled "closest offline match, not a
    clone": two numbers alike, not the same voice.
    """
    from studio.audio.decode import DecodeError, read_audio_file
    from studio.engines.offline_presets import ESPEAK_RECIPES, KOKORO_RECIPES, PRESET_IDS, PRESETS
    from studio.library.matching import MeasureError, measure, preset_measures, rank

    def measure_clip() -> Any:
        samples, rate = read_audio_file(clip)
        return measure(samples, rate)

    try:
        wanted = await asyncio.to_thread(measure_clip)
    except (DecodeError, RuntimeError):  # RuntimeError: no ffmpeg for an m4a clip
        raise ActionError(f"{Path(clip).name} could not be read as audio: choose a recording (wav, mp3, "
                          f"m4a ...).") from None
    except MeasureError as exc:
        raise ActionError(str(exc)) from None
    own = engine is None
    if engine is None:
        from studio.actions.engines import create

        try:
            engine = create("kokoro")
        except EngineError as exc:
            raise _sentence(exc) from exc
    recipes: dict[str, Any] = ESPEAK_RECIPES if engine.name == "espeak" else KOKORO_RECIPES
    try:
        measures = await preset_measures(engine, library.folder / "preset-measures.json", sample_text(language),
                                         [(pid, repr(recipes[pid])) for pid in PRESET_IDS], language,
                                         progress)
    except (EngineError, MeasureError) as exc:
        raise _sentence(exc) from exc
    finally:
        if own:
            await engine.aclose()
    names = {pid: PRESETS[pid].display_name for pid in PRESET_IDS}
    return rank(wanted, measures, engine=engine.name, names=names, top=top)


__all__ = ["CONSENT_STATEMENT", "CloneOutcome", "CloneProblem", "CloneRefused", "CloneRequest", "DeleteOutcome",
           "DesignOutcome", "PreviewStream", "SAMPLE_SENTENCES", "activate", "blend", "blend_voice_id",
           "check_blend", "check_clone", "check_design", "clone", "closest_presets", "delete", "design",
           "expiry_warnings", "generate_voice_id", "parse_components", "preview", "preview_language", "refresh",
           "sample_text", "stream_preview", "trim_clip"]
