"""The Blend voices dialog (objectName ``blendDialog``): two to four MiniMax voices mixed by weight.

Each row is a searchable list of the MiniMax voices the dialog was given and a weight slider (1–100);
rows can be added up to four. The dialog shows the voice id the blend is cast with (``blend_voice_id``,
``mix:a*70+b*30``) and ``check_blend``'s sentences as the user edits. Preview speaks the preview text
with the blend as the TaskManager job ``blend-preview`` (streamed blocks when the engine streams, with a
level meter; Cancel stops it). Save keeps the blend in the library (``blend``: nothing is sent anywhere)
and emits ``voice_created``; "Use for role…" emits ``use_for_role`` with its id.

Must not live here: what makes a valid blend and how it is sent (``studio.actions.voices``,
``studio.engines.minimax.blend``), the voice library panel.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studio.actions import ActionError
from studio.actions.voices import (
    blend,
    blend_voice_id,
    check_blend,
    preview,
    preview_language,
    sample_text,
    stream_preview,
)
from studio.engines.speech import EngineError
from studio.library import LibraryVoice, PreviewCache, VoiceLibrary
from studio.ui.clip_view import JobBar, OutcomeBar, play_file, player_problem, sentence_label, show_problem
from studio.ui.tasks import TaskManager

log = logging.getLogger(__name__)

MAX_ROWS = 4
ENGINE = "minimax"
JOBS = ("blend-preview",)


class _Row:
    """One voice of the blend: a searchable voice list, a weight slider and its number, Remove."""

    def __init__(self, dialog: BlendDialog, index: int) -> None:
        self.voice = QComboBox(dialog)
        self.voice.setObjectName(f"blendVoice{index}")
        self.voice.setEditable(True)
        self.voice.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.voice.setMinimumWidth(280)
        for v in dialog.voices:
            self.voice.addItem(dialog.label(v), v.voice_id)
        completer = QCompleter(self.voice.model(), self.voice)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.voice.setCompleter(completer)
        self.voice.lineEdit().setPlaceholderText(dialog.tr("Type to search the voices"))
        self.weight = QSlider(Qt.Orientation.Horizontal, dialog)
        self.weight.setObjectName(f"blendWeight{index}")
        self.weight.setRange(1, 100)
        self.weight.setValue(50)
        self.number = QSpinBox(dialog)
        self.number.setRange(1, 100)
        self.number.setValue(50)
        self.weight.valueChanged.connect(self.number.setValue)
        self.number.valueChanged.connect(self.weight.setValue)
        self.remove = QPushButton(dialog.tr("Remove"), dialog)
        self.remove.setObjectName(f"blendRemove{index}")
        self.voice.currentTextChanged.connect(dialog._form_changed)
        self.weight.valueChanged.connect(dialog._form_changed)

    def widgets(self) -> tuple[QWidget, ...]:
        return self.voice, self.weight, self.number, self.remove

    def voice_id(self) -> str | None:
        """The chosen voice's id, or None when the text names no listed voice."""
        index = self.voice.findText(self.voice.currentText())
        return self.voice.itemData(index) if index >= 0 else None


class BlendDialog(QDialog):
    voice_created = Signal(object)  # LibraryVoice
    use_for_role = Signal(str)  # voice id

    def __init__(self, library: VoiceLibrary, engine: Callable[[], Any], tasks: TaskManager, player: Any,
                 cache: PreviewCache, voices: Sequence[LibraryVoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("blendDialog")
        self.setWindowTitle(self.tr("Blend voices"))
        self.library, self._engine, self.tasks, self.player, self.cache = library, engine, tasks, player, cache
        self.voices = [v for v in voices if v.engine == ENGINE and v.kind != "blend"]
        self.rows: list[_Row] = []
        self.saved: LibraryVoice | None = None
        self.grid = QGridLayout()
        self.grid.addWidget(QLabel(self.tr("Voice"), self), 0, 0)
        self.grid.addWidget(QLabel(self.tr("Weight"), self), 0, 1, 1, 2)
        self.add_button = QPushButton(self.tr("Add a voice"), self)
        self.add_button.setObjectName("blendAddVoice")
        self.add_button.clicked.connect(lambda: self.add_row())
        self.parts_problem = sentence_label(self, "blendProblems")
        self.name = QLineEdit(self)
        self.name.setObjectName("blendName")
        self.name.setPlaceholderText(self.tr("e.g. Warm narrator"))
        self.name.textChanged.connect(self._form_changed)
        self.name_problem = sentence_label(self, "blendNameProblem")
        self.spec = QLabel(self)
        self.spec.setObjectName("blendSpec")
        self.spec.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.spec.setStyleSheet("font-family: monospace;")
        self.spec.setWordWrap(True)
        self.preview_text = QLineEdit(self)
        self.preview_text.setObjectName("blendPreviewText")
        self.preview_button = QPushButton(self.tr("Preview"), self)
        self.preview_button.setObjectName("blendPreview")
        self.preview_button.clicked.connect(self.start_preview)
        self.meter = QProgressBar(self)
        self.meter.setObjectName("blendLevel")
        self.meter.setRange(0, 100)
        self.meter.setTextVisible(False)
        self.meter.setMaximumWidth(120)
        self.meter.setVisible(False)
        self.meter.setAccessibleName(self.tr("Preview level"))
        self._meter_timer = QTimer(self)
        self._meter_timer.setInterval(50)
        self._meter_timer.timeout.connect(self._show_level)
        self.job = JobBar(self.tasks, "blendJob", self)
        self.outcome_bar = OutcomeBar(self.tasks, self.player, "blendOutcome", "blend-audio", "", "", self)
        self.outcome_bar.use_for_role.connect(self._use_for_role)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("blendSave")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.reject)

        intro = QLabel(self.tr("Mix two to four MiniMax voices; a higher weight sounds closer to that voice."),
                       self)
        intro.setWordWrap(True)
        preview_row = QHBoxLayout()
        preview_row.addWidget(self.preview_text, 1)
        preview_row.addWidget(self.preview_button)
        preview_row.addWidget(self.meter)
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.name_problem)
        form.addRow(self.tr("Voice id:"), self.spec)
        form.addRow(self.tr("Preview text:"), preview_row)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(self.grid)
        lay.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.parts_problem)
        lay.addLayout(form)
        lay.addWidget(self.job)
        lay.addWidget(self.outcome_bar)
        lay.addStretch(1)
        lay.addLayout(buttons)
        for index in range(2):
            self.add_row(self.voices[index].voice_id if index < len(self.voices) else None)
        self.preview_text.setText(sample_text(preview_language(self.voices[0] if self.voices else None)))
        self.resize(760, self.sizeHint().height())
        self._form_changed()

    def label(self, voice: LibraryVoice) -> str:
        return voice.voice_id if voice.name == voice.voice_id else f"{voice.name} ({voice.voice_id})"

    # -- rows ------------------------------------------------------------------------------------------

    def add_row(self, voice_id: str | None = None, weight: int = 50) -> None:
        if len(self.rows) >= MAX_ROWS:
            return
        row = _Row(self, len(self.rows) + 1)
        row.remove.clicked.connect(lambda: self.remove_row(row))
        self.rows.append(row)
        self.set_row(len(self.rows) - 1, voice_id, weight)
        self._lay_out_rows()

    def set_row(self, index: int, voice_id: str | None, weight: int) -> None:
        """Choose ``voice_id`` (None: no voice yet) with ``weight`` in row ``index``."""
        row = self.rows[index]
        found = row.voice.findData(voice_id) if voice_id else -1
        row.voice.setCurrentIndex(found)
        if found < 0:
            row.voice.setEditText("")
        row.weight.setValue(weight)
        self._form_changed()

    def remove_row(self, row: _Row) -> None:
        self.rows.remove(row)
        for widget in row.widgets():
            widget.deleteLater()
        self._lay_out_rows()
        self._form_changed()

    def _lay_out_rows(self) -> None:
        for r, row in enumerate(self.rows, 1):
            for c, widget in enumerate(row.widgets()):
                self.grid.addWidget(widget, r, c)
            row.remove.setVisible(len(self.rows) > 2)
        self.grid.setColumnStretch(1, 1)
        self.add_button.setEnabled(len(self.rows) < MAX_ROWS)

    # -- the blend -------------------------------------------------------------------------------------

    def parts(self) -> list[tuple[str, int]]:
        return [(row.voice_id() or "", row.weight.value()) for row in self.rows]

    def problems(self) -> list[str]:
        """Every reason the rows do not make a blend (the name aside), each its own sentence."""
        unknown = [self.tr("Voice %1: pick one of the listed MiniMax voices.").replace("%1", str(i))
                   for i, row in enumerate(self.rows, 1) if row.voice_id() is None]
        if unknown:
            return unknown
        return check_blend(ENGINE, self.parts(), self.library)

    def spec_id(self) -> str | None:
        """The voice id of the blend, or None while the rows do not make one."""
        if self.problems():
            return None
        try:
            return blend_voice_id(ENGINE, self.parts())
        except ActionError:
            return None

    def _form_changed(self, *_: object) -> None:
        if not hasattr(self, "save_button"):
            return  # still building
        problems = self.problems()
        show_problem(self.parts_problem, problems)
        show_problem(self.name_problem, None if self.name.text().strip() else self.tr("Give the blend a name."))
        spec = self.spec_id()
        self.spec.setText(spec or "—")
        self.preview_button.setEnabled(spec is not None)
        self.save_button.setEnabled(spec is not None and bool(self.name.text().strip()))

    # -- preview ---------------------------------------------------------------------------------------

    def start_preview(self) -> asyncio.Task[None] | None:
        spec = self.spec_id()
        if spec is None:
            return None
        first = self.library.get(self.parts()[0][0], ENGINE)
        return self.tasks.spawn("blend-preview", self._preview(spec, self.preview_text.text(),
                                                               preview_language(first)))

    async def _preview(self, spec: str, text: str, language: str) -> None:
        self.job.start("blend-preview", self.tr("Preparing the preview of the blend…"))
        streaming = False
        try:
            engine = self._engine()
            output = self.player is not None and self.player.available()
            if output and hasattr(engine, "stream_samples"):
                stream = stream_preview(engine, spec, text, language, cache=self.cache, library=self.library)
                streaming = self.player.play_stream(stream.sample_rate)
                self.meter.setVisible(streaming)
                self._meter_timer.start()
                async for block in stream:
                    if streaming:
                        self.player.feed(block)
                        self.job.step(0, 0, self.tr("Playing the preview…"))
                if streaming:
                    self.player.end_stream()
                played = streaming
            else:
                audio = await preview(engine, spec, text, language, cache=self.cache, library=self.library)
                played = await play_file(self.player, audio.path)
        except asyncio.CancelledError:
            if streaming:
                self.player.stop()
            self.job.finish(self.tr("The preview was stopped."))
            raise
        except (ActionError, EngineError) as exc:
            if streaming:
                self.player.stop()
            self.job.finish(str(exc), problem=True)
            return
        except Exception as exc:  # a sentence rather than a traceback, whatever went wrong
            log.exception("the blend preview failed")
            self.job.finish(self.tr("The preview failed (%1).").replace("%1", str(exc) or type(exc).__name__),
                            problem=True)
            return
        finally:
            self._meter_timer.stop()
            self.meter.setValue(0)
            self.meter.setVisible(False)
        reason = player_problem(self.player) or self.tr("There is no audio output.")
        self.job.finish(self.tr("Preview of %1.").replace("%1", spec) if played else
                        self.tr("The preview was made, but it cannot be heard here: %1").replace("%1", reason))

    def _show_level(self) -> None:
        level = getattr(self.player, "level", None)
        self.meter.setValue(int(min(1.0, 3.0 * float(level())) * 100) if callable(level) else 0)

    # -- saving ----------------------------------------------------------------------------------------

    def save(self) -> LibraryVoice | None:
        """Keep the blend in the library (nothing is sent anywhere); None, with a sentence, when it cannot."""
        try:
            voice = blend(self.library, self.name.text(), self.parts(), engine_name=ENGINE)
        except ActionError as exc:
            self.job.finish(str(exc), problem=True)
            return None
        self.saved = voice
        self.job.finish("")
        self.outcome_bar.show_voice(self.tr("Saved in your library as “%1” (%2). Nothing was sent to MiniMax; "
                                            "a role cast with it sends the blend with each line.")
                                    .replace("%1", voice.name).replace("%2", voice.voice_id), voice.voice_id, None)
        self.voice_created.emit(voice)
        return voice

    def _use_for_role(self, voice_id: str) -> None:
        self.use_for_role.emit(voice_id)
        self.accept()

    def done(self, result: int) -> None:
        """Closing the dialog stops the preview."""
        for name in JOBS:
            self.tasks.cancel(name)
        super().done(result)
