"""``MiniMaxEngine``: the MiniMax ``SpeechEngine`` (t2a_v2, plain and streaming) plus voice helpers.

``prepare`` turns an engine-neutral ``SpeechRequest`` into exactly what will be sent (fields the model
rejects dropped, audio settings snapped to allowed values) so render keys match the request.
``synthesize`` returns one encoded file; ``stream_speech`` yields audio bytes as they arrive, for
previews. Voice listing, cloning, design and activation delegate to ``voices``. Transport, retries
and rate limits live in ``client`` / ``ratelimit``; no Qt, no project-file access here.
"""

from __future__ import annotations

import io
import logging
from collections.abc import AsyncIterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx

from studio.domain.render_key import SpeechRequest
from studio.engines.minimax import voices as voice_ops
from studio.engines.minimax.client import MiniMaxClient, RetryPolicy
from studio.engines.minimax.config import MiniMaxConfig, Secret, load_settings, region_of
from studio.engines.minimax.created_voices import CreatedVoices
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
    language_boost_for,
    nearest_sample_rate,
    normalize_emotion,
    speech_model,
    strip_interjections,
)
from studio.engines.minimax.ratelimit import EndpointLimit, RateLimits
from studio.engines.speech import SpeechResult, Voice

log = logging.getLogger("studio.engines.minimax")

T2A_PATH = "/v1/t2a_v2"
VOICE_MODIFY_KEYS = ("pitch", "intensity", "timbre", "sound_effects")
KNOWN_EXTRA = frozenset({"label", "language_boost", "text_normalization"}
                        | {f"voice_modify.{k}" for k in VOICE_MODIFY_KEYS})


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
                 created_voices: CreatedVoices | None = None) -> None:
        self.created_voices = created_voices or CreatedVoices()
        cfg = settings if settings is not None else load_settings()
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
        text = request.text if caps.interjections else strip_interjections(request.text)
        if not text.strip():
            raise InvalidRequestError(f"There is no text to speak{where}.", code="text")
        if len(text) >= MAX_TEXT_CHARS:
            raise InvalidRequestError(f"The text{where} has {len(text)} characters; MiniMax speaks fewer than "
                                      f"{MAX_TEXT_CHARS} per request: split the line.", code="text")
        if not request.voice_id.strip():
            raise InvalidRequestError(f"No MiniMax voice is chosen{where}.", code="voice_id")
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
        return replace(request, engine=self.name, model=model, text=text, emotion=emotion,
                       pitch=int(request.pitch), audio_format=fmt, sample_rate=rate,
                       extra=tuple(sorted(extra.items())))

    def request_body(self, request: SpeechRequest, *, stream: bool = False) -> dict[str, Any]:
        """The t2a_v2 JSON for an already prepared request."""
        extra = dict(request.extra)
        voice: dict[str, Any] = {"voice_id": request.voice_id, "speed": float(request.speed),
                                 "vol": float(request.volume), "pitch": int(request.pitch)}
        if request.emotion:
            voice["emotion"] = request.emotion
        if extra.get("text_normalization", "").lower() in ("1", "true", "yes"):
            voice["text_normalization"] = True
        fmt = request.audio_format
        if stream and fmt not in STREAM_FORMATS:
            fmt = "mp3"
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
        modify: dict[str, Any] = {}
        for key in VOICE_MODIFY_KEYS:
            value = extra.get(f"voice_modify.{key}")
            if value is not None:
                modify[key] = value if key == "sound_effects" else int(value)
        if modify:
            body["voice_modify"] = modify
        if stream:
            body["stream_options"] = {"exclude_aggregated_audio": True}
        return body

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
        fmt = str(info.get("audio_format") or prepared.audio_format)
        rate = int(info.get("audio_sample_rate") or prepared.sample_rate)
        duration = int(info.get("audio_length") or 0) or _measure_ms(audio)
        extra = dict(info)
        if emotion_dropped:
            extra["emotion_dropped"] = True
        try:
            self.created_voices.mark_used(prepared.voice_id)  # a real use keeps a new clone alive
        except OSError:
            log.warning("could not record the first use of voice %s", prepared.voice_id)
        return SpeechResult(audio=audio, format=fmt, sample_rate=rate, duration_ms=duration, engine=self.name,
                            model=prepared.model, voice_id=prepared.voice_id,
                            billed_chars=int(info.get("usage_characters") or 0),
                            trace_id=answer.get("trace_id"), extra=extra)

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
        """Audio bytes as MiniMax produces them (mp3 unless flac was asked), for previews."""
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
        listed = await voice_ops.get_voice(self.transport, "all")
        known = {v.voice_id for v in listed}
        # New clones and designs are not listed by MiniMax until their first real use.
        import datetime

        for r in self.created_voices.pending():
            if r.voice_id in known:
                continue
            expires = datetime.datetime.fromtimestamp(r.created_at + 7 * 86400).strftime("%Y-%m-%d")
            listed.append(Voice(self.name, r.voice_id, r.name or r.voice_id, kind="cloned",
                                description=f"not used yet: MiniMax deletes it on {expires} unless it is used"))
        return listed

    async def aclose(self) -> None:
        await self.transport.aclose()

    # --- voice helpers ------------------------------------------------------------------------------
    async def clone(self, audio: str | Path, *, name: str, **options: Any) -> voice_ops.CloneResult:
        options.setdefault("model", self._model)
        result = await voice_ops.clone_voice(self.transport, audio, name=name, **options)
        self.created_voices.add(result.voice_id, name)
        return result

    async def design(self, prompt: str, preview_text: str, **options: Any) -> voice_ops.DesignResult:
        result = await voice_ops.design_voice(self.transport, prompt, preview_text, **options)
        self.created_voices.add(result.voice_id, prompt[:40])
        return result

    async def activate(self, voice_id: str, *, language: str = "zh") -> SpeechResult:
        return await voice_ops.activate(self, voice_id, language=language)

    async def delete_voice(self, voice_id: str, voice_type: str = "voice_cloning") -> None:
        await voice_ops.delete_voice(self.transport, voice_id, voice_type)


def _measure_ms(audio: bytes) -> int:
    try:
        import soundfile
        info = soundfile.info(io.BytesIO(audio))
        return int(round(info.frames * 1000 / info.samplerate)) if info.samplerate else 0
    except Exception:
        return 0
