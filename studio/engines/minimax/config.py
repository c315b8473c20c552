"""Where the MiniMax key, host, region and user settings come from.

The API key comes from ``MINIMAX_API_KEY`` or the OS keyring (service "troupe", user "minimax") and is
held in a ``Secret`` whose repr/str never show it. It is never written to a project, to the settings
file or to a log. The host comes from ``MINIMAX_API_HOST``, else the settings (``host`` or
``region``), else the global host. The MiniMax settings (region, host, model, legacy group id, limits,
prices, and the AI-content watermark when the settings offer it) are options of the application
settings (``studio.settings``, section "minimax"); this module reads them as one mapping with those
keys and writes the first six. Nothing here talks to MiniMax.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from studio import settings as app_settings
from studio.engines.minimax.errors import GLOBAL_HOST, MAINLAND_HOST, ConfigError, MissingKeyError

REGIONS: dict[str, str] = {"global": GLOBAL_HOST, "mainland": MAINLAND_HOST}
DEFAULT_REGION = "global"
KEYRING_SERVICE = "troupe"
KEYRING_USER = "minimax"
ENV_KEY = "MINIMAX_API_KEY"
ENV_HOST = "MINIMAX_API_HOST"
ENV_GROUP = "MINIMAX_GROUP_ID"
ENV_CONFIG_DIR = "TROUPE_CONFIG_DIR"
MISSING_KEY_SENTENCE = "No MiniMax API key: run `troupe login` or set MINIMAX_API_KEY."


class Secret:
    """A string that does not show itself in repr, str, f-strings or tracebacks."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    def __str__(self) -> str:
        return "********"

    def __format__(self, spec: str) -> str:
        return "********"

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(("Secret", self._value))

    def __reduce__(self) -> Any:
        raise TypeError("a Secret is not picklable")


def _keyring_get() -> str | None:
    try:
        import keyring
        return keyring.get_password(KEYRING_SERVICE, KEYRING_USER)
    except Exception:  # no backend, locked store, D-Bus missing: treat as "no key there"
        return None


def store_api_key(key: str) -> None:
    """Save the key in the OS keyring; raises ConfigError with a sentence when there is no keyring."""
    key = key.strip()
    if not key:
        raise ConfigError("The API key is empty; nothing was saved.")
    try:
        import keyring
        keyring.set_password(KEYRING_SERVICE, KEYRING_USER, key)
    except Exception as exc:
        raise ConfigError(f"The key could not be saved in the system keyring ({type(exc).__name__}); "
                          f"set MINIMAX_API_KEY in the environment instead.") from None


def delete_api_key() -> None:
    try:
        import keyring
        keyring.delete_password(KEYRING_SERVICE, KEYRING_USER)
    except Exception:
        pass


def load_api_key(explicit: str | Secret | None = None) -> Secret:
    """The key to use: the explicit one, else MINIMAX_API_KEY, else the keyring."""
    if isinstance(explicit, Secret) and explicit:
        return explicit
    if isinstance(explicit, str) and explicit.strip():
        return Secret(explicit.strip())
    env = os.environ.get(ENV_KEY, "").strip()
    if env:
        return Secret(env)
    stored = (_keyring_get() or "").strip()
    if stored:
        return Secret(stored)
    raise MissingKeyError(MISSING_KEY_SENTENCE, code="no-key")


# --- settings -------------------------------------------------------------------------------------

# The keys of the MiniMax settings mapping, and the application option each is stored as.
SETTINGS_OPTIONS: dict[str, str] = {"region": "minimax_region", "host": "minimax_host", "model": "minimax_model",
                                    "group_id": "minimax_group_id", "limits": "minimax_limits",
                                    "prices": "minimax_prices"}
_SETTINGS_KEYS = frozenset(SETTINGS_OPTIONS)


def settings_path() -> Path:
    """The application settings file, which holds the MiniMax settings in its "minimax" section."""
    return app_settings.settings_file()


WATERMARK_OPTION = "minimax_aigc_watermark"


def load_settings(path: Path | None = None) -> dict[str, Any]:
    """The MiniMax settings: {region, host, model, group_id, limits, prices, aigc_watermark}, defaults for
    what is unset.

    ``path`` is an application settings file (``settings.json``); by default the user's. A missing or
    unreadable file gives the defaults (empty host, group id, limits and prices; the global region; no
    watermark). ``aigc_watermark`` is False when the settings have no such option.
    """
    stored = app_settings.Settings(path or settings_path())
    values = {key: stored.get(name) for key, name in SETTINGS_OPTIONS.items()}
    values["aigc_watermark"] = bool(stored.get(WATERMARK_OPTION)) if WATERMARK_OPTION in app_settings.OPTIONS \
        else False
    return values


def save_settings(updates: Mapping[str, Any], path: Path | None = None) -> Path:
    """Save MiniMax settings (a ``None`` value restores that setting's default); returns the file.

    Only the known, non-secret keys are taken, and a value the setting does not allow is refused with
    a ConfigError; in either case nothing is written.
    """
    unknown = set(updates) - _SETTINGS_KEYS
    if unknown:
        raise ConfigError(f"Unknown MiniMax setting(s): {', '.join(sorted(unknown))}.")
    stored = app_settings.Settings(path or settings_path())
    values = {SETTINGS_OPTIONS[k]: v for k, v in updates.items() if v is not None}
    reset = [SETTINGS_OPTIONS[k] for k, v in updates.items() if v is None]
    try:
        stored.update(values, reset=reset)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    return stored.path


# --- host -------------------------------------------------------------------------------------------

def normalize_host(host: str) -> str:
    """A usable base URL: a region name, an https URL, or a local http://127.0.0.1:PORT test server."""
    value = host.strip()
    if value.lower() in REGIONS:
        return REGIONS[value.lower()]
    if "://" not in value:
        value = "https://" + value
    parts = urlsplit(value)
    if parts.scheme == "http":
        if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise ConfigError(f"The MiniMax host {host!r} must use https (plain http is only for a local "
                              f"server on 127.0.0.1).")
    elif parts.scheme != "https" or not parts.hostname:
        raise ConfigError(f"The MiniMax host {host!r} is not a valid https URL.")
    base = f"{parts.scheme}://{parts.netloc}{parts.path}".rstrip("/")
    if base.endswith("/v1"):
        base = base[:-3]
    return base


def resolve_host(host: str | None = None, settings: Mapping[str, Any] | None = None) -> str:
    """The REST host: explicit, else MINIMAX_API_HOST, else settings host/region, else global."""
    if host:
        return normalize_host(host)
    env = os.environ.get(ENV_HOST, "").strip()
    if env:
        return normalize_host(env)
    cfg = settings if settings is not None else load_settings()
    if cfg.get("host"):
        return normalize_host(str(cfg["host"]))
    region = str(cfg.get("region") or DEFAULT_REGION).lower()
    if region not in REGIONS:
        raise ConfigError(f"Unknown MiniMax region {region!r}: use one of {', '.join(REGIONS)}.")
    return REGIONS[region]


def resolve_group_id(group_id: str | None = None, settings: Mapping[str, Any] | None = None) -> str | None:
    if group_id:
        return group_id.strip() or None
    env = os.environ.get(ENV_GROUP, "").strip()
    if env:
        return env
    cfg = settings if settings is not None else load_settings()
    value = str(cfg.get("group_id") or "").strip()
    return value or None


def region_of(host: str) -> str | None:
    for name, url in REGIONS.items():
        if host.rstrip("/") == url:
            return name
    return None


@dataclass(frozen=True)
class MiniMaxConfig:
    """Everything needed to reach MiniMax. ``api_key`` is a Secret; the dataclass repr hides it."""

    api_key: Secret
    host: str = GLOBAL_HOST
    group_id: str | None = None

    @classmethod
    def resolve(cls, api_key: str | Secret | None = None, host: str | None = None,
                group_id: str | None = None, settings: Mapping[str, Any] | None = None) -> MiniMaxConfig:
        cfg = settings if settings is not None else load_settings()
        return cls(api_key=load_api_key(api_key), host=resolve_host(host, cfg),
                   group_id=resolve_group_id(group_id, cfg))
