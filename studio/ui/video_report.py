"""The report after a video export: every video with its frame size, length, the loudness and true peak
measured on its soundtrack, its captions, and the notes the export gave (lines that run past their cue,
dialogue past the picture's end); episodes not exported and why; Open folder. Must not live here: the
export (``studio.actions.video``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.actions import video as vid
from studio.actions.export import BatchItem
from studio.ui.export_flow import ON_TARGET_LU, clock


class VideoReportDialog(QDialog):
    open_failed = Signal(str)

    def __init__(self, folder: Path, items: Sequence[BatchItem], report: vid.VideoBatchReport,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoExportReport")
        self.setWindowTitle(self.tr("Export cancelled") if report.cancelled else self.tr("Export finished"))
        self.folder = folder
        self.table = QTableWidget(len(report.files), 6, self)
        self.table.setObjectName("videoReportTable")
        self.table.setHorizontalHeaderLabels([self.tr("Video"), self.tr("Picture"), self.tr("Length"),
                                              self.tr("Loudness"), self.tr("True peak"), self.tr("Captions")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, v in enumerate(report.files):
            audio = v.audio
            on_target = abs(audio.measured_lufs - audio.target_lufs) <= ON_TARGET_LU
            under = audio.measured_true_peak_dbtp <= audio.ceiling_dbtp + 0.05
            picture = f"{v.width}×{v.height}, " + (self.tr("copied") if v.copied_picture else
                                                    self.tr("%1 frames").replace("%1", str(v.frames or "?")))
            captions = str(v.captions) if v.captions else self.tr("none burned in")
            if v.bilingual_with is not None:
                captions += " " + self.tr("(bilingual)")
            cells = [v.path.name, picture, clock(v.duration_ms),
                     f"{audio.measured_lufs:.1f} LUFS" + ("" if on_target else " ⚠"),
                     f"{audio.measured_true_peak_dbtp:.1f} dBTP" + ("" if under else " ⚠"), captions]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 0:
                    item.setToolTip("\n".join(str(p) for p in v.files()))
                if col == 3:
                    item.setToolTip(self.tr("Target %1 LUFS; measured on the video's soundtrack.")
                                    .replace("%1", f"{audio.target_lufs:g}"))
                self.table.setItem(row, col, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 6):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.summary = QLabel(self)
        self.summary.setObjectName("videoReportSummary")
        self.summary.setWordWrap(True)
        parts = [self.tr("%1 video(s) in %2.").replace("%1", str(len(report.files))).replace("%2", str(folder))]
        if report.cancelled:
            parts.append(self.tr("Cancelled: the video being written left no file."))
        numbers = {i.episode_id: i.number for i in items}
        for episode_id, why in report.skipped.items():
            parts.append(self.tr("Episode %1 was not exported: %2.").replace("%1", str(numbers.get(episode_id, "?")))
                         .replace("%2", why))
        for v in report.files:
            for note in v.warnings:
                parts.append(f"{v.path.name}: {note}")
        self.summary.setText("\n".join(parts))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.open_button = buttons.addButton(self.tr("Open folder"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setObjectName("openExportFolder")
        self.open_button.clicked.connect(self.open_folder)
        buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.table)
        lay.addWidget(buttons)
        self.resize(760, min(560, 190 + 30 * max(1, len(report.files))))

    def open_folder(self) -> bool:
        ok = QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))
        if not ok:
            self.open_failed.emit(self.tr("No file manager could open %1.").replace("%1", str(self.folder)))
        return ok
