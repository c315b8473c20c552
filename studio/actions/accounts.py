"""The MiniMax account as the Settings dialog and ``troupe login`` handle it: is there a key (and where
from), save one to the OS keyring, forget it; the region hosts and speech models one can choose.

The choices come from the engine's own tables (``studio.engines.minimax``), never from a copy. The key
itself never leaves the keyring or the environment through here: only whether it exists. Must not live
here: Qt, prompting, printing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from studio.actions import ActionError


@dataclass(frozen=True)
class KeyState:
    source: str | None  # "environment" | "keyring" | None when there is no key

    @property
    def present(self) -> bool:
        return self.source is not None


def minimax_key_state() -> KeyState:
    from studio.engines.minimax.config import ENV_KEY, _keyring_get

    if os.environ.get(ENV_KEY, "").strip():
        return KeyState("environment")
    if (_keyring_get() or "").strip():
        return KeyState("keyring")
    return KeyState(None)


def save_minimax_key(key: str) -> None:
    """Store the key in the OS keyring; ``ActionError`` with a sentence when that cannot be done."""
    from studio.engines.minimax.config import store_api_key
    from studio.engines.minimax.errors import MiniMaxError

    try:
        store_api_key(key)
    except MiniMaxError as exc:
        raise ActionError(str(exc)) from None


def forget_minimax_key() -> None:
    from studio.engines.minimax.config import delete_api_key

    delete_api_key()


def minimax_hosts() -> list[tuple[str, str]]:
    """(region, host URL) pairs, global first."""
    from studio.engines.minimax.config import REGIONS

    return sorted(REGIONS.items(), key=lambda kv: kv[0] != "global")


def minimax_models() -> list[str]:
    from studio.engines.minimax.models import SPEECH_MODELS

    return list(SPEECH_MODELS)


def minimax_host() -> str:
    """The host the engine will use (environment, then settings, then the global host)."""
    from studio.engines.minimax.config import resolve_host

    try:
        return resolve_host()
    except Exception:  # a bad saved host: the engine reports it when it is built
        return ""


def set_minimax_host(host: str) -> None:
    from studio.engines.minimax.config import normalize_host, save_settings
    from studio.engines.minimax.errors import MiniMaxError

    try:
        save_settings({"host": normalize_host(host)})
    except MiniMaxError as exc:
        raise ActionError(str(exc)) from None


def set_minimax_region(region: str) -> None:
    """Use the region's host (the saved host is cleared, so the region decides)."""
    from studio.engines.minimax.config import REGIONS, save_settings
    from studio.engines.minimax.errors import MiniMaxError

    if region not in REGIONS:
        raise ActionError(f"Unknown MiniMax region “{region}”: use one of {', '.join(REGIONS)}.")
    try:
        save_settings({"region": region, "host": None})
    except MiniMaxError as exc:
        raise ActionError(str(exc)) from None


def speech_limits() -> tuple[int, int]:
    """(requests per minute, characters per minute) the render queue keeps MiniMax speech within."""
    from studio.engines.minimax.config import load_settings

    limit = (load_settings().get("limits") or {}).get("speech") or {}
    return int(limit.get("rpm") or 60), int(limit.get("chars_per_minute") or 20000)


def set_speech_limits(rpm: int, chars_per_minute: int) -> bool:
    """Save the speech limits; returns whether they changed."""
    from studio.engines.minimax.config import load_settings, save_settings

    if rpm < 1 or chars_per_minute < 1:
        raise ActionError("Limits must be at least 1 per minute.")
    limits = dict(load_settings().get("limits") or {})
    speech = {**(limits.get("speech") or {}), "rpm": int(rpm), "chars_per_minute": int(chars_per_minute)}
    if limits.get("speech") == speech:
        return False
    limits["speech"] = speech
    save_settings({"limits": limits})
    return True


__all__ = ["KeyState", "forget_minimax_key", "minimax_host", "minimax_hosts", "minimax_key_state", "minimax_models",
           "save_minimax_key", "set_minimax_host", "set_minimax_region", "set_speech_limits", "speech_limits"]
