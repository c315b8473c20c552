"""MiniMax voices: listing, deleting, cloning from a clip, designing from a prompt, uploaded files.

Functions take a ``MiniMaxClient`` (the engine exposes thin methods over them). Local clip checks run
before any upload so a bad clip costs no request: the file's real content is sniffed (a text file
renamed ``.mp3`` is named as such), its size and length are checked, and the voice_clone options are
checked by ``clone_options_problem``. The 7-day rule is only stated here (``activation_deadline``);
remembering which voices wait for their first use is the voice library's job (``studio.library``).
Speech request building lives in ``engine``; nothing here imports Qt or touches the project file.
"""

from __future__ import annotations

import asyncio
import logging
import re
import secrets
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from studio.domain.render_key import SpeechRequest
from studio.engines.minimax.client import MiniMaxClient
from studio.engines.minimax.errors import (
    ClipError,
    InvalidRequestError,
    InvalidVoiceIdError,
    MalformedResponseError,
)
from studio.engines.minimax.models import DEFAULT_MODEL, LANGUAGE_BOOST_NAMES, SPEECH_MODELS
from studio.engines.speech import SpeechResult, Voice

ENGINE = "minimax"
CLIP_FORMATS = {".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".wav": "audio/wav"}
CLIP_MIN_SECONDS = 10.0
CLIP_MAX_SECONDS = 300.0
PROMPT_MAX_SECONDS = 8.0
CLIP_MAX_BYTES = 20 * 1024 * 1024
CLONE_PREVIEW_MAX_CHARS = 1000
DESIGN_PREVIEW_MAX_CHARS = 500
ACTIVATION_WINDOW_SECONDS = 7 * 24 * 3600
VOICE_TYPES = ("system", "voice_cloning", "voice_generation", "all")
LANGUAGE_BOOST_VALUES = LANGUAGE_BOOST_NAMES
log = logging.getLogger("studio.engines.minimax")


# --- mapping get_voice entries to Voice ---------------------------------------------------------------

_FEMALE = {"female", "girl", "woman", "women", "lady", "queen", "princess", "maiden", "miss", "aunt", "antie",
           "auntie", "bestie", "sister", "belle", "grandma", "granny", "madam", "abbess", "heroine", "mother",
           "mom", "wife", "girlfriend", "shaonv", "yujie", "tianmei", "chengshu", "xuemei", "xuejie",
           "mengmei", "xiaoling", "nvsheng", "f"}
_MALE = {"male", "man", "men", "boy", "guy", "gentleman", "bloke", "knight", "prince", "king", "butler",
         "uncle", "father", "dad", "husband", "boyfriend", "santa", "grinch", "arnold", "warrior", "qn",
         "didi", "nanyou", "xuedi", "xiongzhang", "shaoye", "daxuesheng", "bingjiao", "m", "gentle-voiced"}
_CHILD = {"child", "kid", "kids", "cute_boy", "clever_boy", "lovely_girl", "baby", "elf"}
_OLD = {"elder", "elderly", "grandma", "grandpa", "granny", "old", "aged", "senior_man"}
_YOUNG = {"girl", "boy", "young", "youth", "teen", "student", "shaonv", "qn", "xuemei", "xuedi", "xuejie",
          "daxuesheng", "xiaoling", "mengmei", "maiden", "princess", "didi", "junior", "sadteen"}
_ADULT = {"woman", "man", "lady", "gentleman", "yujie", "chengshu", "mature", "executive", "boss", "anchor",
          "announcer", "host", "mentor", "scholar", "queen", "butler", "commander", "partner"}
_NARRATOR = ("narrator", "storyteller", "audiobook", "announcer", "anchor", "presenter", "radio", "host",
             "commentary", "news")
_LANG_PREFIX = {"chinese": ("zh",), "cantonese": ("yue",), "english": ("en",), "japanese": ("ja",),
                "korean": ("ko",), "spanish": ("es",), "portuguese": ("pt",), "french": ("fr",),
                "german": ("de",), "italian": ("it",), "russian": ("ru",), "arabic": ("ar",),
                "turkish": ("tr",), "dutch": ("nl",), "ukrainian": ("uk",), "vietnamese": ("vi",),
                "indonesian": ("id",), "thai": ("th",), "polish": ("pl",), "romanian": ("ro",),
                "greek": ("el",), "czech": ("cs",), "finnish": ("fi",), "hindi": ("hi",)}


def _tokens(text: str) -> list[str]:
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text)
    return [t for t in re.split(r"[^A-Za-z0-9]+", spaced.lower()) if t]


def guess_gender_age(voice_id: str, name: str = "") -> tuple[str | None, str | None]:
    """A best guess from ids like ``female-shaonv``, ``male-qn-qingse``, ``English_CalmWoman``."""
    lowered = voice_id.lower()
    toks = set(_tokens(voice_id)) | set(_tokens(name))
    gender: str | None = None
    if toks & _FEMALE - {"f"} or "(f)" in lowered or "（f)" in lowered:
        gender = "female"
    elif toks & _MALE - {"m"} or "(m)" in lowered or "（m)" in lowered:
        gender = "male"
    age: str | None = None
    if any(c in lowered for c in _CHILD) or toks & _CHILD:
        age = "child"
    elif toks & _OLD:
        age = "old"
    elif toks & _YOUNG:
        age = "young"
    elif toks & _ADULT:
        age = "adult"
    return gender, age


def guess_languages(voice_id: str) -> tuple[str, ...]:
    head = re.split(r"[ _(]", voice_id.strip(), maxsplit=1)[0].lower()
    if head in _LANG_PREFIX:
        return _LANG_PREFIX[head]
    if re.fullmatch(r"(male|female)-.*|[a-z]+_[a-z]+", voice_id.strip()) and voice_id.islower():
        return ("zh",)  # pinyin ids like female-shaonv, badao_shaoye
    return ("zh", "en")


def _description(item: dict[str, Any]) -> str:
    desc = item.get("description") or []
    if isinstance(desc, str):
        return desc
    return "; ".join(str(d) for d in desc if d)


def voice_from_entry(item: dict[str, Any], kind: str) -> Voice:
    """One get_voice entry as a Voice. ``kind`` is "system", "cloned" or "designed"."""
    vid = str(item.get("voice_id") or "")
    name = str(item.get("voice_name") or vid)
    description = _description(item)
    gender, age = guess_gender_age(vid, name)
    text = f"{vid} {name} {description}".lower()
    created = item.get("created_time")
    return Voice(engine=ENGINE, voice_id=vid, name=name, gender=gender, age=age,
                 languages=guess_languages(vid), kind=kind, description=description,
                 narrator=any(w in text for w in _NARRATOR),
                 created=str(created) if created and kind != "system" else None)


async def get_voice(client: MiniMaxClient, voice_type: str = "all") -> list[Voice]:
    """The account's voices (system, cloned, designed). Null lists are tolerated."""
    if voice_type not in VOICE_TYPES:
        raise InvalidRequestError(f"Unknown voice type {voice_type!r}: use one of {', '.join(VOICE_TYPES)}.")
    body, _ = await client.post_json("/v1/get_voice", {"voice_type": voice_type}, endpoint="voices")
    voices: list[Voice] = []
    for key, kind in (("system_voice", "system"), ("voice_cloning", "cloned"), ("voice_generation", "designed")):
        for item in body.get(key) or []:
            if isinstance(item, dict) and item.get("voice_id"):
                voices.append(voice_from_entry(item, kind))
    return voices


async def delete_voice(client: MiniMaxClient, voice_id: str, voice_type: str = "voice_cloning") -> None:
    """Delete a cloned ("voice_cloning") or designed ("voice_generation") voice. Ids are never reusable."""
    if voice_type not in ("voice_cloning", "voice_generation"):
        raise InvalidRequestError("Only cloned or designed voices can be deleted.")
    await client.post_json("/v1/delete_voice", {"voice_type": voice_type, "voice_id": voice_id},
                           endpoint="voices", retry=False)


# --- voice ids ----------------------------------------------------------------------------------------

_VOICE_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{6,254}[A-Za-z0-9]$")


def voice_id_problem(voice_id: str) -> str | None:
    """Why ``voice_id`` breaks MiniMax's rules, or None when it is fine."""
    if not 8 <= len(voice_id) <= 256:
        return "it must be 8 to 256 characters long"
    if not voice_id[0].isascii() or not voice_id[0].isalpha():
        return "it must start with a letter"
    if not re.fullmatch(r"[A-Za-z0-9_-]+", voice_id):
        return "it may contain only letters, digits, '-' and '_'"
    if voice_id[-1] in "-_":
        return "it must not end with '-' or '_'"
    if not any(c.isdigit() for c in voice_id):
        return "it must contain at least one digit"
    return None


def validate_voice_id(voice_id: str) -> str:
    problem = voice_id_problem(voice_id)
    if problem:
        raise InvalidVoiceIdError(f"The voice id {voice_id!r} cannot be used: {problem}.", code="voice-id")
    return voice_id


def generate_voice_id(name: str, *, now: float | None = None) -> str:
    """A fresh id from a display name, e.g. ``Narrator_Lin_20260101_a1b2`` (always valid)."""
    slug = "_".join(re.findall(r"[A-Za-z0-9]+", name))[:40].strip("_")
    if not slug or not slug[0].isalpha():
        slug = "Voice" + (f"_{slug}" if slug else "")
    stamp = time.strftime("%Y%m%d%H%M", time.localtime(now if now is not None else time.time()))
    vid = f"{slug}_{stamp}_{secrets.token_hex(2)}"
    return validate_voice_id(vid)


# --- clip checks --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ClipInfo:
    """A checked clip: ``format`` is what its content really is (mp3, m4a or wav), whatever its suffix."""

    path: Path
    format: str
    duration_s: float
    size_bytes: int

    @property
    def content_type(self) -> str:
        return CLIP_FORMATS[f".{self.format}"]

    @property
    def upload_name(self) -> str:
        """The file name sent with the upload, with the suffix of the real content."""
        return f"{self.path.stem}.{self.format}" if self.path.suffix.lower() != f".{self.format}" else self.path.name


def sniff_format(head: bytes) -> str | None:
    """"wav", "mp3" or "m4a" from a file's first bytes, or None when it is none of them."""
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "m4a"
    if head[:3] == b"ID3":
        return "mp3"
    # An MPEG audio frame: 11 sync bits, and a layer that is not 00 (00 would be AAC/ADTS, not mp3).
    if len(head) >= 2 and head[0] == 0xFF and (head[1] & 0xE0) == 0xE0 and (head[1] & 0x06) != 0:
        return "mp3"
    return None


def _looks_like_text(head: bytes) -> bool:
    if not head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = head[:-3].decode("utf-8")  # the sample may end inside a multi-byte character
        except UnicodeDecodeError:
            return False
    printable = sum(1 for c in text if c.isprintable() or c in "\r\n\t")
    return printable >= 0.95 * max(1, len(text))


def measure_duration(path: Path, fmt: str | None = None) -> float:
    """Seconds of audio in ``path`` (soundfile for wav/mp3, ffprobe/ffmpeg for anything else)."""
    kind = fmt or path.suffix.lower().lstrip(".")
    if kind in ("wav", "mp3", "flac"):
        try:
            import soundfile
            info = soundfile.info(str(path))
            if info.frames > 0 and info.samplerate > 0:
                return float(info.frames) / float(info.samplerate)
        except Exception:
            pass
    ffprobe = shutil.which("ffprobe")
    if ffprobe:
        out = subprocess.run([ffprobe, "-v", "error", "-show_entries", "format=duration", "-of",
                              "default=noprint_wrappers=1:nokey=1", str(path)],
                             capture_output=True, text=True, timeout=30)
        try:
            return float(out.stdout.strip())
        except ValueError:
            pass
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg:
        out = subprocess.run([ffmpeg, "-hide_banner", "-i", str(path)], capture_output=True, text=True,
                             timeout=30)
        m = re.search(r"Duration:\s*(\d+):(\d+):(\d+(?:\.\d+)?)", out.stderr)
        if m:
            return int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
    raise ClipError(f"{path.name} could not be read as audio: check that it is a valid mp3, m4a or wav file.",
                    code="clip-unreadable")


def check_clip_file(path: str | Path, *, prompt: bool = False, check_size: bool = True) -> tuple[Path, str, int]:
    """The checks that need no decoding: existence, suffix, size (unless ``check_size`` is False, for a clip
    that is trimmed before upload) and real content. Returns (path, real format, size)."""
    p = Path(path)
    kind = "prompt clip" if prompt else "clone sample"
    if not p.is_file():
        raise ClipError(f"The {kind} {p} does not exist.", code="clip-missing")
    ext = p.suffix.lower()
    if ext not in CLIP_FORMATS:
        raise ClipError(f"The {kind} {p.name} is not an mp3, m4a or wav file: convert it first.",
                        code="clip-format")
    size = p.stat().st_size
    if check_size and size > CLIP_MAX_BYTES:
        raise ClipError(f"The {kind} {p.name} is {size / 1048576:.1f} MB; MiniMax accepts at most 20 MB: "
                        f"trim it or save it at a lower quality.", code="clip-size")
    if size == 0:
        raise ClipError(f"The {kind} {p.name} is empty.", code="clip-size")
    with p.open("rb") as fh:
        head = fh.read(4096)
    real = sniff_format(head)
    if real is None:
        what = "it holds text, not audio" if _looks_like_text(head) else "its content is not mp3, m4a or wav audio"
        raise ClipError(f"The {kind} {p.name} is not really {ext[1:]} audio ({what}): choose the recording "
                        f"itself, or convert it to mp3, m4a or wav.", code="clip-content")
    return p, real, size


def check_clip(path: str | Path, *, prompt: bool = False) -> ClipInfo:
    """Check a clone sample (10 s - 5 min) or a prompt clip (< 8 s) before uploading it."""
    p, real, size = check_clip_file(path, prompt=prompt)
    duration = measure_duration(p, real)
    if prompt and duration >= PROMPT_MAX_SECONDS:
        raise ClipError(f"The prompt clip {p.name} is {duration:.1f} s long; it must be shorter than 8 seconds.",
                        code="clip-duration")
    if not prompt and duration < CLIP_MIN_SECONDS:
        raise ClipError(f"The clone sample {p.name} is {duration:.1f} s long; it must be 10 seconds to "
                        f"5 minutes of speech: choose a longer recording.", code="clip-too-short")
    if not prompt and duration > CLIP_MAX_SECONDS:
        raise ClipError(f"The clone sample {p.name} is {duration:.1f} s long; it must be 10 seconds to "
                        f"5 minutes of speech: trim it to at most 5 minutes.", code="clip-too-long")
    return ClipInfo(p, real, duration, size)


async def upload_file(client: MiniMaxClient, clip: ClipInfo, purpose: str) -> int:
    """Upload a checked clip (purpose "voice_clone" or "prompt_audio"); returns its file id."""
    data = await asyncio.to_thread(clip.path.read_bytes)
    body = await client.upload("/v1/files/upload", filename=clip.upload_name, data=data, purpose=purpose,
                               content_type=clip.content_type)
    file_id = (body.get("file") or {}).get("file_id")
    try:
        return int(file_id)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise MalformedResponseError("MiniMax did not return a file id for the upload; try again.",
                                     trace_id=body.get("trace_id")) from None


FILE_PURPOSES = ("voice_clone", "prompt_audio", "t2a_async", "t2a_async_input", "video_generation")


async def delete_file(client: MiniMaxClient, file_id: int, purpose: str) -> None:
    """Delete an uploaded file (files API); the body is JSON, whatever the header of the docs says."""
    if purpose not in FILE_PURPOSES:
        raise InvalidRequestError(f"Unknown file purpose {purpose!r}: use one of {', '.join(FILE_PURPOSES)}.")
    await client.post_json("/v1/files/delete", {"file_id": int(file_id), "purpose": purpose}, endpoint="files",
                           retry=False)


# --- the 7-day rule -----------------------------------------------------------------------------------

def activation_deadline(created_at: float) -> float:
    """When MiniMax deletes a voice created at ``created_at`` (epoch seconds) if it is never really used.

    Keeping track of which voices still wait for their first use is the voice library's job
    (``studio.library``); this module only knows MiniMax's rule.
    """
    return created_at + ACTIVATION_WINDOW_SECONDS


class _Synthesizer(Protocol):
    @property
    def model(self) -> str: ...

    async def synthesize(self, request: SpeechRequest) -> SpeechResult: ...


async def activate(engine: _Synthesizer, voice_id: str, *, language: str = "zh",
                   text: str | None = None) -> SpeechResult:
    """One short real t2a_v2 synthesis, which keeps a new clone from expiring (the preview does not)."""
    spoken = text or ("你好。" if language.startswith("zh") else "Hello.")
    request = SpeechRequest(engine=ENGINE, voice_id=voice_id, text=spoken, language=language,
                            model=engine.model, audio_format="mp3", sample_rate=16000)
    return await engine.synthesize(request)


# --- cloning and design -------------------------------------------------------------------------------

TRANSCRIPT_CHECK_MAX_CHARS = 200
DEFAULT_ACCURACY = 0.7


@dataclass
class CloneResult:
    """A new cloned voice: its id, the files uploaded for it (keep them to delete them later), its preview."""

    voice_id: str
    file_id: int
    created_at: float
    prompt_file_id: int | None = None
    demo_audio: bytes | None = None
    demo_format: str = "mp3"
    billed_chars: int = 0
    trace_id: str | None = None
    input_sensitive: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def uploaded_files(self) -> tuple[tuple[int, str], ...]:
        """(file id, purpose) of every file uploaded for this voice."""
        files = [(self.file_id, "voice_clone")]
        if self.prompt_file_id is not None:
            files.append((self.prompt_file_id, "prompt_audio"))
        return tuple(files)


@dataclass
class DesignResult:
    """A new designed voice and its trial audio (mp3 bytes)."""

    voice_id: str
    audio: bytes
    created_at: float = 0.0
    format: str = "mp3"
    billed_chars: int = 0
    trace_id: str | None = None


def _sensitive(body: dict[str, Any]) -> bool:
    value = body.get("input_sensitive")
    if isinstance(value, dict):
        return bool(value.get("type"))
    return bool(value) or bool(body.get("input_sensitive_type"))


async def _audio_from(client: MiniMaxClient, value: str) -> bytes:
    if value.startswith(("http://", "https://")):
        return await client.download(value)
    try:
        return bytes.fromhex(value)
    except ValueError:
        raise MalformedResponseError("MiniMax sent preview audio that could not be decoded.") from None


def clone_options_problem(*, prompt_audio: object = None, prompt_text: str | None = None,
                          preview_text: str | None = None, model: str = DEFAULT_MODEL,
                          text_validation: str | None = None, accuracy: float | None = None,
                          language_boost: str | None = None) -> str | None:
    """Why these voice_clone options would be refused, or None. Needs no file and no network."""
    if prompt_audio is not None and not (prompt_text or "").strip():
        return "A prompt clip needs its exact transcript (the prompt text)."
    if (prompt_text or "").strip() and prompt_audio is None:
        return "A prompt transcript needs its prompt clip (under 8 seconds)."
    if preview_text is not None and len(preview_text) > CLONE_PREVIEW_MAX_CHARS:
        return (f"The preview text is {len(preview_text)} characters; at most {CLONE_PREVIEW_MAX_CHARS} are "
                f"allowed.")
    if preview_text and model not in SPEECH_MODELS:
        return f"Unknown MiniMax speech model {model!r}: choose one of {', '.join(SPEECH_MODELS)}."
    if text_validation is not None:
        if not text_validation.strip():
            return "The transcript for the accuracy check is empty: type what is said in the clip, or leave it out."
        if len(text_validation) > TRANSCRIPT_CHECK_MAX_CHARS:
            return (f"The transcript for the accuracy check is {len(text_validation)} characters; MiniMax "
                    f"checks at most {TRANSCRIPT_CHECK_MAX_CHARS}: give the first sentences only.")
    if accuracy is not None:
        if text_validation is None:
            return "An accuracy applies to the transcript check: give the transcript of the clip as well."
        if not 0 < accuracy <= 1:
            return f"The accuracy {accuracy:g} must be above 0 and at most 1 (MiniMax's default is 0.7)."
    if language_boost and language_boost not in LANGUAGE_BOOST_VALUES:
        return f"Unknown language boost {language_boost!r}: use one of {', '.join(sorted(LANGUAGE_BOOST_VALUES))}."
    return None


async def _forget_uploads(client: MiniMaxClient, files: list[tuple[int, str]]) -> None:
    for file_id, purpose in files:
        try:
            await delete_file(client, file_id, purpose)
        except Exception:  # best effort: the clone already failed with its own sentence
            log.warning("could not delete uploaded file %s after a failed clone", file_id)


async def clone_voice(client: MiniMaxClient, audio: str | Path, *, name: str, voice_id: str | None = None,
                      prompt_audio: str | Path | None = None, prompt_text: str | None = None,
                      preview_text: str | None = None, model: str = DEFAULT_MODEL,
                      need_noise_reduction: bool = False, need_volume_normalization: bool = False,
                      language_boost: str | None = None, text_validation: str | None = None,
                      accuracy: float | None = None, aigc_watermark: bool = False) -> CloneResult:
    """Check the clips, upload them, clone, and fetch the preview (if ``preview_text`` was given).

    When the clone call fails after the uploads, the uploaded files are deleted again.
    """
    vid = validate_voice_id(voice_id) if voice_id else generate_voice_id(name)
    problem = clone_options_problem(prompt_audio=prompt_audio, prompt_text=prompt_text, preview_text=preview_text,
                                    model=model, text_validation=text_validation, accuracy=accuracy,
                                    language_boost=language_boost)
    if problem:
        raise InvalidRequestError(problem)
    clip = await asyncio.to_thread(check_clip, audio)
    prompt_clip = await asyncio.to_thread(check_clip, prompt_audio, prompt=True) if prompt_audio else None

    uploaded: list[tuple[int, str]] = []
    file_id = await upload_file(client, clip, "voice_clone")
    uploaded.append((file_id, "voice_clone"))
    try:
        prompt_id = None
        if prompt_clip is not None:
            prompt_id = await upload_file(client, prompt_clip, "prompt_audio")
            uploaded.append((prompt_id, "prompt_audio"))
        body: dict[str, Any] = {"file_id": file_id, "voice_id": vid,
                                "need_noise_reduction": bool(need_noise_reduction),
                                "need_volume_normalization": bool(need_volume_normalization)}
        if prompt_id is not None:
            body["clone_prompt"] = {"prompt_audio": prompt_id, "prompt_text": (prompt_text or "").strip()}
        if preview_text:
            body["text"] = preview_text
            body["model"] = model
        if language_boost:
            body["language_boost"] = language_boost
        if text_validation is not None:
            body["text_validation"] = text_validation.strip()
            if accuracy is not None:
                body["accuracy"] = float(accuracy)
        if aigc_watermark:
            body["aigc_watermark"] = True
        answer, _ = await client.post_json("/v1/voice_clone", body, endpoint="clone",
                                           chars=len(preview_text or ""))
    except BaseException:
        await _forget_uploads(client, uploaded)
        raise
    demo = answer.get("demo_audio") or ""
    extra = answer.get("extra_info") or {}
    return CloneResult(
        voice_id=vid, file_id=file_id, prompt_file_id=prompt_id, created_at=time.time(),
        demo_audio=await _audio_from(client, demo) if demo else None,
        billed_chars=int(extra.get("usage_characters") or 0), trace_id=answer.get("trace_id"),
        input_sensitive=_sensitive(answer), extra=dict(extra))


def design_problem(prompt: str, preview_text: str) -> str | None:
    """Why a voice_design request with this prompt and preview text would be refused, or None."""
    if not prompt.strip():
        return "Describe the voice to design (the prompt is empty)."
    if not preview_text.strip():
        return "Give a preview text for the designed voice."
    if len(preview_text) > DESIGN_PREVIEW_MAX_CHARS:
        return (f"The preview text is {len(preview_text)} characters; at most {DESIGN_PREVIEW_MAX_CHARS} are "
                f"allowed for a designed voice.")
    return None


async def design_voice(client: MiniMaxClient, prompt: str, preview_text: str, *,
                       voice_id: str | None = None, aigc_watermark: bool = False) -> DesignResult:
    """A new voice from a description; returns its id and the trial audio (mp3 bytes)."""
    problem = design_problem(prompt, preview_text)
    if problem:
        raise InvalidRequestError(problem)
    body: dict[str, Any] = {"prompt": prompt.strip(), "preview_text": preview_text}
    if voice_id:
        body["voice_id"] = validate_voice_id(voice_id)
    if aigc_watermark:
        body["aigc_watermark"] = True
    answer, _ = await client.post_json("/v1/voice_design", body, endpoint="design", chars=len(preview_text))
    new_id = str(answer.get("voice_id") or "")
    trial = str(answer.get("trial_audio") or "")
    if not new_id or not trial:
        raise MalformedResponseError("MiniMax did not return a voice id and trial audio for the design; "
                                     "try again.", trace_id=answer.get("trace_id"))
    extra = answer.get("extra_info") or {}
    return DesignResult(voice_id=new_id, audio=await _audio_from(client, trial), created_at=time.time(),
                        billed_chars=int(extra.get("usage_characters") or len(preview_text)),
                        trace_id=answer.get("trace_id"))
