"""A guard against a reference-count bug in the PySide6 6.12.0 wheels on CPython 3.11.

Those wheels (tagged ``cp310-abi3``) return ``None`` from every void Qt call, and some ``bool`` results,
without taking a reference. On CPython 3.12+ ``None``/``True``/``False`` are immortal, so nothing
happens; on 3.11 each call lowers their count by one until the interpreter aborts with
"none_dealloc: deallocating None" (after a few thousand calls, i.e. seconds of real use).

``pin_singletons()`` raises the counts of those three objects far out of reach, which makes them
effectively immortal as on 3.12. It must run before the first Qt call. Nothing else lives here.
"""

from __future__ import annotations

import ctypes
import sys

_PINNED = False
_MARGIN = 1 << 40


def needs_guard() -> bool:
    return sys.implementation.name == "cpython" and sys.version_info < (3, 12)


def pin_singletons() -> bool:
    """Make ``None``, ``True`` and ``False`` effectively immortal on CPython < 3.12 (idempotent)."""
    global _PINNED
    if _PINNED or not needs_guard():
        return False
    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += _MARGIN
    _PINNED = True
    return True
