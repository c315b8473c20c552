"""The small protocol every speech engine speaks, and the values it trades in.

An engine lists its voices and turns a ``SpeechRequest`` into encoded audio. It is async: network
engines await I/O; CPU engines run their model in a worker thread so the caller's loop never blocks.
Nothing here knows about the project file, the UI or the render queue.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Protocol, runtime_checkable

from studio.domain.render_key import SpeechRequest
from studio.domain.words import Span

__all__ = ["EngineError", "SpeechEngine", "SpeechRequest", "SpeechResult", "Voice"]


@dataclass(frozen=True)
class Voice:
    """Something an engine can speak with."""

    engine: str
    voice_id: str
    name: str
    gender: str | None = None  # "female" | "male" | None
    age: str | None = None  # "child" | "young" | "adult" | "old" | None
    languages: tuple[str, ...] = ("zh", "en")
    kind: str = "preset"  # "preset" | "system" | "cloned" | "designed"
    description: str = ""
    narrator: bool = False  # suited to narration
    created: str | None = None  # creation date for cloned/designed voices

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class SpeechResult:
    audio: bytes  # an encoded file (wav/mp3/flac), never raw samples
    format: str  # "wav" | "mp3" | "flac"
    sample_rate: int
    duration_ms: int
    engine: str
    model: str
    voice_id: str
    billed_chars: int = 0
    trace_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    #: What was said, timed by the engine itself (ms from the start of ``audio``), when it knows:
    #: pieces of the request's text (words, characters). None: the engine gave no timings.
    spans: tuple[Span, ...] | None = None
    timing_method: str = ""  # how the engine knows, e.g. "minimax-subtitles", "kokoro-durations"


class EngineError(Exception):
    """A failure an engine reports, with a sentence a user can act on.

    ``retryable`` tells the scheduler whether trying again later may succeed.
    """

    def __init__(self, message: str, *, retryable: bool = False, code: int | str | None = None,
                 trace_id: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.retryable = retryable
        self.code = code
        self.trace_id = trace_id

    def __str__(self) -> str:
        if self.trace_id:
            return f"{self.message} (trace id {self.trace_id})"
        return self.message


@runtime_checkable
class SpeechEngine(Protocol):
    name: str  # "kokoro" | "espeak" | "minimax"

    @property
    def model(self) -> str:
        """The model id, part of every render key."""
        ...

    @property
    def max_concurrency(self) -> int:
        """How many synthesize() calls may usefully run at once."""
        ...

    async def voices(self) -> list[Voice]: ...

    def prepare(self, request: SpeechRequest) -> SpeechRequest:
        """The request as this engine will really send it (unsupported fields dropped, model and
        audio settings filled in). Its render key is the one the take is stored under."""
        ...

    async def synthesize(self, request: SpeechRequest) -> SpeechResult: ...

    async def aclose(self) -> None: ...


#: The longest line an offline engine speaks as one take (about eight minutes of Chinese speech): a longer one is
#: a script that lost its line breaks, and would make one take of an hour.
OFFLINE_MAX_LINE_CHARS = 2000


def check_line_length(text: str, engine: str, limit: int = OFFLINE_MAX_LINE_CHARS) -> None:
    """Refuse a line longer than ``limit`` characters with the sentence that says what to do."""
    n = len(text.strip())
    if n > limit:
        raise EngineError(f"This line has {n} characters; the {engine} engine speaks at most {limit} in one "
                          f"line (about {limit // 250} minutes). Split it into shorter lines and render again.")



#: The request extra that asks a deterministic engine for another reading of the same line: a new take of a
#: line whose take came out wrong ("render a new take", "render the doubtful lines again") carries the
#: number of takes its key already has. Not part of the render key: the take is kept under the line's key.
VARIATION_EXTRA = "variation"
#: The pace of each variation, cycled: a slightly slower or quicker reading changes where the model
#: rushes or drops syllables, while the line still sounds like itself.
VARIATION_PACE = (1.0, 0.94, 1.05, 0.9, 1.0 / 0.94)


def with_variation(request: SpeechRequest, number: int) -> SpeechRequest:
    """``request`` asking for variation ``number`` (0: the first reading, unchanged)."""
    if number <= 0:
        return request
    extra = tuple(sorted({**dict(request.extra), VARIATION_EXTRA: str(number)}.items()))
    return replace(request, extra=extra)


def variation_pace(request: SpeechRequest) -> float:
    """The speed factor of the request's variation (1.0 when it asks for none)."""
    try:
        number = int(dict(request.extra).get(VARIATION_EXTRA, "0"))
    except ValueError:
        return 1.0
    return VARIATION_PACE[number % len(VARIATION_PACE)] if number > 0 else 1.0
