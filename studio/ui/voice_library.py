"""The voice library dock (objectName ``voiceLibrary``): every voice the user can cast — offline presets, MiniMax
system voices, the user's clones, designs and blends — with filters and search, a sentence when a section is
empty or old, previews (streamed from MiniMax, cached by content, with a level meter, and kept as a file when
there is no sound device), and the way to make, activate, delete and cast voices.

The rows come from ``VoiceListModel`` over the user's ``VoiceLibrary``; every engine call is an action of
``studio.actions.voices`` run as a background job. The clone, design and blend dialogs live in their own
modules. Must not live here: project edits (casting is asked of the cast panel), the voice rules.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QDrag, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.actions import ActionError
from studio.actions import voices as voice_actions
from studio.actions.engines import ENGINE_LABELS, engine_model
from studio.domain.model import ENGINES
from studio.engines.speech import EngineError
from studio.library import LibraryVoice, PreviewAudio, PreviewCache
from studio.session import events as se
from studio.session.project import ProjectSession
from studio.ui.tasks import TaskManager
from studio.ui.voice_catalog import VoiceCatalog, VoiceListModel

log = logging.getLogger(__name__)

PREVIEW_JOB = "preview"
SAMPLE, SELECTED_LINE, TYPED = "sample", "line", "typed"


class PreviewFile(QLabel):
    """The last preview as a file: drag it out (to a folder, an editor) or save it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self._press: QPoint | None = None
        self.setObjectName("previewFile")

    def set_path(self, path: Path | None, text: str) -> None:
        self.path = path
        self.setText(text)
        self.setToolTip(self.tr("Drag the preview out as a file") if path else "")

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._press = event.position().toPoint()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self.path is None or self._press is None:
            return
        if (event.position().toPoint() - self._press).manhattanLength() < 8:
            return
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(self.path))])
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.exec(Qt.DropAction.CopyAction)
        self._press = None


class VoiceLibraryPanel(QWidget):
    """Lists, previews, makes and casts the user's voices."""

    message = Signal(str)
    assign_requested = Signal(str, str)  # engine, voice id: for the role selected in the cast panel
    preview_ready = Signal(str, int)  # voice id, duration in ms

    def __init__(self, session: ProjectSession, catalog: VoiceCatalog, tasks: TaskManager, cache: PreviewCache,
                 player: Any = None, line_text: Callable[[], str | None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("voiceLibrary")
        self.setAccessibleName(self.tr("Voice library"))
        self.session = session
        self.catalog = catalog
        self.library = catalog.library
        self.tasks = tasks
        self.cache = cache
        self.player = player
        self.line_text = line_text or (lambda: None)
        self.last_preview: PreviewAudio | None = None
        self.model = VoiceListModel(catalog, self)
        self._build()
        catalog.message.connect(self.message)
        catalog.voices_changed.connect(self._update_banner)
        self._meter_timer = QTimer(self)
        self._meter_timer.setInterval(50)
        self._meter_timer.timeout.connect(self._update_meter)
        if player is not None:
            player.state_changed.connect(self._on_player_state)
        self.show_engine(session.engine_name)
        self._unsubscribe = session.subscribe(self._on_session)

    def detach(self) -> None:
        self._unsubscribe()

    def _on_session(self, event: object) -> None:
        # The library follows the engine in use, unless the user asked to see every engine.
        if isinstance(event, se.EngineChanged) and self.engine_filter.currentData() is not None:
            self.show_engine(event.name)

    # ---------------------------------------------------------------- building

    def _filter_menu(self, menu: QMenu, key: str, title: str, items: list[tuple[str, Any]]) -> None:
        sub = menu.addMenu(title)
        sub.setObjectName(f"voiceFilter_{key}")
        group = QActionGroup(self)
        for label, value in items:
            act = sub.addAction(label)
            act.setCheckable(True)
            act.setChecked(value is None)
            act.setData(value)
            group.addAction(act)
            act.triggered.connect(lambda _c=False, k=key, v=value: self.set_filter(k, v))
        self._filter_groups[key] = group

    def _build(self) -> None:
        w = self.model.words
        self._filters: dict[str, Any] = {}
        self._filter_groups: dict[str, QActionGroup] = {}
        self.engine_filter = QComboBox(self)
        self.engine_filter.setObjectName("voiceEngineFilter")
        self.engine_filter.setToolTip(self.tr("Engine"))
        self.engine_filter.addItem(self.tr("All engines"), None)
        for e in ENGINES:
            self.engine_filter.addItem(ENGINE_LABELS[e], e)
        self.engine_filter.currentIndexChanged.connect(self._apply_filters)
        self.search = QLineEdit(self)
        self.search.setObjectName("voiceSearch")
        self.search.setPlaceholderText(self.tr("Search voices"))
        self.search.setToolTip(self.tr("Words of a voice's name, id or style"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._apply_filters)
        self.filter_button = QToolButton(self)
        self.filter_button.setObjectName("voiceFilters")
        self.filter_button.setText(self.tr("Filter"))
        self.filter_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        self._filter_menu(menu, "kind", self.tr("Kind"), [(self.tr("Any kind"), None)] + [
            (w[k], k) for k in ("preset", "system", "cloned", "designed", "blend")])
        self._filter_menu(menu, "gender", self.tr("Gender"), [
            (self.tr("Any gender"), None), (w["female"], "female"), (w["male"], "male")])
        self._filter_menu(menu, "age", self.tr("Age"), [(self.tr("Any age"), None)] + [
            (w[a], a) for a in ("child", "young", "adult", "old")])
        self._filter_menu(menu, "language", self.tr("Language"), [
            (self.tr("Any language"), None), (w["zh"], "zh"), (w["en"], "en")])
        self.filter_button.setMenu(menu)
        self.banner = QLabel(self)
        self.banner.setObjectName("voiceLibraryNote")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.empty_note = self.banner
        self.table = QTableView(self)
        self.table.setObjectName("voiceTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setDragEnabled(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(VoiceListModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(max(22, self.fontMetrics().height() + 6))
        for col in (VoiceListModel.LANGUAGES, VoiceListModel.ID, VoiceListModel.AGE):
            self.table.setColumnHidden(col, True)
        self.table.doubleClicked.connect(lambda _i: self.preview())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.text_source = QComboBox(self)
        self.text_source.setObjectName("previewTextSource")
        for label, value in ((self.tr("Sample sentence"), SAMPLE), (self.tr("The selected line"), SELECTED_LINE),
                             (self.tr("This text:"), TYPED)):
            self.text_source.addItem(label, value)
        self.typed_text = QLineEdit(self)
        self.typed_text.setObjectName("previewText")
        self.typed_text.setPlaceholderText(self.tr("What the voice should say"))
        self.typed_text.setEnabled(False)
        self.text_source.currentIndexChanged.connect(
            lambda _i: self.typed_text.setEnabled(self.text_source.currentData() == TYPED))
        self.preview_button = QPushButton(self.tr("Preview"), self)
        self.preview_button.setObjectName("previewVoice")
        self.preview_button.clicked.connect(self._toggle_preview)
        self.meter = QProgressBar(self)
        self.meter.setObjectName("previewLevel")
        self.meter.setRange(0, 100)
        self.meter.setTextVisible(False)
        self.meter.setMaximumWidth(50)
        self.meter.setMaximumHeight(10)
        self.meter.setAccessibleName(self.tr("Preview level"))
        self.meter.setToolTip(self.tr("How loud the preview is"))
        self.meter.hide()  # shown while a preview plays
        self.preview_file = PreviewFile(self)
        self.save_preview = QToolButton(self)
        self.save_preview.setObjectName("savePreview")
        self.save_preview.setText(self.tr("Save…"))
        self.save_preview.setToolTip(self.tr("Save the last preview as a file"))
        self.save_preview.clicked.connect(self._save_preview)
        self.save_preview.setEnabled(False)
        self.assign_button = QPushButton(self.tr("Use for role"), self)
        self.assign_button.setObjectName("assignVoice")
        self.assign_button.setToolTip(self.tr("Cast the selected voice for the role selected in the Cast panel "
                                              "(or drag the voice onto a role)"))
        self.assign_button.clicked.connect(self._assign)

        self.make_buttons: dict[str, QAction] = {}
        new_menu, more_menu = QMenu(self), QMenu(self)
        for key, text, slot, menu_ in (("clone", self.tr("Clone a voice from a clip…"), self.open_clone, new_menu),
                                       ("design", self.tr("Design a voice from a description…"), self.open_design,
                                        new_menu),
                                       ("blend", self.tr("Blend voices…"), self.open_blend, new_menu),
                                       ("activate", self.tr("Activate (keep a new MiniMax voice)"),
                                        self.activate_selected, more_menu),
                                       ("delete", self.tr("Delete voice…"), self.delete_selected, more_menu)):
            action = menu_.addAction(text)
            action.setObjectName(f"voice_{key}")
            action.triggered.connect(lambda _c=False, f=slot: f())
            self.make_buttons[key] = action
        self.make_buttons["delete"].setToolTip(self.tr("Delete one of your own voices (and its uploaded files)"))
        self.new_button = QToolButton(self)
        self.new_button.setObjectName("newVoice")
        self.new_button.setText(self.tr("New voice"))
        self.new_button.setMenu(new_menu)
        self.new_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_button = QToolButton(self)
        self.more_button.setObjectName("voiceMore")
        self.more_button.setText(self.tr("More"))
        self.more_button.setMenu(more_menu)
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

        filters = QHBoxLayout()
        filters.addWidget(self.engine_filter)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.filter_button)
        preview_row = QHBoxLayout()
        preview_row.addWidget(self.text_source)
        preview_row.addWidget(self.typed_text, 1)
        play_row = QHBoxLayout()
        play_row.addWidget(self.preview_button)
        play_row.addWidget(self.meter)
        play_row.addWidget(self.preview_file, 1)
        play_row.addWidget(self.save_preview)
        actions = QHBoxLayout()
        actions.addWidget(self.assign_button)
        actions.addWidget(self.new_button)
        actions.addWidget(self.more_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(filters)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(preview_row)
        layout.addLayout(play_row)
        layout.addLayout(actions)
        self._update_buttons()

    # ---------------------------------------------------------------- filters and banner

    def show_engine(self, engine: str | None) -> None:
        """Filter to ``engine`` (None: every engine)."""
        self.engine_filter.setCurrentIndex(max(0, self.engine_filter.findData(engine)))
        self._apply_filters()

    def set_filter(self, key: str, value: Any) -> None:
        """Keep only voices whose ``key`` (kind, gender, age, language) is ``value`` (None: any)."""
        self._filters[key] = value
        for act in self._filter_groups[key].actions():
            act.setChecked(act.data() == value)
        active = sum(1 for v in self._filters.values() if v)
        self.filter_button.setText(self.tr("Filter (%1)").replace("%1", str(active)) if active else self.tr("Filter"))
        self._apply_filters()

    def _apply_filters(self, *args: object) -> None:
        self.model.set_filters(engine=self.engine_filter.currentData(), search=self.search.text().strip(),
                               **self._filters)
        self.table.setColumnHidden(VoiceListModel.ENGINE, self.engine_filter.currentData() is not None)
        self._update_banner()
        self._update_buttons()

    def _update_banner(self) -> None:
        engine = self.engine_filter.currentData()
        names = [engine] if engine else list(ENGINES)
        lines = [p for p in (self.catalog.problem(n) for n in names) if p]
        lines += self.library.warnings()
        if not self.model.rowCount() and not lines:
            lines.append(self.tr("No voice matches these filters."))
        self.banner.setText("\n".join(dict.fromkeys(lines)))
        self.banner.setVisible(bool(lines))

    def _update_buttons(self) -> None:
        voice = self.selected_voice()
        own = voice is not None and voice.own
        self.make_buttons["delete"].setEnabled(own)
        self.make_buttons["activate"].setEnabled(voice is not None and voice.days_left() is not None)
        self.assign_button.setEnabled(voice is not None)

    # ---------------------------------------------------------------- selection and casting

    def selected_voice(self) -> LibraryVoice | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.voice_at(rows[0].row()) if rows else None

    def select_voice(self, voice_id: str, engine: str | None = None) -> None:
        row = self.model.row_of(engine or self.session.engine_name, voice_id)
        if row is not None:
            self.table.selectRow(row)

    def _assign(self) -> None:
        voice = self.selected_voice()
        if voice is not None:
            self.assign_requested.emit(voice.engine, voice.voice_id)

    def assign_made_voice(self, engine: str, voice_id: str) -> None:
        """A dialog's "Use for role…": show the voice, then cast it."""
        self.show_engine(engine)
        self.select_voice(voice_id, engine)
        self.assign_requested.emit(engine, voice_id)

    # ---------------------------------------------------------------- previews

    def _engine(self, name: str) -> Any:
        return self.catalog.engines.get(name, engine_model(name, self.session.settings) or None)

    def _preview_text(self) -> str | None:
        source = self.text_source.currentData()
        if source == TYPED:
            return self.typed_text.text().strip() or None
        if source == SELECTED_LINE:
            return self.line_text()
        return None

    def _toggle_preview(self) -> None:
        if self.tasks.get(PREVIEW_JOB) is not None or (self.player is not None and self.player.state() == "playing"):
            self.stop_preview()
        else:
            self.preview()

    def stop_preview(self) -> None:
        self.tasks.cancel(PREVIEW_JOB)
        if self.player is not None:
            self.player.stop()
        self.preview_button.setText(self.tr("Preview"))

    def preview(self, voice_id: str | None = None, engine: str | None = None) -> asyncio.Task[int | None] | None:
        voice = self.library.get(voice_id, engine or self.session.engine_name) if voice_id else self.selected_voice()
        if voice is None:
            if voice_id is None:
                self.message.emit(self.tr("Select a voice to preview."))
                return None
            voice = LibraryVoice(engine or self.session.engine_name, voice_id, voice_id, "preset")
        self.preview_button.setText(self.tr("Stop"))
        return self.tasks.spawn(PREVIEW_JOB, self._preview(voice, self._preview_text()))

    async def _preview(self, voice: LibraryVoice, text: str | None) -> int | None:
        try:
            engine = self._engine(voice.engine)
        except EngineError as exc:
            no_key = exc.code == "no-key"
            self.message.emit(self.tr("No MiniMax API key yet: add one in Settings ▸ MiniMax.") if no_key else str(exc))
            self.preview_button.setText(self.tr("Preview"))
            return None
        language = voice_actions.preview_language(voice, self.session.episode.language or "zh")
        self.message.emit(self.tr("Synthesizing a preview…"))
        playable = self.player is not None and self.player.available()
        try:
            if playable and hasattr(engine, "stream_samples"):
                stream = voice_actions.stream_preview(engine, voice.voice_id, text, language, self.cache,
                                                      library=self.library)
                if not self.player.play_stream(stream.sample_rate, owner="preview"):
                    playable = False
                async for block in stream:
                    if playable:
                        self.player.feed(block)
                if playable:
                    self.player.end_stream()
                audio = stream.audio
            else:
                audio = await voice_actions.preview(engine, voice.voice_id, text, language, self.cache,
                                                    library=self.library)
                if playable:
                    from studio.audio.decode import decode_to_mono

                    data = await asyncio.to_thread(audio.path.read_bytes)
                    samples = await asyncio.to_thread(decode_to_mono, data, audio.format, 48000)
                    self.player.play(samples, 48000, 0, owner="preview")
        except asyncio.CancelledError:
            raise
        except (ActionError, EngineError) as exc:
            self.message.emit(self.tr("Preview failed: %1").replace("%1", str(exc)))
            self.preview_button.setText(self.tr("Preview"))
            return None
        finally:
            if self.player is None or self.player.state() != "playing":
                self.preview_button.setText(self.tr("Preview"))
        if audio is None:
            return None
        self.last_preview = audio
        seconds = f"{audio.duration_ms / 1000:.1f}"
        self.preview_file.set_path(audio.path, self.tr("%1 s preview").replace("%1", seconds))
        self.save_preview.setEnabled(True)
        self.preview_ready.emit(voice.voice_id, audio.duration_ms)
        if playable:
            self.message.emit(self.tr("Preview from the cache (no request).") if audio.cached else "")
        else:
            reason = self.player.unavailable_reason if self.player is not None else ""
            self.message.emit(self.tr("Preview ready (%1 s) but it cannot be played: %2 Save it or drag it out "
                                      "as a file.").replace("%1", seconds)
                              .replace("%2", reason or self.tr("no audio output.")))
        return audio.duration_ms

    def _on_player_state(self, state: str) -> None:
        if state == "playing" and getattr(self.player, "owner", "preview") == "preview":
            self._meter_timer.start()
            self.meter.show()
        else:
            self._meter_timer.stop()
            self.meter.setValue(0)
            self.meter.hide()
            if self.tasks.get(PREVIEW_JOB) is None:
                self.preview_button.setText(self.tr("Preview"))

    def _update_meter(self) -> None:
        if self.player is not None:
            self.meter.setValue(min(100, int(self.player.level() * 300)))

    def _save_preview(self) -> None:
        audio = self.last_preview
        if audio is None:
            return
        suggested = str(Path.home() / f"{audio.voice_id or 'preview'}.{audio.format}")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the preview as"), suggested,
                                              self.tr("Audio (*.%1)").replace("%1", audio.format))
        if path:
            try:
                shutil.copyfile(audio.path, path)
            except OSError as exc:
                self.message.emit(self.tr("Could not save the preview: %1").replace("%1", exc.strerror or str(exc)))
                return
            self.message.emit(self.tr("Saved the preview as %1.").replace("%1", path))

    # ---------------------------------------------------------------- making and deleting voices

    def _minimax(self) -> Any:
        return self._engine("minimax")

    def _open(self, dialog: Any) -> Any:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.voice_created.connect(lambda v: (self.show_engine(v.engine), self.select_voice(v.voice_id, v.engine),
                                                self.message.emit(self.tr("“%1” is in your voice library.")
                                                                  .replace("%1", v.name))))
        dialog.use_for_role.connect(lambda vid, d=dialog: self.assign_made_voice(getattr(d, "engine_name",
                                                                                      "minimax"), vid))
        dialog.open()
        return dialog

    def open_clone(self) -> Any:
        from studio.ui.clone_dialog import CloneDialog

        services = getattr(self.window(), "services", None)  # the app's settings remember the clip's folder
        return self._open(CloneDialog(self.library, self._minimax, self.tasks, self.player, self.cache, self,
                                      settings=getattr(services, "settings", None)))

    def open_design(self) -> Any:
        from studio.ui.design_dialog import DesignDialog

        return self._open(DesignDialog(self.library, self._minimax, self.tasks, self.player, self.cache, self))

    def open_blend(self) -> Any:
        from studio.ui.blend_dialog import BlendDialog

        voices = self.library.voices("minimax")
        return self._open(BlendDialog(self.library, self._minimax, self.tasks, self.player, self.cache, voices, self))

    def activate_selected(self) -> asyncio.Task[None] | None:
        voice = self.selected_voice()
        if voice is None:
            return None
        return self.tasks.spawn("voice-activate", self._activate(voice))

    async def _activate(self, voice: LibraryVoice) -> None:
        try:
            await voice_actions.activate(self._engine(voice.engine), self.library, voice.voice_id)
        except (ActionError, EngineError) as exc:
            self.message.emit(str(exc))
            return
        self.message.emit(self.tr("“%1” is activated: MiniMax keeps it.").replace("%1", voice.name))

    def delete_selected(self, confirm: bool = True) -> asyncio.Task[None] | None:
        voice = self.selected_voice()
        if voice is None or not voice.own:
            return None
        if confirm:
            answer = QMessageBox.question(
                self, self.tr("Delete voice"),
                self.tr("Delete “%1” from your library and from MiniMax, with the files uploaded for it? This "
                        "cannot be undone; roles cast with it will need another voice.").replace("%1", voice.name))
            if answer != QMessageBox.StandardButton.Yes:
                return None
        return self.tasks.spawn("voice-delete", self._delete(voice))

    async def _delete(self, voice: LibraryVoice) -> None:
        engine = None
        if voice.engine == "minimax" and voice.kind in ("cloned", "designed"):
            try:
                engine = self._engine("minimax")
            except EngineError:
                engine = None  # the action says what deleting it needs
        try:
            outcome = await voice_actions.delete(engine, self.library, voice.voice_id, cache=self.cache,
                                                 engine_name=voice.engine)
        except (ActionError, EngineError) as exc:
            self.message.emit(str(exc))
            return
        sentences = getattr(outcome, "sentences", None) or []
        self.message.emit(" ".join(sentences) or self.tr("Deleted “%1”.").replace("%1", voice.name))


VoiceLibrary = VoiceLibraryPanel  # the dock's older name
