"""``MiniMaxEngine``: the MiniMax ``SpeechEngine`` (t2a_v2, plain and streaming) plus voice helpers.

``prepare`` turns an engine-neutral ``SpeechRequest`` into exactly what will be sent (fields the model
rejects dropped, audio settings snapped to allowed values, a blend spec checked) so render keys match
the request. ``synthesize`` returns one encoded file; ``stream_speech`` yields audio bytes as they
arrive and ``stream_samples`` float32 blocks of a ``pcm`` stream, for previews that start playing
before the clip is complete.

A voice id ``mix:female-shaonv*60+male-qn-jingying*40`` (see ``blend``) is sent as ``timbre_weights``
with an empty ``voice_setting.voice_id``. With ``aigc_watermark`` (constructor option, else the
``aigc_watermark`` key of the MiniMax settings) non-streaming requests ask for MiniMax's audible
AI-content mark; it is part of the prepared request, so it changes the render key. Non-streaming requests
also ask for the word-level subtitle file (``word_timings``, on by default): it times every word of the
take (``SpeechResult.spans``) and leaves the audio and the render key as they are.

Each successful synthesis (plain or streamed) is announced to ``voice_used`` listeners with the voice
id, so the voice library can record a real use (it is what keeps a new clone from expiring). Voice
listing, cloning, design, deletion and activation delegate to ``voices``. Transport, retries and rate
limits live in ``client`` / ``ratelimit``; no Qt, no project-file access here.
"""

from __future__ import annotations

import io
import logging
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx

from studio.domain.markup import for_minimax
from studio.domain.render_key import SpeechRequest
from studio.domain.words import Span
from studio.engines.minimax import voices as voice_ops
from studio.engines.minimax.blend import blend_spec, is_blend, parse_blend, timbre_weights
from studio.engines.minimax.client import MiniMaxClient, RetryPolicy
from studio.engines.minimax.config import MiniMaxConfig, Secret, load_settings, region_of
from studio.engines.minimax.errors import (
    InvalidParameterError,
    InvalidRequestError,
    MalformedResponseError,
    ServiceError,
)
from studio.engines.minimax.models import (
    DEFAULT_BITRATE,
    DEFAULT_MODEL,
    FORMATS,
    MAX_TEXT_CHARS,
    SAMPLE_RATES,
    SOUND_EFFECTS,
    STREAM_FORMATS,
    VOICE_MODIFY_FORMATS,
    language_boost_for,
    nearest_sample_rate,
    normalize_emotion,
    speech_model,
)
from studio.engines.minimax.ratelimit import EndpointLimit, RateLimits
from studio.engines.minimax.streaming import SampleStream, pcm_to_wav
from studio.engines.minimax.subtitles import parse_subtitle_file
from studio.engines.speech import SpeechResult, Voice

log = logging.getLogger("studio.engines.minimax")

T2A_PATH = "/v1/t2a_v2"
VOICE_MODIFY_KEYS = ("pitch", "intensity", "timbre", "sound_effects")
KNOWN_EXTRA = frozenset({"label", "language_boost", "text_normalization"}
                        | {f"voice_modify.{k}" for k in VOICE_MODIFY_KEYS})
WATERMARK_EXTRA = "aigc_watermark"  # set by prepare() from the engine's option, never taken from a caller


def request_label(request: SpeechRequest) -> str | None:
    """The line label carried in ``request.extra`` (for error sentences), if any."""
    return dict(request.extra).get("label") or None


class MiniMaxEngine:
    """Speech through MiniMax's t2a_v2, with voices, cloning and design on the same account."""

    name = "minimax"

    def __init__(self, api_key: str | Secret | None = None, host: str | None = None,
                 model: str = DEFAULT_MODEL, limits: RateLimits | Mapping[str, EndpointLimit] | None = None,
                 client: httpx.AsyncClient | None = None, *, group_id: str | None = None,
                 retry: RetryPolicy | None = None, max_concurrency: int | None = None,
                 settings: Mapping[str, Any] | None = None, timeout: float = 60.0,
                 aigc_watermark: bool | None = None, word_timings: bool = True) -> None:
        cfg = settings if settings is not None else load_settings()
        self.aigc_watermark = bool(cfg.get("aigc_watermark", False) if aigc_watermark is None else aigc_watermark)
        self.word_timings = word_timings  # ask for the subtitle file with each word's time
        self.voice_used: list[Callable[[str], None]] = []
        self.config = MiniMaxConfig.resolve(api_key, host, group_id, cfg)
        speech_model(model)
        self._model = model
        if isinstance(limits, RateLimits):
            self.limits = limits
        elif limits is not None:
            self.limits = RateLimits(limits)
        elif cfg.get("limits"):
            self.limits = RateLimits.from_settings(cfg["limits"])
        else:
            self.limits = RateLimits.for_region(region_of(self.config.host) or "global")
        self._max_concurrency = max_concurrency
        self.transport = MiniMaxClient(self.config, limits=self.limits, client=client, retry=retry,
                                       timeout=timeout)
        self._no_emotion: set[str] = set()  # models that answered 2013 to an emotion

    def __repr__(self) -> str:
        return f"MiniMaxEngine(host={self.config.host!r}, model={self._model!r})"

    # --- SpeechEngine -------------------------------------------------------------------------------
    @property
    def model(self) -> str:
        return self._model

    @property
    def max_concurrency(self) -> int:
        return self._max_concurrency or self.limits.max_concurrency("speech")

    def prepare(self, request: SpeechRequest) -> SpeechRequest:
        """The request as it will be sent: unsupported fields dropped, settings validated and snapped."""
        model = request.model or self._model
        caps = speech_model(model)
        label = request_label(request)
        where = f" (line {label!r})" if label else ""
        text = for_minimax(request.text, tags=caps.interjections)  # pauses kept; tags on speech-2.8 only
        if not text.strip():
            raise InvalidRequestError(f"There is no text to speak{where}.", code="text")
        if len(text) >= MAX_TEXT_CHARS:
            raise InvalidRequestError(f"The text{where} has {len(text)} characters; MiniMax speaks fewer than "
                                      f"{MAX_TEXT_CHARS} per request: split the line.", code="text")
        voice_id = request.voice_id
        if not voice_id.strip():
            raise InvalidRequestError(f"No MiniMax voice is chosen{where}.", code="voice_id")
        if is_blend(voice_id):
            parts = parse_blend(voice_id, where)
            voice_id = blend_spec(parts)
        if not 0.5 <= request.speed <= 2.0:
            raise InvalidRequestError(f"Speed {request.speed}{where} is outside MiniMax's 0.5-2 range.",
                                      code="speed")
        if not 0 < request.volume <= 10:
            raise InvalidRequestError(f"Volume {request.volume}{where} is outside MiniMax's range (above 0, "
                                      f"at most 10).", code="vol")
        if not -12 <= request.pitch <= 12:
            raise InvalidRequestError(f"Pitch {request.pitch}{where} is outside MiniMax's -12..12 range.",
                                      code="pitch")
        emotion = normalize_emotion(request.emotion)
        if emotion and (not caps.supports_emotion(emotion) or model in self._no_emotion):
            emotion = None
        fmt = request.audio_format.lower()
        if fmt not in FORMATS:
            fmt = "mp3"
        rate = request.sample_rate if request.sample_rate in SAMPLE_RATES else nearest_sample_rate(
            request.sample_rate)
        extra = {k: v for k, v in request.extra if k in KNOWN_EXTRA}
        if self.aigc_watermark:
            extra[WATERMARK_EXTRA] = "true"
        for key in VOICE_MODIFY_KEYS:
            value = extra.get(f"voice_modify.{key}")
            if value is None:
                continue
            if key == "sound_effects":
                if value not in SOUND_EFFECTS:
                    raise InvalidRequestError(f"Unknown sound effect {value!r}{where}: use one of "
                                              f"{', '.join(SOUND_EFFECTS)}.", code="sound_effects")
            else:
                try:
                    number = int(value)
                except ValueError:
                    number = 999
                if not -100 <= number <= 100:
                    raise InvalidRequestError(f"Voice modify {key} {value!r}{where} must be a whole number "
                                              f"from -100 to 100.", code=key)
        return replace(request, engine=self.name, model=model, voice_id=voice_id, text=text, emotion=emotion,
                       pitch=int(request.pitch), audio_format=fmt, sample_rate=rate,
                       extra=tuple(sorted(extra.items())))

    def request_body(self, request: SpeechRequest, *, stream: bool = False) -> dict[str, Any]:
        """The t2a_v2 JSON for an already prepared request."""
        extra = dict(request.extra)
        blend = parse_blend(request.voice_id) if is_blend(request.voice_id) else ()
        voice: dict[str, Any] = {"voice_id": "" if blend else request.voice_id, "speed": float(request.speed),
                                 "vol": float(request.volume), "pitch": int(request.pitch)}
        if request.emotion:
            voice["emotion"] = request.emotion
        if extra.get("text_normalization", "").lower() in ("1", "true", "yes"):
            voice["text_normalization"] = True
        modify: dict[str, Any] = {}
        for key in VOICE_MODIFY_KEYS:
            value = extra.get(f"voice_modify.{key}")
            if value is not None:
                modify[key] = value if key == "sound_effects" else int(value)
        fmt = request.audio_format
        if stream and fmt not in STREAM_FORMATS:
            fmt = "mp3"
        if modify and stream and fmt != "mp3":
            fmt = "mp3"  # voice_modify works in streams only with mp3
        elif modify and fmt not in VOICE_MODIFY_FORMATS:
            fmt = "wav"  # ... and in files with mp3, wav and flac (not raw pcm)
        body: dict[str, Any] = {
            "model": request.model or self._model,
            "text": request.text,
            "stream": stream,
            "voice_setting": voice,
            "audio_setting": {"format": fmt, "sample_rate": request.sample_rate, "bitrate": DEFAULT_BITRATE,
                              "channel": 1},
        }
        if request.pronunciation:
            body["pronunciation_dict"] = {"tone": list(request.pronunciation)}
        boost = extra.get("language_boost") or language_boost_for(request.language)
        if boost:
            body["language_boost"] = boost
        if modify:
            body["voice_modify"] = modify
        if blend:
            body["timbre_weights"] = timbre_weights(blend)
        if stream:
            body["stream_options"] = {"exclude_aggregated_audio": True}
        else:
            if extra.get(WATERMARK_EXTRA) == "true":
                body["aigc_watermark"] = True  # non-streaming requests only
            if self.word_timings:  # the subtitle file times each word; it does not change the audio
                body["subtitle_enable"] = True
                body["subtitle_type"] = "word"
        return body

    def _announce_use(self, voice_id: str) -> None:
        for listener in list(self.voice_used):
            try:
                listener(voice_id)
            except Exception:
                log.exception("a listener failed to record the use of voice %s", voice_id)

    def _emotion_rejected(self, err: InvalidParameterError, body: dict[str, Any]) -> bool:
        if "emotion" not in body["voice_setting"]:
            return False
        return err.parameter == "emotion" or "emotion" in err.status_msg.lower()

    def _drop_emotion(self, model: str, body: dict[str, Any], err: InvalidParameterError) -> dict[str, Any]:
        self._no_emotion.add(model)
        log.warning("MiniMax model %s refused the emotion setting (2013); sending without emotion from now on",
                    model)
        body = dict(body)
        body["voice_setting"] = {k: v for k, v in body["voice_setting"].items() if k != "emotion"}
        return body

    async def synthesize(self, request: SpeechRequest) -> SpeechResult:
        prepared = self.prepare(request)
        body = self.request_body(prepared)
        label = request_label(prepared)
        emotion_dropped = False
        try:
            answer, audio = await self._post_t2a(body, label)
        except InvalidParameterError as err:
            if not self._emotion_rejected(err, body):
                raise
            body = self._drop_emotion(prepared.model, body, err)
            emotion_dropped = True
            answer, audio = await self._post_t2a(body, label)
        if isinstance(audio, str):  # output_format=url
            audio = await self.transport.download(audio)
        info = answer.get("extra_info") or {}
        sent_format = body["audio_setting"]["format"]
        fmt = str(info.get("audio_format") or sent_format)
        rate = int(info.get("audio_sample_rate") or prepared.sample_rate)
        if sent_format == "pcm":  # raw samples: hand back a file, as every engine does
            audio, fmt = pcm_to_wav(audio, rate), "wav"
        duration = int(info.get("audio_length") or 0) or _measure_ms(audio)
        extra = dict(info)
        if emotion_dropped:
            extra["emotion_dropped"] = True
        spans = await self._subtitle_spans(answer, duration)
        self._announce_use(prepared.voice_id)  # a real use keeps a new clone alive
        return SpeechResult(audio=audio, format=fmt, sample_rate=rate, duration_ms=duration, engine=self.name,
                            model=prepared.model, voice_id=prepared.voice_id,
                            billed_chars=int(info.get("usage_characters") or 0),
                            trace_id=answer.get("trace_id"), extra=extra, spans=spans,
                            timing_method="minimax-subtitles" if spans else "")

    async def _subtitle_spans(self, answer: dict[str, Any], duration_ms: int) -> tuple[Span, ...] | None:
        """The words of the subtitle file the answer points to, timed; None when there is none, it has
        sentence times only, or it cannot be fetched (the take is kept either way: its words are then
        aligned on the audio)."""
        url = (answer.get("data") or {}).get("subtitle_file")
        if not self.word_timings or not isinstance(url, str) or not url.startswith(("http://", "https://")):
            return None
        try:
            raw = await self.transport.download(url)
        except Exception as exc:  # word timings are a bonus; the audio is what was asked for
            log.warning("MiniMax's subtitle file could not be fetched (%s); the words will be aligned", exc)
            return None
        spans = parse_subtitle_file(raw)
        if not spans:
            return None
        top = duration_ms or max(s.end_ms for s in spans)
        return tuple(Span(s.text, min(s.start_ms, top), min(s.end_ms, top)) for s in spans)

    async def _post_t2a(self, body: dict[str, Any], label: str | None) -> tuple[dict[str, Any], Any]:
        def decode(answer: dict[str, Any]) -> bytes | str:
            data = answer.get("data") or {}
            value = data.get("audio") or data.get("audio_url") or ""
            trace = answer.get("trace_id")
            if not value:
                what = f"line {label!r}" if label else "the line"
                raise MalformedResponseError(f"MiniMax returned no audio for {what}; trying again.",
                                             retryable=True, trace_id=trace, code="no-audio")
            if value.startswith(("http://", "https://")):
                return str(value)
            try:
                return bytes.fromhex(value)
            except ValueError:
                raise MalformedResponseError("MiniMax sent audio that could not be decoded; trying again.",
                                             retryable=True, trace_id=trace, code="bad-audio") from None

        return await self.transport.post_json(T2A_PATH, body, endpoint="speech", chars=len(body["text"]),
                                              label=label, validate=decode)

    async def stream_speech(self, request: SpeechRequest) -> AsyncIterator[bytes]:
        """Audio bytes as MiniMax produces them, for previews: mp3 unless flac or pcm was asked (pcm is raw
        signed 16-bit little-endian mono at the request's sample rate; a piece may end mid-sample)."""
        prepared = self.prepare(request)
        body = self.request_body(prepared, stream=True)
        label = request_label(prepared)
        try:
            async for chunk in self._stream_t2a(body, label):
                yield chunk
        except InvalidParameterError as err:
            if not self._emotion_rejected(err, body):
                raise
            body = self._drop_emotion(prepared.model, body, err)
            async for chunk in self._stream_t2a(body, label):
                yield chunk
        self._announce_use(prepared.voice_id)

    def stream_format(self, request: SpeechRequest) -> str:
        """The format a stream of ``request`` arrives in ("pcm" turns into "mp3" when voice_modify is set)."""
        return str(self.request_body(self.prepare(request), stream=True)["audio_setting"]["format"])

    def stream_samples(self, request: SpeechRequest) -> SampleStream:
        """A pcm stream of ``request`` as float32 mono sample blocks at ``SampleStream.sample_rate``.

        When the request's voice_modify settings rule out a pcm stream, the audio is synthesized in one
        piece and handed over as a single block, so the caller's loop is the same either way.
        """
        pcm_request = replace(request, audio_format="pcm")
        prepared = self.prepare(pcm_request)
        if self.stream_format(pcm_request) == "pcm":
            return SampleStream.from_pcm(self.stream_speech(pcm_request), prepared.sample_rate)
        return SampleStream.from_result(self.synthesize(replace(request, audio_format="wav")), prepared.sample_rate)

    async def _stream_t2a(self, body: dict[str, Any], label: str | None) -> AsyncIterator[bytes]:
        sent = bytearray()
        finished = False
        trace: str | None = None
        async for event in self.transport.stream_events(T2A_PATH, body, endpoint="speech",
                                                        chars=len(body["text"]), label=label):
            trace = event.get("trace_id") or trace
            data = event.get("data") or {}
            hex_audio = data.get("audio") or ""
            try:
                piece = bytes.fromhex(hex_audio) if hex_audio else b""
            except ValueError:
                raise MalformedResponseError("MiniMax streamed audio that could not be decoded.",
                                             trace_id=trace) from None
            final = "extra_info" in event or data.get("status") == 2
            if final:
                finished = True
                # The final event repeats the whole audio unless it was excluded; skip that copy.
                if piece and bytes(sent) != piece:
                    sent.extend(piece)
                    yield piece
                continue
            if piece:
                sent.extend(piece)
                yield piece
        if not finished:
            raise ServiceError("The MiniMax stream ended before the audio was complete; try again.",
                               retryable=True, code="stream-cut", trace_id=trace)

    async def voices(self) -> list[Voice]:
        """The account's voices as get_voice lists them: system voices, and the cloned and designed voices
        that have been used at least once (new ones wait in the voice library until then)."""
        return await voice_ops.get_voice(self.transport, "all")

    async def aclose(self) -> None:
        await self.transport.aclose()

    # --- voice helpers ------------------------------------------------------------------------------
    async def clone(self, audio: str | Path, *, name: str, **options: Any) -> voice_ops.CloneResult:
        options.setdefault("model", self._model)
        options.setdefault("aigc_watermark", self.aigc_watermark)
        return await voice_ops.clone_voice(self.transport, audio, name=name, **options)

    async def design(self, prompt: str, preview_text: str, **options: Any) -> voice_ops.DesignResult:
        options.setdefault("aigc_watermark", self.aigc_watermark)
        return await voice_ops.design_voice(self.transport, prompt, preview_text, **options)

    async def activate(self, voice_id: str, *, language: str = "zh") -> SpeechResult:
        return await voice_ops.activate(self, voice_id, language=language)

    async def delete_voice(self, voice_id: str, voice_type: str = "voice_cloning") -> None:
        await voice_ops.delete_voice(self.transport, voice_id, voice_type)

    async def delete_file(self, file_id: int, purpose: str) -> None:
        """Delete a file uploaded for a clone (purpose "voice_clone" or "prompt_audio")."""
        await voice_ops.delete_file(self.transport, file_id, purpose)


def _measure_ms(audio: bytes) -> int:
    try:
        import soundfile
        info = soundfile.info(io.BytesIO(audio))
        return int(round(info.frames * 1000 / info.samplerate)) if info.samplerate else 0
    except Exception:
        return 0
