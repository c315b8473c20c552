"""Files the studio writes for the user: created with the permissions the user's umask gives new files
(``tempfile.mkstemp`` makes them 0600, which would hide an export from everyone else on the machine)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

_lock = threading.Lock()
_mode: int | None = None


def _read_umask() -> int:
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    with _lock:  # os.umask can only be read by setting it: set it back at once
        old = os.umask(0o022)
        os.umask(old)
    return old


def new_file_mode() -> int:
    """The mode a file the user creates gets: 0666 less the umask (read once)."""
    global _mode
    if _mode is None:
        _mode = 0o666 & ~_read_umask()
    return _mode


def give_normal_permissions(path: str | os.PathLike[str]) -> None:
    """Set ``path`` (a temporary file about to become the user's) to the mode of a new file."""
    try:
        os.chmod(path, new_file_mode())
    except (OSError, NotImplementedError):  # a file system without modes: its default is what the user has
        pass
