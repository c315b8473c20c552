"""Writing WAV files block by block, in-process, with the same promise as an ffmpeg encode: the file
appears complete, or not at all.

Lives here: ``WavSink`` (libsndfile through soundfile; 32-bit float by default, so stems keep any level
without clipping and add up exactly). Its interface is ``studio.audio.ffmpeg.EncodeSink``'s: ``send``,
``restart``, ``close``, ``abort``. Does not live here: compressed formats (ffmpeg), mixing, Qt.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np
import soundfile as sf

from studio.audio.ffmpeg import ExportError, _os_sentence
from studio.files import give_normal_permissions


class WavSink:
    """A WAV file written as blocks arrive, into a temporary name in the same folder, renamed on ``close``."""

    def __init__(self, out_path: str | os.PathLike[str], rate: int, channels: int, *, subtype: str = "FLOAT") -> None:
        self.out = Path(out_path)
        self.rate = int(rate)
        self.channels = int(channels)
        self.subtype = subtype
        folder = self.out.parent if str(self.out.parent) else Path(".")
        try:
            fd, name = tempfile.mkstemp(prefix=f".{self.out.stem}.", suffix=".part", dir=folder)
        except OSError as exc:
            raise ExportError(_os_sentence(exc, self.out)) from exc
        os.close(fd)
        give_normal_permissions(name)
        self.tmp = Path(name)
        self._file: sf.SoundFile | None = None
        self._done = False

    def _open(self) -> sf.SoundFile:
        if self._file is None:
            try:
                self._file = sf.SoundFile(self.tmp, "w", self.rate, self.channels, subtype=self.subtype, format="WAV")
            except (sf.LibsndfileError, OSError, RuntimeError) as exc:
                raise ExportError(f"Could not write {self.out.name} ({exc}); check the folder and try again.") from exc
        return self._file

    def send(self, block: np.ndarray) -> None:
        data = np.asarray(block, dtype=np.float32)
        if data.ndim == 1:
            data = data[:, None]
        if data.shape[1] != self.channels:
            raise ExportError(f"A block of {data.shape[1]} channel(s) came for a {self.channels}-channel file.")
        try:
            self._open().write(data)
        except OSError as exc:
            raise ExportError(_os_sentence(exc, self.out)) from exc
        except (sf.LibsndfileError, RuntimeError) as exc:
            raise ExportError(f"Writing {self.out.name} failed ({exc}); check the folder and try again.") from exc

    def restart(self) -> None:
        """Forget what was written; the next ``send`` starts the file again."""
        if self._file is not None:
            self._file.close()
            self._file = None

    def close(self) -> Path:
        try:
            self._open().close()
            os.replace(self.tmp, self.out)
            self._done = True
        except OSError as exc:
            self.abort()
            raise ExportError(_os_sentence(exc, self.out)) from exc
        except BaseException:
            self.abort()
            raise
        return self.out

    def abort(self) -> None:
        if self._file is not None:
            try:
                self._file.close()
            except Exception:
                pass
            self._file = None
        if not self._done:
            self.tmp.unlink(missing_ok=True)
