"""What each MiniMax speech model accepts, and the value sets of the t2a_v2 request.

The capability table decides which fields may be sent so that no request goes out that the model
rejects: emotions per model family, interjection tags (speech-2.8 only), audio settings and the
``language_boost`` names. Pure data and small pure functions; no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from studio.domain.markup import SOUND_TAGS, for_minimax, tags_in

BASE_EMOTIONS = frozenset({"happy", "sad", "angry", "fearful", "disgusted", "surprised", "calm"})
EMOTIONS_26 = BASE_EMOTIONS | {"fluent", "whisper"}
EMOTION_ALIASES = {"neutral": "calm"}

INTERJECTION_TAGS = SOUND_TAGS  # the sound tags speech-2.8 voices (studio.domain.markup reads them)

SAMPLE_RATES = (8000, 16000, 22050, 24000, 32000, 44100)
BITRATES = (32000, 64000, 128000, 256000)
FORMATS = ("mp3", "wav", "flac", "pcm")  # pcm: raw signed 16-bit little-endian mono samples
FILE_FORMATS = ("mp3", "wav", "flac")
STREAM_FORMATS = ("mp3", "flac", "pcm")
VOICE_MODIFY_FORMATS = ("mp3", "wav", "flac")  # voice_modify works with these (streamed: mp3 only)
DEFAULT_BITRATE = 128000
MAX_TEXT_CHARS = 10_000
SOUND_EFFECTS = ("spacious_echo", "auditorium_echo", "lofi_telephone", "robotic")

LANGUAGE_BOOST = {
    "zh": "Chinese", "yue": "Chinese,Yue", "en": "English", "ja": "Japanese", "ko": "Korean",
    "fr": "French", "de": "German", "es": "Spanish", "pt": "Portuguese", "it": "Italian",
    "ru": "Russian", "ar": "Arabic", "tr": "Turkish", "nl": "Dutch", "uk": "Ukrainian",
    "vi": "Vietnamese", "id": "Indonesian", "th": "Thai", "pl": "Polish", "ro": "Romanian",
    "el": "Greek", "cs": "Czech", "fi": "Finnish", "hi": "Hindi",
}
#: Every ``language_boost`` value t2a_v2 and voice_clone accept.
LANGUAGE_BOOST_NAMES = frozenset({
    "auto", "Chinese", "Chinese,Yue", "English", "Arabic", "Russian", "Spanish", "French", "Portuguese",
    "German", "Turkish", "Dutch", "Ukrainian", "Vietnamese", "Indonesian", "Japanese", "Italian", "Korean",
    "Thai", "Polish", "Romanian", "Greek", "Czech", "Finnish", "Hindi", "Bulgarian", "Danish", "Hebrew",
    "Malay", "Persian", "Slovak", "Swedish", "Croatian", "Filipino", "Hungarian", "Norwegian", "Slovenian",
    "Catalan", "Nynorsk", "Tamil", "Afrikaans",
})


@dataclass(frozen=True)
class SpeechModel:
    """One speech model and what it accepts."""

    name: str
    family: str  # "2.8" | "2.6" | "02" | "01"
    tier: str  # "hd" | "turbo"
    emotions: frozenset[str]
    interjections: bool

    def supports_emotion(self, emotion: str) -> bool:
        return emotion in self.emotions


def _model(family: str, tier: str) -> SpeechModel:
    emotions = EMOTIONS_26 if family == "2.6" else BASE_EMOTIONS
    return SpeechModel(f"speech-{family}-{tier}", family, tier, frozenset(emotions), family == "2.8")


SPEECH_MODELS: dict[str, SpeechModel] = {
    m.name: m for m in (_model(f, t) for f in ("2.8", "2.6", "02", "01") for t in ("hd", "turbo"))
}
DEFAULT_MODEL = "speech-2.8-hd"


def speech_model(name: str) -> SpeechModel:
    """The capabilities of ``name``; raises InvalidRequestError for a model MiniMax does not offer."""
    try:
        return SPEECH_MODELS[name]
    except KeyError:
        from studio.engines.minimax.errors import InvalidRequestError
        raise InvalidRequestError(f"Unknown MiniMax speech model {name!r}: choose one of "
                                  f"{', '.join(SPEECH_MODELS)}.", code="model") from None


def normalize_emotion(emotion: str | None) -> str | None:
    if not emotion:
        return None
    value = emotion.strip().lower()
    if value in ("", "auto", "none"):
        return None
    return EMOTION_ALIASES.get(value, value)


def strip_interjections(text: str) -> str:
    """The text without ``(laughs)``-style tags, for models that would read them aloud (pauses kept)."""
    return for_minimax(text, tags=False)


def has_interjections(text: str) -> bool:
    return bool(tags_in(text))


def nearest_sample_rate(rate: int) -> int:
    return min(SAMPLE_RATES, key=lambda r: (abs(r - rate), -r))


def language_boost_for(language: str) -> str | None:
    return LANGUAGE_BOOST.get((language or "").lower().split("-")[0])
