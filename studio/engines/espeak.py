"""The espeak-ng draft engine: instant, robotic, offline speech for previews and tests.

``EspeakEngine`` drives libespeak-ng 1.52 from the ``espeakng-loader`` wheel through ctypes in synchronous
mode: a synth callback collects the 16-bit samples (22050 Hz). Mandarin uses the ``cmn`` voice and English
``en-us``; Latin words inside Chinese lines are spoken with the English voice. Role presets map to voice
variants, pitch and rate (see ``offline_presets``). A voice effect named in the request (``extra`` entry
``effect``) is applied to the samples after synthesis, so the take is the effected audio.

libespeak-ng keeps global state and is not re-entrant, so every call into it holds one process-wide lock
and runs in a worker thread. This module must not import Qt, know about projects or touch the network.
"""

from __future__ import annotations

import asyncio
import ctypes
import dataclasses
import re
import threading
from typing import Any

import numpy as np

from studio.domain import markup
from studio.engines.offline_presets import (
    ESPEAK_RECIPES,
    PRESET_IDS,
    EspeakRecipe,
    preset_voice,
    split_scripts,
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
from studio.engines.wav import request_effect, wav_bytes, with_effect
from studio.engines.zh_text import ZH_TEXT_EXTRA, ZH_TEXT_VERSION
from studio.engines.zh_text import normalize as normalize_zh

__all__ = ["EspeakEngine", "SAMPLE_RATE"]

SAMPLE_RATE = 22050
_PAUSE_S = 0.5
_SILENT = 328  # below 1 % of full scale: quiet enough to count as the silence of a pause
_AMPLITUDE = 75  # espeak amplitude 0-200; above ~80 the peaks clip

# espeak_AUDIO_OUTPUT / espeak_PARAMETER / flags from speak_lib.h
_AUDIO_OUTPUT_SYNCHRONOUS = 2
_RATE, _VOLUME, _PITCH, _RANGE, _WORDGAP = 1, 2, 3, 4, 7
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_EE_OK = 0

_SYNTH_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)

_LANG_VOICE = {"zh": "cmn", "en": "en-us", "pinyin": "cmn-latn-pinyin"}


class _Espeak:
    """The loaded library. One per process; use only while holding ``_LOCK``."""

    def __init__(self) -> None:
        try:
            import espeakng_loader
        except ImportError as exc:  # pragma: no cover - dependency missing
            raise EngineError(f"espeak-ng is not installed ({exc}). Install the espeakng-loader package.") from exc
        lib = ctypes.CDLL(espeakng_loader.get_library_path())
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_SetSynthCallback.argtypes = [_SYNTH_CALLBACK]
        lib.espeak_SetSynthCallback.restype = None
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetVoiceByName.restype = ctypes.c_int
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_SetParameter.restype = ctypes.c_int
        lib.espeak_Synth.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint,
                                     ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
        lib.espeak_Synth.restype = ctypes.c_int
        lib.espeak_Info.argtypes = [ctypes.c_void_p]
        lib.espeak_Info.restype = ctypes.c_char_p
        rate = lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, espeakng_loader.get_data_path().encode(), 0)
        if rate <= 0:
            raise EngineError("espeak-ng could not start: its voice data was not found.")
        self.lib = lib
        self.sample_rate = rate
        self.version = (lib.espeak_Info(None) or b"").decode().split()[0] or "unknown"
        self._chunks: list[bytes] = []
        self._callback = _SYNTH_CALLBACK(self._collect)  # keep a reference: C holds the pointer
        lib.espeak_SetSynthCallback(self._callback)

    def _collect(self, wav: Any, numsamples: int, events: Any) -> int:
        if numsamples > 0 and wav:
            self._chunks.append(ctypes.string_at(wav, numsamples * 2))
        return 0

    def speak(self, text: str, voice: str, *, rate: int, pitch: int) -> np.ndarray:
        if self.lib.espeak_SetVoiceByName(voice.encode()) != _EE_OK:
            raise EngineError(f"espeak-ng has no voice “{voice}”.")
        lib = self.lib
        lib.espeak_SetParameter(_RATE, int(np.clip(rate, 80, 450)), 0)
        lib.espeak_SetParameter(_PITCH, int(np.clip(pitch, 0, 99)), 0)
        lib.espeak_SetParameter(_RANGE, 50, 0)
        lib.espeak_SetParameter(_VOLUME, _AMPLITUDE, 0)
        self._chunks = []
        data = text.encode("utf-8")
        buf = ctypes.create_string_buffer(data)
        err = lib.espeak_Synth(buf, len(data) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None)
        if err != _EE_OK:
            raise EngineError(f"espeak-ng failed to speak this line (error {err}).", retryable=True)
        pcm = b"".join(self._chunks)
        self._chunks = []
        return np.frombuffer(pcm, dtype=np.int16).copy()


_LOCK = threading.Lock()
_LIB: _Espeak | None = None
_MODEL_ID: str | None = None


def _library() -> _Espeak:
    """The process-wide library; call with ``_LOCK`` held."""
    global _LIB
    if _LIB is None:
        _LIB = _Espeak()
    return _LIB


def _pitch_units(preset_pitch: int, semitones: int) -> int:
    """espeak pitch 0–99 after a shift of ``semitones`` (about 4 units per semitone around the middle)."""
    return int(np.clip(preset_pitch + 4 * semitones, 0, 99))


class EspeakEngine:
    """libespeak-ng as a ``SpeechEngine``. Voice ids are the shared role preset ids."""

    name = "espeak"

    def __init__(self) -> None:
        self._closed = False

    @property
    def model(self) -> str:
        global _MODEL_ID
        if _MODEL_ID is None:
            with _LOCK:
                _MODEL_ID = f"espeak-ng-{_library().version}"
        return _MODEL_ID

    @property
    def max_concurrency(self) -> int:
        return 1

    async def voices(self) -> list[Voice]:
        return [preset_voice(self.name, pid, self._detail(ESPEAK_RECIPES[pid])) for pid in PRESET_IDS]

    @staticmethod
    def _detail(r: EspeakRecipe) -> str:
        return f"espeak +{r.variant}, pitch {r.pitch}, {r.rate} wpm"

    def _recipe(self, voice_id: str) -> EspeakRecipe:
        recipe = ESPEAK_RECIPES.get(voice_id.strip())
        if recipe is None:
            raise EngineError(f"The espeak engine has no voice “{voice_id}”. "
                              f"Choose one of: {', '.join(PRESET_IDS)}.")
        return recipe

    def prepare(self, request: SpeechRequest) -> SpeechRequest:
        self._recipe(request.voice_id)
        if request.language not in _LANG_VOICE:
            raise EngineError(f"The espeak engine speaks zh and en, not “{request.language}”.")
        request_effect(request, self.name)
        check_line_length(request.text, "eSpeak")
        extra = request.extra
        if request.language == "zh" and re.search(r"\d", request.text):  # read by zh_text: those lines change key
            extra = tuple(sorted({**dict(extra), ZH_TEXT_EXTRA: ZH_TEXT_VERSION}.items()))
        return dataclasses.replace(
            request,
            extra=extra,
            engine=self.name,
            voice_id=request.voice_id.strip(),
            text=markup.for_offline(request.text),
            model=self.model,
            speed=float(np.clip(request.speed, 0.5, 2.0)),
            volume=float(np.clip(request.volume, 0.0, 10.0)),
            pitch=int(np.clip(request.pitch, -12, 12)),
            emotion=None,
            # the lexicon's pinyin entries for words of this line: said by the pinyin voice (the rest dropped)
            pronunciation=tuple(e for e in request.pronunciation if pinyin_readings((e,))),
            audio_format="wav",
            sample_rate=SAMPLE_RATE,
        )

    async def synthesize(self, request: SpeechRequest) -> SpeechResult:
        if self._closed:
            raise EngineError("The espeak engine has been closed.")
        req = self.prepare(request)
        return await asyncio.to_thread(self.synthesize_sync, req)

    def synthesize_sync(self, request: SpeechRequest) -> SpeechResult:
        """Blocking synthesis of an already prepared request; safe from any thread."""
        recipe = self._recipe(request.voice_id)
        if not request.text.strip():
            raise EngineError("The line is empty; there is nothing to say.")
        rate = round(recipe.rate * request.speed * variation_pace(request))  # another take: another pace
        pitch = _pitch_units(recipe.pitch, request.pitch)
        segs = markup.segments(request.text)  # pause markers (<#0.8#>): silences of their exact length
        wordless = not any(re.search(r"\w", text) for text, _ in segs)  # "……": a beat becomes a short pause
        said: list[tuple[np.ndarray, float]] = []
        readings = pinyin_readings(request.pronunciation)
        with _LOCK:
            lib = _library()
            for piece, pause in [] if wordless else segs:
                pieces: list[np.ndarray] = []
                for lang, text in self._read(piece, request.language, readings) if re.search(r"\w", piece) else []:
                    voice = f"{_LANG_VOICE[lang]}+{recipe.variant}"
                    pieces.append(lib.speak(text, voice, rate=rate, pitch=pitch))
                said.append((np.concatenate(pieces) if pieces else np.zeros(0, np.int16), pause))
            sr = lib.sample_rate
        if wordless:
            samples = np.zeros(int((sum(p for _, p in segs) or _PAUSE_S) * sr), np.int16)
        elif len(said) == 1 and not said[0][1]:
            samples = said[0][0]
        else:
            samples, _ = join_with_pauses(said, sr, _SILENT)
        if request.volume != 1.0:
            scaled = samples.astype(np.float32) * request.volume
            samples = np.clip(scaled, -32768, 32767).astype(np.int16)
        samples = with_effect(samples, sr, request_effect(request, self.name))
        return SpeechResult(
            audio=wav_bytes(samples, sr),
            format="wav",
            sample_rate=sr,
            duration_ms=round(len(samples) * 1000 / sr),
            engine=self.name,
            model=request.model or self.model,
            voice_id=request.voice_id,
            billed_chars=0,
        )

    @classmethod
    def _read(cls, text: str, language: str, readings: dict[str, tuple[str, ...]]) -> list[tuple[str, str]]:
        """``_segments``, with the lexicon's pinyin words spoken as their syllables by the pinyin voice."""
        out: list[tuple[str, str]] = []
        for piece, syllables in split_readings(text, readings):
            if syllables is None:
                # Chinese numbers, dates, times and units as they are read (espeak would read 2026年 as a count)
                out.extend(cls._segments(normalize_zh(piece) if language == "zh" else piece, language))
            else:
                out.append(("pinyin", " ".join(s.replace("ü", "v") for s in syllables)))
        return out

    @staticmethod
    def _segments(text: str, language: str) -> list[tuple[str, str]]:
        """(language, text) pieces: Latin words go to the English voice, Han characters to Mandarin;
        digits and punctuation stay with the piece before them."""
        out: list[tuple[str, str]] = []
        for kind, run in split_scripts(text):
            lang = {"han": "zh", "latin": "en"}.get(kind) or (out[-1][0] if out else language)
            if out and out[-1][0] == lang:
                out[-1] = (lang, out[-1][1] + run)
            else:
                out.append((lang, run))
        return [(lang, t) for lang, t in out if t.strip()]

    async def aclose(self) -> None:
        self._closed = True

