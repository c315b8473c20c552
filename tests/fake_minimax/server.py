"""A protocol-faithful fake MiniMax server: real HTTP on 127.0.0.1, for tests and benchmarks.

``FakeMiniMax`` runs an aiohttp app on its own event loop in a background thread, so it serves
concurrent requests while the code under test runs on the test's loop. It implements the documented
shapes of t2a_v2 (hex of real audio, or raw 16-bit pcm; SSE streaming with a final aggregated event;
``timbre_weights`` blends with an empty ``voice_setting.voice_id``; ``aigc_watermark`` on non-streaming
requests only; with ``subtitle_enable`` a subtitle file URL whose JSON times each sentence, and each word
when ``subtitle_type`` is ``word``), get_voice, delete_voice, files/upload, files/list, files/delete, voice_clone (with the
``text_validation`` / ``accuracy`` transcript check against ``asr_transcript``), voice_design and the
OpenAI-compatible chat/completions. It validates requests as the documentation says (Bearer auth,
ranges, model capabilities, voice id rules, the fields each endpoint knows), records every request, and takes injected faults (rate-limit bursts, HTTP errors, latency,
cut streams, malformed JSON, auth errors) plus an RPM-limit mode with a settable window.
It never touches the network beyond 127.0.0.1 and holds no real key.
"""

from __future__ import annotations

import asyncio
import io
import json
import re
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import soundfile
from aiohttp import web

from tests.fake_http import ThreadedServer

SPEECH_MODELS = {f"speech-{f}-{t}" for f in ("2.8", "2.6", "02", "01") for t in ("hd", "turbo")}
BASE_EMOTIONS = {"happy", "sad", "angry", "fearful", "disgusted", "surprised", "calm"}
SAMPLE_RATES = {8000, 16000, 22050, 24000, 32000, 44100}
BITRATES = {32000, 64000, 128000, 256000}
FORMATS = {"mp3", "wav", "flac", "pcm"}
TOP_FIELDS = {"model", "text", "stream", "stream_options", "voice_setting", "audio_setting",
              "pronunciation_dict", "timbre_weights", "language_boost", "voice_modify", "subtitle_enable",
              "subtitle_type", "output_format", "aigc_watermark"}
VOICE_FIELDS = {"voice_id", "speed", "vol", "pitch", "emotion", "text_normalization", "latex_read"}
AUDIO_FIELDS = {"sample_rate", "bitrate", "format", "channel", "force_cbr"}
SYSTEM_VOICES = [
    ("female-shaonv", "少女音色"), ("female-yujie", "御姐音色"), ("male-qn-qingse", "青涩青年音色"),
    ("male-qn-jingying", "精英青年音色"), ("clever_boy", "聪明男童"), ("lovely_girl", "萌萌女童"),
    ("English_expressive_narrator", "Expressive Narrator"), ("English_CalmWoman", "Calm Woman"),
    ("English_magnetic_voiced_man", "Magnetic-voiced Male"), ("Chinese (Mandarin)_News_Anchor", "新闻女声"),
    ("Chinese (Mandarin)_Humorous_Elder", "搞笑大爷"), ("audiobook_male_1", "Audiobook Male"),
]
CLONE_FIELDS = {"file_id", "voice_id", "clone_prompt", "text", "model", "language_boost", "text_validation",
                "accuracy", "need_noise_reduction", "need_volume_normalization", "aigc_watermark"}
DESIGN_FIELDS = {"prompt", "preview_text", "voice_id", "aigc_watermark"}
FILE_PURPOSES = {"voice_clone", "prompt_audio", "t2a_async", "t2a_async_input", "video_generation"}
VOICE_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{6,254}[A-Za-z0-9]$")


def valid_voice_id(voice_id: Any) -> bool:
    return isinstance(voice_id, str) and bool(VOICE_ID_RE.match(voice_id)) and any(c.isdigit() for c in voice_id)


@lru_cache(maxsize=256)
def make_audio(seconds: float, fmt: str, sample_rate: int) -> bytes:
    """A real encoded tone (wav/flac/mp3) or raw pcm of ``seconds`` length."""
    n = max(1, int(seconds * sample_rate))
    t = np.arange(n, dtype=np.float32) / sample_rate
    tone = (0.2 * np.sin(2 * np.pi * 220.0 * t) * np.minimum(1.0, 20 * t)).astype(np.float32)
    if fmt == "pcm":
        return (tone * 32767).astype("<i2").tobytes()
    buf = io.BytesIO()
    soundfile.write(buf, tone, sample_rate, format={"mp3": "MP3", "wav": "WAV", "flac": "FLAC"}[fmt])
    return buf.getvalue()


def apply_sound_effect(audio: bytes, fmt: str, sample_rate: int, effect: str) -> bytes:
    """``audio`` with a ``voice_modify.sound_effects`` effect, as the service applies it before encoding:
    ``lofi_telephone`` a driven 300–3400 Hz band, ``spacious_echo`` repeats, ``auditorium_echo`` a reverb,
    ``robotic`` ring modulation. The fake's own rough versions, not the studio's; the length is kept, so
    ``extra_info.audio_length`` stays true."""
    from scipy import signal

    if fmt == "pcm":
        x = np.frombuffer(audio, dtype="<i2").astype(np.float64) / 32768.0
    else:
        x, _ = soundfile.read(io.BytesIO(audio), dtype="float64")
    peak = float(np.max(np.abs(x))) or 1.0
    if effect == "lofi_telephone":
        band = signal.butter(8, (300.0, 3400.0), "bandpass", fs=sample_rate, output="sos")
        y = signal.sosfiltfilt(band, np.tanh(3.0 * x / peak))
    elif effect == "spacious_echo":
        y = x.copy()
        for delay, gain in ((0.3, 0.5), (0.6, 0.25)):
            y[int(delay * sample_rate):] += gain * x[:max(0, len(x) - int(delay * sample_rate))]
    elif effect == "auditorium_echo":
        t = np.arange(int(1.2 * sample_rate)) / sample_rate
        tail = np.random.default_rng(3).standard_normal(len(t)) * np.exp(-5.0 * t)
        y = x + 0.3 * signal.fftconvolve(x, tail / np.sqrt(np.sum(tail**2)))[:len(x)]
    else:  # robotic
        y = x * np.sin(2 * np.pi * 50.0 * np.arange(len(x)) / sample_rate)
    y = (y * peak / (float(np.max(np.abs(y))) or 1.0)).astype(np.float32)
    if fmt == "pcm":
        return (y * 32767).astype("<i2").tobytes()
    buf = io.BytesIO()
    soundfile.write(buf, y, sample_rate, format={"mp3": "MP3", "wav": "WAV", "flac": "FLAC"}[fmt])
    return buf.getvalue()


def speech_seconds(text: str) -> float:
    return min(8.0, max(0.3, 0.06 * len(text)))


_SUB_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_SUB_PIECE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]|\d+|[A-Za-z]+(?:['’][A-Za-z]+)*")
_SUB_SENTENCE = re.compile(r"[^。！？!?.]*[。！？!?.]*")
_DIGITS_ZH = "零一二三四五六七八九"


def _sub_syllables(word: str, chinese: bool) -> list[str]:
    """How the service reads a piece: a character; a number syllable by syllable; an English word in
    spelling syllables (each entry names the whole word, as the real file does)."""
    if word.isdigit():
        return [_DIGITS_ZH[int(d)] for d in word] if chinese else ["num"] * max(1, len(word))
    if _SUB_CJK.match(word):
        return [word]
    groups = re.findall(r"[^aeiouy]*[aeiouy]+(?:[^aeiouy]*$)?", word.lower()) or [word]
    return groups


def subtitle_file(text: str, audio_ms: int, *, words: bool) -> list[dict[str, Any]]:
    """The subtitle JSON the service returns for ``text`` over ``audio_ms`` of audio: sentences (at most
    50 characters) with ``text``, ``pronounce_text``, ``time_begin`` / ``time_end`` (ms) and character
    offsets; ``timestamped_words`` is null for sentence subtitles, else one entry per syllable with
    ``word`` (the text it was read from), ``word_begin`` / ``word_end`` and its times. The fake speaks
    at an even pace from 40 ms in to 40 ms before the end, pausing 120 ms after each sentence."""
    chinese = bool(_SUB_CJK.search(text))
    sentences: list[tuple[int, str]] = []
    for m in _SUB_SENTENCE.finditer(text):
        piece = m.group()
        if not piece.strip():
            continue
        start = m.start()
        while len(piece) > 50:
            sentences.append((start, piece[:50]))
            start, piece = start + 50, piece[50:]
        sentences.append((start, piece))
    plan = []  # (sentence index, word, word begin, syllable count)
    for si, (offset, sentence) in enumerate(sentences):
        for w in _SUB_PIECE.finditer(sentence):
            plan.append((si, w.group(), offset + w.start(), len(_sub_syllables(w.group(), chinese))))
    units = sum(n for *_, n in plan) or 1
    pause_ms = 120
    speaking = max(1, audio_ms - 80 - pause_ms * max(0, len(sentences) - 1))
    step = speaking / units
    t = 40.0
    out: list[dict[str, Any]] = []
    for si, (offset, sentence) in enumerate(sentences):
        if si:
            t += pause_ms
        begin = t
        entries = []
        for _, word, at, n in (p for p in plan if p[0] == si):
            for _ in range(n):
                entries.append({"word": word, "word_begin": at, "word_end": at + len(word),
                                "time_begin": round(t, 3), "time_end": round(t + step, 3)})
                t += step
        out.append({"text": sentence, "pronounce_text": sentence, "time_begin": round(begin, 3),
                    "time_end": round(t, 3), "text_begin": offset, "text_end": offset + len(sentence),
                    "pronounce_text_begin": offset, "pronounce_text_end": offset + len(sentence),
                    "timestamped_words": entries if words else None})
    return out


@dataclass
class RecordedRequest:
    path: str
    method: str
    headers: dict[str, str]
    json: Any
    query: dict[str, str]
    time: float  # time.monotonic() on arrival
    form: dict[str, str] = field(default_factory=dict)
    code: int | None = None  # base_resp status code (or HTTP status when >= 400) answered
    http_status: int = 200


@dataclass
class Fault:
    kind: str  # "code" | "http" | "slow" | "cut" | "malformed" | "empty_audio"
    path: str | None = None
    code: int = 0
    status: int = 500
    seconds: float = 0.0
    after_chunks: int = 1
    message: str = ""


class FakeMiniMax(ThreadedServer):
    """The fake server. Start with ``start()``; ``url`` is its base; ``requests`` records each call."""

    THREAD_NAME = "fake-minimax"
    MAX_BODY = 64 * 1024 * 1024

    def __init__(self, api_key: str = "fake-key-0123456789abcdef", *, latency: float = 0.0,
                 chunk_delay: float = 0.02, stream_chunks: int = 4, group_id: str | None = None) -> None:
        super().__init__()
        self.api_key = api_key
        self.latency = latency
        self.chunk_delay = chunk_delay
        self.stream_chunks = stream_chunks
        self.group_id = group_id
        self.wrong_key_code = 1004  # or 2049
        self.send_done = False  # end SSE streams with "data: [DONE]"
        self.always_aggregate = False  # repeat the whole audio in the final event even when excluded
        self.clone_demo_as = "url"  # "url" | "hex"
        self.emotion_rejected_models: set[str] = set()
        self.flag_words = ("FLAGGED",)
        self.balance_exhausted = False
        self.chat_reply: str | None = None
        self.chat_repeat_final = True
        self.requests: list[RecordedRequest] = []
        self.files: dict[int, dict[str, Any]] = {}
        self.deleted_files: list[int] = []
        self.asr_transcript: str | None = None  # what the transcript check "hears" in every clone sample
        self.cloned: dict[str, bool] = {}  # voice_id -> activated
        self.designed: dict[str, bool] = {}
        self.system_voices = list(SYSTEM_VOICES)
        self.system_voice_lists_null = False
        self.subtitle_files: dict[str, list[dict[str, Any]]] = {}  # served at /files/subtitles/<name>.json
        self.sentence_subtitles_only = False  # a model that times sentences, not words
        self._faults: deque[Fault] = deque()
        self._lock = threading.Lock()
        self._rpm: tuple[int, float, str | None] | None = None
        self._arrivals: dict[str, deque[float]] = {}
        self._next_file_id = 300_000_000_000

    # --- controls -----------------------------------------------------------------------------------
    def inject(self, kind: str, count: int = 1, *, path: str | None = None, **params: Any) -> None:
        """Queue ``count`` faults; each is used by the next matching request. Kinds: code (code=1002),
        http (status=500), slow (seconds=2), cut (after_chunks=1), malformed, empty_audio."""
        with self._lock:
            for _ in range(count):
                self._faults.append(Fault(kind=kind, path=path, **params))

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    def set_rpm_limit(self, limit: int | None, window: float = 60.0, path: str | None = "/v1/t2a_v2") -> None:
        """Answer 1002 when more than ``limit`` requests land on ``path`` within ``window`` seconds."""
        with self._lock:
            self._rpm = None if limit is None else (limit, window, path)
            self._arrivals.clear()

    def calls(self, path: str) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def max_in_window(self, path: str, window: float) -> int:
        """The most requests to ``path`` that arrived within any ``window`` seconds."""
        times = sorted(r.time for r in self.calls(path))
        best, start = 0, 0
        for end, t in enumerate(times):
            while t - times[start] >= window:
                start += 1
            best = max(best, end - start + 1)
        return best

    def _take_fault(self, path: str) -> Fault | None:
        with self._lock:
            for i, fault in enumerate(self._faults):
                if fault.path is None or fault.path == path:
                    del self._faults[i]
                    return fault
        return None

    def _over_rpm(self, path: str, now: float) -> bool:
        with self._lock:
            if self._rpm is None:
                return False
            limit, window, only = self._rpm
            if only is not None and only != path:
                return False
            arrivals = self._arrivals.setdefault(path, deque())
            while arrivals and arrivals[0] <= now - window:
                arrivals.popleft()
            arrivals.append(now)
            return len(arrivals) > limit

    # --- plumbing -----------------------------------------------------------------------------------
    def _trace(self) -> str:
        return secrets.token_hex(16)

    def _json(self, rec: RecordedRequest, payload: dict[str, Any], *, status: int = 200,
              trace: str | None = None) -> web.Response:
        trace = trace or self._trace()
        if "base_resp" in payload:
            payload.setdefault("trace_id", trace)
            rec.code = int(payload["base_resp"]["status_code"])
        rec.http_status = status
        return web.json_response(payload, status=status, headers={"Trace-Id": trace})

    def _error(self, rec: RecordedRequest, code: int, message: str) -> web.Response:
        return self._json(rec, {"base_resp": {"status_code": code, "status_msg": message}})

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        now = time.monotonic()
        path = request.path
        body: Any = None
        form: dict[str, str] = {}
        upload: tuple[str, bytes] | None = None
        if request.method == "POST":
            if request.content_type.startswith("multipart/"):
                data = await request.post()
                for key, value in data.items():
                    if isinstance(value, web.FileField):
                        upload = (value.filename, value.file.read())
                    else:
                        form[key] = str(value)
            else:
                raw = await request.read()
                try:
                    body = json.loads(raw) if raw else None
                except ValueError:
                    body = raw.decode("utf-8", "replace")
        rec = RecordedRequest(path=path, method=request.method, headers=dict(request.headers), json=body,
                              query=dict(request.query), time=now, form=form)
        with self._lock:
            self.requests.append(rec)

        if path.startswith("/files/demo/"):
            return web.Response(body=make_audio(2.0, "mp3", 32000), content_type="audio/mpeg")
        if path.startswith("/files/subtitles/"):  # a storage URL: no key needed, as with the real files
            doc = self.subtitle_files.get(path.rsplit("/", 1)[-1].removesuffix(".json"))
            if doc is None:
                rec.http_status = rec.code = 404
                return web.Response(status=404, text="NoSuchKey")
            rec.code = 0
            return web.Response(body=json.dumps(doc, ensure_ascii=False).encode(), content_type="application/json")

        if self.latency:
            await asyncio.sleep(self.latency)
        is_chat = path.endswith("/chat/completions")
        if request.headers.get("Authorization", "") != f"Bearer {self.api_key}":
            if is_chat:
                return self._chat_error(rec, 401, "login fail: Please carry the API secret key in the "
                                                  "'Authorization' field of the request header (1004)")
            text = "invalid api key" if self.wrong_key_code == 2049 else "login fail: invalid api key"
            return self._error(rec, self.wrong_key_code, text)
        group = request.query.get("GroupId")
        if group is not None and group != self.group_id:
            return self._error(rec, 1004, "token not match group")

        if self._over_rpm(path, now):
            return self._error(rec, 1002, "rate limit exceeded(RPM)")
        fault = self._take_fault(path)
        cut_after: int | None = None
        if fault is not None:
            if fault.kind == "code":
                return self._error(rec, fault.code, fault.message or f"injected error {fault.code}")
            if fault.kind == "http":
                rec.http_status = rec.code = fault.status
                return web.Response(status=fault.status, text=fault.message or "upstream error")
            if fault.kind == "malformed":
                rec.code = -1
                return web.Response(status=200, text='{"data": {"audio": "ab', content_type="application/json")
            if fault.kind == "slow":
                await asyncio.sleep(fault.seconds)
            if fault.kind == "cut":
                cut_after = fault.after_chunks
            if fault.kind == "empty_audio" and path == "/v1/t2a_v2":
                return self._json(rec, {"data": {"audio": "", "status": 2}, "extra_info": {},
                                        "base_resp": {"status_code": 0, "status_msg": "success"}})

        handlers = {
            "/v1/t2a_v2": self._t2a,
            "/v1/get_voice": self._get_voice,
            "/v1/delete_voice": self._delete_voice,
            "/v1/voice_clone": self._voice_clone,
            "/v1/voice_design": self._voice_design,
        }
        if path == "/v1/files/upload":
            return self._upload(rec, form, upload)
        if path == "/v1/files/list" and request.method == "GET":
            return self._list_files(rec, request.query.get("purpose"))
        if path == "/v1/files/delete":
            return self._delete_file(rec, body)
        if is_chat:
            return await self._chat(request, rec, body)
        handler = handlers.get(path)
        if handler is None:
            rec.http_status = rec.code = 404
            return web.Response(status=404, text="404 page not found")
        if not isinstance(body, dict):
            return self._error(rec, 2013, "invalid params, body is not a JSON object")
        return await handler(request, rec, body, cut_after)

    # --- t2a_v2 -------------------------------------------------------------------------------------
    def _known_voice(self, voice_id: str) -> bool:
        return (voice_id in {v for v, _ in self.system_voices} or voice_id in self.cloned
                or voice_id in self.designed)

    def _check_t2a(self, body: dict[str, Any]) -> tuple[int, str] | None:
        unknown = set(body) - TOP_FIELDS
        if unknown:
            return 2013, f"invalid params, unknown field {sorted(unknown)[0]}"
        model = body.get("model")
        if model not in SPEECH_MODELS:
            return 2013, f"invalid params, model {model} not supported"
        text = body.get("text")
        if not isinstance(text, str) or not text.strip():
            return 2013, "invalid params, text is empty"
        if len(text) >= 10_000:
            return 2013, "invalid params, text too long"
        controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n")
        if controls > 0.1 * len(text):
            return 1042, "illegal characters exceed 10%"
        if any(word in text for word in self.flag_words):
            return 1026, "input new_sensitive"
        if self.balance_exhausted:
            return 1008, "insufficient balance"
        if "aigc_watermark" in body and (body.get("stream") or not isinstance(body["aigc_watermark"], bool)):
            return 2013, "invalid params, aigc_watermark is only supported in non-streaming requests"
        if "subtitle_enable" in body and not isinstance(body["subtitle_enable"], bool):
            return 2013, "invalid params, subtitle_enable must be a boolean"
        if body.get("subtitle_type", "sentence") not in ("sentence", "word", "word_streaming") or (
                body.get("subtitle_type") == "word_streaming" and not body.get("stream")):
            return 2013, "invalid params, subtitle_type"
        voice = body.get("voice_setting")
        weights = body.get("timbre_weights")
        if weights is not None:
            problem = self._check_weights(weights)
            if problem:
                return problem
            if not isinstance(voice, dict) or voice.get("voice_id"):
                return 2013, "invalid params, voice_setting.voice_id must be empty when timbre_weights is set"
        elif not isinstance(voice, dict) or not voice.get("voice_id"):
            return 2013, "invalid params, voice_setting.voice_id is required"
        if set(voice) - VOICE_FIELDS:
            return 2013, f"invalid params, unknown field voice_setting.{sorted(set(voice) - VOICE_FIELDS)[0]}"
        speed, vol, pitch = voice.get("speed", 1.0), voice.get("vol", 1.0), voice.get("pitch", 0)
        if not isinstance(speed, int | float) or not 0.5 <= speed <= 2:
            return 2013, "invalid params, speed out of range [0.5, 2]"
        if not isinstance(vol, int | float) or not 0 < vol <= 10:
            return 2013, "invalid params, vol out of range (0, 10]"
        if not isinstance(pitch, int) or isinstance(pitch, bool) or not -12 <= pitch <= 12:
            return 2013, "invalid params, pitch must be an integer in [-12, 12]"
        if "emotion" in voice:
            emotion = voice["emotion"]
            if model in self.emotion_rejected_models:
                return 2013, "invalid params, this model does not support emotion setting"
            allowed = BASE_EMOTIONS | ({"fluent", "whisper"} if model.startswith("speech-2.6") else set())
            if emotion not in allowed:
                return 2013, f"invalid params, emotion {emotion} is not supported by {model}"
        if weights is None and not self._known_voice(voice["voice_id"]):
            return 20132, f"invalid voice_id {voice['voice_id']}"
        audio = body.get("audio_setting") or {}
        if set(audio) - AUDIO_FIELDS:
            return 2013, f"invalid params, unknown field audio_setting.{sorted(set(audio) - AUDIO_FIELDS)[0]}"
        if audio.get("format", "mp3") not in FORMATS:
            return 2013, "invalid params, format"
        if audio.get("format") == "wav" and body.get("stream"):
            return 2013, "invalid params, format wav is not supported in streaming"
        if audio.get("sample_rate", 32000) not in SAMPLE_RATES:
            return 2013, "invalid params, sample_rate"
        if audio.get("bitrate", 128000) not in BITRATES:
            return 2013, "invalid params, bitrate"
        if audio.get("channel", 1) not in (1, 2):
            return 2013, "invalid params, channel"
        modify = body.get("voice_modify") or {}
        if modify and (audio.get("format", "mp3") == "pcm" or (body.get("stream") and audio.get("format", "mp3") != "mp3")):
            return 2013, "invalid params, voice_modify supports mp3, wav and flac (streaming: mp3 only)"
        for key in ("pitch", "intensity", "timbre"):
            if key in modify and not -100 <= int(modify[key]) <= 100:
                return 2013, f"invalid params, voice_modify.{key}"
        if "pronunciation_dict" in body and not isinstance((body["pronunciation_dict"] or {}).get("tone"), list):
            return 2013, "invalid params, pronunciation_dict.tone must be a list"
        return None

    async def _t2a(self, request: web.Request, rec: RecordedRequest, body: dict[str, Any],
                   cut_after: int | None) -> web.StreamResponse:
        problem = self._check_t2a(body)
        if problem:
            return self._error(rec, *problem)
        voice_id = body["voice_setting"]["voice_id"]
        for table in (self.cloned, self.designed):
            if voice_id and voice_id in table:
                table[voice_id] = True  # a real synthesis activates a clone
        audio_cfg = body.get("audio_setting") or {}
        fmt = audio_cfg.get("format", "mp3")
        rate = audio_cfg.get("sample_rate", 32000)
        seconds = speech_seconds(body["text"])
        audio = await asyncio.to_thread(make_audio, seconds, fmt, rate)
        if (body.get("voice_modify") or {}).get("sound_effects"):
            effect = body["voice_modify"]["sound_effects"]
            audio = await asyncio.to_thread(apply_sound_effect, audio, fmt, rate, effect)
        chars = len(body["text"])
        extra = {"audio_length": int(seconds * 1000), "audio_sample_rate": rate, "audio_size": len(audio),
                 "bitrate": audio_cfg.get("bitrate", 128000), "word_count": chars,
                 "invisible_character_ratio": 0, "usage_characters": chars, "audio_format": fmt,
                 "audio_channel": audio_cfg.get("channel", 1)}
        trace = self._trace()
        if not body.get("stream"):
            if cut_after is not None:
                return await self._cut_plain(request, rec, audio)
            data: dict[str, Any] = {"audio": audio.hex(), "status": 2}
            if body.get("subtitle_enable") is True:
                name = secrets.token_hex(8)
                word_level = body.get("subtitle_type") == "word" and not self.sentence_subtitles_only
                self.subtitle_files[name] = subtitle_file(body["text"], int(seconds * 1000), words=word_level)
                data["subtitle_file"] = f"{self.url}/files/subtitles/{name}.json"
            return self._json(rec, {"data": data, "extra_info": extra,
                                    "base_resp": {"status_code": 0, "status_msg": "success"}}, trace=trace)
        rec.code = 0
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Trace-Id": trace})
        await response.prepare(request)
        n = max(1, self.stream_chunks)
        size = -(-len(audio) // n)
        pieces = [audio[i:i + size] for i in range(0, len(audio), size)]
        for index, piece in enumerate(pieces):
            event = {"data": {"audio": piece.hex(), "status": 1}, "trace_id": trace,
                     "base_resp": {"status_code": 0, "status_msg": ""}}
            await response.write(f"data: {json.dumps(event)}\n\n".encode())
            if cut_after is not None and index + 1 >= cut_after:
                rec.code = -2
                assert request.transport is not None
                request.transport.close()
                return response
            await asyncio.sleep(self.chunk_delay)
        exclude = bool((body.get("stream_options") or {}).get("exclude_aggregated_audio"))
        exclude = exclude and not self.always_aggregate
        final = {"data": {"audio": "" if exclude else audio.hex(), "status": 2}, "extra_info": extra,
                 "trace_id": trace, "base_resp": {"status_code": 0, "status_msg": "success"}}
        await response.write(f"data: {json.dumps(final)}\n\n".encode())
        if self.send_done:
            await response.write(b"data: [DONE]\n\n")
        await response.write_eof()
        return response

    async def _cut_plain(self, request: web.Request, rec: RecordedRequest, audio: bytes) -> web.StreamResponse:
        rec.code = -2
        payload = json.dumps({"data": {"audio": audio.hex(), "status": 2},
                              "base_resp": {"status_code": 0, "status_msg": "success"}}).encode()
        response = web.StreamResponse(headers={"Content-Type": "application/json"})
        response.content_length = len(payload)
        await response.prepare(request)
        await response.write(payload[: len(payload) // 2])
        assert request.transport is not None
        request.transport.close()
        return response

    # --- voices -------------------------------------------------------------------------------------
    async def _get_voice(self, request: web.Request, rec: RecordedRequest, body: dict[str, Any],
                         cut_after: int | None) -> web.Response:
        kind = body.get("voice_type")
        if kind not in ("system", "voice_cloning", "voice_generation", "all"):
            return self._error(rec, 2013, "invalid params, voice_type")
        out: dict[str, Any] = {}
        if kind in ("system", "all"):
            out["system_voice"] = [{"voice_id": v, "voice_name": n, "description": []}
                                   for v, n in self.system_voices]
        if kind in ("voice_cloning", "all"):
            clones = [{"voice_id": v, "description": [], "created_time": "2026-01-02"}
                      for v, active in self.cloned.items() if active]
            out["voice_cloning"] = clones or None
        if kind in ("voice_generation", "all"):
            designs = [{"voice_id": v, "description": [], "created_time": "2026-01-03"}
                       for v, active in self.designed.items() if active]
            out["voice_generation"] = designs or None
        out["base_resp"] = {"status_code": 0, "status_msg": "success"}
        return self._json(rec, out)

    async def _delete_voice(self, request: web.Request, rec: RecordedRequest, body: dict[str, Any],
                            cut_after: int | None) -> web.Response:
        kind, vid = body.get("voice_type"), body.get("voice_id")
        table = {"voice_cloning": self.cloned, "voice_generation": self.designed}.get(kind)  # type: ignore[call-overload]
        if table is None or vid not in table:
            return self._error(rec, 2013, "invalid params, voice_id not found")
        del table[vid]
        return self._json(rec, {"voice_id": vid, "created_time": "2026-01-02",
                                "base_resp": {"status_code": 0, "status_msg": "success"}})

    def _check_weights(self, weights: Any) -> tuple[int, str] | None:
        if not isinstance(weights, list) or not 1 <= len(weights) <= 4:
            return 2013, "invalid params, timbre_weights must hold 1 to 4 items"
        for item in weights:
            if not isinstance(item, dict) or set(item) != {"voice_id", "weight"}:
                return 2013, "invalid params, timbre_weights items are {voice_id, weight}"
            weight = item["weight"]
            if not isinstance(weight, int) or isinstance(weight, bool) or not 1 <= weight <= 100:
                return 2013, "invalid params, timbre_weights weight must be an integer in [1, 100]"
            if not self._known_voice(item["voice_id"]):
                return 20132, f"invalid voice_id {item['voice_id']} in timbre_weights"
        return None

    def _list_files(self, rec: RecordedRequest, purpose: str | None) -> web.Response:
        if purpose not in ("voice_clone", "prompt_audio", "t2a_async_input"):
            return self._error(rec, 2013, "invalid params, purpose")
        files = [{"file_id": fid, "bytes": f["bytes"], "created_at": f["created_at"], "filename": f["filename"],
                  "purpose": f["purpose"]} for fid, f in self.files.items() if f["purpose"] == purpose]
        return self._json(rec, {"files": files, "base_resp": {"status_code": 0, "status_msg": "success"}})

    def _delete_file(self, rec: RecordedRequest, body: Any) -> web.Response:
        if not isinstance(body, dict) or not isinstance(body.get("file_id"), int) or \
                body.get("purpose") not in FILE_PURPOSES:
            return self._error(rec, 2013, "invalid params, file_id and purpose are required")
        file = self.files.get(body["file_id"])
        if file is None or file["purpose"] != body["purpose"]:
            return self._error(rec, 2013, "invalid params, file not found")
        del self.files[body["file_id"]]
        self.deleted_files.append(body["file_id"])
        return self._json(rec, {"file_id": body["file_id"], "base_resp": {"status_code": 0, "status_msg": "success"}})

    def _upload(self, rec: RecordedRequest, form: dict[str, str], upload: tuple[str, bytes] | None) -> web.Response:
        purpose = form.get("purpose")
        if upload is None or purpose not in ("voice_clone", "prompt_audio", "t2a_async_input"):
            return self._error(rec, 2013, "invalid params, file and purpose are required")
        name, data = upload
        try:
            info = soundfile.info(io.BytesIO(data))
            duration: float | None = info.frames / info.samplerate
        except Exception:
            duration = None
        with self._lock:
            self._next_file_id += 1
            file_id = self._next_file_id
        if purpose in ("voice_clone", "prompt_audio") and len(data) > 20 * 1024 * 1024:
            return self._error(rec, 2013, "invalid params, file too large (at most 20 MB)")
        self.files[file_id] = {"purpose": purpose, "filename": name, "bytes": len(data), "duration": duration,
                               "created_at": int(time.time())}
        return self._json(rec, {"file": {"file_id": file_id, "bytes": len(data), "created_at": int(time.time()),
                                         "filename": name, "purpose": purpose},
                                "base_resp": {"status_code": 0, "status_msg": "success"}})

    async def _voice_clone(self, request: web.Request, rec: RecordedRequest, body: dict[str, Any],
                           cut_after: int | None) -> web.Response:
        unknown = set(body) - CLONE_FIELDS
        if unknown:
            return self._error(rec, 2013, f"invalid params, unknown field {sorted(unknown)[0]}")
        file = self.files.get(body.get("file_id"))  # type: ignore[arg-type]
        if file is None or file["purpose"] != "voice_clone":
            return self._error(rec, 20132, "invalid file_id")
        vid = body.get("voice_id")
        if not valid_voice_id(vid):
            return self._error(rec, 2013, "invalid params, voice_id format error")
        if self._known_voice(vid):
            return self._error(rec, 2039, "voice id duplicate")
        duration = file["duration"]
        if duration is not None and not 10 <= duration <= 300:
            return self._error(rec, 2037, "voice clone audio duration too short or too long")
        prompt = body.get("clone_prompt")
        if prompt is not None:
            pfile = self.files.get(prompt.get("prompt_audio"))
            if pfile is None or pfile["purpose"] != "prompt_audio":
                return self._error(rec, 20132, "invalid prompt_audio file_id")
            if pfile["duration"] is not None and pfile["duration"] >= 8:
                return self._error(rec, 2048, "prompt audio too long")
            if not prompt.get("prompt_text"):
                return self._error(rec, 2013, "invalid params, prompt_text is required")
        check = body.get("text_validation")
        accuracy = body.get("accuracy", 0.7)
        if check is not None:
            if not isinstance(check, str) or len(check) > 200:
                return self._error(rec, 2013, "invalid params, text_validation must be at most 200 characters")
            if not isinstance(accuracy, int | float) or not 0 <= accuracy <= 1:
                return self._error(rec, 2013, "invalid params, accuracy must be in [0, 1]")
            heard = self.asr_transcript
            if heard is not None:
                import difflib

                similarity = difflib.SequenceMatcher(None, heard, check).ratio()
                if similarity < (accuracy or 0.7):
                    return self._error(rec, 1043, "ASR similarity check failed")
        text = body.get("text")
        out: dict[str, Any] = {"input_sensitive": {"type": 0}, "demo_audio": ""}
        if text:
            if body.get("model") not in SPEECH_MODELS:
                return self._error(rec, 2013, "invalid params, model is required with text")
            if len(text) > 1000:
                return self._error(rec, 2013, "invalid params, text too long")
            if self.clone_demo_as == "url":
                out["demo_audio"] = f"{self.url}/files/demo/{vid}.mp3"
            else:
                out["demo_audio"] = make_audio(speech_seconds(text), "mp3", 32000).hex()
            out["extra_info"] = {"audio_length": int(speech_seconds(text) * 1000), "usage_characters": len(text)}
        self.cloned[vid] = False
        out["base_resp"] = {"status_code": 0, "status_msg": "success"}
        return self._json(rec, out)

    async def _voice_design(self, request: web.Request, rec: RecordedRequest, body: dict[str, Any],
                            cut_after: int | None) -> web.Response:
        unknown = set(body) - DESIGN_FIELDS
        if unknown:
            return self._error(rec, 2013, f"invalid params, unknown field {sorted(unknown)[0]}")
        prompt, preview = body.get("prompt"), body.get("preview_text")
        if not prompt or not preview:
            return self._error(rec, 2013, "invalid params, prompt and preview_text are required")
        if len(preview) > 500:
            return self._error(rec, 2013, "invalid params, preview_text too long")
        vid = body.get("voice_id")
        if vid is not None:
            if not valid_voice_id(vid):
                return self._error(rec, 2013, "invalid params, voice_id format error")
            if self._known_voice(vid):
                return self._error(rec, 2039, "voice id duplicate")
        else:
            vid = f"ttv-voice-{time.strftime('%Y%m%d%H%M%S')}-{secrets.token_hex(4)}"
        self.designed[vid] = False
        audio = make_audio(speech_seconds(preview), "mp3", 32000)
        return self._json(rec, {"voice_id": vid, "trial_audio": audio.hex(),
                                "base_resp": {"status_code": 0, "status_msg": "success"}})

    # --- chat ---------------------------------------------------------------------------------------
    def _chat_error(self, rec: RecordedRequest, status: int, message: str) -> web.Response:
        rec.http_status = rec.code = status
        return web.json_response({"error": {"message": message, "type": "invalid_request_error"}},
                                 status=status)

    async def _chat(self, request: web.Request, rec: RecordedRequest, body: Any) -> web.StreamResponse:
        if not isinstance(body, dict) or not body.get("messages"):
            return self._chat_error(rec, 400, "invalid params, messages is required (2013)")
        temperature = body.get("temperature", 1.0)
        if not 0 < float(temperature) <= 1:
            return self._chat_error(rec, 400, "invalid params, temperature must be in (0, 1] (2013)")
        last = str(body["messages"][-1].get("content", ""))
        reply = self.chat_reply if self.chat_reply is not None else f"Echo: {last}"
        content = f"<think>Thinking about {last[:20]}.</think>\n\n{reply}"
        model = body.get("model", "MiniMax-M2.7")
        usage = {"prompt_tokens": 10, "completion_tokens": len(content), "total_tokens": 10 + len(content)}
        if not body.get("stream"):
            rec.code = 0
            return web.json_response({
                "id": "chatcmpl-1", "object": "chat.completion", "created": int(time.time()), "model": model,
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": content}}],
                "usage": usage, "base_resp": {"status_code": 0, "status_msg": ""}})
        rec.code = 0
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        pieces = [content[i:i + 5] for i in range(0, len(content), 5)]
        for index, piece in enumerate(pieces):
            delta: dict[str, Any] = {"content": piece}
            if index == 0:
                delta["role"] = "assistant"
            chunk = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "model": model,
                     "choices": [{"index": 0, "delta": delta, "finish_reason": None}]}
            await response.write(f"data: {json.dumps(chunk)}\n\n".encode())
            await asyncio.sleep(self.chunk_delay / 4)
        stop = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "model": model,
                "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
        await response.write(f"data: {json.dumps(stop)}\n\n".encode())
        if self.chat_repeat_final:
            final = {"id": "chatcmpl-1", "object": "chat.completion", "model": model,
                     "choices": [{"index": 0, "finish_reason": "stop",
                                  "message": {"role": "assistant", "content": content}}],
                     "usage": usage, "base_resp": {"status_code": 0, "status_msg": ""}}
            await response.write(f"data: {json.dumps(final)}\n\n".encode())
        await response.write(b"data: [DONE]\n\n")
        await response.write_eof()
        return response
