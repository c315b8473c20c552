"""The ``.troupe`` project file: one SQLite database (WAL) holding a series and every rendered take.

Every public mutating method is one transaction, so a user edit is on disk the moment it returns and a
killed process loses nothing that was finished. The schema carries a version; older files are migrated
forward on open, newer ones are refused with a sentence. One process at a time may write a project: a
second one gets ``ProjectLockedError``.

This module knows the domain and sqlite3 only: no Qt, no engines, no asyncio.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import logging
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from studio.domain.lexicon import LexiconEntry
from studio.domain.media import (
    EffectClip,
    EpisodeMix,
    MusicBed,
    NewEffectClip,
    RemovedEffectClip,
    RemovedMusicBed,
)
from studio.domain.model import Delivery, Episode, Line, NewLine, ProjectSettings, Role, Take
from studio.store import events as ev

log = logging.getLogger(__name__)

SCHEMA_VERSION = 5
APPLICATION_ID = 0x54525550  # "TRUP": lets us tell our files from other SQLite files

_SCHEMA_V1 = """
CREATE TABLE project (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    title TEXT NOT NULL,
    settings TEXT NOT NULL DEFAULT '{}',
    created_at REAL NOT NULL
);
CREATE TABLE roles (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    colour TEXT NOT NULL DEFAULT '#888888',
    delivery TEXT NOT NULL DEFAULT '{}',
    voices TEXT NOT NULL DEFAULT '{}',
    gap_ms INTEGER,
    gender TEXT,
    notes TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE episodes (
    id INTEGER PRIMARY KEY,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'zh'
);
CREATE TABLE lines (
    id INTEGER PRIMARY KEY,
    episode_id INTEGER NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    role_id INTEGER REFERENCES roles(id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    delivery TEXT NOT NULL DEFAULT '{}',
    gap_ms INTEGER,
    offset_ms INTEGER NOT NULL DEFAULT 0,
    chosen_take_id INTEGER,
    note TEXT NOT NULL DEFAULT '',
    trim_start_ms INTEGER NOT NULL DEFAULT 0,
    trim_end_ms INTEGER NOT NULL DEFAULT 0,
    cue_start_ms INTEGER,
    cue_end_ms INTEGER
);
CREATE INDEX lines_by_episode ON lines(episode_id, position);
CREATE TABLE takes (
    id INTEGER PRIMARY KEY,
    line_id INTEGER,
    render_key TEXT NOT NULL,
    format TEXT NOT NULL,
    sample_rate INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    engine TEXT NOT NULL,
    model TEXT NOT NULL,
    voice_id TEXT NOT NULL,
    billed_chars INTEGER NOT NULL DEFAULT 0,
    trace_id TEXT,
    created_at REAL NOT NULL,
    audio BLOB NOT NULL,
    checksum TEXT
);
CREATE INDEX takes_by_key ON takes(render_key);
CREATE INDEX takes_by_line ON takes(line_id);
CREATE TABLE line_errors (
    line_id INTEGER PRIMARY KEY,
    render_key TEXT NOT NULL,
    message TEXT NOT NULL,
    trace_id TEXT,
    at REAL NOT NULL
);
CREATE TABLE lexicon (
    id INTEGER PRIMARY KEY,
    written TEXT NOT NULL,
    spoken TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'replace',
    language TEXT
);
CREATE TABLE usage (
    id INTEGER PRIMARY KEY,
    at REAL NOT NULL,
    engine TEXT NOT NULL,
    model TEXT NOT NULL,
    billed_chars INTEGER NOT NULL,
    line_id INTEGER,
    trace_id TEXT
);
CREATE TABLE voices_created (
    voice_id TEXT PRIMARY KEY,
    engine TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    prompt TEXT NOT NULL DEFAULT '',
    created_at REAL NOT NULL,
    first_used_at REAL
);
"""

def _v1_to_v2(c: sqlite3.Connection) -> None:
    """Lines get a note: a stage direction or remark shown with the line and never spoken."""
    c.execute("ALTER TABLE lines ADD COLUMN note TEXT NOT NULL DEFAULT ''")


#: Format 3: per episode a music bed and media settings, and its sound-effect clips (audio as blobs). Both
#: go with their episode when it is deleted.
_MEDIA_TABLES = (
    """CREATE TABLE IF NOT EXISTS episode_media (
    episode_id INTEGER PRIMARY KEY REFERENCES episodes(id) ON DELETE CASCADE,
    mix TEXT NOT NULL DEFAULT '{}',
    bed TEXT,
    bed_audio BLOB
)""",
    """CREATE TABLE IF NOT EXISTS effect_clips (
    id INTEGER PRIMARY KEY,
    episode_id INTEGER NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    format TEXT NOT NULL,
    duration_ms INTEGER NOT NULL,
    volume_db REAL NOT NULL DEFAULT 0,
    at_ms INTEGER NOT NULL DEFAULT 0,
    line_id INTEGER,
    offset_ms INTEGER NOT NULL DEFAULT 0,
    audio BLOB NOT NULL
)""",
    "CREATE INDEX IF NOT EXISTS effect_clips_by_episode ON effect_clips(episode_id)",
)
_MEDIA_SCHEMA = "".join(f"{statement};\n" for statement in _MEDIA_TABLES)


def _v2_to_v3(c: sqlite3.Connection) -> None:
    """Episodes get a music bed, media settings (stereo, pans) and sound-effect clips."""
    for statement in _MEDIA_TABLES:
        c.execute(statement)


#: Format 4: what is known about a take beside its audio (word timings, a listen-back check, a speaker
#: embedding), one JSON document per take and kind, going with its take.
_TAKE_NOTES_TABLE = """CREATE TABLE IF NOT EXISTS take_notes (
    take_id INTEGER NOT NULL REFERENCES takes(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (take_id, kind)
)"""


def _v3_to_v4(c: sqlite3.Connection) -> None:
    """Lines get trims of their take's silence and a timed script's source cue; takes get notes."""
    have = {r[1] for r in c.execute("PRAGMA table_info(lines)")}
    for column in ("trim_start_ms INTEGER NOT NULL DEFAULT 0", "trim_end_ms INTEGER NOT NULL DEFAULT 0",
                   "cue_start_ms INTEGER", "cue_end_ms INTEGER"):
        if column.split()[0] not in have:
            c.execute(f"ALTER TABLE lines ADD COLUMN {column}")
    c.execute(_TAKE_NOTES_TABLE)


def take_checksum(audio: bytes) -> str:
    """The checksum a take's audio is kept with (BLAKE2b, 128 bits, hex)."""
    return hashlib.blake2b(audio, digest_size=16).hexdigest()


def _v4_to_v5(c: sqlite3.Connection) -> None:
    """Takes carry a checksum of their audio, checked when the audio is read."""
    if "checksum" not in {r[1] for r in c.execute("PRAGMA table_info(takes)")}:
        c.execute("ALTER TABLE takes ADD COLUMN checksum TEXT")
    ids = [r[0] for r in c.execute("SELECT id FROM takes WHERE checksum IS NULL")]
    for take_id in ids:  # one take in memory at a time
        audio = c.execute("SELECT audio FROM takes WHERE id=?", (take_id,)).fetchone()[0]
        c.execute("UPDATE takes SET checksum=? WHERE id=?", (take_checksum(bytes(audio)), take_id))


#: Forward migrations: MIGRATIONS[n] takes a file from version n to n + 1.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4,
                                                                4: _v4_to_v5}


class ProjectError(Exception):
    """A project file problem, with a sentence saying what is wrong and what to do."""


class ProjectLockedError(ProjectError):
    pass


class TakeDamagedError(ProjectError):
    """A take's audio does not match its checksum: the file was damaged there. The take is set aside (its
    line is stale again) when the project is open for writing."""

    def __init__(self, message: str, take_id: int) -> None:
        super().__init__(message)
        self.take_id = take_id


#: What a full disk is called, wherever it is met (a render, an edit, an import, opening).
DISK_FULL = "The disk is full; nothing was lost, free space and render again."


class ProjectDiskFullError(ProjectError):
    """The disk (or the file system's quota) is full: the change under way was not made, nothing else
    was lost."""

    def __init__(self, message: str = DISK_FULL) -> None:
        super().__init__(message)


class ProjectReadOnlyError(ProjectError):
    """The file, or its folder, cannot be written: it can still be opened read-only (``open_readonly``)
    to view and export."""


def _read_only_sentence(path: Path) -> str:
    return (f"{path.name} is read-only (the file or its folder cannot be written), so it opens read-only: "
            "you can view and export it; save a copy elsewhere to edit it.")


def _viewing_sentence(path: Path) -> str:
    """What a change to a project opened read-only is refused with."""
    return f"{path.name} is open read-only, so nothing in it can change; save a copy elsewhere to edit it."


def _full(exc: BaseException) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and code & 0xFF == sqlite3.SQLITE_FULL:
        return True
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)


def _read_only(exc: BaseException) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN,
                                            sqlite3.SQLITE_PERM):
        return True
    return isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS)


def integrity_problem(path: Path) -> str | None:
    """What ``PRAGMA integrity_check`` finds wrong with ``path`` (read-only), or None when it is sound."""
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check(5)")]
        finally:
            conn.close()
    except UnicodeDecodeError:  # the report quotes names whose bytes are damaged
        return "its structure holds damaged text"
    except sqlite3.DatabaseError as exc:
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        return str(exc) if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) else None
    return None if rows == ["ok"] else "; ".join(rows)


def _open_failure(path: Path, exc: sqlite3.DatabaseError) -> ProjectError:
    """The sentence for a file SQLite would not open: full disk, read-only, damaged (only when the
    integrity check says so), or else what SQLite said."""
    if _full(exc):
        return ProjectDiskFullError(f"The disk is full, so {path.name} cannot be opened; nothing was lost, free "
                                    "space and open it again.")
    if _read_only(exc):
        return ProjectReadOnlyError(_read_only_sentence(path))
    problem = integrity_problem(path)
    if problem is not None:
        return ProjectError(f"{path.name} is damaged or is not a Troupe project ({problem}). "
                            "Open a backup or a saved copy; this file was not changed.")
    return ProjectError(f"{path.name} could not be opened ({exc}); it was not changed. Try again, or check "
                        "the disk and the file's permissions.")


#: A line to add: a ``NewLine`` or a ``(role_id, text, delivery, gap_ms)`` tuple.
LineSpec = NewLine | tuple[int | None, str, Delivery, int | None]


@dataclass(frozen=True)
class NewRole:
    """A role an import creates (see ``ProjectStore.import_episode``)."""

    name: str
    voices: Mapping[str, str] = field(default_factory=dict)
    gender: str | None = None
    colour: str | None = None
    delivery: Delivery = field(default_factory=Delivery)


@dataclass(frozen=True)
class TakeAudio:
    take: Take
    audio: bytes


T = TypeVar("T")


def _text(raw: bytes) -> str:
    """A TEXT value as read: bytes damaged on disk show as U+FFFD instead of failing every read."""
    return raw.decode("utf-8", errors="replace")


def _now() -> float:
    return time.time()


class _FileLock:
    """An exclusive advisory lock held while a project is open (released by the OS if we die)."""

    def __init__(self, path: Path) -> None:
        self._path = Path(str(path) + ".lock") if sys.platform == "win32" else path
        self._fh: Any = None

    def acquire(self) -> None:
        self._fh = open(self._path, "a+b")  # noqa: SIM115 - held until release()
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(self._fh.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(self._fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._fh.close()
            self._fh = None
            raise

    def release(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def checkpoint_passive(path: str | os.PathLike[str]) -> None:
    """Copy the WAL back into the database without blocking the writer (safe from any thread)."""
    conn = sqlite3.connect(str(path), timeout=1.0)
    try:
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    finally:
        conn.close()


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class ProjectStore:
    """An open ``.troupe`` file. Create with :meth:`create` or :meth:`open`; close when done."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: _FileLock | None, uri: str | None = None) -> None:
        self.path = path
        self._conn = conn
        self._lock = lock
        self._uri = uri  # how a read-only view was opened (a reader of it opens the same way)
        self._listeners: ev.Listeners[ev.StoreEvent] = ev.Listeners()

    # ------------------------------------------------------------------ opening and closing

    @classmethod
    def create(cls, path: str | os.PathLike[str], title: str,
               settings: ProjectSettings | None = None) -> ProjectStore:
        path = Path(path)
        if path.exists():
            raise ProjectError(f"{path} already exists. Choose another name or open it instead.")
        if not path.parent.exists():
            raise ProjectError(f"The folder {path.parent} does not exist.")
        store = cls._connect(path, creating=True)
        store._conn.executescript(f"BEGIN;{_SCHEMA_V1}{_MEDIA_SCHEMA}{_TAKE_NOTES_TABLE};"
                                  f"PRAGMA user_version={SCHEMA_VERSION};"
                                  f"PRAGMA application_id={APPLICATION_ID};COMMIT;")
        with store._tx() as c:
            c.execute("INSERT INTO project(id, title, settings, created_at) VALUES (1, ?, ?, ?)",
                      (title, _dumps((settings or ProjectSettings()).to_dict()), _now()))
        return store

    @classmethod
    def create_filled(cls, path: str | os.PathLike[str], title: str, fill: Callable[[ProjectStore], T],
                      settings: ProjectSettings | None = None) -> tuple[ProjectStore, T]:
        """Create a project at ``path`` that appears only once ``fill`` (an import, say) has run on it:
        it is made under a hidden name in the same folder, closed, and put in place without replacing
        anything, then opened again. A failed or killed ``fill`` leaves no project at ``path``. Returns
        the open project and what ``fill`` returned."""
        path = Path(path)
        if path.exists():
            raise ProjectError(f"{path} already exists. Choose another name or open it instead.")
        if not path.parent.exists():
            raise ProjectError(f"The folder {path.parent} does not exist.")
        tmp = path.with_name(f".{path.name}.{os.getpid()}.creating")
        for stale in (tmp, *(Path(f"{tmp}{tail}") for tail in ("-wal", "-shm", ".lock"))):
            stale.unlink(missing_ok=True)
        try:
            store = cls.create(tmp, title, settings)
            try:
                made = fill(store)
            finally:
                store.close()
            try:
                os.link(tmp, path)  # never replaces a file that appeared meanwhile
            except FileExistsError:
                raise ProjectError(f"{path} already exists. Choose another name or open it instead.") from None
            except OSError:
                if path.exists():
                    raise
                os.rename(tmp, path)  # a file system without hard links
        finally:
            for leftover in (tmp, *(Path(f"{tmp}{tail}") for tail in ("-wal", "-shm", ".lock"))):
                leftover.unlink(missing_ok=True)
        return cls.open(path), made

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> ProjectStore:
        path = Path(path)
        if not path.exists():
            raise ProjectError(f"{path} does not exist.")
        return cls._connect(path, creating=False)

    @classmethod
    def open_readonly(cls, path: str | os.PathLike[str]) -> ProjectStore:
        """Open ``path`` to read only, without taking the writer's lock: what ``troupe info`` uses, so it
        works while a window has the project open. Nothing is ever written through it."""
        path = Path(path)
        if not path.exists():
            raise ProjectError(f"{path} does not exist.")
        _check_header(path)
        try:
            uri = path.resolve().as_uri() + "?mode=ro"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.text_factory = _text
            conn.execute("PRAGMA busy_timeout=5000")
            store = cls(path, conn, None, uri)
            store._check_version()
            return store
        except sqlite3.DatabaseError as exc:
            if _read_only(exc) and not os.access(path.parent, os.W_OK):
                return cls._open_immutable(path)
            raise _open_failure(path, exc) from exc

    @classmethod
    def _open_immutable(cls, path: Path) -> ProjectStore:
        """A project in a folder nobody can write: SQLite cannot make its shared-memory file there, but no
        one can change the file either, so it is read as immutable."""
        try:
            uri = path.resolve().as_uri() + "?mode=ro&immutable=1"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.text_factory = _text
            store = cls(path, conn, None, uri)
            store._check_version()
            return store
        except sqlite3.DatabaseError as exc:
            raise _open_failure(path, exc) from exc

    @classmethod
    def _connect(cls, path: Path, *, creating: bool) -> ProjectStore:
        if not creating:
            _check_header(path)
        lock = _FileLock(path)
        try:
            lock.acquire()
        except OSError as exc:
            if _read_only(exc):
                raise ProjectReadOnlyError(_read_only_sentence(path)) from exc
            if _full(exc):
                raise ProjectDiskFullError() from exc
            raise ProjectLockedError(
                f"{path.name} is already open in another Troupe window or command. "
                "Close it there first, or save a copy and open the copy.") from exc
        try:
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.text_factory = _text
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA busy_timeout=5000")
            store = cls(path, conn, lock)
            if not creating:
                store._check_version()
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            if not creating:
                store._migrate()
            return store
        except sqlite3.DatabaseError as exc:
            conn_ = locals().get("conn")
            if conn_ is not None:
                conn_.close()
            lock.release()
            raise _open_failure(path, exc) from exc
        except BaseException:
            lock.release()
            raise

    def _check_version(self) -> None:
        """Read-only checks: ours, not from the future, not damaged. Nothing is written before them."""
        conn = self._conn
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise ProjectError(f"{self.path.name} is a database, but not a Troupe project.")
        if version > SCHEMA_VERSION:
            raise ProjectError(
                f"{self.path.name} was saved by a newer Troupe (project format {version}; this version "
                f"reads up to {SCHEMA_VERSION}). Update Troupe to open it; the file was not changed.")
        # A full read of the schema and a quick integrity check catch truncated files early.
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()[0]
        except UnicodeDecodeError:  # its report quotes damaged bytes as they are (no text factory for PRAGMAs)
            ok = "damaged text in its report"
        if ok != "ok" and integrity_problem(self.path) is not None:
            raise ProjectError(
                f"{self.path.name} is damaged ({ok}). Open a backup or a saved copy; "
                "this file was not changed.")

    def _migrate(self) -> None:
        version = self._conn.execute("PRAGMA user_version").fetchone()[0]
        while version < SCHEMA_VERSION:
            with self._tx() as c:
                MIGRATIONS[version](c)
                c.execute(f"PRAGMA user_version={version + 1}")
            version += 1

    def set_auto_checkpoint(self, enabled: bool) -> None:
        """Turn SQLite's automatic WAL checkpoint (inside a commit) on or off for this connection.

        A window turns it off and checkpoints from a worker thread with :func:`checkpoint_passive`, so a
        commit on the UI thread never pays for a checkpoint's fsync.
        """
        self._conn.execute(f"PRAGMA wal_autocheckpoint={1000 if enabled else 0}")

    def reader(self) -> ProjectStore:
        """A read-only view of this project on its own connection, for one worker thread.

        WAL gives it a consistent snapshot while this (writing) connection goes on committing on its own
        thread, so long reads (export, mixing, waveforms, a copy) never share a connection with edits.
        Close it when done; it holds no lock.
        """
        if self._conn is None:
            raise ProjectError("The project is closed.")
        uri = self._uri or Path(self.path).resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.text_factory = _text
        conn.execute("PRAGMA busy_timeout=5000")
        return ProjectStore(self.path, conn, None, uri)

    @property
    def read_only(self) -> bool:
        """Whether this is a read-only view (``open_readonly``, ``reader``): every change is refused with
        ``ProjectReadOnlyError`` and its sentence, before anything is tried."""
        return self._lock is None

    def close(self) -> None:
        if self._conn is not None:
            if self._lock is not None:  # the writer tidies the log; a reader has nothing to tidy
                try:
                    self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                except sqlite3.Error:
                    pass
            self._conn.close()
            self._conn = None  # type: ignore[assignment]
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> ProjectStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def save_copy_as(self, target: str | os.PathLike[str]) -> Path:
        """A consistent copy of the whole project (SQLite backup API), even mid-render."""
        target = Path(target)
        if target.resolve() == self.path.resolve():
            raise ProjectError("Choose a different file for the copy.")
        tmp = target.with_name(target.name + ".part")
        tmp.unlink(missing_ok=True)
        dest = sqlite3.connect(str(tmp))
        try:
            self._conn.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.Error as exc:
            dest.close()
            tmp.unlink(missing_ok=True)
            raise ProjectError(f"Could not save a copy to {target}: {exc}.") from exc
        dest.close()
        os.replace(tmp, target)
        return target

    # ------------------------------------------------------------------ events

    def subscribe(self, listener: Callable[[ev.StoreEvent], None]) -> Callable[[], None]:
        """Call ``listener(event)`` after each committed change (see ``studio.store.events``).
        Returns an unsubscribe."""
        return self._listeners.subscribe(listener)

    def _emit(self, *events: ev.StoreEvent) -> None:
        for event in events:
            self._listeners.emit(event)

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        conn = self._conn
        if conn is None:
            raise ProjectError("The project is closed.")
        if self._lock is None:
            raise ProjectReadOnlyError(_viewing_sentence(self.path))
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            else:
                conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            if _full(exc):
                raise ProjectDiskFullError() from exc
            if _read_only(exc) and self._lock is not None:  # a reader is read-only by design
                raise ProjectReadOnlyError(_read_only_sentence(self.path)) from exc
            raise

    # ------------------------------------------------------------------ project

    @property
    def title(self) -> str:
        return self._conn.execute("SELECT title FROM project").fetchone()[0]

    def set_title(self, title: str) -> None:
        with self._tx() as c:
            c.execute("UPDATE project SET title=?", (title,))
        self._emit(ev.ProjectRenamed(title))

    @property
    def settings(self) -> ProjectSettings:
        raw = self._conn.execute("SELECT settings FROM project").fetchone()[0]
        return ProjectSettings.from_dict(json.loads(raw))

    def set_settings(self, settings: ProjectSettings) -> None:
        with self._tx() as c:
            c.execute("UPDATE project SET settings=?", (_dumps(settings.to_dict()),))
        self._emit(ev.SettingsChanged(settings))

    # ------------------------------------------------------------------ roles

    def roles(self) -> list[Role]:
        rows = self._conn.execute("SELECT * FROM roles ORDER BY position, id").fetchall()
        return [_role(r) for r in rows]

    def role(self, role_id: int) -> Role:
        row = self._conn.execute("SELECT * FROM roles WHERE id=?", (role_id,)).fetchone()
        if row is None:
            raise ProjectError(f"There is no role with id {role_id}.")
        return _role(row)

    def role_by_name(self, name: str) -> Role | None:
        row = self._conn.execute("SELECT * FROM roles WHERE name=?", (name.strip(),)).fetchone()
        return _role(row) if row else None

    def add_role(self, name: str, *, colour: str | None = None, gender: str | None = None,
                 voices: dict[str, str] | None = None, delivery: Delivery | None = None) -> Role:
        name = name.strip()
        if not name:
            raise ProjectError("A role needs a name.")
        if self.role_by_name(name):
            raise ProjectError(f"There is already a role called “{name}”.")
        with self._tx() as c:
            pos = c.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM roles").fetchone()[0]
            colour = colour or _PALETTE[pos % len(_PALETTE)]
            cur = c.execute(
                "INSERT INTO roles(name, colour, delivery, voices, gender, position) VALUES (?,?,?,?,?,?)",
                (name, colour, _dumps((delivery or Delivery()).to_dict()), _dumps(voices or {}),
                 gender, pos))
            role_id = _rowid(cur)
        role = self.role(role_id)
        self._emit(ev.RoleAdded(role))
        return role

    def restore_role(self, role: Role, line_ids: Sequence[int] = ()) -> None:
        """Put a deleted role back exactly as it was (id, name, colour, voices, position) and give it back
        ``line_ids`` (its lines before a delete or merge), in one transaction, for undo."""
        with self._tx() as c:
            self._put_back_role(c, role)
            c.executemany("UPDATE lines SET role_id=? WHERE id=?", [(role.id, i) for i in line_ids])
        events: list[ev.StoreEvent] = [ev.RoleAdded(self.role(role.id))]
        if line_ids:
            events.append(ev.LinesChanged(tuple(line_ids)))
        self._emit(*events)

    def update_role(self, role: Role) -> None:
        with self._tx() as c:
            c.execute(
                "UPDATE roles SET name=?, colour=?, delivery=?, voices=?, gap_ms=?, gender=?, notes=?, "
                "position=? WHERE id=?",
                (role.name.strip(), role.colour, _dumps(role.delivery.to_dict()), _dumps(role.voices),
                 role.gap_ms, role.gender, role.notes, role.position, role.id))
        self._emit(ev.RoleChanged(role))

    def set_voice(self, role_id: int, engine: str, voice_id: str | None) -> Role:
        role = self.role(role_id)
        voices = dict(role.voices)
        if voice_id:
            voices[engine] = voice_id
        else:
            voices.pop(engine, None)
        role.voices = voices
        self.update_role(role)
        return role

    def delete_role(self, role_id: int) -> list[int]:
        """Delete a role; its lines keep their text and lose their role. Returns those lines' ids."""
        with self._tx() as c:
            orphaned = [r[0] for r in c.execute("SELECT id FROM lines WHERE role_id=?", (role_id,))]
            c.execute("DELETE FROM roles WHERE id=?", (role_id,))
        events: list[ev.StoreEvent] = [ev.RoleRemoved(role_id)]
        if orphaned:
            events.append(ev.LinesChanged(tuple(orphaned)))
        self._emit(*events)
        return orphaned

    def merge_roles(self, alias_id: int, into_id: int) -> list[int]:
        """Reassign every line of ``alias_id`` to ``into_id`` and delete the alias. Returns moved line ids."""
        with self._tx() as c:
            moved = [r[0] for r in c.execute("SELECT id FROM lines WHERE role_id=?", (alias_id,))]
            c.execute("UPDATE lines SET role_id=? WHERE role_id=?", (into_id, alias_id))
            c.execute("DELETE FROM roles WHERE id=?", (alias_id,))
        self._emit(ev.RoleRemoved(alias_id), ev.LinesChanged(tuple(moved)))
        return moved

    def line_counts_by_role(self) -> dict[int, int]:
        return {r[0]: r[1] for r in self._conn.execute(
            "SELECT role_id, COUNT(*) FROM lines WHERE role_id IS NOT NULL GROUP BY role_id")}

    # ------------------------------------------------------------------ episodes

    def episodes(self) -> list[Episode]:
        rows = self._conn.execute("SELECT * FROM episodes ORDER BY position, id").fetchall()
        return [Episode(r["id"], r["position"], r["title"], r["language"]) for r in rows]

    def episode(self, episode_id: int) -> Episode:
        r = self._conn.execute("SELECT * FROM episodes WHERE id=?", (episode_id,)).fetchone()
        if r is None:
            raise ProjectError(f"There is no episode with id {episode_id}.")
        return Episode(r["id"], r["position"], r["title"], r["language"])

    def episode_by_number(self, number: int) -> Episode:
        eps = self.episodes()
        if not 1 <= number <= len(eps):
            raise ProjectError(f"There is no episode {number}; this project has {len(eps)}.")
        return eps[number - 1]

    def add_episode(self, title: str, language: str = "zh", lines: Sequence[LineSpec] = (),
                    position: int | None = None) -> Episode:
        """Add an episode, with optional lines (``NewLine`` or ``(role_id, text, delivery, gap_ms)``), in one
        transaction."""
        with self._tx() as c:
            ep_id = self._insert_episode(c, title, language, lines, position)
        ep = self.episode(ep_id)
        self._emit(ev.EpisodesChanged())
        return ep

    def import_episode(self, new_roles: Sequence[NewRole], title: str, language: str,
                       lines: Sequence[tuple[int | str | None, NewLine]],
                       position: int | None = None) -> tuple[Episode, list[Role]]:
        """Create ``new_roles`` and an episode of ``lines`` in ONE transaction: a failed or killed import
        leaves the project as it was. Each line names its role by id (an existing role), by name (one of
        ``new_roles``) or None. Returns the episode and the roles created."""
        with self._tx() as c:
            created = self._create_roles(c, new_roles)
            ep_id = self._insert_episode(c, title, language, _resolve_roles(lines, created), position)
        roles = [self.role(i) for i in created.values()]
        self._emit(*[ev.RoleAdded(r) for r in roles], ev.EpisodesChanged())
        return self.episode(ep_id), roles

    def add_lines_with_roles(self, new_roles: Sequence[NewRole], episode_id: int, index: int,
                             lines: Sequence[tuple[int | str | None, NewLine]]) -> tuple[list[int], list[Role]]:
        """Create ``new_roles`` and insert ``lines`` before position ``index`` in ONE transaction (a paste
        that names new roles). Returns the new line ids and the roles created."""
        with self._tx() as c:
            created = self._create_roles(c, new_roles)
            ids = self._insert_lines(c, episode_id, index, _resolve_roles(lines, created))
        roles = [self.role(i) for i in created.values()]
        self._emit(*[ev.RoleAdded(r) for r in roles], ev.LinesInserted(episode_id, tuple(ids)))
        return ids, roles

    def remove_lines_and_roles(self, line_ids: Sequence[int], role_ids: Sequence[int]) -> list[Line]:
        """Undo ``add_lines_with_roles`` in one transaction; returns the lines as they were."""
        removed = self.lines_by_ids(line_ids)
        with self._tx() as c:
            c.executemany("DELETE FROM lines WHERE id=?", [(i,) for i in line_ids])
            c.executemany("DELETE FROM roles WHERE id=?", [(i,) for i in role_ids])
            for ep in {ln.episode_id for ln in removed}:
                _renumber(c, "lines", ep)
        self._emit(*[ev.RoleRemoved(i) for i in role_ids], ev.LinesRemoved(tuple(line_ids)))
        return removed

    def restore_lines_and_roles(self, lines: Sequence[Line], roles: Sequence[Role]) -> None:
        """Redo ``add_lines_with_roles`` exactly (ids included), in one transaction."""
        with self._tx() as c:
            for role in roles:
                self._put_back_role(c, role)
            self._put_back_lines(c, lines)
        events: list[ev.StoreEvent] = [ev.RoleAdded(self.role(r.id)) for r in roles]
        if lines:
            events.append(ev.LinesInserted(lines[0].episode_id, tuple(ln.id for ln in lines)))
        self._emit(*events)

    @staticmethod
    def _create_roles(c: sqlite3.Connection, new_roles: Sequence[NewRole]) -> dict[str, int]:
        created: dict[str, int] = {}
        for role in new_roles:
            name = role.name.strip()
            if not name:
                raise ProjectError("A role needs a name.")
            if name in created or c.execute("SELECT 1 FROM roles WHERE name=?", (name,)).fetchone():
                raise ProjectError(f"There is already a role called “{name}”.")
            pos = c.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM roles").fetchone()[0]
            cur = c.execute(
                "INSERT INTO roles(name, colour, delivery, voices, gender, position) VALUES (?,?,?,?,?,?)",
                (name, role.colour or _PALETTE[pos % len(_PALETTE)], _dumps(role.delivery.to_dict()),
                 _dumps(dict(role.voices)), role.gender, pos))
            created[name] = _rowid(cur)
        return created

    @staticmethod
    def _put_back_role(c: sqlite3.Connection, role: Role) -> None:
        c.execute(
            "INSERT INTO roles(id, name, colour, delivery, voices, gap_ms, gender, notes, position) "
            "VALUES (?,?,?,?,?,?,?,?,?)",
            (role.id, role.name, role.colour, _dumps(role.delivery.to_dict()), _dumps(role.voices),
             role.gap_ms, role.gender, role.notes, role.position))

    def remove_import(self, episode_id: int, role_ids: Sequence[int]) -> None:
        """Undo an import in one transaction: its episode and the roles it created go."""
        with self._tx() as c:
            c.execute("DELETE FROM lines WHERE episode_id=?", (episode_id,))
            c.execute("DELETE FROM episodes WHERE id=?", (episode_id,))
            c.executemany("DELETE FROM roles WHERE id=?", [(i,) for i in role_ids])
            _renumber(c, "episodes", None)
        self._emit(*[ev.RoleRemoved(i) for i in role_ids], ev.EpisodesChanged())

    def restore_import(self, episode: Episode, lines: Sequence[Line], roles: Sequence[Role]) -> None:
        """Redo an undone import exactly (ids included), in one transaction."""
        with self._tx() as c:
            for role in roles:
                self._put_back_role(c, role)
            self._put_back_episode(c, episode, lines)
        self._emit(*[ev.RoleAdded(self.role(r.id)) for r in roles], ev.EpisodesChanged())

    @staticmethod
    def _insert_episode(c: sqlite3.Connection, title: str, language: str, lines: Sequence[LineSpec],
                        position: int | None) -> int:
        if position is None:
            position = c.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM episodes").fetchone()[0]
        else:
            c.execute("UPDATE episodes SET position = position + 1 WHERE position >= ?", (position,))
        cur = c.execute("INSERT INTO episodes(position, title, language) VALUES (?,?,?)",
                        (position, title, language))
        ep_id = _rowid(cur)
        specs = [NewLine.of(x) for x in lines]
        c.executemany(
            "INSERT INTO lines(episode_id, position, role_id, text, delivery, gap_ms, note, cue_start_ms, cue_end_ms) "
            "VALUES (?,?,?,?,?,?,?,?,?)",
            [(ep_id, i, x.role_id, x.text, _dumps(x.delivery.to_dict()), x.gap_ms, x.note, x.cue_start_ms,
              x.cue_end_ms) for i, x in enumerate(specs)])
        return ep_id

    def update_episode(self, episode: Episode) -> None:
        with self._tx() as c:
            c.execute("UPDATE episodes SET title=?, language=? WHERE id=?",
                      (episode.title, episode.language, episode.id))
        self._emit(ev.EpisodesChanged())

    def delete_episode(self, episode_id: int) -> None:
        with self._tx() as c:
            c.execute("DELETE FROM lines WHERE episode_id=?", (episode_id,))
            c.execute("DELETE FROM episodes WHERE id=?", (episode_id,))
            _renumber(c, "episodes", None)
        self._emit(ev.EpisodesChanged())

    def restore_episode(self, episode: Episode, lines: Sequence[Line]) -> None:
        """Put a deleted episode back at its position with its lines exactly as they were, for undo."""
        with self._tx() as c:
            self._put_back_episode(c, episode, lines)
        self._emit(ev.EpisodesChanged())

    @staticmethod
    def _put_back_episode(c: sqlite3.Connection, episode: Episode, lines: Sequence[Line]) -> None:
        c.execute("UPDATE episodes SET position = position + 1 WHERE position >= ?", (episode.position,))
        c.execute("INSERT INTO episodes(id, position, title, language) VALUES (?,?,?,?)",
                  (episode.id, episode.position, episode.title, episode.language))
        c.executemany(
            f"INSERT INTO lines({_LINE_COLS}) VALUES ({_LINE_MARKS})",
            [_line_values(ln, episode.id) for ln in lines])

    def move_episode(self, episode_id: int, new_index: int) -> None:
        ids = [e.id for e in self.episodes()]
        ids.remove(episode_id)
        ids.insert(max(0, min(new_index, len(ids))), episode_id)
        with self._tx() as c:
            c.executemany("UPDATE episodes SET position=? WHERE id=?", [(i, e) for i, e in enumerate(ids)])
        self._emit(ev.EpisodesChanged())

    def duplicate_episode(self, episode_id: int, title: str) -> Episode:
        src = self.episode(episode_id)
        lines = [NewLine.copy_of(ln) for ln in self.lines(episode_id)]
        return self.add_episode(title, src.language, lines, position=src.position + 1)

    # ------------------------------------------------------------------ lines

    def lines(self, episode_id: int) -> list[Line]:
        rows = self._conn.execute(
            "SELECT * FROM lines WHERE episode_id=? ORDER BY position, id", (episode_id,)).fetchall()
        return [_line(r) for r in rows]

    def line(self, line_id: int) -> Line:
        r = self._conn.execute("SELECT * FROM lines WHERE id=?", (line_id,)).fetchone()
        if r is None:
            raise ProjectError(f"There is no line with id {line_id}.")
        return _line(r)

    def insert_lines(self, episode_id: int, index: int, lines: Sequence[LineSpec],
                     ids: Sequence[int] | None = None) -> list[int]:
        """Insert lines before position ``index``. ``ids`` re-creates lines with known ids (for undo)."""
        with self._tx() as c:
            new_ids = self._insert_lines(c, episode_id, index, lines, ids)
        self._emit(ev.LinesInserted(episode_id, tuple(new_ids)))
        return new_ids

    @staticmethod
    def _insert_lines(c: sqlite3.Connection, episode_id: int, index: int, lines: Sequence[LineSpec],
                      ids: Sequence[int] | None = None) -> list[int]:
        c.execute("UPDATE lines SET position = position + ? WHERE episode_id=? AND position >= ?",
                  (len(lines), episode_id, index))
        new_ids = []
        for i, spec in enumerate(lines):
            x = NewLine.of(spec)
            cur = c.execute(
                "INSERT INTO lines(id, episode_id, position, role_id, text, delivery, gap_ms, note, cue_start_ms, "
                "cue_end_ms) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (ids[i] if ids else None, episode_id, index + i, x.role_id, x.text, _dumps(x.delivery.to_dict()),
                 x.gap_ms, x.note, x.cue_start_ms, x.cue_end_ms))
            new_ids.append(_rowid(cur))
        _renumber(c, "lines", episode_id)
        return new_ids

    def restore_lines(self, lines: Sequence[Line]) -> None:
        """Put deleted lines back exactly as they were (ids, positions, offsets, chosen take)."""
        with self._tx() as c:
            self._put_back_lines(c, lines)
        if lines:
            self._emit(ev.LinesInserted(lines[0].episode_id, tuple(ln.id for ln in lines)))

    @staticmethod
    def _put_back_lines(c: sqlite3.Connection, lines: Sequence[Line]) -> None:
        for ln in sorted(lines, key=lambda x: x.position):
            c.execute("UPDATE lines SET position = position + 1 WHERE episode_id=? AND position >= ?",
                      (ln.episode_id, ln.position))
            c.execute(
                f"INSERT INTO lines({_LINE_COLS}) VALUES ({_LINE_MARKS})", _line_values(ln, ln.episode_id))
        for ep in {ln.episode_id for ln in lines}:
            _renumber(c, "lines", ep)

    def update_lines(self, lines: Iterable[Line]) -> None:
        lines = list(lines)
        with self._tx() as c:
            c.executemany(
                "UPDATE lines SET role_id=?, text=?, delivery=?, gap_ms=?, offset_ms=?, chosen_take_id=?, "
                "note=?, trim_start_ms=?, trim_end_ms=?, cue_start_ms=?, cue_end_ms=? WHERE id=?",
                [(ln.role_id, ln.text, _dumps(ln.delivery.to_dict()), ln.gap_ms, ln.offset_ms,
                  ln.chosen_take_id, ln.note, ln.trim_start_ms, ln.trim_end_ms, ln.cue_start_ms, ln.cue_end_ms,
                  ln.id) for ln in lines])
        self._emit(ev.LinesChanged(tuple(ln.id for ln in lines)))

    def update_line(self, line: Line) -> None:
        self.update_lines([line])

    def delete_lines(self, line_ids: Sequence[int]) -> list[Line]:
        """Delete lines; returns them as they were, for undo."""
        removed = [self.line(i) for i in line_ids]
        with self._tx() as c:
            c.executemany("DELETE FROM lines WHERE id=?", [(i,) for i in line_ids])
            for ep in {ln.episode_id for ln in removed}:
                _renumber(c, "lines", ep)
        self._emit(ev.LinesRemoved(tuple(line_ids)))
        return removed

    def move_lines(self, episode_id: int, order: Sequence[int]) -> None:
        """Set the order of an episode's lines to ``order`` (every line id of the episode)."""
        current = {ln.id for ln in self.lines(episode_id)}
        if set(order) != current or len(order) != len(current):
            raise ProjectError("The new order must list every line of the episode once.")
        with self._tx() as c:
            c.executemany("UPDATE lines SET position=? WHERE id=?", [(i, lid) for i, lid in enumerate(order)])
        self._emit(ev.LinesMoved(episode_id))

    def lines_by_ids(self, line_ids: Sequence[int]) -> list[Line]:
        """The given lines (in episode order), read in one query."""
        out: list[Line] = []
        ids = list(line_ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            q = ",".join("?" * len(chunk))
            out += [_line(r) for r in self._conn.execute(f"SELECT * FROM lines WHERE id IN ({q})", chunk)]
        return sorted(out, key=lambda ln: (ln.episode_id, ln.position))

    def line_count(self, episode_id: int | None = None) -> int:
        if episode_id is None:
            return self._conn.execute("SELECT COUNT(*) FROM lines").fetchone()[0]
        return self._conn.execute("SELECT COUNT(*) FROM lines WHERE episode_id=?",
                                  (episode_id,)).fetchone()[0]

    # ------------------------------------------------------------------ takes

    def add_take(self, *, line_id: int | None, render_key: str, audio: bytes, format: str, sample_rate: int,
                 duration_ms: int, engine: str, model: str, voice_id: str, billed_chars: int = 0,
                 trace_id: str | None = None) -> Take:
        """Store a finished take (and its usage, and clear the line's error) in one transaction."""
        now = _now()
        with self._tx() as c:
            cur = c.execute(
                "INSERT INTO takes(line_id, render_key, format, sample_rate, duration_ms, engine, model, "
                "voice_id, billed_chars, trace_id, created_at, audio, checksum) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (line_id, render_key, format, sample_rate, duration_ms, engine, model, voice_id,
                 billed_chars, trace_id, now, sqlite3.Binary(audio), take_checksum(audio)))
            take_id = _rowid(cur)
            trims_reset = False
            if line_id is not None:
                c.execute("DELETE FROM line_errors WHERE line_id=?", (line_id,))
                # trims were found on the line's earlier take: a new take has its own silence
                trims_reset = c.execute("UPDATE lines SET trim_start_ms=0, trim_end_ms=0 WHERE id=? AND "
                                        "(trim_start_ms != 0 OR trim_end_ms != 0)", (line_id,)).rowcount > 0
            if billed_chars:
                c.execute("INSERT INTO usage(at, engine, model, billed_chars, line_id, trace_id) "
                          "VALUES (?,?,?,?,?,?)", (now, engine, model, billed_chars, line_id, trace_id))
            c.execute("UPDATE voices_created SET first_used_at=? WHERE voice_id=? AND first_used_at IS NULL",
                      (now, voice_id))
        take = self.take(take_id)
        if trims_reset and line_id is not None:
            self._emit(ev.LinesChanged((line_id,)))
        self._emit(ev.TakeAdded(take))
        return take

    def take(self, take_id: int) -> Take:
        r = self._conn.execute(f"SELECT {_TAKE_COLS} FROM takes WHERE id=?", (take_id,)).fetchone()
        if r is None:
            raise ProjectError(f"There is no take with id {take_id}.")
        return _take(r)

    def take_audio(self, take_id: int) -> bytes:
        """The take's audio, checked against its checksum (``TakeDamagedError`` when they differ)."""
        try:
            r = self._conn.execute("SELECT audio, checksum, line_id FROM takes WHERE id=?", (take_id,)).fetchone()
        except sqlite3.OperationalError:  # a file of an older format, read as it is: no checksums yet
            r = self._conn.execute("SELECT audio, NULL, line_id FROM takes WHERE id=?", (take_id,)).fetchone()
        if r is None:
            raise ProjectError(f"There is no take with id {take_id}.")
        audio = bytes(r[0])
        if r[1] is not None and take_checksum(audio) != r[1]:
            self.set_aside_take(take_id)
            where = f" of line {self._line_number(r[2])}" if r[2] is not None else ""
            raise TakeDamagedError(f"Take {take_id}{where} is damaged in the project file (its sound is not what "
                                   "was saved); it is set aside: render the line again.", take_id)
        return audio

    def _line_number(self, line_id: int) -> str:
        row = self._conn.execute("SELECT position FROM lines WHERE id=?", (line_id,)).fetchone()
        return str(row[0] + 1) if row else str(line_id)

    def set_aside_take(self, take_id: int) -> None:
        """A damaged take no longer answers for its render key, and no line keeps it chosen; its line is
        stale again. Only a writing connection can do this (a reader just reports the damage, and the
        window then asks its writing connection)."""
        if self._lock is None:
            return
        row = self._conn.execute("SELECT line_id FROM takes WHERE id=?", (take_id,)).fetchone()
        line_id = row[0] if row else None
        try:
            with self._tx() as c:
                c.execute("UPDATE takes SET render_key='damaged:' || render_key WHERE id=? AND "
                          "render_key NOT LIKE 'damaged:%'", (take_id,))
                c.execute("UPDATE lines SET chosen_take_id=NULL WHERE chosen_take_id=?", (take_id,))
        except sqlite3.Error:
            log.warning("could not set aside damaged take %s", take_id, exc_info=True)
            return
        if line_id is not None:
            self._emit(ev.LinesChanged((line_id,)))

    def take_for_key(self, render_key: str) -> Take | None:
        r = self._conn.execute(f"SELECT {_TAKE_COLS} FROM takes WHERE render_key=? ORDER BY id DESC LIMIT 1",
                               (render_key,)).fetchone()
        return _take(r) if r else None

    def takes_for_keys(self, keys: Iterable[str]) -> dict[str, Take]:
        """The newest take per key, for many keys at once."""
        keys = list(set(keys))
        out: dict[str, Take] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            q = ",".join("?" * len(chunk))
            for r in self._conn.execute(
                    f"SELECT {_TAKE_COLS} FROM takes WHERE render_key IN ({q}) ORDER BY id", chunk):
                out[r["render_key"]] = _take(r)
        return out

    def takes_for_line(self, line_id: int) -> list[Take]:
        rows = self._conn.execute(f"SELECT {_TAKE_COLS} FROM takes WHERE line_id=? ORDER BY id DESC",
                                  (line_id,)).fetchall()
        return [_take(r) for r in rows]

    def last_take_durations(self, line_ids: Sequence[int]) -> dict[int, int]:
        """The duration of each line's newest take of any key (what a stale line last sounded like)."""
        out: dict[int, int] = {}
        ids = list(line_ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            q = ",".join("?" * len(chunk))
            for r in self._conn.execute(
                    f"SELECT line_id, duration_ms FROM takes WHERE line_id IN ({q}) ORDER BY id", chunk):
                out[r[0]] = r[1]
        return out

    def take_engines(self) -> set[tuple[str, str]]:
        """(engine, model) pairs that have takes in the project."""
        return {(r[0], r[1]) for r in self._conn.execute("SELECT DISTINCT engine, model FROM takes")}

    def take_count(self) -> int:
        return self._conn.execute("SELECT COUNT(*) FROM takes").fetchone()[0]

    # ------------------------------------------------------------------ take notes

    def set_take_note(self, take_id: int, kind: str, data: Mapping[str, Any]) -> None:
        """Keep what is known about a take beside its audio (``kind``: "words", "check", "embedding", ...):
        one JSON document per take and kind, replaced when set again, deleted with its take."""
        with self._tx() as c:
            c.execute("INSERT INTO take_notes(take_id, kind, data) VALUES (?,?,?) "
                      "ON CONFLICT(take_id, kind) DO UPDATE SET data=excluded.data",
                      (take_id, kind, _dumps(dict(data))))
        self._emit(ev.TakeNoted(take_id, kind))

    def take_note(self, take_id: int, kind: str) -> dict[str, Any] | None:
        if not self._has_table("take_notes"):
            return None
        r = self._conn.execute("SELECT data FROM take_notes WHERE take_id=? AND kind=?", (take_id, kind)).fetchone()
        return None if r is None else json.loads(r[0])

    def take_notes(self, kind: str, take_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        """The ``kind`` notes of those takes that have one, by take id."""
        ids = list(dict.fromkeys(take_ids))
        if not ids or not self._has_table("take_notes"):
            return {}
        out: dict[int, dict[str, Any]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            rows = self._conn.execute(
                f"SELECT take_id, data FROM take_notes WHERE kind=? AND take_id IN ({','.join('?' * len(chunk))})",
                (kind, *chunk)).fetchall()
            out.update((r[0], json.loads(r[1])) for r in rows)
        return out

    def clear_take_notes(self, kind: str) -> int:
        """Forget every ``kind`` note (e.g. all listen-back checks, to run them again); how many were kept."""
        with self._tx() as c:
            n = c.execute("DELETE FROM take_notes WHERE kind=?", (kind,)).rowcount
        self._emit(ev.TakeNoted(None, kind))
        return n

    def _has_table(self, name: str) -> bool:
        return self._conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?",
                                  (name,)).fetchone() is not None

    # ------------------------------------------------------------------ render errors

    def set_line_error(self, line_id: int, render_key: str, message: str, trace_id: str | None = None) -> None:
        with self._tx() as c:
            c.execute("INSERT OR REPLACE INTO line_errors(line_id, render_key, message, trace_id, at) "
                      "VALUES (?,?,?,?,?)", (line_id, render_key, message, trace_id, _now()))
        self._emit(ev.LineFailed(line_id))

    def line_errors(self) -> dict[int, tuple[str, str, str | None]]:
        """line id -> (render key, message, trace id)."""
        return {r[0]: (r[1], r[2], r[3]) for r in self._conn.execute(
            "SELECT line_id, render_key, message, trace_id FROM line_errors")}

    # ------------------------------------------------------------------ lexicon

    def lexicon(self) -> list[LexiconEntry]:
        return [LexiconEntry(r["written"], r["spoken"], r["kind"], r["language"])
                for r in self._conn.execute("SELECT * FROM lexicon ORDER BY id")]

    def set_lexicon(self, entries: Sequence[LexiconEntry]) -> None:
        with self._tx() as c:
            c.execute("DELETE FROM lexicon")
            c.executemany("INSERT INTO lexicon(written, spoken, kind, language) VALUES (?,?,?,?)",
                          [(e.written, e.spoken, e.kind, e.language) for e in entries])
        self._emit(ev.LexiconChanged())

    # ------------------------------------------------------------------ usage and created voices

    def usage_by_model(self) -> dict[tuple[str, str], int]:
        return {(r[0], r[1]): r[2] for r in self._conn.execute(
            "SELECT engine, model, SUM(billed_chars) FROM usage GROUP BY engine, model")}

    def record_created_voice(self, voice_id: str, engine: str, kind: str, name: str = "",
                             prompt: str = "") -> None:
        with self._tx() as c:
            c.execute("INSERT OR REPLACE INTO voices_created(voice_id, engine, kind, name, prompt, created_at) "
                      "VALUES (?,?,?,?,?,?)", (voice_id, engine, kind, name, prompt, _now()))

    def created_voices(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self._conn.execute("SELECT * FROM voices_created ORDER BY created_at")]

    # ------------------------------------------------------------------ music bed, sound effects, media settings

    def _has_media(self) -> bool:
        """Whether the file has the format-3 media tables (a file opened read-only may be older)."""
        return self._conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='effect_clips'").fetchone() is not None

    def _media_row(self, episode_id: int) -> sqlite3.Row | None:
        if not self._has_media():
            return None
        return self._conn.execute("SELECT episode_id, mix, bed FROM episode_media WHERE episode_id=?",
                                  (episode_id,)).fetchone()

    def _check_episode(self, c: sqlite3.Connection, episode_id: int) -> None:
        if c.execute("SELECT 1 FROM episodes WHERE id=?", (episode_id,)).fetchone() is None:
            raise ProjectError(f"There is no episode with id {episode_id}.")

    def music_bed(self, episode_id: int) -> MusicBed | None:
        """The episode's music bed (its settings; the audio is ``music_bed_audio``), or None."""
        row = self._media_row(episode_id)
        if row is None or row["bed"] is None:
            return None
        return MusicBed.from_dict(json.loads(row["bed"]))

    def music_bed_audio(self, episode_id: int) -> bytes:
        row = self._conn.execute("SELECT bed_audio FROM episode_media WHERE episode_id=? AND bed IS NOT NULL",
                                 (episode_id,)).fetchone() if self._has_media() else None
        if row is None or row[0] is None:
            raise ProjectError("This episode has no music bed.")
        return bytes(row[0])

    def set_music_bed(self, episode_id: int, bed: MusicBed, audio: bytes | None = None) -> MusicBed | None:
        """Give the episode ``bed``, in one transaction. With ``audio`` the file is (re)placed; without it
        only the settings change (the episode must have a bed already). Returns the settings it had before
        (None: no bed), which is what undoing a settings change needs; replacing the audio is undone with
        the ``RemovedMusicBed`` that ``clear_music_bed`` returns."""
        problems = bed.validate()
        if problems:
            raise ProjectError(" ".join(problems))
        before = self.music_bed(episode_id)
        if audio is None and before is None:
            raise ProjectError("This episode has no music yet: give the audio of the bed too.")
        with self._tx() as c:
            self._check_episode(c, episode_id)
            c.execute("INSERT INTO episode_media(episode_id) VALUES (?) ON CONFLICT(episode_id) DO NOTHING",
                      (episode_id,))
            if audio is None:
                c.execute("UPDATE episode_media SET bed=? WHERE episode_id=?", (_dumps(bed.to_dict()), episode_id))
            else:
                c.execute("UPDATE episode_media SET bed=?, bed_audio=? WHERE episode_id=?",
                          (_dumps(bed.to_dict()), sqlite3.Binary(audio), episode_id))
        self._emit(ev.MusicBedChanged(episode_id, bed))
        return before

    def clear_music_bed(self, episode_id: int) -> RemovedMusicBed | None:
        """Take the music bed off the episode, in one transaction; returns it with its audio (for undo:
        ``restore_music_bed``), or None when there was none."""
        bed = self.music_bed(episode_id)
        if bed is None:
            return None
        removed = RemovedMusicBed(episode_id, bed, self.music_bed_audio(episode_id))
        with self._tx() as c:
            c.execute("UPDATE episode_media SET bed=NULL, bed_audio=NULL WHERE episode_id=?", (episode_id,))
        self._emit(ev.MusicBedChanged(episode_id, None))
        return removed

    def restore_music_bed(self, removed: RemovedMusicBed) -> None:
        """Put back a bed exactly as ``clear_music_bed`` handed it back."""
        self.set_music_bed(removed.episode_id, removed.bed, removed.audio)

    def episode_mix(self, episode_id: int) -> EpisodeMix:
        """The episode's media settings (stereo, a pan per role); the defaults when none were set."""
        row = self._media_row(episode_id)
        return EpisodeMix.from_dict(json.loads(row["mix"])) if row is not None else EpisodeMix()

    def set_episode_mix(self, episode_id: int, mix: EpisodeMix) -> EpisodeMix:
        """Set the episode's media settings in one transaction; returns the ones before (for undo)."""
        problems = mix.validate()
        if problems:
            raise ProjectError(" ".join(problems))
        before = self.episode_mix(episode_id)
        with self._tx() as c:
            self._check_episode(c, episode_id)
            c.execute("INSERT INTO episode_media(episode_id, mix) VALUES (?, ?) "
                      "ON CONFLICT(episode_id) DO UPDATE SET mix=excluded.mix", (episode_id, _dumps(mix.to_dict())))
        self._emit(ev.EpisodeMixChanged(episode_id, mix))
        return before

    def set_episode_mixes(self, mixes: Mapping[int, EpisodeMix]) -> dict[int, EpisodeMix]:
        """Set several episodes' media settings (e.g. a role's pan in every episode) in one transaction;
        returns each one's settings before (for undo: set those back the same way)."""
        problems = [p for mix in mixes.values() for p in mix.validate()]
        if problems:
            raise ProjectError(" ".join(dict.fromkeys(problems)))
        before = {episode_id: self.episode_mix(episode_id) for episode_id in mixes}
        with self._tx() as c:
            for episode_id, mix in mixes.items():
                self._check_episode(c, episode_id)
                c.execute("INSERT INTO episode_media(episode_id, mix) VALUES (?, ?) "
                          "ON CONFLICT(episode_id) DO UPDATE SET mix=excluded.mix",
                          (episode_id, _dumps(mix.to_dict())))
        self._emit(*(ev.EpisodeMixChanged(episode_id, mix) for episode_id, mix in mixes.items()))
        return before

    def effect_clips(self, episode_id: int) -> list[EffectClip]:
        """The episode's sound effects, in the order they were added."""
        if not self._has_media():
            return []
        rows = self._conn.execute(f"SELECT {_CLIP_COLS} FROM effect_clips WHERE episode_id=? ORDER BY id",
                                  (episode_id,)).fetchall()
        return [_clip(r) for r in rows]

    def effect_clip(self, clip_id: int) -> EffectClip:
        row = self._conn.execute(f"SELECT {_CLIP_COLS} FROM effect_clips WHERE id=?", (clip_id,)).fetchone() \
            if self._has_media() else None
        if row is None:
            raise ProjectError(f"There is no sound effect with id {clip_id}.")
        return _clip(row)

    def effect_clip_audio(self, clip_id: int) -> bytes:
        row = self._conn.execute("SELECT audio FROM effect_clips WHERE id=?", (clip_id,)).fetchone() \
            if self._has_media() else None
        if row is None:
            raise ProjectError(f"There is no sound effect with id {clip_id}.")
        return bytes(row[0])

    def add_effect_clip(self, episode_id: int, clip: NewEffectClip, audio: bytes) -> EffectClip:
        """Add a sound effect (its settings and audio) to the episode, in one transaction."""
        return self._put_clip(episode_id, clip, audio, None)

    def update_effect_clip(self, clip: EffectClip) -> EffectClip:
        """Change a sound effect's settings (name, volume, time, line, offset; the audio stays), in one
        transaction. Returns the clip as it was before (for undo: update it back)."""
        problems = clip.validate()
        if problems:
            raise ProjectError(" ".join(problems))
        before = self.effect_clip(clip.id)
        with self._tx() as c:
            c.execute("UPDATE effect_clips SET name=?, volume_db=?, at_ms=?, line_id=?, offset_ms=? WHERE id=?",
                      (clip.name, clip.volume_db, clip.at_ms, clip.line_id, clip.offset_ms, clip.id))
        after = self.effect_clip(clip.id)
        self._emit(ev.EffectClipChanged(after))
        return before

    def remove_effect_clip(self, clip_id: int) -> RemovedEffectClip:
        """Remove a sound effect, in one transaction; returns it with its audio (``restore_effect_clip``
        puts it back with the same id)."""
        removed = RemovedEffectClip(self.effect_clip(clip_id), self.effect_clip_audio(clip_id))
        with self._tx() as c:
            c.execute("DELETE FROM effect_clips WHERE id=?", (clip_id,))
        self._emit(ev.EffectClipRemoved(removed.clip.episode_id, clip_id))
        return removed

    def restore_effect_clip(self, removed: RemovedEffectClip) -> EffectClip:
        """Put back a removed sound effect exactly as it was, id included."""
        return self._put_clip(removed.clip.episode_id, removed.clip, removed.audio, removed.clip.id)

    def _put_clip(self, episode_id: int, clip: NewEffectClip, audio: bytes, clip_id: int | None) -> EffectClip:
        problems = clip.validate()
        if problems:
            raise ProjectError(" ".join(problems))
        if not audio:
            raise ProjectError(f"The sound “{clip.name}” has no audio.")
        with self._tx() as c:
            self._check_episode(c, episode_id)
            cur = c.execute(
                "INSERT INTO effect_clips(id, episode_id, name, format, duration_ms, volume_db, at_ms, line_id, "
                "offset_ms, audio) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (clip_id, episode_id, clip.name, clip.format, clip.duration_ms, clip.volume_db, clip.at_ms,
                 clip.line_id, clip.offset_ms, sqlite3.Binary(audio)))
            new_id = _rowid(cur)
        stored = self.effect_clip(new_id)
        self._emit(ev.EffectClipAdded(stored))
        return stored


# ---------------------------------------------------------------------- helpers

_PALETTE = ["#e06c75", "#61afef", "#98c379", "#c678dd", "#e5c07b", "#56b6c2", "#d19a66", "#be5046",
            "#7f848e", "#a3be8c"]

_TAKE_COLS = ("id, line_id, render_key, format, sample_rate, duration_ms, engine, model, voice_id, "
              "billed_chars, trace_id, created_at")


_CLIP_COLS = "id, episode_id, name, format, duration_ms, volume_db, at_ms, line_id, offset_ms"


def _clip(r: sqlite3.Row) -> EffectClip:
    return EffectClip(name=r["name"], format=r["format"], duration_ms=r["duration_ms"], volume_db=r["volume_db"],
                      at_ms=r["at_ms"], line_id=r["line_id"], offset_ms=r["offset_ms"], id=r["id"],
                      episode_id=r["episode_id"])


def _rowid(cur: sqlite3.Cursor) -> int:
    rowid = cur.lastrowid
    if rowid is None:
        raise ProjectError("The project file did not accept the new row.")
    return rowid


def _resolve_roles(lines: Sequence[tuple[int | str | None, NewLine]], created: Mapping[str, int]) -> list[NewLine]:
    """Lines whose role is named (a role created in the same transaction) given that role's id."""
    out = []
    for ref, line in lines:
        if isinstance(ref, str):
            if ref not in created:
                raise ProjectError(f"A line names a role “{ref}” that is not being created.")
            role_id: int | None = created[ref]
        else:
            role_id = ref
        out.append(replace(line, role_id=role_id))  # every other field kept (a timed line's cues)
    return out


def _renumber(c: sqlite3.Connection, table: str, episode_id: int | None) -> None:
    if table == "lines":
        ids = [r[0] for r in c.execute("SELECT id FROM lines WHERE episode_id=? ORDER BY position, id",
                                       (episode_id,))]
        c.executemany("UPDATE lines SET position=? WHERE id=?", [(i, x) for i, x in enumerate(ids)])
    else:
        ids = [r[0] for r in c.execute("SELECT id FROM episodes ORDER BY position, id")]
        c.executemany("UPDATE episodes SET position=? WHERE id=?", [(i, x) for i, x in enumerate(ids)])


def _role(r: sqlite3.Row) -> Role:
    return Role(id=r["id"], name=r["name"], colour=r["colour"],
                delivery=Delivery.from_dict(json.loads(r["delivery"])), voices=json.loads(r["voices"]),
                gap_ms=r["gap_ms"], gender=r["gender"], notes=r["notes"], position=r["position"])


_LINE_COLS = ("id, episode_id, position, role_id, text, delivery, gap_ms, offset_ms, chosen_take_id, note, "
              "trim_start_ms, trim_end_ms, cue_start_ms, cue_end_ms")
_LINE_MARKS = ",".join("?" * len(_LINE_COLS.split(",")))


def _line_values(ln: Line, episode_id: int) -> tuple[Any, ...]:
    return (ln.id, episode_id, ln.position, ln.role_id, ln.text, _dumps(ln.delivery.to_dict()), ln.gap_ms,
            ln.offset_ms, ln.chosen_take_id, ln.note, ln.trim_start_ms, ln.trim_end_ms, ln.cue_start_ms, ln.cue_end_ms)


def _line(r: sqlite3.Row) -> Line:
    keys = r.keys()  # a read-only view of an older file lacks the newer columns

    def col(name: str, default: Any) -> Any:
        return r[name] if name in keys else default

    return Line(id=r["id"], episode_id=r["episode_id"], position=r["position"], role_id=r["role_id"],
                text=r["text"], delivery=Delivery.from_dict(json.loads(r["delivery"])), gap_ms=r["gap_ms"],
                offset_ms=r["offset_ms"], chosen_take_id=r["chosen_take_id"], note=col("note", ""),
                trim_start_ms=col("trim_start_ms", 0), trim_end_ms=col("trim_end_ms", 0),
                cue_start_ms=col("cue_start_ms", None), cue_end_ms=col("cue_end_ms", None))


def _take(r: sqlite3.Row) -> Take:
    return Take(id=r["id"], line_id=r["line_id"], render_key=r["render_key"], format=r["format"],
                sample_rate=r["sample_rate"], duration_ms=r["duration_ms"], engine=r["engine"],
                model=r["model"], voice_id=r["voice_id"], billed_chars=r["billed_chars"],
                trace_id=r["trace_id"], created_at=r["created_at"])


_SQLITE_MAGIC = b"SQLite format 3\x00"


def _check_header(path: Path) -> None:
    """Refuse a file that is not a complete SQLite database before SQLite touches it."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        raise ProjectError(f"Cannot read {path}: {exc.strerror}.") from exc
    if len(head) < 100 or not head.startswith(_SQLITE_MAGIC):
        raise ProjectError(f"{path.name} is not a Troupe project (or it is damaged). "
                           "Open a backup or a saved copy; this file was not changed.")
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(head[28:32], "big")
    wal = Path(str(path) + "-wal")
    if page_count and size < page_count * page_size and not (wal.exists() and wal.stat().st_size):
        raise ProjectError(
            f"{path.name} is truncated: it should hold {page_count * page_size} bytes but has {size}. "
            "Open a backup or a saved copy; this file was not changed.")
