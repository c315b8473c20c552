"""The dialogs of an episode's music and sound effects: ``MusicBedDialog`` (a music file chosen and read off the
UI thread, its volume, fades, looping and ducking, a preview through the transport, Remove) and
``EffectDialog`` (a sound effect's place — at a time, or with a line and an offset — and its volume).

They hold a draft and say what the user asked for (signals, ``draft()``); applying it is the caller's, as one
undo step. Checks and sentences are the media actions' (``studio.actions.media``). Must not live here:
store access, undo commands, playback itself.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studio.actions import ActionError, media
from studio.audio.decode import MediaFile
from studio.domain.media import DUCK_RANGE_DB, VOLUME_RANGE_DB, MusicBed


def audio_filter() -> str:
    """The file chooser's patterns for music and sound effects (every format the media actions read)."""
    return (QCoreApplication.translate("MediaFiles", "Audio files") + " ("
            + " ".join(f"*.{s}" for s in media.AUDIO_SUFFIXES) + ");;"
            + QCoreApplication.translate("MediaFiles", "All files (*)"))


def length_text(ms: int) -> str:
    secs = round(ms / 1000)
    return f"{secs // 60}:{secs % 60:02d}"


def _ms_spin(parent: QWidget, name: str, maximum: int, step: int = 100, minimum: int = 0) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setObjectName(name)
    spin.setRange(minimum, maximum)
    spin.setSingleStep(step)
    spin.setSuffix(" ms")
    spin.setAccelerated(True)
    return spin


def _db_spin(parent: QWidget, name: str, low: float, high: float) -> QDoubleSpinBox:
    spin = QDoubleSpinBox(parent)
    spin.setObjectName(name)
    spin.setRange(low, high)
    spin.setDecimals(1)
    spin.setSingleStep(1.0)
    spin.setSuffix(" dB")
    return spin


class MusicBedDialog(QDialog):
    """The music bed of one episode. ``remove_requested`` asks to take the bed off; ``preview_toggled(on)``
    to hear the draft through the transport (``draft()`` and ``audio()`` say what to play)."""

    remove_requested = Signal()
    preview_toggled = Signal(bool)
    draft_changed = Signal()

    def __init__(self, episode_title: str, current: MusicBed | None, folder: Callable[[], str],
                 remember_folder: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("musicBedDialog")
        self.setWindowTitle(self.tr("Music bed — %1").replace("%1", episode_title))
        self.current = current
        self.file: MediaFile | None = None
        self._folder = folder
        self._remember_folder = remember_folder
        self._loading: asyncio.Task[bool] | None = None

        self.file_label = QLabel(self)
        self.file_label.setObjectName("musicFile")
        self.file_label.setWordWrap(True)
        self.choose = QPushButton(self.tr("Choose file…"), self)
        self.choose.setObjectName("musicChoose")
        self.choose.clicked.connect(self._ask_file)
        row = QHBoxLayout()
        row.addWidget(self.file_label, 1)
        row.addWidget(self.choose)

        self.volume = _db_spin(self, "musicVolume", *VOLUME_RANGE_DB)
        self.volume.setToolTip(self.tr("How loud the music is against speech; −12 dB sits well under it."))
        self.fade_in = _ms_spin(self, "musicFadeIn", media.MAX_FADE_MS)
        self.fade_out = _ms_spin(self, "musicFadeOut", media.MAX_FADE_MS)
        self.loop = QCheckBox(self.tr("Loop when the file is shorter than the episode"), self)
        self.loop.setObjectName("musicLoop")
        form = QFormLayout()
        form.addRow(self.tr("File:"), row)
        form.addRow(self.tr("Volume:"), self.volume)
        form.addRow(self.tr("Fade in:"), self.fade_in)
        form.addRow(self.tr("Fade out:"), self.fade_out)
        form.addRow("", self.loop)

        ducking = QGroupBox(self.tr("Ducking under speech"), self)
        self.duck = _db_spin(ducking, "musicDuck", *DUCK_RANGE_DB)
        self.duck.setSpecialValueText(self.tr("Off"))
        self.duck.setToolTip(self.tr("How far the music goes down while anyone speaks (0: not at all)."))
        self.attack = _ms_spin(ducking, "musicAttack", 10_000, 50)
        self.attack.setToolTip(self.tr("How long before a line the music starts going down."))
        self.release = _ms_spin(ducking, "musicRelease", 10_000, 50)
        self.release.setToolTip(self.tr("How long after a line the music takes to come back."))
        duck_form = QFormLayout(ducking)
        duck_form.addRow(self.tr("Amount:"), self.duck)
        duck_form.addRow(self.tr("Attack:"), self.attack)
        duck_form.addRow(self.tr("Release:"), self.release)

        self.error = QLabel(self)
        self.error.setObjectName("musicError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b;")
        self.error.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.preview = self.buttons.addButton(self.tr("Preview"), QDialogButtonBox.ButtonRole.ActionRole)
        self.preview.setObjectName("musicPreview")
        self.preview.setCheckable(True)
        self.preview.setToolTip(self.tr("Play the episode from the playhead with this music"))
        self.preview.toggled.connect(self._on_preview)
        self.remove = self.buttons.addButton(self.tr("Remove music"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.remove.setObjectName("musicRemove")
        self.remove.setEnabled(current is not None)
        self.remove.clicked.connect(self.remove_requested)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(ducking)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._show_settings(current or MusicBed("", "wav", 1))
        self._show_file()
        for spin in (self.volume, self.fade_in, self.fade_out, self.duck, self.attack, self.release):
            spin.valueChanged.connect(self._edited)
        self.loop.toggled.connect(self._edited)

    # -- what the user chose -------------------------------------------------------------------

    def _show_settings(self, bed: MusicBed) -> None:
        self.volume.setValue(bed.volume_db)
        self.fade_in.setValue(bed.fade_in_ms)
        self.fade_out.setValue(bed.fade_out_ms)
        self.loop.setChecked(bed.loop)
        self.duck.setValue(bed.ducking.amount_db)
        self.attack.setValue(bed.ducking.attack_ms)
        self.release.setValue(bed.ducking.release_ms)

    def _show_file(self) -> None:
        if self.file is not None:
            text = self.tr("%1 (%2, new)").replace("%1", self.file.name).replace("%2", length_text(self.file.duration_ms))
        elif self.current is not None:
            text = f"{self.current.name} ({length_text(self.current.duration_ms)})"
        else:
            text = self.tr("No music yet: choose an audio file.")
        self.file_label.setText(text)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.file is not None or self.current is not None)
        self.preview.setEnabled(self.file is not None or self.current is not None)

    def _edited(self, *_args: object) -> None:
        self.error.hide()
        self.draft_changed.emit()

    def draft(self) -> MusicBed:
        """The bed as the dialog has it now; ``ActionError`` names a setting out of range."""
        if self.file is not None:
            base = media.bed_of(self.file)
        elif self.current is not None:
            base = self.current
        else:
            raise ActionError(self.tr("Choose a music file first."))
        return media.bed_with(base, volume_db=self.volume.value(), fade_in_ms=self.fade_in.value(),
                              fade_out_ms=self.fade_out.value(), loop=self.loop.isChecked(),
                              duck_db=self.duck.value(), attack_ms=self.attack.value(),
                              release_ms=self.release.value())

    def audio(self) -> bytes | None:
        """The new file's audio (None: the bed keeps the audio it has)."""
        return self.file.data if self.file is not None else None

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    # -- the file ------------------------------------------------------------------------------

    def _ask_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the music"), self._folder(),
                                              audio_filter())
        if path:
            self._remember_folder(str(Path(path).parent))
            self._loading = asyncio.ensure_future(self.load_file(path))

    async def load_file(self, path: str) -> bool:
        """Read ``path`` (off the UI thread) as the bed's new file; a sentence in the dialog if it cannot be."""
        self.choose.setEnabled(False)
        self.file_label.setText(self.tr("Reading %1…").replace("%1", Path(path).name))
        try:
            self.file = await asyncio.to_thread(media.read_media, path, media.MUSIC)
        except ActionError as exc:
            self.show_error(str(exc))
            return False
        finally:
            self.choose.setEnabled(True)
            self._show_file()
        self.show_error("")
        self.draft_changed.emit()
        return True

    # -- buttons -------------------------------------------------------------------------------

    def _on_preview(self, on: bool) -> None:
        self.preview.setText(self.tr("Stop preview") if on else self.tr("Preview"))
        self.preview_toggled.emit(on)

    def stop_preview(self) -> None:
        if self.preview.isChecked():
            self.preview.setChecked(False)

    def _accept(self) -> None:
        try:
            self.draft()
        except ActionError as exc:
            self.show_error(str(exc))
            return
        self.accept()

    def done(self, result: int) -> None:
        self.stop_preview()
        if self._loading is not None and not self._loading.done():
            self._loading.cancel()
        super().done(result)


class EffectDialog(QDialog):
    """Where a sound effect sounds and how loud: at a time on the episode, or with a line (moving with it)
    at an offset from its start. ``remove_requested`` when editing one that exists."""

    remove_requested = Signal()

    def __init__(self, name: str, duration_ms: int, lines: Sequence[tuple[int, str]], *, at_ms: int = 0,
                 line_id: int | None = None, offset_ms: int = 0, volume_db: float = 0.0, editing: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("effectDialog")
        self.setWindowTitle(self.tr("Sound effect — %1").replace("%1", name) if editing
                            else self.tr("Add sound effect — %1").replace("%1", name))
        info = QLabel(self.tr("%1, %2 s long").replace("%1", name).replace("%2", f"{duration_ms / 1000:.1f}"), self)
        info.setObjectName("effectInfo")
        self.at_time = QRadioButton(self.tr("At a time:"), self)
        self.at_time.setObjectName("effectAtTime")
        self.at = _ms_spin(self, "effectAt", 24 * 60 * 60 * 1000)
        self.with_line = QRadioButton(self.tr("With line:"), self)
        self.with_line.setObjectName("effectWithLine")
        self.with_line.setToolTip(self.tr("The sound moves with the line when its timing changes."))
        self.line = QComboBox(self)
        self.line.setObjectName("effectLine")
        for lid, label in lines:
            self.line.addItem(label, lid)
        self.offset = _ms_spin(self, "effectOffset", media.MAX_OFFSET_MS, 50, -media.MAX_OFFSET_MS)
        self.offset.setToolTip(self.tr("From the line's start; negative: before it."))
        group = QButtonGroup(self)
        group.addButton(self.at_time)
        group.addButton(self.with_line)
        self.volume = _db_spin(self, "effectVolume", *VOLUME_RANGE_DB)
        self.volume.setValue(volume_db)
        attached = line_id is not None and self.line.findData(line_id) >= 0
        (self.with_line if attached else self.at_time).setChecked(True)
        self.with_line.setEnabled(self.line.count() > 0)
        if attached:
            self.line.setCurrentIndex(self.line.findData(line_id))
            self.offset.setValue(offset_ms)
        self.at.setValue(max(0, at_ms))
        for toggle in (self.at_time, self.with_line):
            toggle.toggled.connect(self._sync)
        form = QFormLayout()
        form.addRow(info)
        form.addRow(self.at_time, self.at)
        line_row = QHBoxLayout()
        line_row.addWidget(self.line, 1)
        line_row.addWidget(QLabel(self.tr("offset"), self))
        line_row.addWidget(self.offset)
        form.addRow(self.with_line, line_row)
        form.addRow(self.tr("Volume:"), self.volume)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        if editing:
            remove = self.buttons.addButton(self.tr("Remove"), QDialogButtonBox.ButtonRole.DestructiveRole)
            remove.setObjectName("effectRemove")
            remove.clicked.connect(self.remove_requested)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._sync()
        self.line.setMinimumContentsLength(28)
        self.line.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

    def _sync(self, *_args: object) -> None:
        attached = self.with_line.isChecked()
        self.at.setEnabled(not attached)
        self.line.setEnabled(attached)
        self.offset.setEnabled(attached)

    def placement(self) -> dict[str, object]:
        """``at_ms`` or ``line_id`` + ``offset_ms``, and ``volume_db``: what the user chose."""
        if self.with_line.isChecked() and self.line.count():
            return {"at_ms": None, "line_id": int(self.line.currentData()), "offset_ms": self.offset.value(),
                    "volume_db": self.volume.value()}
        return {"at_ms": self.at.value(), "line_id": None, "offset_ms": 0, "volume_db": self.volume.value()}


__all__ = ["EffectDialog", "MusicBedDialog", "audio_filter", "length_text"]
