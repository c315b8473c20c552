"""Who a voice sounds like, as a vector: a speaker embedding, its cosine similarity and a cache per voice.

The encoder is Resemblyzer's GE2E voice encoder (3 LSTM layers over 40-band mel frames, a 256-value
embedding). Its trained weights ship inside the ``resemblyzer`` wheel (``resemblyzer/pretrained.pt``,
17 MB). Troupe reads that file directly and runs the network in numpy, so neither torch nor librosa is
imported, nothing is downloaded and the package's own dependencies are not needed:
``pip install --no-deps resemblyzer==0.1.4`` is enough (the ``voices`` extra of Troupe names it).

* ``SpeakerEncoder().embed(samples, rate)`` — a unit vector for a clip (float samples at any rate).
* ``similarity(a, b)`` — cosine similarity; two lines of one voice score about 0.9 or more.
* ``EmbeddingCache`` — one embedding per (engine, voice id, version), in the user's cache folder, so a
  voice is rendered and measured once; ``version`` changes when what the voice sounds like changes (a
  preset's recipe, the engine's model).
* ``encoder_problem()`` — None when the weights are installed, else the sentence that says what to do.

numpy (and soxr for resampling) only; no network, no Qt.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import pickle
import struct
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

__all__ = ["EMBED_RATE", "ENCODER_ID", "EmbeddingCache", "EmbeddingUnavailable", "SpeakerEncoder",
           "cache_folder", "encoder", "encoder_problem", "load_torch_legacy", "similarity", "weights_path"]

ENCODER_ID = "resemblyzer-ge2e-0.1.4"
EMBED_RATE = 16000
_N_FFT = 400  # 25 ms
_HOP = 160  # 10 ms
_N_MELS = 40
_PARTIAL_FRAMES = 160  # 1.6 s per partial utterance
_PARTIAL_RATE = 1.3  # partials per second
_MIN_COVERAGE = 0.75
_HIDDEN = 256
_LAYERS = 3
_TARGET_DBFS = -30.0
_VAD_WINDOW = 480  # 30 ms
_VAD_AVERAGE = 8
_VAD_MAX_SILENCE = 6

_MISSING = ("Telling voices apart needs the speaker-embedding weights of the “resemblyzer” package, "
            "which is not installed. Install it with “pip install --no-deps resemblyzer==0.1.4” "
            "(17 MB; Troupe needs none of its other packages) and try again.")


class EmbeddingUnavailable(RuntimeError):
    """The encoder's weights are missing or unreadable; the message says what to do."""


# --- the weights ------------------------------------------------------------------------------------

def weights_path() -> Path | None:
    """``pretrained.pt`` inside the installed ``resemblyzer`` package, found without importing it."""
    try:
        spec = importlib.util.find_spec("resemblyzer")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "pretrained.pt"
        if path.is_file():
            return path
    return None


def encoder_problem() -> str | None:
    """None when the encoder can run, else a sentence saying what is missing and what to do."""
    return None if weights_path() is not None else _MISSING


_DTYPES = {"FloatStorage": np.float32, "DoubleStorage": np.float64, "HalfStorage": np.float16,
           "LongStorage": np.int64, "IntStorage": np.int32, "ShortStorage": np.int16,
           "CharStorage": np.int8, "ByteStorage": np.uint8, "BoolStorage": np.bool_}
_MAGIC = 0x1950A86A20F9469CFC6C


class _Storage:
    def __init__(self, dtype: Any) -> None:
        self.dtype = dtype


class _Lazy:
    """A tensor whose storage is read after the pickle: filled in by ``load_torch_legacy``."""

    def __init__(self, key: str, offset: int, size: tuple[int, ...], stride: tuple[int, ...]) -> None:
        self.key, self.offset, self.size, self.stride = key, offset, size, stride


def _rebuild_tensor(storage: tuple[str, Any], offset: int, size: tuple[int, ...], stride: tuple[int, ...],
                    *_: Any) -> _Lazy:
    return _Lazy(storage[0], offset, tuple(size), tuple(stride))


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: Any) -> None:
        super().__init__(file)
        self.storages: dict[str, Any] = {}

    def find_class(self, module: str, name: str) -> Any:
        if module == "torch._utils" and name in ("_rebuild_tensor_v2", "_rebuild_tensor"):
            return _rebuild_tensor
        if module == "torch" and name in _DTYPES:
            return _Storage(_DTYPES[name])
        if module == "collections" and name == "OrderedDict":
            return OrderedDict
        raise pickle.UnpicklingError(f"unexpected object {module}.{name} in the weights file")

    def persistent_load(self, pid: Any) -> Any:
        kind, storage_type, key, _location, _size = pid[:5]
        if kind != "storage":
            raise pickle.UnpicklingError(f"unexpected persistent id {kind!r}")
        self.storages[str(key)] = storage_type.dtype
        return (str(key), storage_type.dtype)


def load_torch_legacy(path: Path) -> dict[str, Any]:
    """Read a checkpoint in torch's pre-1.6 (non-zip) format without torch: tensors become numpy arrays.

    Only plain containers, OrderedDicts and tensors are accepted; anything else in the pickle is refused.
    """
    with open(path, "rb") as f:
        if pickle.load(f) != _MAGIC:
            raise ValueError(f"{path.name} is not a torch checkpoint of the old format")
        pickle.load(f)  # protocol version
        info = pickle.load(f)
        if not info.get("little_endian", True):
            raise ValueError(f"{path.name} is big-endian")
        unpickler = _Unpickler(f)
        obj = unpickler.load()
        keys = pickle.load(f)
        data: dict[str, np.ndarray] = {}
        for key in keys:
            dtype = np.dtype(unpickler.storages[str(key)])
            (count,) = struct.unpack("<q", f.read(8))
            data[str(key)] = np.frombuffer(f.read(count * dtype.itemsize), dtype=dtype)

    def resolve(value: Any) -> Any:
        if isinstance(value, _Lazy):
            flat = data[value.key]
            itemsize = flat.dtype.itemsize
            return np.lib.stride_tricks.as_strided(
                flat[value.offset:], shape=value.size, strides=tuple(s * itemsize for s in value.stride)).copy()
        if isinstance(value, dict):
            return {k: resolve(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(resolve(v) for v in value)
        return value

    return resolve(obj)


# --- the features -------------------------------------------------------------------------------------

def _mel_filters() -> np.ndarray:
    """librosa's Slaney-style mel filter bank (htk=False, norm="slaney") for 16 kHz, 400-point FFT."""
    f_sp, min_log_hz = 200.0 / 3, 1000.0
    min_log_mel, logstep = min_log_hz / f_sp, np.log(6.4) / 27.0

    def hz_to_mel(hz: np.ndarray) -> np.ndarray:
        hz = np.asarray(hz, dtype=np.float64)
        return np.where(hz >= min_log_hz, min_log_mel + np.log(np.maximum(hz, 1e-10) / min_log_hz) / logstep,
                        hz / f_sp)

    def mel_to_hz(mel: np.ndarray) -> np.ndarray:
        return np.where(mel >= min_log_mel, min_log_hz * np.exp(logstep * (mel - min_log_mel)), f_sp * mel)

    fft_freqs = np.linspace(0, EMBED_RATE / 2, 1 + _N_FFT // 2)
    mel_f = mel_to_hz(np.linspace(hz_to_mel(np.array(0.0)), hz_to_mel(np.array(EMBED_RATE / 2)), _N_MELS + 2))
    fdiff = np.diff(mel_f)
    ramps = mel_f[:, None] - fft_freqs[None, :]
    lower = -ramps[:-2] / fdiff[:-1, None]
    upper = ramps[2:] / fdiff[1:, None]
    weights = np.maximum(0.0, np.minimum(lower, upper))
    weights *= (2.0 / (mel_f[2:_N_MELS + 2] - mel_f[:_N_MELS]))[:, None]
    return weights.astype(np.float32)


_MEL = _mel_filters()
_WINDOW = (0.5 - 0.5 * np.cos(2 * np.pi * np.arange(_N_FFT) / _N_FFT)).astype(np.float32)  # periodic Hann


def mel_frames(wav: np.ndarray) -> np.ndarray:
    """Power mel spectrogram (frames × 40), as librosa.feature.melspectrogram with centred zero padding."""
    padded = np.pad(wav.astype(np.float32), (_N_FFT // 2, _N_FFT // 2))
    count = 1 + (padded.size - _N_FFT) // _HOP
    idx = np.arange(_N_FFT)[None, :] + _HOP * np.arange(count)[:, None]
    spectrum = np.abs(np.fft.rfft(padded[idx] * _WINDOW, axis=1)) ** 2
    return (spectrum.astype(np.float32) @ _MEL.T).astype(np.float32)


def _to_embed_rate(samples: np.ndarray, rate: int) -> np.ndarray:
    x = np.asarray(samples, dtype=np.float32)
    if x.ndim == 2:
        x = x.mean(axis=1)
    if rate != EMBED_RATE and x.size:
        import soxr

        x = np.asarray(soxr.resample(x, rate, EMBED_RATE), dtype=np.float32)
    return x


def _normalize_volume(wav: np.ndarray) -> np.ndarray:
    rms = float(np.sqrt(np.mean(wav.astype(np.float64) ** 2)))
    if rms <= 0:
        return wav
    change = _TARGET_DBFS - 20 * np.log10(rms)
    return wav * np.float32(10 ** (change / 20)) if change > 0 else wav


def _trim_long_silences(wav: np.ndarray) -> np.ndarray:
    """Silences longer than ~0.2 s shortened, as the encoder's training data was (an energy gate stands in
    for the WebRTC voice detector)."""
    wav = wav[:wav.size - wav.size % _VAD_WINDOW]
    if wav.size == 0:
        return wav
    windows = wav.reshape(-1, _VAD_WINDOW).astype(np.float64)
    level = 10 * np.log10(np.mean(windows ** 2, axis=1) + 1e-12)
    voiced = (level > max(np.percentile(level, 95) - 35.0, -70.0)).astype(np.float64)
    padded = np.concatenate((np.zeros((_VAD_AVERAGE - 1) // 2), voiced, np.zeros(_VAD_AVERAGE // 2)))
    summed = np.cumsum(padded)
    summed[_VAD_AVERAGE:] = summed[_VAD_AVERAGE:] - summed[:-_VAD_AVERAGE]
    mask = np.round(summed[_VAD_AVERAGE - 1:] / _VAD_AVERAGE).astype(bool)
    if not mask.any():
        return wav
    reach = _VAD_MAX_SILENCE // 2
    dilated = np.convolve(mask.astype(np.int32), np.ones(2 * reach + 1, np.int32), mode="same") > 0
    return wav[np.repeat(dilated, _VAD_WINDOW)]


# --- the network --------------------------------------------------------------------------------------

def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


class SpeakerEncoder:
    """The GE2E voice encoder run in numpy. Thread-safe: it holds no state between calls."""

    def __init__(self, weights: Path | None = None) -> None:
        path = weights or weights_path()
        if path is None:
            raise EmbeddingUnavailable(_MISSING)
        try:
            state = load_torch_legacy(path)["model_state"]
            self._layers = []
            for k in range(_LAYERS):
                w_ih = np.asarray(state[f"lstm.weight_ih_l{k}"], np.float32)
                w_hh = np.asarray(state[f"lstm.weight_hh_l{k}"], np.float32)
                bias = np.asarray(state[f"lstm.bias_ih_l{k}"] + state[f"lstm.bias_hh_l{k}"], np.float32)
                self._layers.append((np.ascontiguousarray(w_ih.T), np.ascontiguousarray(w_hh.T), bias))
            self._linear_w = np.ascontiguousarray(np.asarray(state["linear.weight"], np.float32).T)
            self._linear_b = np.asarray(state["linear.bias"], np.float32)
        except (OSError, ValueError, KeyError, EOFError, pickle.UnpicklingError, struct.error) as exc:
            raise EmbeddingUnavailable(
                f"The speaker-embedding weights at {path} could not be read ({exc}). Reinstall them with "
                "“pip install --force-reinstall --no-deps resemblyzer==0.1.4”.") from None

    def _forward(self, mels: np.ndarray) -> np.ndarray:
        """(batch, frames, 40) → (batch, 256) unit embeddings, as Resemblyzer's ``VoiceEncoder.forward``."""
        x = mels
        batch, frames, _ = x.shape
        h = np.zeros((batch, _HIDDEN), np.float32)
        for w_ih, w_hh, bias in self._layers:
            gates_in = x @ w_ih + bias  # (batch, frames, 4*hidden)
            h = np.zeros((batch, _HIDDEN), np.float32)
            c = np.zeros((batch, _HIDDEN), np.float32)
            outputs = np.empty((batch, frames, _HIDDEN), np.float32)
            for t in range(frames):
                g = gates_in[:, t] + h @ w_hh
                i, f, cell, o = np.split(g, 4, axis=1)
                c = _sigmoid(f) * c + _sigmoid(i) * np.tanh(cell)
                h = _sigmoid(o) * np.tanh(c)
                outputs[:, t] = h
            x = outputs
        raw = np.maximum(h @ self._linear_w + self._linear_b, 0.0)
        norm = np.linalg.norm(raw, axis=1, keepdims=True)
        return raw / np.maximum(norm, 1e-12)

    def embed(self, samples: np.ndarray, rate: int) -> np.ndarray:
        """The unit embedding of a clip: partials of 1.6 s, averaged and normalized (``embed_utterance``)."""
        wav = _trim_long_silences(_normalize_volume(_to_embed_rate(samples, rate)))
        if wav.size < _HOP * 20 or not np.any(wav):
            raise ValueError("The clip is too short or silent to tell whose voice it is; use at least a second "
                             "of speech.")
        n_frames = int(np.ceil((wav.size + 1) / _HOP))
        step = int(round(EMBED_RATE / _PARTIAL_RATE / _HOP))
        starts = list(range(0, max(1, n_frames - _PARTIAL_FRAMES + step + 1), step))
        last = starts[-1] * _HOP
        coverage = (wav.size - last) / (_PARTIAL_FRAMES * _HOP)
        if coverage < _MIN_COVERAGE and len(starts) > 1:
            starts = starts[:-1]
        needed = (starts[-1] + _PARTIAL_FRAMES) * _HOP
        if needed >= wav.size:
            wav = np.pad(wav, (0, needed - wav.size))
        mel = mel_frames(wav)
        mels = np.stack([mel[s:s + _PARTIAL_FRAMES] for s in starts])
        mean = self._forward(mels).mean(axis=0)
        return (mean / np.linalg.norm(mean)).astype(np.float32)

    def embed_voice(self, clips: Iterable[tuple[np.ndarray, int]]) -> np.ndarray:
        """One embedding for several clips of the same voice (the normalized mean of theirs)."""
        vectors = [self.embed(samples, rate) for samples, rate in clips]
        if not vectors:
            raise ValueError("No clip was given to measure the voice from.")
        mean = np.mean(vectors, axis=0)
        return (mean / np.linalg.norm(mean)).astype(np.float32)


_ENCODER: SpeakerEncoder | None = None
_ENCODER_LOCK = threading.Lock()


def encoder() -> SpeakerEncoder:
    """The process's encoder, loaded once (raises ``EmbeddingUnavailable`` with a sentence when missing)."""
    global _ENCODER
    with _ENCODER_LOCK:
        if _ENCODER is None:
            _ENCODER = SpeakerEncoder()
        return _ENCODER


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Cosine similarity of two embeddings (1 = the same direction)."""
    a = np.asarray(a, dtype=np.float64).ravel()
    b = np.asarray(b, dtype=np.float64).ravel()
    denom = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(a @ b / denom) if denom > 0 else 0.0


# --- the cache ----------------------------------------------------------------------------------------

def cache_folder() -> Path:
    """``<user cache dir>/Troupe`` (``TROUPE_CACHE_DIR`` overrides it)."""
    override = os.environ.get("TROUPE_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("Troupe", appauthor=False))


def _entry_key(engine: str, voice_id: str, version: str) -> str:
    canonical = json.dumps([ENCODER_ID, engine, voice_id, version], ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:24]


class EmbeddingCache:
    """One embedding per (engine, voice id, version) in ``<folder>/speaker-embeddings.json``.

    A damaged or unreadable file counts as empty (it is only a cache); writes go through a temporary file
    so a crash never leaves half a file.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.path = Path(folder if folder is not None else cache_folder()) / "speaker-embeddings.json"
        self._lock = threading.Lock()
        self._entries: dict[str, dict[str, Any]] | None = None

    def _load(self) -> dict[str, dict[str, Any]]:
        if self._entries is None:
            try:
                raw = json.loads(self.path.read_text(encoding="utf-8"))
                entries = raw.get("entries", {}) if isinstance(raw, dict) and raw.get("encoder") == ENCODER_ID else {}
            except (OSError, ValueError):
                entries = {}
            self._entries = {k: v for k, v in entries.items() if isinstance(v, dict)}
        return self._entries

    def get(self, engine: str, voice_id: str, version: str) -> np.ndarray | None:
        with self._lock:
            entry = self._load().get(_entry_key(engine, voice_id, version))
        if entry is None:
            return None
        try:
            vector = np.asarray(entry["vector"], dtype=np.float32)
        except (KeyError, TypeError, ValueError):
            return None
        return vector if vector.shape == (_HIDDEN,) and np.all(np.isfinite(vector)) else None

    def put(self, engine: str, voice_id: str, version: str, vector: np.ndarray) -> None:
        with self._lock:
            entries = self._load()
            entries[_entry_key(engine, voice_id, version)] = {
                "engine": engine, "voice_id": voice_id, "version": version,
                "vector": [round(float(v), 6) for v in np.asarray(vector).ravel()]}
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".speaker-embeddings-", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    json.dump({"encoder": ENCODER_ID, "entries": entries}, f, ensure_ascii=False)
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise

    def voice(self, engine: str, voice_id: str, version: str,
              clips: Callable[[], Iterable[tuple[np.ndarray, int]]],
              embed: Callable[[Iterable[tuple[np.ndarray, int]]], np.ndarray] | None = None) -> np.ndarray:
        """The cached embedding, or one measured from ``clips()`` (rendered only on a miss) and kept."""
        cached = self.get(engine, voice_id, version)
        if cached is not None:
            return cached
        vector = (embed or encoder().embed_voice)(clips())
        self.put(engine, voice_id, version, vector)
        return vector


# --- telling a palette apart ------------------------------------------------------------------------------

def largest_distinct(names: list[str], alike: Callable[[str, str], bool]) -> list[str]:
    """The largest set of ``names`` no two of which are ``alike`` (exact for up to ~20 names; ties go to
    the earlier names, so the order of ``names`` is a preference)."""
    n = len(names)
    clash = [0] * n
    for i in range(n):
        for j in range(n):
            if i != j and alike(names[i], names[j]):
                clash[i] |= 1 << j
    best = 0

    def grow(chosen: int, allowed: int, start: int) -> None:
        nonlocal best
        if chosen.bit_count() > best.bit_count():
            best = chosen
        if chosen.bit_count() + (allowed >> start).bit_count() <= best.bit_count():
            return
        for i in range(start, n):
            if allowed >> i & 1:
                grow(chosen | 1 << i, allowed & ~clash[i] & ~((1 << (i + 1)) - 1), i + 1)

    grow(0, (1 << n) - 1, 0)
    return [names[i] for i in range(n) if best >> i & 1]
