"""``PreviewCache``: voice previews kept by content, so hearing a voice again costs no request.

A preview is keyed by ``preview_key(request)``: a hash of what changes its sound — engine, model, voice
id, text, language, delivery (speed, volume, pitch, emotion), pronunciation and the engine's extras
(voice effects, voice_modify ...) of the *prepared* request. The audio sits in
``<library folder>/previews/<key>.<format>`` with a small ``<key>.json`` beside it (engine, voice id,
format, sample rate, length), so a cached preview plays offline. ``forget_voice`` removes every preview
of one voice (when the voice is deleted, e.g. because its speaker withdrew consent).

Files only: no network, no engines, no Qt. Choosing the text and asking an engine is
``studio.actions.voices.preview``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studio.domain.render_key import SpeechRequest

log = logging.getLogger(__name__)

_NOT_SOUND = frozenset({"label"})  # extras that do not change the audio


def preview_key(request: SpeechRequest, *, ignore_extra: frozenset[str] = frozenset()) -> str:
    """The content key of a prepared request's preview (its audio format and sample rate aside)."""
    extra = sorted((k, v) for k, v in request.extra if k not in _NOT_SOUND and k not in ignore_extra)
    data = {"engine": request.engine, "model": request.model, "voice_id": request.voice_id,
            "text": request.text, "language": request.language, "speed": round(float(request.speed), 4),
            "volume": round(float(request.volume), 4), "pitch": request.pitch, "emotion": request.emotion,
            "pronunciation": list(request.pronunciation), "extra": extra, "v": 1}
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class PreviewAudio:
    """A preview on disk. ``cached`` is True when it came from the cache without asking the engine."""

    path: Path
    format: str
    duration_ms: int
    sample_rate: int
    key: str
    engine: str = ""
    voice_id: str = ""
    cached: bool = False


class PreviewCache:
    """Previews by content key, in ``folder`` (default: ``<library folder>/previews``)."""

    def __init__(self, folder: Path | None = None) -> None:
        if folder is None:
            from studio.library.catalog import library_folder

            folder = library_folder() / "previews"
        self.folder = Path(folder)

    def _meta_path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str) -> PreviewAudio | None:
        """The cached preview for ``key``, or None (also when its audio file has gone)."""
        try:
            meta = json.loads(self._meta_path(key).read_text(encoding="utf-8"))
            path = self.folder / str(meta["file"])
            if not path.is_file():
                return None
            return PreviewAudio(path=path, format=str(meta["format"]), duration_ms=int(meta["duration_ms"]),
                                sample_rate=int(meta["sample_rate"]), key=key, engine=str(meta.get("engine", "")),
                                voice_id=str(meta.get("voice_id", "")), cached=True)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, audio: bytes, fmt: str, *, sample_rate: int, duration_ms: int, engine: str = "",
            voice_id: str = "") -> PreviewAudio:
        """Store ``audio`` (an encoded file) under ``key``; returns it as a fresh (not cached) preview."""
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"{key}.{fmt}"
        _atomic_bytes(self.folder / name, audio)
        meta = {"file": name, "format": fmt, "sample_rate": int(sample_rate), "duration_ms": int(duration_ms),
                "engine": engine, "voice_id": voice_id, "created_at": time.time()}
        _atomic_bytes(self._meta_path(key), json.dumps(meta, ensure_ascii=False).encode("utf-8"))
        return PreviewAudio(self.folder / name, fmt, int(duration_ms), int(sample_rate), key, engine, voice_id)

    def entries(self) -> list[dict[str, Any]]:
        out = []
        for meta_path in sorted(self.folder.glob("*.json")):
            try:
                meta = json.loads(meta_path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(meta, dict):
                out.append({**meta, "key": meta_path.stem})
        return out

    def forget_voice(self, voice_id: str, engine: str | None = None) -> int:
        """Delete every preview of ``voice_id`` (on ``engine``); returns how many went."""
        gone = 0
        for meta in self.entries():
            if meta.get("voice_id") != voice_id or engine not in (None, meta.get("engine")):
                continue
            self._delete(meta["key"], str(meta.get("file", "")))
            gone += 1
        return gone

    def prune(self, max_files: int = 500) -> int:
        """Keep the newest ``max_files`` previews; returns how many were deleted."""
        entries = sorted(self.entries(), key=lambda m: float(m.get("created_at") or 0.0), reverse=True)
        for meta in entries[max_files:]:
            self._delete(meta["key"], str(meta.get("file", "")))
        return max(0, len(entries) - max_files)

    def _delete(self, key: str, file: str) -> None:
        for path in (self.folder / file if file else None, self._meta_path(key)):
            if path is not None:
                try:
                    path.unlink()
                except FileNotFoundError:
                    pass


def _atomic_bytes(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
