"""Audacity hand-off: a label track (the lines with their times) to import next to the stems.

Lives here: ``Label``, ``labels_text`` and ``write_labels`` (Audacity's label-track text format: one label a
line, start and end in seconds with six decimals, then the text, tab-separated). The per-role tracks are
the exported stems, one WAV file per role, all as long as the mix, so they line up when imported
together. Does not live here: where lines sit, audio, Qt.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from studio.formats.subtitles import _write_atomic


@dataclass(frozen=True)
class Label:
    start_ms: int
    end_ms: int
    text: str


def _clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def labels_text(labels: Sequence[Label]) -> str:
    rows = [f"{lb.start_ms / 1000:.6f}\t{max(lb.start_ms, lb.end_ms) / 1000:.6f}\t{_clean(lb.text)}\n"
            for lb in sorted(labels, key=lambda lb: (lb.start_ms, lb.end_ms))]
    return "".join(rows)


def write_labels(path: str | os.PathLike[str], labels: Sequence[Label]) -> Path:
    """An Audacity label track (File ▸ Import ▸ Labels…), UTF-8, written atomically."""
    return _write_atomic(path, labels_text(labels))


def read_labels(path: str | os.PathLike[str]) -> list[Label]:
    """The labels of an Audacity label-track file (what ``write_labels`` writes)."""
    out = []
    for row in Path(path).read_text(encoding="utf-8").splitlines():
        if not row.strip() or row.startswith("\\"):
            continue  # "\\" rows carry a label's frequency range
        start, end, *text = row.split("\t")
        out.append(Label(round(float(start) * 1000), round(float(end) * 1000), text[0] if text else ""))
    return out
