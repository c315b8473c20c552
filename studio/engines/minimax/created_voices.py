"""The account's cloned and designed voices as this computer remembers them (the 7-day rule).

MiniMax deletes a cloned (or designed) voice that is not used in a real synthesis within 7 days, and
``get_voice`` does not even list it before that first use. So the app records each voice it creates, with
its creation time and first real use, in a small JSON file in the user data folder. Voices belong to the
account, not to a project, hence not in the project file. Nothing here talks to the network.
"""

from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import asdict
from pathlib import Path

from studio.engines.minimax.voices import CloneRecord, expires_at, is_expired, mark_used

_lock = threading.Lock()


def registry_path() -> Path:
    override = os.environ.get("TROUPE_DATA_DIR")
    if override:
        return Path(override) / "minimax-voices.json"
    import platformdirs

    return Path(platformdirs.user_data_dir("troupe", appauthor=False)) / "minimax-voices.json"


class CreatedVoices:
    """Load, add and mark voices; every change is written at once (atomically)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or registry_path()

    def records(self) -> list[CloneRecord]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        out = []
        for item in raw if isinstance(raw, list) else []:
            try:
                out.append(CloneRecord(str(item["voice_id"]), str(item.get("name", "")),
                                       float(item["created_at"]), item.get("first_used_at")))
            except (KeyError, TypeError, ValueError):
                continue
        return out

    def _write(self, records: list[CloneRecord]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps([asdict(r) for r in records], ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, self.path)

    def add(self, voice_id: str, name: str, created_at: float | None = None) -> CloneRecord:
        record = CloneRecord(voice_id, name, created_at if created_at is not None else time.time())
        with _lock:
            records = [r for r in self.records() if r.voice_id != voice_id]
            records.append(record)
            self._write(records)
        return record

    def mark_used(self, voice_id: str, when: float | None = None) -> bool:
        """Record the first real use of ``voice_id``; True when this call changed something."""
        with _lock:
            records = self.records()
            changed = False
            for i, r in enumerate(records):
                if r.voice_id == voice_id and r.first_used_at is None:
                    records[i] = mark_used(r, when)
                    changed = True
            if changed:
                self._write(records)
        return changed

    def forget(self, voice_id: str) -> None:
        with _lock:
            self._write([r for r in self.records() if r.voice_id != voice_id])

    def pending(self, now: float | None = None) -> list[CloneRecord]:
        """Voices still waiting for their first use (and not yet expired)."""
        return [r for r in self.records() if r.first_used_at is None and not is_expired(r, now)]

    def warnings(self, within_days: float = 2.0, now: float | None = None) -> list[str]:
        """A sentence per unused voice that expires within ``within_days`` (or already has)."""
        now = time.time() if now is None else now
        out = []
        for r in self.records():
            deadline = expires_at(r)
            if deadline is None:
                continue
            label = f"“{r.name}” ({r.voice_id})" if r.name else r.voice_id
            if deadline <= now:
                out.append(f"The voice {label} was never used and MiniMax has deleted it after 7 days.")
            elif deadline - now <= within_days * 86400:
                hours = int((deadline - now) // 3600)
                out.append(f"The voice {label} expires in {hours} h unless it is used: render a line with it "
                           "or activate it.")
        return out
