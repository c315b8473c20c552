"""Which files an export may replace. An export writes only the files it names before it starts
(``ExportRequest.files()`` and its folders); of those that exist already it replaces the ones an export
wrote and nobody changed since (their size and time are remembered in ``data_dir()/exports.json``), and
the others only when the user asked (``force``: ``troupe export --force``, or Replace in the window). A file
the export reads — the project itself, its music — is never replaced. Must not live here: Qt, printing.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

from studio.actions import ActionError
from studio.files import give_normal_permissions
from studio.settings import data_dir

#: How many exported files are remembered (the oldest are forgotten first).
REMEMBERED = 5000
_lock = threading.Lock()


def record_file() -> Path:
    return data_dir() / "exports.json"


def _key(path: Path) -> str:
    return str(Path(os.path.abspath(path)))


def _stamp(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _load() -> dict[str, list[int]]:
    try:
        data = json.loads(record_file().read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, list) and len(v) == 2}


def written_by_export(path: Path) -> bool:
    """True when an export wrote ``path`` and it is unchanged since (same size and modification time)."""
    stamp = _stamp(path)
    return stamp is not None and _load().get(_key(path)) == stamp


def remember(paths: Iterable[Path]) -> None:
    """Note ``paths`` as written by an export (best effort: a record that cannot be saved only means the
    next export over them asks first)."""
    with _lock:
        known = _load()
        for p in paths:
            stamp = _stamp(Path(p))
            if stamp is not None:
                known.pop(_key(Path(p)), None)
                known[_key(Path(p))] = stamp
        if len(known) > REMEMBERED:
            known = dict(list(known.items())[-REMEMBERED:])
        target = record_file()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".exports.", suffix=".tmp", dir=target.parent)
            try:
                give_normal_permissions(tmp)
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(known, fh, ensure_ascii=False)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            pass


def _same(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_targets(files: Iterable[Path], folders: Iterable[Path], inputs: Iterable[Path | None],
                  force: bool = False) -> None:
    """``ActionError`` with a sentence when the export would replace a file it reads (``inputs``), or,
    without ``force``, a file it did not write itself (or one changed since). ``folders``: folders the export
    fills; the files already in them count as its own files."""
    reads = [Path(p) for p in inputs if p is not None]
    targets = [Path(f) for f in files]
    for folder in folders:
        if Path(folder).is_dir():
            targets.extend(p for p in sorted(Path(folder).iterdir()) if p.is_file())
        elif Path(folder).exists():
            raise ActionError(f"The export needs the folder {folder}, but a file has that name; "
                              "choose another name for the export.")
    seen: set[str] = set()
    for target in targets:
        key = _key(target).lower()
        if key in seen:
            raise ActionError(f"The export would write {target.name} twice; choose other names or formats.")
        seen.add(key)
        absolute = Path(os.path.abspath(target))
        for source in reads:
            if _same(target, source) or absolute == Path(os.path.abspath(source)):
                raise ActionError(f"The export would replace {target}, which it reads from; "
                                  "choose another name for the export.")
        if target.is_dir():
            raise ActionError(f"The export would write {target}, which is a folder; choose another name.")
        if target.exists() and not force and not written_by_export(target):
            raise ActionError(f"{target} exists and was not written by an export (or was changed since); "
                              "choose another name, or allow replacing it (troupe export --force).")


__all__ = ["check_targets", "record_file", "remember", "written_by_export"]
