"""The Clone a voice dialog (objectName ``cloneDialog``): a recording of a speaker → a MiniMax clone.

On one page: the recording (a file button or a file dropped on the dialog; its length, format, size and
loudness, a waveform with the part to keep, start/end spin boxes and the kept length), an optional prompt
clip with its exact transcript, the new voice (name, a voice id made from the name and editable, language,
gender, demo text, an optional transcript for MiniMax's accuracy check, noise reduction and volume
normalisation) and the required consent. The form is checked with ``check_clone`` in a worker thread on
every edit: each problem is shown next to its field and listed above the Clone button, which stays
disabled until there are none. Cloning runs as the TaskManager job ``clone`` (cancellable); then the
demo plays (or is ready to save) and "Use for role…" emits ``use_for_role``. "Suggest an offline
preset" runs ``closest_presets`` as the job ``clone-closest`` with its progress.

Must not live here: what MiniMax accepts (``studio.actions.voices``), decoding and loudness
(``studio.audio``, reached through ``clip_view.analyse_clip``), the voice library panel.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QMimeData, Qt, QUrl, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.actions import ActionError
from studio.actions.voices import (
    CloneOutcome,
    CloneProblem,
    CloneRefused,
    CloneRequest,
    check_clone,
    clone,
    closest_presets,
    generate_voice_id,
    sample_text,
)
from studio.engines.speech import EngineError
from studio.library import PreviewCache, VoiceLibrary
from studio.ui.clip_view import (
    ClipView,
    JobBar,
    OutcomeBar,
    analyse_clip,
    sentence_label,
    show_problem,
    size_text,
)
from studio.ui.tasks import TaskManager

log = logging.getLogger(__name__)

AUDIO_FILTER = "*.mp3 *.m4a *.wav *.MP3 *.M4A *.WAV"
W = TypeVar("W", bound=QWidget)
JOBS = ("clone", "clone-clip", "clone-check", "clone-closest", "clone-demo")


class CloneDialog(QDialog):
    voice_created = Signal(object)  # LibraryVoice
    use_for_role = Signal(str)  # voice id
    #: the folder of the last recording chosen while the app runs (the file button starts there)
    last_folder = ""

    def __init__(self, library: VoiceLibrary, engine: Callable[[], Any], tasks: TaskManager, player: Any,
                 cache: PreviewCache, parent: QWidget | None = None, settings: Any = None) -> None:
        super().__init__(parent)
        #: the app's settings (``last_clip_dir``: the folder is remembered from one start to the next)
        self.settings = settings
        if not CloneDialog.last_folder and settings is not None:
            saved = str(settings.get("last_clip_dir") or "")
            CloneDialog.last_folder = saved if saved and Path(saved).is_dir() else ""
        self.setObjectName("cloneDialog")
        self.setWindowTitle(self.tr("Clone a voice"))
        self.setAcceptDrops(True)
        self.library, self._engine, self.tasks, self.player, self.cache = library, engine, tasks, player, cache
        self.clip: Path | None = None
        self._unreadable = ""  # why the recording could not be decoded for display
        self.prompt_clip: Path | None = None
        self.problems: list[CloneProblem] = []
        self.checked = False  # ``problems`` belong to the form as it is now
        self.outcome: CloneOutcome | None = None
        self._id_touched = False
        self._generation = 0
        self._cloning = False
        self._file_dialog: QFileDialog | None = None
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self._recording_box())
        left.addWidget(self._prompt_box())
        left.addStretch(1)
        columns.addLayout(left, 3)
        columns.addWidget(self._voice_box(), 2)
        outer = QVBoxLayout(self)
        outer.addLayout(columns)
        outer.addLayout(self._bottom())
        self.resize(980, self.sizeHint().height())
        self._form_changed()

    # -- building -------------------------------------------------------------------------------------

    def _recording_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Recording of the speaker (10 seconds to 5 minutes)"), self)
        self.choose_button = _button(box, self.tr("Choose recording…"), "cloneChooseClip",
                                     lambda: self._choose_file(self.load_clip, self.tr("Choose a recording")))
        self.clip_view = ClipView(box)
        self.clip_view.selection_changed.connect(self._form_changed)
        self.audio_problem = sentence_label(box, "cloneAudioProblem")
        self.closest_button = _button(box, self.tr("Suggest an offline preset"), "cloneSuggestPreset",
                                      self.start_closest)
        self.closest_button.setToolTip(self.tr("Find the offline presets whose pitch and brightness are "
                                               "nearest to this recording. It is not a clone."))
        self.closest_job = JobBar(self.tasks, "cloneClosestJob", box)
        self.closest_results = _named(QLabel(box), "cloneClosestResults")
        self.closest_results.setWordWrap(True)
        lay = QVBoxLayout(box)
        lay.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.clip_view)
        lay.addWidget(self.audio_problem)
        lay.addWidget(self.closest_button, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.closest_job)
        lay.addWidget(self.closest_results)
        return box

    def _prompt_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Prompt clip (optional, under 8 seconds)"), self)
        self.prompt_button = _button(box, self.tr("Choose prompt clip…"), "cloneChoosePrompt",
                                     lambda: self._choose_file(self.set_prompt_clip, self.tr("Choose a prompt clip")))
        self.prompt_name = _named(QLabel(self.tr("none"), box), "clonePromptName")
        self.prompt_remove = _button(box, self.tr("Remove"), "cloneRemovePrompt", lambda: self.set_prompt_clip(None))
        self.prompt_remove.setEnabled(False)
        self.prompt_text = _named(QLineEdit(box), "clonePromptText", self._form_changed)
        self.prompt_text.setPlaceholderText(self.tr("Exactly what is said in the prompt clip"))
        self.prompt_problem = sentence_label(box, "clonePromptProblem")
        row = QHBoxLayout()
        row.addWidget(self.prompt_button)
        row.addWidget(self.prompt_name, 1)
        row.addWidget(self.prompt_remove)
        lay = QVBoxLayout(box)
        lay.addLayout(row)
        lay.addWidget(self.prompt_text)
        lay.addWidget(self.prompt_problem)
        return box

    def _voice_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("The new voice"), self)
        self.name = _named(QLineEdit(box), "cloneName", self._name_changed)
        self.name.setPlaceholderText(self.tr("e.g. Lin Xiaoyu"))
        self.name_problem = sentence_label(box, "cloneNameProblem")
        self.voice_id = _named(QLineEdit(box), "cloneVoiceId", self._form_changed)
        self.voice_id.setToolTip(self.tr("Made from the name; you may change it. 8 to 256 letters, digits, "
                                         "'-' or '_', starting with a letter and holding a digit."))
        self.voice_id.textEdited.connect(lambda text: setattr(self, "_id_touched", bool(text.strip())))
        self.id_problem = sentence_label(box, "cloneVoiceIdProblem")
        self.language = _named(QComboBox(box), "cloneLanguage")
        for code, label in (("zh", self.tr("Chinese (Mandarin)")), ("yue", self.tr("Cantonese")),
                            ("en", self.tr("English")), ("ja", self.tr("Japanese")), ("ko", self.tr("Korean"))):
            self.language.addItem(label, code)
        self.language.activated.connect(lambda _i: self.demo_text.setPlainText(sample_text(self.language.currentData())))
        self.gender = _named(QComboBox(box), "cloneGender")
        for label, value in ((self.tr("unknown"), None), (self.tr("female"), "female"), (self.tr("male"), "male")):
            self.gender.addItem(label, value)
        self.demo_text = _named(QPlainTextEdit(sample_text("zh"), box), "cloneDemoText", self._form_changed)
        self.demo_text.setMaximumHeight(64)
        self.demo_text.setToolTip(self.tr("The new voice says this as its demo; leave it empty for no demo."))
        self.transcript = _named(QLineEdit(box), "cloneTranscript", self._form_changed)
        self.transcript.setPlaceholderText(self.tr("Optional: what is said in the recording"))
        self.transcript.setToolTip(self.tr("MiniMax compares the recording with this text and refuses a "
                                           "clone that does not match."))
        self.accuracy = _named(QDoubleSpinBox(box), "cloneAccuracy")
        self.accuracy.setRange(0.1, 1.0)
        self.accuracy.setSingleStep(0.05)
        self.accuracy.setValue(0.7)
        self.accuracy.valueChanged.connect(self._form_changed)
        self.options_problem = sentence_label(box, "cloneOptionsProblem")
        self.noise_reduction = _named(QCheckBox(self.tr("Reduce background noise"), box), "cloneNoiseReduction")
        self.normalize = _named(QCheckBox(self.tr("Normalise the volume"), box), "cloneNormalize")
        form = QFormLayout()
        for label, widget in ((self.tr("Name:"), self.name), ("", self.name_problem),
                              (self.tr("Voice id:"), self.voice_id), ("", self.id_problem),
                              (self.tr("Language:"), self.language), (self.tr("Gender:"), self.gender),
                              (self.tr("Demo text:"), self.demo_text), (self.tr("Transcript:"), self.transcript),
                              (self.tr("Accuracy:"), self.accuracy), ("", self.options_problem),
                              ("", self.noise_reduction), ("", self.normalize)):
            form.addRow(label, widget)
        lay = QVBoxLayout(box)
        lay.addLayout(form)
        lay.addStretch(1)
        return box

    def _bottom(self) -> QVBoxLayout:
        self.consent = _named(QCheckBox(self.tr("I have this speaker's permission to clone their voice"), self),
                              "cloneConsent", self._form_changed)
        self.consent_problem = sentence_label(self, "cloneConsentProblem")
        self.problem_list = _named(QLabel(self), "cloneProblems")
        self.problem_list.setWordWrap(True)
        self.job = JobBar(self.tasks, "cloneJob", self)
        self.outcome_bar = OutcomeBar(self.tasks, self.player, "cloneOutcome", "clone-demo",
                                      self.tr("Play demo"), self.tr("Save demo as…"), self)
        self.outcome_bar.use_for_role.connect(self._use_for_role)
        self.clone_button = _button(self, self.tr("Clone"), "cloneStart", self.start_clone)
        self.clone_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.problem_list, 1)
        buttons.addWidget(self.clone_button)
        buttons.addWidget(_button(self, self.tr("Close"), "cloneClose", self.reject))
        lay = QVBoxLayout()
        for widget in (self.consent, self.consent_problem, self.job, self.outcome_bar):
            lay.addWidget(widget)
        lay.addLayout(buttons)
        return lay

    # -- the recording --------------------------------------------------------------------------------

    def _choose_file(self, then: Callable[[str], Any], title: str) -> None:
        """A non-modal file dialog in the last folder (or home); ``then(path)`` once a file is chosen."""
        start = CloneDialog.last_folder or str(Path.home())
        dialog = QFileDialog(self, title, start, self.tr("Audio (%1)").replace("%1", AUDIO_FILTER))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(then)
        self._file_dialog = dialog
        dialog.open()

    def _remember_folder(self, folder: Path) -> None:
        CloneDialog.last_folder = str(folder)
        if self.settings is not None:
            self.settings.set("last_clip_dir", str(folder))

    def load_clip(self, path: str | Path) -> asyncio.Task[None]:
        """Use ``path`` as the recording: its facts and waveform are read in a worker thread."""
        p = Path(path)
        self._remember_folder(p.parent)
        self.clip, self._unreadable = p, ""
        self.clip_view.show_facts(None, self.tr("%1: reading…").replace("%1", p.name))
        self.closest_results.clear()
        self._form_changed()
        return self.tasks.spawn("clone-clip", self._analyse(p))

    async def _analyse(self, path: Path) -> None:
        try:
            facts = await asyncio.to_thread(analyse_clip, path)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.info("could not read %s for display", path, exc_info=True)
            size = path.stat().st_size if path.is_file() else 0
            self.clip_view.show_facts(None, f"{path.name} · {size_text(size)}")
            self._unreadable = self.tr("%1 could not be read as audio: choose a recording (mp3, m4a or "
                                       "wav).").replace("%1", path.name)
            self._form_changed()
            return
        if path == self.clip:
            self.clip_view.show_facts(facts)
            self._form_changed()

    def set_prompt_clip(self, path: str | Path | None) -> None:
        self.prompt_clip = Path(path) if path else None
        if self.prompt_clip is not None:
            self._remember_folder(self.prompt_clip.parent)
        self.prompt_name.setText(self.prompt_clip.name if self.prompt_clip else self.tr("none"))
        self.prompt_remove.setEnabled(self.prompt_clip is not None)
        self._form_changed()

    @staticmethod
    def _dropped_file(mime: QMimeData) -> str | None:
        urls = [u for u in mime.urls() if isinstance(u, QUrl) and u.isLocalFile()]
        return urls[0].toLocalFile() if urls else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_file(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_file(event.mimeData())
        if path:
            event.acceptProposedAction()
            self.load_clip(path)

    # -- the form and its problems -----------------------------------------------------------------

    def _name_changed(self, text: str) -> None:
        if not self._id_touched:
            self.voice_id.setText(generate_voice_id(text) if text.strip() else "")
        self._form_changed()

    def request(self) -> CloneRequest:
        """The clone the form asks for now."""
        start, end = self.clip_view.trim()
        transcript = self.transcript.text().strip() or None
        return CloneRequest(
            audio=self.clip or Path(""), name=self.name.text(), consent=self.consent.isChecked(),
            voice_id=self.voice_id.text().strip() or None, trim_start=start, trim_end=end,
            prompt_audio=self.prompt_clip, prompt_text=self.prompt_text.text().strip() or None,
            preview_text=self.demo_text.toPlainText().strip() or None, transcript=transcript,
            accuracy=round(self.accuracy.value(), 2) if transcript else None,
            noise_reduction=self.noise_reduction.isChecked(), volume_normalization=self.normalize.isChecked(),
            language=self.language.currentData(), gender=self.gender.currentData())

    def _form_changed(self, *_: object) -> asyncio.Task[None]:
        """Check the form again (in a worker thread); the Clone button waits for the answer."""
        self._generation += 1
        self.checked = False
        self._update_buttons()
        no_clip = None if self.clip else self.tr("Choose a recording of the speaker: 10 seconds to 5 minutes "
                                                 "of speech (mp3, m4a or wav).")
        return self.tasks.spawn("clone-check", self._check(self.request(), no_clip, self._unreadable,
                                                            self._generation))

    async def _check(self, request: CloneRequest, no_clip: str | None, unreadable: str, generation: int) -> None:
        try:
            problems = await asyncio.to_thread(check_clone, request)
        except OSError as exc:  # unreadable (permissions, a vanished disk): a sentence, not a failed job
            problems = [CloneProblem("audio", "clip-unreadable", self.tr("The recording could not be read (%1).")
                                     .replace("%1", exc.strerror or str(exc)))]
        if no_clip:
            problems = [p for p in problems if p.field != "audio"]
            problems.insert(0, CloneProblem("audio", "no-clip", no_clip))
        elif unreadable and not any(p.field == "audio" for p in problems):
            problems.insert(0, CloneProblem("audio", "clip-unreadable", unreadable))
        if generation != self._generation:
            return
        self.problems, self.checked = problems, True
        self._show_problems()
        self._update_buttons()

    def _show_problems(self) -> None:
        def of(*fields: str) -> list[str]:
            return [p.sentence for p in self.problems if p.field in fields]

        show_problem(self.audio_problem, of("audio", "trim"))
        show_problem(self.prompt_problem, of("prompt_audio"))
        show_problem(self.name_problem, of("name"))
        show_problem(self.id_problem, of("voice_id"))
        show_problem(self.consent_problem, of("consent"))
        show_problem(self.options_problem, of("options"))
        needs = {"name": self.tr("a name"), "consent": self.tr("the speaker's permission"),
                 "voice_id": self.tr("a valid voice id"), "audio": self.tr("a usable recording"),
                 "trim": self.tr("a kept part of 10 seconds to 5 minutes"),
                 "prompt_audio": self.tr("a usable prompt clip"), "options": self.tr("valid options")}
        missing = ", ".join(dict.fromkeys(needs.get(p.field, p.field) for p in self.problems))
        self.problem_list.setText(self.tr("Clone needs %1: see the red sentences.").replace("%1", missing)
                                  if missing else self.tr("Ready: Clone uploads the recording to MiniMax."))
        self.clone_button.setToolTip("\n".join(p.sentence for p in self.problems))

    def _update_buttons(self) -> None:
        self.clone_button.setEnabled(self.checked and not self.problems and not self._cloning)
        self.closest_button.setEnabled(self.clip_view.facts is not None and not self.closest_job.job)

    # -- cloning ---------------------------------------------------------------------------------------

    def start_clone(self) -> asyncio.Task[None]:
        """Clone what the form asks for, as the job ``clone`` (Cancel stops it)."""
        return self.tasks.spawn("clone", self._clone(self.request()))

    async def _clone(self, request: CloneRequest) -> None:
        self._cloning = True
        self._update_buttons()
        self.job.start("clone", self.tr("Uploading the recording and cloning the voice; this can take a "
                                        "minute…"))
        try:
            engine = self._engine()
            outcome = await clone(engine, self.library, request, cache=self.cache)
        except asyncio.CancelledError:
            self.job.finish(self.tr("Cloning was cancelled."), problem=True)
            raise
        except CloneRefused as exc:
            self.problems, self.checked = exc.problems, True
            self._show_problems()
            self.job.finish(str(exc), problem=True)
            return
        except (ActionError, EngineError) as exc:
            self.job.finish(str(exc), problem=True)
            return
        except Exception as exc:  # a sentence rather than a traceback, whatever went wrong
            log.exception("cloning failed")
            self.job.finish(self.tr("Cloning failed (%1); nothing was added to the library.")
                            .replace("%1", str(exc) or type(exc).__name__), problem=True)
            return
        finally:
            self._cloning = False
            self._update_buttons()
        self.outcome = outcome
        voice = outcome.voice
        self.job.finish("")
        sentence = self.tr("“%1” is in your library as %2. MiniMax deletes a new voice that is not used "
                           "within 7 days (by %3): render a line with it before then.")
        self.outcome_bar.folder = CloneDialog.last_folder
        self.outcome_bar.show_voice(sentence.replace("%1", voice.name).replace("%2", voice.voice_id)
                                    .replace("%3", _date(voice.expires_at or 0.0)), voice.voice_id, self.demo_path())
        self.voice_created.emit(voice)
        if not self._id_touched:
            self._name_changed(self.name.text())  # a second clone needs a new id
        if self.outcome_bar.audio is not None:
            await self.outcome_bar._play()
        else:
            self.outcome_bar.say(self.tr("No demo text was given, so MiniMax made no demo."))

    def demo_path(self) -> Path | None:
        if self.outcome is None:
            return None
        if self.outcome.demo is not None and self.outcome.demo.path.is_file():
            return self.outcome.demo.path
        sample = self.outcome.voice.sample_path
        return Path(sample) if sample and Path(sample).is_file() else None

    def _use_for_role(self, voice_id: str) -> None:
        self.use_for_role.emit(voice_id)
        self.accept()

    # -- the closest offline preset --------------------------------------------------------------------

    def start_closest(self) -> asyncio.Task[None] | None:
        if self.clip is None or self.clip_view.facts is None:
            return None
        return self.tasks.spawn("clone-closest", self._closest(self.clip, self.language.currentData()))

    async def _closest(self, clip: Path, language: str) -> None:
        self.closest_results.clear()
        self.closest_job.start("clone-closest", self.tr("Measuring the offline presets (the first time takes "
                                                        "about a minute)…"))
        self._update_buttons()

        def progress(done: int, total: int) -> None:
            self.closest_job.step(done, total, self.tr("Measuring the offline presets: %1 of %2…")
                                  .replace("%1", str(done)).replace("%2", str(total)))

        try:
            matches = await closest_presets(clip, self.library, language=language, progress=progress)
        except asyncio.CancelledError:
            self.closest_job.finish(self.tr("The search for an offline preset was cancelled."))
            self._update_buttons()
            raise
        except (ActionError, EngineError) as exc:
            self.closest_job.finish(str(exc), problem=True)
            self._update_buttons()
            return
        self.closest_job.finish("")
        self._update_buttons()
        label = self.tr("closest offline match, not a clone")
        lines = [f"{m.name} ({m.engine}: {m.voice_id}) · {round(m.score * 100)} % · {label}" for m in matches]
        self.closest_results.setText("\n".join(lines) or self.tr("No offline preset could be compared."))

    # -- closing ---------------------------------------------------------------------------------------

    def done(self, result: int) -> None:
        """Closing the dialog stops its jobs (a clone in flight deletes what it uploaded)."""
        for name in JOBS:
            self.tasks.cancel(name)
        super().done(result)


def _date(epoch: float) -> str:
    import time

    return time.strftime("%Y-%m-%d %H:%M", time.localtime(epoch))


def _named(widget: W, name: str, changed: Callable[..., Any] | None = None) -> W:
    """``widget`` with its object name; ``changed`` is called when its text or state changes."""
    widget.setObjectName(name)
    if changed is not None:
        signal = getattr(widget, "textChanged", None) or getattr(widget, "toggled", None)
        signal.connect(changed)
    return widget


def _button(parent: QWidget, text: str, name: str, clicked: Callable[[], Any]) -> QPushButton:
    button = _named(QPushButton(text, parent), name)
    button.clicked.connect(lambda _checked=False: clicked())
    return button
