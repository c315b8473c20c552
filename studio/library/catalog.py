"""``VoiceLibrary``: every voice the user can cast, kept in the user's data folder, not in a project.

What it holds, per engine (a *section*):

* the offline presets (Kokoro, eSpeak), always listed, even before the engines were asked;
* the engine's own list (MiniMax system voices from get_voice), cached with the time it was fetched so
  the library can be browsed offline; ``refresh(engine_name, engine)`` fetches it again;
* the user's own voices: MiniMax clones and designs (with their 7-day expiry, consent record, prompt,
  source clip facts and uploaded file ids) and blends (MiniMax or Kokoro), and each voice's last use.

Files (all written atomically, in ``studio.settings.data_dir() / "voices"``): ``library.json`` (own voices
and last uses) and ``catalog-<engine>.json`` (the cached lists). A ``minimax-voices.json`` left by
earlier versions (voices created but not yet used) is folded in once and renamed ``.migrated``. The file
is read again when another process (the ``troupe`` command) changed it.

For a view: ``voices()`` / ``filter(...)`` list entries, ``problem(engine)`` says why a section is empty
or stale, ``warnings()`` names voices about to expire, and ``events`` (a ``Listeners``) tells of each
change (``VoiceAdded``, ``VoiceChanged``, ``VoiceRemoved``, ``SectionChanged``) on the calling thread.
``follow(engine)`` records each real synthesis as the voice's last use (which also ends its expiry).

Must not live here: Qt, network calls of its own (the engine passed to ``refresh`` makes them), the
user's verbs (clone, design, blend, delete: ``studio.actions.voices``), project files.
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import re
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from studio import settings as app_settings
from studio.domain.model import ENGINES
from studio.engines.speech import Voice
from studio.library.entries import KINDS, LibraryVoice, from_engine_voice
from studio.store.events import Listeners

log = logging.getLogger(__name__)
T = TypeVar("T")

FORMAT = 1
LIBRARY_FILE = "library.json"
OLD_REGISTRY = "minimax-voices.json"
OFFLINE_ENGINES = ("kokoro", "espeak")
ENGINE_LABELS = {"kokoro": "Kokoro", "espeak": "eSpeak", "minimax": "MiniMax"}
ACTIVATION_WINDOW = 7 * 86400.0
USE_WRITE_INTERVAL = 60.0  # a voice's last use is written at most once a minute


def library_folder() -> Path:
    """Where the library lives: ``<data dir>/voices`` (``TROUPE_DATA_DIR`` is respected)."""
    return app_settings.data_dir() / "voices"


# --- events -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class VoiceAdded:
    voice: LibraryVoice


@dataclass(frozen=True)
class VoiceChanged:
    voice: LibraryVoice


@dataclass(frozen=True)
class VoiceRemoved:
    engine: str
    voice_id: str


@dataclass(frozen=True)
class SectionChanged:
    """An engine's list was refreshed (or could not be); ``problem`` is ``VoiceLibrary.problem(engine)``."""

    engine: str
    problem: str | None


LibraryEvent = VoiceAdded | VoiceChanged | VoiceRemoved | SectionChanged


@dataclass(frozen=True)
class Section:
    """One engine's listed voices and when they were fetched (None: the built-in offline list)."""

    engine: str
    voices: tuple[LibraryVoice, ...]
    fetched_at: float | None = None
    host: str | None = None


# --- helpers ----------------------------------------------------------------------------------------

def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _day(when: float) -> str:
    """``3 Dec.`` (with the year when it is not this year)."""
    d = datetime.datetime.fromtimestamp(when)
    text = f"{d.day} {d.strftime('%b')}."
    return text if d.year == datetime.datetime.now().year else f"{text} {d.year}"


def _run_now(coro: Any) -> Any:
    """The value of a coroutine that never waits (an offline engine's ``voices()``)."""
    try:
        coro.send(None)
    except StopIteration as done:
        return done.value
    coro.close()
    raise RuntimeError("the coroutine waited")


def offline_voices(engine_name: str) -> list[Voice]:
    """What an offline engine lists, without loading its model (the shared role presets and its bases)."""
    try:
        from studio.engines.registry import create_engine

        return list(_run_now(create_engine(engine_name).voices()))
    except Exception:
        from studio.engines.offline_presets import PRESET_IDS, preset_voice

        return [preset_voice(engine_name, pid) for pid in PRESET_IDS]


def _reason(error: BaseException | str) -> str:
    if isinstance(error, str):
        return error.rstrip(".")
    code = getattr(error, "code", None)
    if code == "network":
        return "no connection"
    if code == "timeout":
        return "no answer in time"
    status = getattr(error, "http_status", None)
    if isinstance(status, int) and status >= 500:
        return f"server error {status}"
    text = str(getattr(error, "message", None) or error).strip().rstrip(".")
    return text if len(text) <= 90 else text[:87] + "…"


def _listed_date(voice: Voice) -> float | None:
    try:
        return datetime.datetime.strptime(voice.created or "", "%Y-%m-%d").timestamp()
    except ValueError:
        return None


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"\s+", text.casefold()) if w]


# --- the library ------------------------------------------------------------------------------------

class VoiceLibrary:
    """The user's voice library (see the module docstring). Safe to share between threads; events are
    emitted on the thread that made the change."""

    def __init__(self, folder: Path | None = None, *, clock: Callable[[], float] = time.time) -> None:
        self.folder = Path(folder) if folder is not None else library_folder()
        self.path = self.folder / LIBRARY_FILE
        self.events: Listeners[LibraryEvent] = Listeners(guard=True)
        self._clock = clock
        self._lock = threading.RLock()
        self._own: dict[str, LibraryVoice] = {}
        self._last_used: dict[str, float] = {}
        self._sections: dict[str, Section] = {}
        self._problems: dict[str, str] = {}
        self._stamp: tuple[int, int] | None = None
        with self._lock:
            self._read_file()
            self._read_sections()
            self._migrate()

    def __repr__(self) -> str:
        return f"VoiceLibrary({str(self.folder)!r}, {len(self._own)} own voices)"

    # --- reading ------------------------------------------------------------------------------------
    def engines(self) -> list[str]:
        """Engine names with a section, in the studio's order."""
        with self._lock:
            names = list(ENGINES)
            names += [n for n in {*self._sections, *(v.engine for v in self._own.values())} if n not in names]
            return names

    def voices(self, engine: str | None = None) -> list[LibraryVoice]:
        """Every voice (of ``engine``): the user's own voices first, then the engine's listed voices."""
        with self._lock:
            self._read_file()
            out: list[LibraryVoice] = []
            for name in ([engine] if engine else self.engines()):
                own = [v for v in self._own.values() if v.engine == name]
                out += own
                seen = {v.voice_id for v in own}
                for voice in self._section(name).voices:
                    if voice.voice_id in seen:
                        continue
                    used = self._last_used.get(voice.key)
                    out.append(replace(voice, last_used_at=used) if used else voice)
            return out

    def get(self, voice_id: str, engine: str | None = None) -> LibraryVoice | None:
        """The entry for ``voice_id`` (on ``engine``); own voices win over listed ones."""
        for voice in self.voices(engine):
            if voice.voice_id == voice_id:
                return voice
        return None

    def own_voices(self) -> list[LibraryVoice]:
        with self._lock:
            self._read_file()
            return list(self._own.values())

    def filter(self, search: str | None = None, engine: str | None = None, language: str | None = None,
               gender: str | None = None, age: str | None = None, style: str | None = None,
               kind: str | Iterable[str] | None = None) -> list[LibraryVoice]:
        """The voices matching every given criterion. ``search`` matches all its words against the id,
        name, description, prompt and styles; ``language`` matches "zh" to "zh-CN" too; ``kind`` may be
        several kinds."""
        kinds = {kind} if isinstance(kind, str) else set(kind) if kind is not None else None
        words = _words(search or "")
        lang = (language or "").casefold().split("-")[0]
        wanted_style = (style or "").casefold().strip()

        def matches(v: LibraryVoice) -> bool:
            if kinds is not None and v.kind not in kinds:
                return False
            if gender and (v.gender or "").casefold() != gender.casefold():
                return False
            if age and (v.age or "").casefold() != age.casefold():
                return False
            if lang and not any(x.casefold().split("-")[0] == lang for x in v.languages):
                return False
            if wanted_style and wanted_style not in {s.casefold() for s in v.styles} and \
                    wanted_style not in _words(v.description):
                return False
            if words:
                hay = " ".join((v.voice_id, v.name, v.description, v.prompt, *v.styles)).casefold()
                if not all(w in hay for w in words):
                    return False
            return True

        return [v for v in self.voices(engine) if matches(v)]

    def fetched_at(self, engine: str) -> float | None:
        """When ``engine``'s list was last fetched (None: never, or a built-in offline list)."""
        with self._lock:
            return self._section(engine).fetched_at

    def problem(self, engine: str) -> str | None:
        """A sentence when ``engine``'s section is empty or stale (the last refresh failed), else None."""
        with self._lock:
            if engine in self._problems:
                return self._problems[engine]
            section = self._section(engine)
            label = ENGINE_LABELS.get(engine, engine)
            if engine not in OFFLINE_ENGINES and section.fetched_at is None:
                return f"The {label} voices have not been listed yet: refresh the library while online."
            if not section.voices and not any(v.engine == engine for v in self._own.values()):
                return f"{label} listed no voices."
            return None

    def expiring(self, now: float | None = None, within_days: float = 2.0) -> list[LibraryVoice]:
        """Own voices that expire within ``within_days`` unless used (or have expired)."""
        now = self._clock() if now is None else now
        return [v for v in self.own_voices()
                if v.seconds_left(now) is not None and (v.seconds_left(now) or 0) <= within_days * 86400]

    def pending(self, now: float | None = None) -> list[LibraryVoice]:
        """Own voices still waiting for their first real use and not yet expired."""
        now = self._clock() if now is None else now
        return [v for v in self.own_voices() if v.expires_at is not None and not v.expired(now)]

    def warnings(self, now: float | None = None, within_days: float = 2.0) -> list[str]:
        """A sentence per voice that MiniMax deletes within ``within_days`` unless it is used."""
        now = self._clock() if now is None else now
        return [w for v in self.own_voices() if (w := v.expiry_warning(now, within_days))]

    # --- refreshing ---------------------------------------------------------------------------------
    async def refresh(self, engine_name: str, engine: Any) -> str | None:
        """Ask ``engine`` for its voices and cache them; returns ``problem(engine_name)``.

        A failure the engine reports (no key, no network, a refused key) is not raised: the cached list
        stays and ``problem`` says what happened and from when the shown list is. MiniMax clones and
        designs the account lists have been used, so their expiry ends; ones this library did not know
        (made elsewhere) are added.
        """
        from studio.engines.speech import EngineError

        try:
            listed = list(await engine.voices())
        except EngineError as exc:
            return self.unavailable(engine_name, exc)
        now = self._clock()
        account = [v for v in listed if v.kind in ("cloned", "designed")]
        ready = [v for v in listed if v.kind not in ("cloned", "designed")]
        host = getattr(getattr(engine, "config", None), "host", None)
        section = Section(engine_name, tuple(from_engine_voice(replace(v, engine=engine_name)) for v in ready),
                          now, host)
        events: list[LibraryEvent] = []
        with self._lock:
            self._sections[engine_name] = section
            _write_json(self._section_path(engine_name), {
                "format": FORMAT, "engine": engine_name, "fetched_at": now, "host": host,
                "voices": [v.to_dict() for v in section.voices]})
            self._problems.pop(engine_name, None)
            if account:
                events = self._mutate(lambda: self._reconcile(engine_name, account, now))
        for event in events:
            self.events.emit(event)
        problem = self.problem(engine_name)
        self.events.emit(SectionChanged(engine_name, problem))
        return problem

    def unavailable(self, engine_name: str, error: BaseException | str) -> str:
        """Record that ``engine_name`` could not be asked (no key, no network ...); returns the sentence."""
        with self._lock:
            section = self._section(engine_name)
            label = ENGINE_LABELS.get(engine_name, engine_name)
            shown = f"; showing the list from {_day(section.fetched_at)}" if section.fetched_at else ""
            code = getattr(error, "code", None)
            if code == "no-key":
                sentence = f"No {label} key: add one in Settings (or run `troupe login`){shown}."
            elif code in (1004, 2049, "http-401", "http-403"):
                sentence = f"{label} did not accept the key ({code}): check it in Settings{shown}."
            else:
                later = shown or "; its voices will be listed once it answers"
                sentence = f"{label} could not be reached ({_reason(error)}){later}."
            self._problems[engine_name] = sentence
        self.events.emit(SectionChanged(engine_name, sentence))
        return sentence

    def _reconcile(self, engine_name: str, account: list[Voice], now: float) -> list[LibraryEvent]:
        events: list[LibraryEvent] = []
        for voice in account:
            key = f"{engine_name}:{voice.voice_id}"
            mine = self._own.get(key)
            if mine is None:
                created = _listed_date(voice)
                entry = replace(from_engine_voice(replace(voice, engine=engine_name)), kind=voice.kind,
                                created_at=created, description=voice.description or
                                "Listed by the account; made outside this library.")
                self._own[key] = entry
                events.append(VoiceAdded(entry))
            elif mine.expires_at is not None:
                self._own[key] = replace(mine, expires_at=None)
                events.append(VoiceChanged(self._own[key]))
        return events

    # --- own voices ---------------------------------------------------------------------------------
    def add(self, voice: LibraryVoice) -> LibraryVoice:
        """Add (or replace) one of the user's own voices."""
        if not voice.own:
            raise ValueError(f"only cloned, designed or blend voices are kept in the library, not {voice.kind!r}")

        def change() -> LibraryEvent:
            existed = voice.key in self._own
            self._own[voice.key] = voice
            return VoiceChanged(voice) if existed else VoiceAdded(voice)

        self.events.emit(self._mutate(change))
        return voice

    def update(self, voice_id: str, engine: str | None = None, **changes: Any) -> LibraryVoice:
        """One own voice with ``changes`` (name, styles, gender ...); KeyError when there is none."""
        def change() -> LibraryVoice:
            key = self._own_key(voice_id, engine)
            self._own[key] = replace(self._own[key], **changes)
            return self._own[key]

        voice = self._mutate(change)
        self.events.emit(VoiceChanged(voice))
        return voice

    def remove(self, voice_id: str, engine: str | None = None) -> LibraryVoice | None:
        """Take an own voice out of the library (nothing is asked of the engine); returns it, or None."""
        def change() -> LibraryVoice | None:
            try:
                key = self._own_key(voice_id, engine)
            except KeyError:
                return None
            self._last_used.pop(key, None)
            return self._own.pop(key)

        removed = self._mutate(change)
        if removed is not None:
            self.events.emit(VoiceRemoved(removed.engine, removed.voice_id))
        return removed

    def mark_used(self, voice_id: str, engine: str | None = None, when: float | None = None) -> bool:
        """Record a real use (a render) of ``voice_id``: its last use, and the end of its expiry.

        Writes at most once a minute per voice unless the expiry ends; True when something was written.
        """
        at = self._clock() if when is None else when
        events: list[LibraryEvent] = []
        with self._lock:
            self._read_file()
            keys = [k for k, v in self._own.items() if v.voice_id == voice_id and engine in (None, v.engine)]
            listed = [f"{n}:{voice_id}" for n in self.engines() if engine in (None, n)
                      and any(v.voice_id == voice_id for v in self._section(n).voices)]
            if not keys and not listed and engine is not None:
                listed = [f"{engine}:{voice_id}"]
            due = [k for k in keys if self._own[k].expires_at is not None
                   or at - (self._own[k].last_used_at or 0.0) >= USE_WRITE_INTERVAL]
            due_listed = [k for k in listed if at - self._last_used.get(k, 0.0) >= USE_WRITE_INTERVAL]
            if not due and not due_listed:
                return False

            def change() -> None:
                for k in due:
                    self._own[k] = self._own[k].used(at)
                    events.append(VoiceChanged(self._own[k]))
                for k in due_listed:
                    self._last_used[k] = at

            self._mutate(change)
        for event in events:
            self.events.emit(event)
        return True

    def follow(self, engine: Any) -> Callable[[], None]:
        """Record every real synthesis ``engine`` announces (its ``voice_used`` listeners) as a use.
        Returns the call that stops following; engines without announcements are ignored."""
        listeners = getattr(engine, "voice_used", None)
        if not isinstance(listeners, list):
            return lambda: None
        name = str(getattr(engine, "name", "")) or None

        def record(voice_id: str) -> None:
            self.mark_used(voice_id, engine=name)

        listeners.append(record)

        def stop() -> None:
            if record in listeners:
                listeners.remove(record)

        return stop

    def reload(self) -> None:
        """Read the files again (another process may have changed them)."""
        with self._lock:
            self._stamp = None
            self._read_file()
            self._read_sections()

    # --- files --------------------------------------------------------------------------------------
    def _own_key(self, voice_id: str, engine: str | None) -> str:
        for key, voice in self._own.items():
            if voice.voice_id == voice_id and engine in (None, voice.engine):
                return key
        raise KeyError(voice_id)

    def _section(self, engine: str) -> Section:
        section = self._sections.get(engine)
        if section is None:
            voices = tuple(from_engine_voice(v) for v in offline_voices(engine)) if engine in OFFLINE_ENGINES else ()
            section = Section(engine, voices)
            self._sections[engine] = section
        return section

    def _section_path(self, engine: str) -> Path:
        return self.folder / f"catalog-{engine}.json"

    def _read_sections(self) -> None:
        for path in sorted(self.folder.glob("catalog-*.json")):
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
                engine = str(raw["engine"])
                voices = tuple(LibraryVoice.from_dict(v) for v in raw.get("voices") or ())
                self._sections[engine] = Section(engine, voices, float(raw["fetched_at"]), raw.get("host"))
            except (OSError, ValueError, KeyError, TypeError):
                log.warning("ignoring the damaged voice list %s", path)

    def _read_file(self) -> None:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            self._stamp = None
            return
        stamp = (stat.st_mtime_ns, stat.st_size)
        if stamp == self._stamp:
            return
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(raw, dict):
                raise ValueError("not an object")
        except (OSError, ValueError):
            damaged = self.path.with_name(f"{self.path.name}.damaged-{int(self._clock())}")
            log.warning("the voice library %s could not be read; it was kept as %s", self.path, damaged.name)
            os.replace(self.path, damaged)
            self._stamp = None
            return
        own: dict[str, LibraryVoice] = {}
        for item in raw.get("voices") or ():
            try:
                voice = LibraryVoice.from_dict(item)
            except (KeyError, TypeError, ValueError):
                log.warning("skipping a damaged voice library entry: %r", item)
                continue
            own[voice.key] = voice
        self._own = own
        self._last_used = {str(k): float(v) for k, v in (raw.get("last_used") or {}).items()
                           if isinstance(v, int | float)}
        self._stamp = stamp

    def _write_file(self) -> None:
        _write_json(self.path, {"format": FORMAT, "voices": [v.to_dict() for v in self._own.values()],
                                "last_used": self._last_used})
        stat = self.path.stat()
        self._stamp = (stat.st_mtime_ns, stat.st_size)

    def _mutate(self, change: Callable[[], T]) -> T:
        with self._lock:
            self._read_file()
            result = change()
            self._write_file()
            return result

    def _migrate(self) -> None:
        old = self.folder.parent / OLD_REGISTRY
        if not old.is_file():
            return
        try:
            records = json.loads(old.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            records = []

        def change() -> int:
            added = 0
            for item in records if isinstance(records, list) else []:
                try:
                    vid, created = str(item["voice_id"]), float(item["created_at"])
                    used = item.get("first_used_at")
                except (KeyError, TypeError, ValueError):
                    continue
                key = f"minimax:{vid}"
                if key in self._own:
                    continue
                kind = "designed" if vid.startswith("ttv-voice-") else "cloned"
                self._own[key] = LibraryVoice(
                    engine="minimax", voice_id=vid, name=str(item.get("name") or vid), kind=kind,
                    created_at=created, last_used_at=float(used) if used is not None else None,
                    expires_at=None if used is not None else created + ACTIVATION_WINDOW)
                added += 1
            return added

        added = self._mutate(change)
        os.replace(old, old.with_name(old.name + ".migrated"))
        log.info("moved %d voice(s) from %s into the voice library", added, old.name)


__all__ = ["ENGINE_LABELS", "KINDS", "LibraryEvent", "Section", "SectionChanged", "VoiceAdded", "VoiceChanged",
           "VoiceLibrary", "VoiceRemoved", "library_folder", "offline_voices"]
