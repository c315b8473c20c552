"""The Settings dialog: speech engine, MiniMax key / region / model / rate limits, audio, gaps, loudness
and UI language.

The MiniMax key is written to the OS keyring only (``keyring.set_password("troupe", "minimax", key)``),
never to the settings file. Engine, model, sample rate, gap and loudness are also written to the open
project (they are part of it). Must not live here: engine calls, project content edits.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studio.engines.minimax.config import load_settings as load_minimax_settings
from studio.engines.minimax.config import resolve_host
from studio.engines.minimax.config import save_settings as save_minimax_settings
from studio.settings import Settings
from studio.ui.session import ProjectSession

log = logging.getLogger(__name__)

HOSTS = (("https://api.minimax.io", "global"), ("https://api.minimaxi.com", "mainland"))
MINIMAX_MODELS = ("speech-2.8-hd", "speech-2.8-turbo", "speech-2.6-hd", "speech-2.6-turbo", "speech-02-hd",
                  "speech-02-turbo", "speech-01-hd", "speech-01-turbo")
SAMPLE_RATES = (22050, 24000, 32000, 44100, 48000)
AUDIO_FORMATS = ("wav", "flac", "mp3", "m4a", "opus")


def save_minimax_key(key: str) -> str | None:
    """Store the key in the OS keyring; returns a sentence when that failed."""
    try:
        import keyring

        keyring.set_password("troupe", "minimax", key)
    except Exception as exc:
        log.info("keyring refused the key", exc_info=True)
        return f"The key could not be saved in the system keyring ({type(exc).__name__})."
    return None


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
        self.key.setPlaceholderText(self.tr("leave empty to keep the saved key"))
        self.host = QComboBox(self)
        self.host.setObjectName("minimaxHost")
        for url, region in HOSTS:
            self.host.addItem(self.tr("Global (%1)").replace("%1", url) if region == "global"
                              else self.tr("Mainland China (%1)").replace("%1", url), url)
        mm = load_minimax_settings()
        self._select(self.host, resolve_host(None, mm))
        self.model = QComboBox(self)
        self.model.setObjectName("minimaxModel")
        for m in MINIMAX_MODELS:
            self.model.addItem(m, m)
        self._select(self.model, project.minimax_model if project else settings.get("minimax_model"))
        self.rpm = QSpinBox(self)
        self.rpm.setRange(1, 10000)
        speech_limit = (mm.get("limits") or {}).get("speech") or {}
        self.rpm.setValue(int(speech_limit.get("rpm", 60)))
        self.cpm = QSpinBox(self)
        self.cpm.setRange(100, 10_000_000)
        self.cpm.setSingleStep(1000)
        self.cpm.setValue(int(speech_limit.get("chars_per_minute") or 20000))

        self.format = QComboBox(self)
        self.format.setObjectName("audioFormat")
        for f in AUDIO_FORMATS:
            self.format.addItem(f, f)
        self._select(self.format, settings.get("audio_format"))
        self.rate = QComboBox(self)
        self.rate.setObjectName("sampleRate")
        for r in SAMPLE_RATES:
            self.rate.addItem(f"{r} Hz", r)
        self._select(self.rate, project.sample_rate if project else settings.get("sample_rate"))
        self.gap = QSpinBox(self)
        self.gap.setObjectName("defaultGap")
        self.gap.setRange(-5000, 10000)
        self.gap.setSuffix(" ms")
        self.gap.setValue(project.gap_ms if project else settings.get("gap_ms"))
        self.lufs = QDoubleSpinBox(self)
        self.lufs.setObjectName("loudness")
        self.lufs.setRange(-40.0, -5.0)
        self.lufs.setDecimals(1)
        self.lufs.setSuffix(" LUFS")
        self.lufs.setValue(project.lufs if project else settings.get("lufs"))
        self.language = QComboBox(self)
        self.language.setObjectName("uiLanguage")
        self.language.addItem(self.tr("Follow the system"), "")
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        self._select(self.language, settings.get("ui_language"))

        engine_box = QGroupBox(self.tr("Speech engine"), self)
        f = QFormLayout(engine_box)
        f.addRow(self.tr("Engine:"), self.engine)
        minimax_box = QGroupBox(self.tr("MiniMax"), self)
        f = QFormLayout(minimax_box)
        f.addRow(self.tr("API key:"), self.key)
        f.addRow(self.tr("Region:"), self.host)
        f.addRow(self.tr("Model:"), self.model)
        f.addRow(self.tr("Requests per minute:"), self.rpm)
        f.addRow(self.tr("Characters per minute:"), self.cpm)
        audio_box = QGroupBox(self.tr("Audio"), self)
        f = QFormLayout(audio_box)
        f.addRow(self.tr("Export format:"), self.format)
        f.addRow(self.tr("Sample rate:"), self.rate)
        f.addRow(self.tr("Default gap:"), self.gap)
        f.addRow(self.tr("Loudness target:"), self.lufs)
        ui_box = QGroupBox(self.tr("Interface"), self)
        f = QFormLayout(ui_box)
        f.addRow(self.tr("Language:"), self.language)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for box in (engine_box, minimax_box, audio_box, ui_box):
            layout.addWidget(box)
        layout.addWidget(buttons)

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
        if key:
            problem = save_minimax_key(key)
            notes.append(problem or self.tr("MiniMax key saved in the system keyring."))
            self.key.clear()
        old_language = s.get("ui_language")
        # Host and limits live in the MiniMax settings, shared with the `troupe` command.
        mm = load_minimax_settings()
        limits = dict(mm.get("limits") or {})
        limits["speech"] = {**(limits.get("speech") or {}), "rpm": self.rpm.value(),
                            "chars_per_minute": self.cpm.value()}
        minimax_changed = (resolve_host(None, mm) != self.host.currentData()
                           or (mm.get("limits") or {}).get("speech") != limits["speech"])
        if minimax_changed:
            save_minimax_settings({"host": self.host.currentData(), "limits": limits})
        s.set("engine", self.engine.currentData())
        s.set("minimax_model", self.model.currentData())
        s.set("audio_format", self.format.currentData())
        s.set("sample_rate", self.rate.currentData())
        s.set("gap_ms", self.gap.value())
        s.set("lufs", self.lufs.value())
        s.set("ui_language", self.language.currentData())
        if self.session is not None:
            store = self.session.store
            current = store.settings
            new = current.with_(engine=self.engine.currentData(), minimax_model=self.model.currentData(),
                                sample_rate=self.rate.currentData(), gap_ms=self.gap.value(),
                                lufs=self.lufs.value())
            if new != current:
                store.set_settings(new)
            if key or minimax_changed or new.minimax_model != current.minimax_model:
                self.session.reload_engine()
        if old_language != self.language.currentData():
            notes.append(self.tr("The new language is used from the next start."))
        return " ".join(notes)
