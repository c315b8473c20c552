"""Typed MiniMax errors and the sentence a user reads for each status code.

Every error is a ``studio.engines.speech.EngineError`` so the render scheduler and the UI treat it like
any engine failure: ``message`` is one sentence saying what happened and what to do, ``retryable`` says
whether trying again later may help, ``trace_id`` is MiniMax's request id (shown to the user for
support). ``check_base_resp`` turns a response body into an error. Nothing here does I/O or holds a key.
"""

from __future__ import annotations

import re
from typing import Any

from studio.engines.speech import EngineError

GLOBAL_HOST = "https://api.minimax.io"
MAINLAND_HOST = "https://api.minimaxi.com"

# Codes worth retrying after a pause (rate, token, concurrency and growth limits; server hiccups).
RATE_CODES = frozenset({1002, 1039, 1041, 2045})
TRANSIENT_CODES = frozenset({1000, 1001, 1013, 1024, 1033})


class MiniMaxError(EngineError):
    """Any failure reported by, or on the way to, MiniMax."""

    def __init__(self, message: str, *, retryable: bool = False, code: int | str | None = None,
                 trace_id: str | None = None, http_status: int | None = None,
                 status_msg: str = "") -> None:
        super().__init__(message, retryable=retryable, code=code, trace_id=trace_id)
        self.http_status = http_status
        self.status_msg = status_msg


class MissingKeyError(MiniMaxError):
    """No API key in the environment or the keyring."""


class ConfigError(MiniMaxError):
    """A host, region or setting that cannot be used."""


class RateLimitError(MiniMaxError):
    """1002 / 1039 / 1041 / 2045 or HTTP 429: slow down and try again."""


class ServiceError(MiniMaxError):
    """HTTP 5xx, a timeout, a cut connection or an internal MiniMax error; usually transient."""


class AuthError(MiniMaxError):
    """1004 / 2049 / HTTP 401-403: the key is wrong or belongs to the other region."""


class BalanceError(MiniMaxError):
    """1008: the account has no balance left."""


class QuotaError(MiniMaxError):
    """2056 / 1028 / 1030 / 2061: a plan quota or plan restriction."""


class ContentFlaggedError(MiniMaxError):
    """1026 / 1027: the text or the generated audio was flagged."""


class InvisibleCharactersError(MiniMaxError):
    """1042: too many control characters in the text."""


class InvalidParameterError(MiniMaxError):
    """2013: MiniMax rejected a parameter; ``parameter`` names it when it can be told."""

    def __init__(self, message: str, *, parameter: str | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.parameter = parameter


class InvalidRequestError(MiniMaxError):
    """A request refused locally before sending (a value out of range, an empty text)."""


class VoiceError(MiniMaxError):
    """A voice-related failure (cloning, design, access to a voice id)."""


class ClipError(VoiceError):
    """A clip that fails the local checks made before any upload."""


class InvalidVoiceIdError(VoiceError):
    """A voice id that breaks MiniMax's rules."""


class MalformedResponseError(MiniMaxError):
    """A body that is not the documented shape (bad JSON, no audio)."""


_PARAMETER_NAMES = (
    "voice_id", "emotion", "speed", "vol", "pitch", "sample_rate", "bitrate", "format", "channel",
    "language_boost", "pronunciation_dict", "voice_modify", "intensity", "timbre", "sound_effects",
    "model", "text", "file_id", "prompt_audio", "prompt_text", "preview_text", "prompt", "voice_type",
    "stream_options", "audio_setting", "voice_setting", "timbre_weights", "messages", "temperature",
)


def guess_parameter(status_msg: str) -> str | None:
    """The parameter a 2013 message is about, when it names one."""
    lowered = status_msg.lower()
    for name in _PARAMETER_NAMES:
        if re.search(rf"(?<![a-z_]){re.escape(name)}(?![a-z_])", lowered):
            return name
    return None


def other_region_host(host: str | None) -> str:
    """The host of the region the key probably belongs to, given the one that refused it."""
    if host and ("minimaxi.com" in host or "minimax.cn" in host or "minimax.chat" in host):
        return GLOBAL_HOST
    return MAINLAND_HOST


def _region_hint(host: str | None) -> str:
    here = (host or GLOBAL_HOST).rstrip("/")
    if here in (GLOBAL_HOST, MAINLAND_HOST):
        return (f"keys work only in the region that issued them: if this key is from the other platform, "
                f"switch the host to {other_region_host(here)} (troupe login --region)")
    return (f"keys work only in the region that issued them: a global key needs {GLOBAL_HOST} and a "
            f"mainland key {MAINLAND_HOST} (this request went to {here})")


def error_for_code(code: int, status_msg: str = "", *, trace_id: str | None = None, host: str | None = None,
                   label: str | None = None, parameter: str | None = None,
                   http_status: int | None = None) -> MiniMaxError:
    """The typed error, with its sentence, for a non-zero MiniMax status code."""
    msg = status_msg.strip()
    detail = f" (MiniMax said: {msg})" if msg else ""
    what = f"line {label!r}" if label else "the text"
    kw: dict[str, Any] = {"code": code, "trace_id": trace_id, "http_status": http_status, "status_msg": msg}
    if code == 1002:
        return RateLimitError("MiniMax is rate-limiting requests (1002); slowing down and trying again.",
                              retryable=True, **kw)
    if code == 1039:
        return RateLimitError("MiniMax's characters-per-minute limit was reached (1039); slowing down and "
                              "trying again.", retryable=True, **kw)
    if code == 1041:
        return RateLimitError("Too many requests are open at once for this MiniMax account (1041); "
                              "lowering concurrency and trying again.", retryable=True, **kw)
    if code == 2045:
        return RateLimitError("MiniMax asks for a smoother request rate (2045); easing off and trying again.",
                              retryable=True, **kw)
    if code in (1004, 2049):
        return AuthError(f"MiniMax did not accept the API key or region ({code}): check the key with "
                         f"`troupe login`; {_region_hint(host)}.{detail}", **kw)
    if code == 1008:
        return BalanceError("The MiniMax account has no balance left (1008): top it up on the MiniMax "
                            "platform, then render again.", **kw)
    if code in (1026, 1027):
        side = "input" if code == 1026 else "generated audio"
        return ContentFlaggedError(f"MiniMax flagged the {side} of {what} as sensitive ({code}): reword "
                                   f"that line and render it again.", **kw)
    if code == 1042:
        return InvisibleCharactersError(f"{what[0].upper()}{what[1:]} contains too many invisible control "
                                        f"characters (1042): remove them and render again.", **kw)
    if code == 2013:
        param = parameter or guess_parameter(msg)
        named = f"the parameter {param!r}" if param else "a parameter"
        return InvalidParameterError(f"MiniMax rejected {named} (2013){detail}: change that setting and "
                                     f"try again.", parameter=param, **kw)
    if code == 20132:
        return VoiceError(f"MiniMax does not know this voice or clone sample (20132){detail}: pick another "
                          f"voice, or clone it again.", **kw)
    if code == 2037:
        return VoiceError("The clone sample is too short or too long (2037): use 10 seconds to 5 minutes "
                          "of clear speech.", **kw)
    if code == 2038:
        return VoiceError("Voice cloning is not enabled for this MiniMax account (2038): complete the "
                          "identity verification on the MiniMax platform first.", **kw)
    if code == 2039:
        return VoiceError(f"This voice id is already taken (2039){detail}: choose another voice id.", **kw)
    if code == 2042:
        return VoiceError(f"This account may not use that voice (2042){detail}: only the account that "
                          f"created a cloned or designed voice can use it.", **kw)
    if code == 2048:
        return VoiceError("The prompt clip is too long (2048): it must be shorter than 8 seconds.", **kw)
    if code in (1043, 1044):
        return VoiceError(f"MiniMax could not match the clip to its transcript ({code}): check that the "
                          f"text is exactly what is said in the clip.", **kw)
    if code in (2056, 1028, 1030):
        return QuotaError(f"The MiniMax plan's usage quota is used up ({code}): wait for it to reset or "
                          f"switch to a pay-as-you-go key.", **kw)
    if code == 2061:
        return QuotaError("This model is not available on the current MiniMax plan (2061): choose another "
                          "model.", **kw)
    if code in TRANSIENT_CODES:
        return ServiceError(f"MiniMax had an internal error ({code}){detail}; trying again.",
                            retryable=True, **kw)
    return MiniMaxError(f"MiniMax refused the request ({code}){detail}.", **kw)


def error_for_http(status: int, body_text: str = "", *, trace_id: str | None = None,
                   host: str | None = None, label: str | None = None) -> MiniMaxError:
    """The typed error for an HTTP failure status, using a MiniMax code in the body when there is one."""
    code = _code_in_text(body_text)
    if code is not None and code != 0:
        return error_for_code(code, _message_in_text(body_text), trace_id=trace_id, host=host, label=label,
                              http_status=status)
    kw: dict[str, Any] = {"code": f"http-{status}", "trace_id": trace_id, "http_status": status}
    if status == 429:
        return RateLimitError("MiniMax is rate-limiting requests (HTTP 429); slowing down and trying again.",
                              retryable=True, **kw)
    if status in (401, 403):
        return AuthError(f"MiniMax did not accept the API key (HTTP {status}): check the key with "
                         f"`troupe login`; {_region_hint(host)}.", **kw)
    if status in (408, 504) or status >= 500:
        return ServiceError(f"MiniMax answered with a server error (HTTP {status}); trying again.",
                            retryable=True, **kw)
    return MiniMaxError(f"MiniMax refused the request (HTTP {status}).", **kw)


def _code_in_text(text: str) -> int | None:
    m = re.search(r'"status_code"\s*:\s*(\d+)', text)
    if m:
        return int(m.group(1))
    m = re.search(r"\((\d{4,5})\)", text)
    return int(m.group(1)) if m else None


def _message_in_text(text: str) -> str:
    m = re.search(r'"(?:status_msg|message)"\s*:\s*"([^"]*)"', text)
    return m.group(1) if m else ""


def check_base_resp(body: Any, *, trace_id: str | None = None, host: str | None = None,
                    label: str | None = None, parameter: str | None = None) -> None:
    """Raise the typed error when ``body['base_resp']`` reports a failure (HTTP 200 bodies included)."""
    if not isinstance(body, dict):
        raise MalformedResponseError("MiniMax sent an answer that is not a JSON object; try again.",
                                     retryable=True, trace_id=trace_id)
    base = body.get("base_resp")
    if base is None:
        return
    if not isinstance(base, dict):
        raise MalformedResponseError("MiniMax sent a malformed status block; try again.", retryable=True,
                                     trace_id=trace_id)
    try:
        code = int(base.get("status_code") or 0)
    except (TypeError, ValueError):
        code = 1000
    if code != 0:
        tid = body.get("trace_id") or trace_id
        raise error_for_code(code, str(base.get("status_msg") or ""), trace_id=tid, host=host, label=label,
                             parameter=parameter)
