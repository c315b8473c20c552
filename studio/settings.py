"""Application settings: one typed registry of options, saved as sectioned, versioned JSON.

Every option is registered once (``OPTIONS``), with a section, a type, a default, a description and
what values it allows (a numeric range, a set of choices, or a ``check`` for shaped values such as the
MiniMax limits). The file in the user's config folder looks like::

    {"version": 2, "engine": {"engine": "minimax"}, "audio": {"gap_ms": 500}, "persist": {...}}

Only values that were set are stored; everything else reads as its default. A stored value of the wrong
type or out of range reads as the default, and a bad value given to ``set`` is refused with a sentence. A
file that cannot be read at all gives the defaults and a sentence (``problem``, for the window or the
command to say once); it is never written over: the first write moves it aside (``damaged_name``).
Options in the "persist" section (recent projects, window state, last folders) are remembered state,
not preferences: ``reset_preferences`` leaves them alone.

Older files are brought up to date once, on load, by small upgrade steps registered with the version
they produce (``@upgrade(2)``); version 1 is the flat file of earlier releases, and the step to version 2
also folds the old ``minimax.json`` into this file (keeping it as ``minimax.json.migrated``).

Per-project settings live in the project file instead (``ProjectSettings``). Secrets never live here:
the MiniMax key goes to the OS keyring. This module is Qt-free and imports only the domain from the studio.
"""

from __future__ import annotations

import copy
import json
import math
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from studio.domain.model import ENGINES

APP_NAME = "troupe"
SETTINGS_FILE = "settings.json"
SETTINGS_VERSION = 2
SECTIONS: tuple[str, ...] = ("engine", "minimax", "audio", "interface", "persist")
PERSIST = "persist"

Check = Callable[[Any], "str | None"]


# --- options ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Option:
    """One setting: where it lives, what type it has, its default and what values it allows.

    ``check`` receives a value of the right type and returns ``None`` when it is acceptable, or a short
    phrase saying what it must look like (used in the error sentence).
    """

    name: str
    type: type
    default: Any
    description: str
    section: str = "engine"
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[Any, ...] | None = None
    check: Check | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.section not in SECTIONS:
            raise ValueError(f"Option {self.name!r} names an unknown section {self.section!r}; "
                             f"use one of {', '.join(SECTIONS)}.")
        if self.problem_with(self.default) is not None:
            raise ValueError(f"The default of option {self.name!r} is not allowed: {self.allowed()}.")

    @property
    def is_preference(self) -> bool:
        return self.section != PERSIST

    def allowed(self) -> str:
        """What values the option takes, as a phrase: "an integer from -5000 to 10000"."""
        kind = _KIND.get(self.type, self.type.__name__)
        if self.choices is not None:
            return "one of " + ", ".join(repr(c) for c in self.choices)
        if self.minimum is not None and self.maximum is not None:
            return f"{kind} from {_num(self.minimum)} to {_num(self.maximum)}"
        if self.minimum is not None:
            return f"{kind} of at least {_num(self.minimum)}"
        if self.maximum is not None:
            return f"{kind} of at most {_num(self.maximum)}"
        return kind

    def coerce(self, value: Any) -> Any:
        """``value`` as the option's type, or raise ``TypeError`` when it is not of that type.

        Only lossless conversions are made: an int for a float option, an integral float for an int one.
        """
        if isinstance(value, bool) and self.type is not bool:
            raise TypeError(self.name)
        if self.type is float and isinstance(value, int):
            return float(value)
        if self.type is int and isinstance(value, float) and value.is_integer():
            return int(value)
        if not isinstance(value, self.type):
            raise TypeError(self.name)
        return copy.deepcopy(value) if isinstance(value, (list, dict)) else value

    def problem_with(self, value: Any) -> str | None:
        """``None`` when ``value`` is allowed, else the phrase for the error sentence."""
        try:
            value = self.coerce(value)
        except TypeError:
            return self.allowed()
        if isinstance(value, float) and not math.isfinite(value):
            return self.allowed()
        if self.choices is not None and value not in self.choices:
            return self.allowed()
        if self.minimum is not None and value < self.minimum:
            return self.allowed()
        if self.maximum is not None and value > self.maximum:
            return self.allowed()
        if self.check is not None:
            return self.check(value)
        return None

    def validate(self, value: Any) -> Any:
        """The value to store, or ``ValueError`` with a sentence naming the option and what it allows."""
        problem = self.problem_with(value)
        if problem is not None:
            raise ValueError(f"The setting {self.name!r} must be {problem}; {value!r} was not saved.")
        return self.coerce(value)

    def read(self, stored: Any) -> Any:
        """A stored value when it is allowed, else (a copy of) the default."""
        if self.problem_with(stored) is None:
            return self.coerce(stored)
        return copy.deepcopy(self.default)


_KIND: dict[type, str] = {str: "text", int: "an integer", float: "a number", bool: "true or false",
                          list: "a list", dict: "a mapping"}


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


class DuplicateOptionError(ValueError):
    """Two options with one name: every name is registered once, across all sections."""


class OptionRegistry(Mapping[str, Option]):
    """Every option by name (names are unique across sections), in registration order."""

    def __init__(self, options: Iterable[Option] = ()) -> None:
        self._options: dict[str, Option] = {}
        for option in options:
            self.add(option)

    def add(self, option: Option) -> Option:
        if option.name in self._options:
            raise DuplicateOptionError(f"The setting {option.name!r} is registered twice "
                                       f"(sections {self._options[option.name].section!r} "
                                       f"and {option.section!r}).")
        self._options[option.name] = option
        return option

    def __getitem__(self, name: str) -> Option:
        try:
            return self._options[name]
        except KeyError:
            raise KeyError(f"There is no setting named {name!r}.") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._options)

    def __len__(self) -> int:
        return len(self._options)

    def in_section(self, section: str | None = None) -> list[Option]:
        if section is not None and section not in SECTIONS:
            raise ValueError(f"There is no settings section {section!r}; use one of {', '.join(SECTIONS)}.")
        return [o for o in self._options.values() if section is None or o.section == section]


# --- checks for shaped values ------------------------------------------------------------------------

def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _list_of_text(value: list[Any]) -> str | None:
    return None if all(isinstance(v, str) for v in value) else "a list of text"


def _check_limits(value: dict[str, Any]) -> str | None:
    """{"speech": {"rpm": 20, "chars_per_minute": 20000, "window": 60}}: rpm required, all positive."""
    shape = ('a mapping of endpoint to limits, like {"speech": {"rpm": 20, "chars_per_minute": 20000}}, '
             "with positive numbers")
    for endpoint, limit in value.items():
        if not isinstance(endpoint, str) or not isinstance(limit, dict):
            return shape
        if set(limit) - {"rpm", "chars_per_minute", "window"}:
            return shape
        rpm = limit.get("rpm")
        if not isinstance(rpm, int) or isinstance(rpm, bool) or rpm < 1:
            return shape
        cpm = limit.get("chars_per_minute")
        if cpm is not None and (not isinstance(cpm, int) or isinstance(cpm, bool) or cpm < 1):
            return shape
        window = limit.get("window", 60.0)
        if not _is_number(window) or window <= 0:
            return shape
    return None


def _check_prices(value: dict[str, Any]) -> str | None:
    """{"currency": "CNY", "speech-2.8-hd": 3.5}: a currency code and non-negative prices per 10,000 chars."""
    shape = ('a mapping of model to price per 10,000 characters, like {"currency": "CNY", '
             '"speech-2.8-hd": 3.5}')
    for key, price in value.items():
        if not isinstance(key, str):
            return shape
        if key == "currency":
            if not isinstance(price, str) or not price.strip():
                return shape
            continue
        if isinstance(price, str):
            try:
                price = float(price)
            except ValueError:
                return shape
        if not _is_number(price) or price < 0:
            return shape
    return None


def _check_host(value: str) -> str | None:
    return "a host name or URL without spaces" if any(c.isspace() for c in value) else None


# --- the registry --------------------------------------------------------------------------------------

OPTIONS = OptionRegistry([
    # engine
    Option("engine", str, "kokoro", "Speech engine for new projects: kokoro, espeak or minimax.",
           "engine", choices=tuple(ENGINES)),
    Option("llm_base_url", str, "", "OpenAI-compatible base URL for text (empty: the MiniMax host).",
           "engine", check=_check_host),
    # minimax
    Option("minimax_model", str, "speech-2.8-hd", "MiniMax speech model.", "minimax"),
    Option("minimax_text_model", str, "MiniMax-M2.7", "MiniMax text model for writing and translation.",
           "minimax"),
    Option("minimax_region", str, "global", "MiniMax platform: global (api.minimax.io) or mainland "
           "(api.minimaxi.com).", "minimax", choices=("global", "mainland")),
    Option("minimax_host", str, "", "MiniMax host; overrides the region (empty: the region's host).",
           "minimax", check=_check_host),
    Option("minimax_group_id", str, "", "Legacy MiniMax group id (empty: none).", "minimax"),
    Option("minimax_limits", dict, {}, "Rate limits per MiniMax endpoint (empty: the region's).",
           "minimax", check=_check_limits),
    Option("minimax_prices", dict, {}, "Prices per 10,000 characters overriding the region's list prices.",
           "minimax", check=_check_prices),
    Option("minimax_aigc_watermark", bool, False, "Ask MiniMax to add its audible AI-content mark to generated "
           "audio (non-streaming requests).", "minimax"),
    # audio
    Option("sample_rate", int, 48000, "Sample rate of new projects.", "audio",
           choices=(22050, 24000, 32000, 44100, 48000)),
    Option("audio_format", str, "wav", "Default export format.", "audio",
           choices=("wav", "flac", "mp3", "m4a", "opus")),
    Option("gap_ms", int, 350, "Default gap before a line (ms) in new projects.", "audio",
           minimum=-5000, maximum=10000),
    Option("lufs", float, -16.0, "Loudness target for exports (LUFS).", "audio", minimum=-40, maximum=-5),
    # interface
    Option("ui_language", str, "", "UI language: zh, en, or empty to follow the system.", "interface",
           choices=("", "zh", "en")),
    Option("listen_back", bool, True, "Listen back to each new take offline and mark the doubtful ones (on by "
           "default where the machine has two cores and 4 GB to spare).", "interface"),
    # persist: remembered state, not preferences
    Option("recent_projects", list, [], "Recently opened projects.", PERSIST, check=_list_of_text),
    Option("last_project", str, "", "The project opened last.", PERSIST),
    Option("window_state", str, "", "Saved window geometry and docks (base64).", PERSIST),
    Option("last_import_dir", str, "", "The folder a script was imported from last.", PERSIST),
    Option("last_export_dir", str, "", "The folder an episode was exported to last.", PERSIST),
    Option("last_project_dir", str, "", "The folder a project was opened from or saved to last.", PERSIST),
    Option("last_media_dir", str, "", "The folder a music bed or sound effect was chosen from last.", PERSIST),
    Option("last_clip_dir", str, "", "The folder a recording to clone was chosen from last.", PERSIST),
    Option("open_episodes", dict, {}, "The episode open last in each recent project (project path: episode id).",
           PERSIST),
    Option("export_choices", dict, {}, "What the export dialog was set to last (episodes, format, loudness, "
           "subtitles, editor files).", PERSIST),
])

RECENT_LIMIT = 10


def config_dir() -> Path:
    override = os.environ.get("TROUPE_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    override = os.environ.get("TROUPE_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def settings_file() -> Path:
    return config_dir() / SETTINGS_FILE


# --- upgrades ------------------------------------------------------------------------------------------

@dataclass
class UpgradeContext:
    """What an upgrade step may use: the settings folder, and work to do once the upgraded file is saved."""

    folder: Path
    after_save: list[Callable[[], None]] = field(default_factory=list)


Upgrade = Callable[[dict[str, Any], UpgradeContext], dict[str, Any]]
UPGRADES: dict[int, Upgrade] = {}


def upgrade(version: int) -> Callable[[Upgrade], Upgrade]:
    """Register the step that turns a version ``version - 1`` file into a version ``version`` one."""

    def register(step: Upgrade) -> Upgrade:
        if version in UPGRADES:
            raise ValueError(f"Two settings upgrades produce version {version}.")
        if version > SETTINGS_VERSION:
            raise ValueError(f"The upgrade to version {version} is newer than SETTINGS_VERSION.")
        UPGRADES[version] = step
        return step

    return register


OLD_MINIMAX_FILE = "minimax.json"
MIGRATED_SUFFIX = ".migrated"
_OLD_MINIMAX_KEYS = {"region": "minimax_region", "host": "minimax_host", "model": "minimax_model",
                     "group_id": "minimax_group_id", "limits": "minimax_limits", "prices": "minimax_prices"}
OTHER_SECTION = "other"  # flat keys an upgrade did not recognise are kept here, not dropped


@upgrade(2)
def _sections_and_minimax_file(flat: dict[str, Any], context: UpgradeContext) -> dict[str, Any]:
    """Flat keys move into their sections; the old minimax.json is folded in and kept as .migrated."""
    data: dict[str, Any] = {}
    for name, value in flat.items():
        section = OPTIONS[name].section if name in OPTIONS else OTHER_SECTION
        data.setdefault(section, {})[name] = value
    old = context.folder / OLD_MINIMAX_FILE
    try:
        minimax = json.loads(old.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return data
    except (OSError, ValueError):
        minimax = {}  # unreadable: nothing to fold, but it is still kept under its new name
    if isinstance(minimax, dict):
        for key, name in _OLD_MINIMAX_KEYS.items():
            value = minimax.get(key)
            if value is None:
                continue  # the old file stored null for "not set"
            if name == "minimax_region" and isinstance(value, str):
                value = value.strip().lower()
            section = data.setdefault(OPTIONS[name].section, {})
            if name == "minimax_model" and name in section:
                continue  # the model the settings window showed wins over the one in minimax.json
            section[name] = value
    context.after_save.append(lambda: os.replace(old, old.with_name(old.name + MIGRATED_SUFFIX)))
    return data


def _run_upgrades(data: dict[str, Any], version: int, context: UpgradeContext) -> dict[str, Any]:
    for target in sorted(v for v in UPGRADES if v > version):
        data = UPGRADES[target](data, context)
    return data


# --- the settings file ---------------------------------------------------------------------------------

def damaged_name(path: Path) -> Path:
    """Where a damaged settings file is kept once new settings are written: ``settings.json.damaged-<time>``
    beside it (``-2``, ``-3`` … when that name is taken), so no earlier damaged file is written over."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 2
    while kept.exists():
        kept = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
        n += 1
    return kept


class Settings:
    """Typed access to the registered options in one settings file.

    ``get`` rereads the file when another ``Settings`` (or process) has changed it since; ``set`` rereads
    it before writing, so two of them on one file never undo each other's changes. Every write is atomic.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_file()
        self.problem: str | None = None
        #: where a damaged file was moved when this object first wrote the settings again
        self.kept_aside: Path | None = None
        self.version = SETTINGS_VERSION
        self._data: dict[str, Any] = {}
        self._damaged = False
        self._stamp: tuple[int, int, int] | None = None
        self._lock = threading.RLock()
        self._load()

    # reading

    def get(self, name: str) -> Any:
        option = OPTIONS[name]
        with self._lock:
            self._refresh()
            return option.read(self._stored(option))

    def is_set(self, name: str) -> bool:
        """Whether the file holds a (usable) value of its own for the option."""
        option = OPTIONS[name]
        with self._lock:
            self._refresh()
            stored = self._stored(option)
            return stored is not _MISSING and option.problem_with(stored) is None

    def values(self, section: str | None = None) -> dict[str, Any]:
        return {o.name: self.get(o.name) for o in OPTIONS.in_section(section)}

    def preferences(self) -> dict[str, Any]:
        """Every option that is a preference (all sections but "persist"), with its current value."""
        return {o.name: self.get(o.name) for o in OPTIONS.values() if o.is_preference}

    @staticmethod
    def options(section: str | None = None) -> list[Option]:
        """The registered options (of one section), in registration order: what a settings page shows."""
        return OPTIONS.in_section(section)

    # writing

    def set(self, name: str, value: Any) -> None:
        self.update({name: value})

    def update(self, values: Mapping[str, Any], reset: Iterable[str] = ()) -> None:
        """Set several options (and restore others to their default) in one write; all or nothing."""
        checked = {name: OPTIONS[name].validate(value) for name, value in values.items()}
        cleared = [OPTIONS[name] for name in reset]
        with self._lock:
            self._reload_for_write()
            for name, value in checked.items():
                self._section(OPTIONS[name].section)[name] = value
            for option in cleared:
                self._discard(option)
            self._write()

    def reset(self, name: str) -> None:
        """Forget the stored value: the option reads as its default again."""
        self.update({}, reset=[name])

    def reset_preferences(self) -> None:
        """Every preference back to its default; remembered state (recent projects, window) is kept."""
        self.update({}, reset=[o.name for o in OPTIONS.values() if o.is_preference])

    def save(self) -> None:
        with self._lock:
            self._reload_for_write()
            self._write()

    def add_recent(self, project: str) -> None:
        with self._lock:
            recent = [p for p in self.get("recent_projects") if p != project]
            self.update({"recent_projects": [project, *recent][:RECENT_LIMIT], "last_project": project})

    # the file

    def _stored(self, option: Option) -> Any:
        section = self._data.get(option.section)
        return section.get(option.name, _MISSING) if isinstance(section, dict) else _MISSING

    def _section(self, name: str) -> dict[str, Any]:
        section = self._data.get(name)
        if not isinstance(section, dict):
            section = self._data[name] = {}
        return section

    def _discard(self, option: Option) -> None:
        section = self._data.get(option.section)
        if isinstance(section, dict):
            section.pop(option.name, None)
            if not section:
                del self._data[option.section]

    def _file_stamp(self) -> tuple[int, int, int] | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def _refresh(self) -> None:
        if self._file_stamp() != self._stamp:
            self._load()

    def _reload_for_write(self) -> None:
        self._load()
        if self._damaged:
            # The damaged file is kept beside the new one under a name of its own, never written over.
            kept = damaged_name(self.path)
            try:
                os.rename(self.path, kept)
                self.kept_aside = kept
            except FileNotFoundError:
                pass
            self._damaged = False
            self._data = {}

    def _load(self) -> None:
        """Read the file, upgrading an older one once. A load never writes over a damaged file."""
        self._stamp = self._file_stamp()
        self._damaged = False
        self.problem = None
        existed = True
        try:
            raw: Any = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raw, existed = {}, False
        except (OSError, ValueError) as exc:
            self._broken(f"could not be read ({exc})")
            return
        if not isinstance(raw, dict):
            self._broken("does not hold a mapping of settings")
            return
        version = raw.get("version", 1)
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            self._broken(f"has an unknown version {version!r}")
            return
        data = {k: v for k, v in raw.items() if k != "version"}
        self.version = max(version, SETTINGS_VERSION)
        if version >= SETTINGS_VERSION:
            self._data = data  # a newer file is read as far as this release understands it
            return
        context = UpgradeContext(self.path.parent)
        self._data = _run_upgrades(data, version, context)
        if existed or context.after_save:
            try:
                self._write()
            except OSError as exc:
                self.problem = (f"Settings file {self.path} could not be upgraded ({exc}); "
                                f"its values are used for now.")
                return
            for step in context.after_save:
                try:
                    step()
                except OSError:
                    pass  # the old file stays where it was; it is not read again

    def _broken(self, why: str) -> None:
        self._damaged = True
        self._data = {}
        self.problem = f"Settings file {self.path} {why}; defaults are used and the file is kept."

    def _write(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        body = {"version": self.version, **self._data}
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(body, out, ensure_ascii=False, indent=2)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        self._stamp = self._file_stamp()


_MISSING: Any = object()
