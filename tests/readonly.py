"""A project that truly cannot be written, for the read-only tests: as a normal user its folder and file
are made read-only (chmod); as root, whom permissions do not bind, it lives on a small file system that
is then mounted read-only. Skips the test when neither can be done here."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def read_only_folder(tmp_path: Path, fill: Callable[[Path], object]) -> Iterator[Path]:
    """A folder ``fill(folder)`` wrote into, read-only while the block runs (then writable again)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() != 0:
        fill(folder)
        for p in folder.rglob("*"):
            p.chmod(0o444 if p.is_file() else 0o555)
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(0o755)
            for p in folder.rglob("*"):
                p.chmod(0o644 if p.is_file() else 0o755)
        return
    if shutil.which("mount") is None or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("cannot make a read-only folder here (root, and no tmpfs)")
    try:
        fill(folder)
        if subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True).returncode != 0:
            pytest.skip("cannot remount the tmpfs read-only")
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def cannot_write(folder: Path) -> bool:
    probe = folder / ".probe"
    try:
        probe.write_bytes(b"x")
    except OSError:
        return True
    probe.unlink()
    return False
