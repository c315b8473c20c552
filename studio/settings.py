"""Application settings: a typed registry of options saved as JSON in the user's config folder.

Each option has a name, a type, a default and a description (the shape of Picard's option registry).
Per-project settings live in the project file instead (``ProjectSettings``); the MiniMax host, region,
limits and prices in ``studio.engines.minimax.config``'s file. Secrets never live here: the MiniMax key goes
to the OS keyring.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "troupe"


@dataclass(frozen=True)
class Option:
    name: str
    type: type
    default: Any
    description: str


OPTIONS: dict[str, Option] = {o.name: o for o in [
    Option("engine", str, "kokoro", "Speech engine for new projects: kokoro, espeak or minimax."),
    Option("minimax_model", str, "speech-2.8-hd", "MiniMax speech model."),
    Option("minimax_text_model", str, "MiniMax-M2.7", "MiniMax text model for writing and translation."),
    Option("llm_base_url", str, "", "OpenAI-compatible base URL for text (empty: the MiniMax host)."),
    Option("sample_rate", int, 48000, "Sample rate of new projects."),
    Option("audio_format", str, "wav", "Default export format."),
    Option("gap_ms", int, 350, "Default gap before a line (ms) in new projects."),
    Option("lufs", float, -16.0, "Loudness target for exports (LUFS)."),
    Option("ui_language", str, "", "UI language: zh, en, or empty to follow the system."),
    Option("recent_projects", list, [], "Recently opened projects."),
    Option("last_project", str, "", "The project opened last."),
    Option("window_state", str, "", "Saved window geometry and docks (base64)."),
]}


def config_dir() -> Path:
    override = os.environ.get("TROUPE_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    override = os.environ.get("TROUPE_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


class Settings:
    """Typed access to the options; every ``set`` is written to disk at once (atomically)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / "settings.json"
        self._values: dict[str, Any] = {}
        self.problem: str | None = None
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(raw, dict):
                self._values = raw
        except FileNotFoundError:
            pass
        except (OSError, ValueError) as exc:
            # A damaged settings file must not stop the app: defaults are used and the file is kept.
            self.problem = f"Settings file {self.path} could not be read ({exc}); defaults are used."

    def get(self, name: str) -> Any:
        opt = OPTIONS[name]
        value = self._values.get(name, opt.default)
        try:
            return opt.type(value)
        except (TypeError, ValueError):
            return opt.default

    def set(self, name: str, value: Any) -> None:
        opt = OPTIONS[name]
        self._values[name] = opt.type(value)
        self.save()

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(self._values, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, self.path)

    def add_recent(self, project: str) -> None:
        recent = [p for p in self.get("recent_projects") if p != project]
        recent.insert(0, project)
        self._values["recent_projects"] = recent[:10]
        self._values["last_project"] = project
        self.save()
