"""The Design a voice dialog (objectName ``designDialog``): a MiniMax voice made from a description.

The user describes the voice (or picks one of the example prompts: age, gender, timbre, pace, scene, in
Chinese and English), gives the preview text and a name, and presses Try: ``design`` runs as the
TaskManager job ``design`` (cancellable), the voice is saved in the library with its prompt (the action
does that; the dialog says so), and its trial audio plays. "Design again" designs once more from the kept
prompt (edited or not): each try is its own voice, listed in the dialog, and "Use for role…" emits the
chosen one's id. ``check_design``'s sentences are shown live next to their fields.

Must not live here: what MiniMax accepts (``studio.actions.voices``), the voice library panel.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.actions import ActionError
from studio.actions.voices import DesignOutcome, check_design, design, sample_text
from studio.engines.speech import EngineError
from studio.library import LibraryVoice, PreviewCache, VoiceLibrary
from studio.ui.clip_view import JobBar, OutcomeBar, sentence_label, show_problem
from studio.ui.tasks import TaskManager

log = logging.getLogger(__name__)

PREVIEW_MAX_CHARS = 500
#: Example descriptions to start from. They are what is sent to MiniMax, so they are kept as written
#: (in their own language) rather than translated with the interface.
EXAMPLE_PROMPTS = (
    "温柔的年轻女性，语速稍慢，适合甜宠短剧的女主角",
    "低沉沙哑的中年男性，语速缓慢，带着压迫感，适合悬疑剧的反派",
    "清亮活泼的少女，十六七岁，语速偏快，适合校园喜剧",
    "冷静干练的职场女性，三十岁左右，吐字清晰，适合霸总短剧的女秘书",
    "嗓音温厚的老年男性，语速平缓，适合纪录片旁白",
    "A gravelly middle-aged man, slow and menacing, a villain in a thriller",
    "A warm young woman, soft and a little breathy, speaking slowly, the lead of a sweet romance",
    "A bright ten-year-old boy, quick and cheerful, in a family comedy",
    "A calm elderly woman with a clear voice and an unhurried pace, telling a fairy tale at bedtime",
    "An energetic male sports announcer in his thirties, fast and punchy, in a full stadium",
)
JOBS = ("design", "design-audio")


class DesignDialog(QDialog):
    voice_created = Signal(object)  # LibraryVoice
    use_for_role = Signal(str)  # voice id

    def __init__(self, library: VoiceLibrary, engine: Callable[[], Any], tasks: TaskManager, player: Any,
                 cache: PreviewCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("designDialog")
        self.setWindowTitle(self.tr("Design a voice"))
        self.library, self._engine, self.tasks, self.player, self.cache = library, engine, tasks, player, cache
        self.tries: list[DesignOutcome] = []
        self.kept_prompt = ""
        self._designing = False
        self.examples = QComboBox(self)
        self.examples.setObjectName("designExamples")
        self.examples.addItem(self.tr("Start from an example…"), "")
        for prompt in EXAMPLE_PROMPTS:
            self.examples.addItem(prompt, prompt)
        self.examples.activated.connect(self._example_chosen)
        self.prompt = QPlainTextEdit(self)
        self.prompt.setObjectName("designPrompt")
        self.prompt.setPlaceholderText(self.tr("Describe the voice: age, gender, timbre, pace, and the scene or "
                                               "role it is for."))
        self.prompt.setMaximumHeight(90)
        self.prompt.textChanged.connect(self._form_changed)
        self.prompt_problem = sentence_label(self, "designPromptProblem")
        self.preview_text = QPlainTextEdit(sample_text("zh"), self)
        self.preview_text.setObjectName("designPreviewText")
        self.preview_text.setMaximumHeight(70)
        self.preview_text.textChanged.connect(self._form_changed)
        self.preview_count = QLabel(self)
        self.preview_count.setObjectName("designPreviewCount")
        self.preview_problem = sentence_label(self, "designPreviewProblem")
        self.name = QLineEdit(self)
        self.name.setObjectName("designName")
        self.name.setPlaceholderText(self.tr("e.g. Sweet lead"))
        self.language = QComboBox(self)
        self.language.setObjectName("designLanguage")
        for code, label in (("zh", self.tr("Chinese (Mandarin)")), ("yue", self.tr("Cantonese")),
                            ("en", self.tr("English")), ("ja", self.tr("Japanese")), ("ko", self.tr("Korean"))):
            self.language.addItem(label, code)
        self.language.activated.connect(
            lambda _i: self.preview_text.setPlainText(sample_text(self.language.currentData())))
        self.gender = QComboBox(self)
        self.gender.setObjectName("designGender")
        for label, value in ((self.tr("unknown"), None), (self.tr("female"), "female"), (self.tr("male"), "male")):
            self.gender.addItem(label, value)
        self.kept = QLabel(self)
        self.kept.setObjectName("designKeptPrompt")
        self.kept.setWordWrap(True)
        self.kept.setTextFormat(Qt.TextFormat.PlainText)
        self.kept.setVisible(False)
        self.try_list = QListWidget(self)
        self.try_list.setObjectName("designTries")
        self.try_list.setMaximumHeight(84)
        self.try_list.setVisible(False)
        self.try_list.currentRowChanged.connect(self._try_chosen)
        self.job = JobBar(self.tasks, "designJob", self)
        self.outcome_bar = OutcomeBar(self.tasks, self.player, "designOutcome", "design-audio",
                                      self.tr("Play trial"), self.tr("Save trial as…"), self)
        self.outcome_bar.use_for_role.connect(self._use_for_role)
        self.try_button = QPushButton(self.tr("Try"), self)
        self.try_button.setObjectName("designTry")
        self.try_button.setDefault(True)
        self.try_button.setToolTip(self.tr("Design the voice and hear it; it is saved in your library."))
        self.try_button.clicked.connect(self.start_design)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Examples:"), self.examples)
        form.addRow(self.tr("Description:"), self.prompt)
        form.addRow(self.prompt_problem)
        form.addRow(self.tr("Preview text:"), self.preview_text)
        form.addRow("", self.preview_count)
        form.addRow(self.preview_problem)
        form.addRow(self.tr("Name:"), self.name)
        details = QHBoxLayout()
        details.addWidget(self.language)
        details.addWidget(QLabel(self.tr("Gender:"), self))
        details.addWidget(self.gender)
        details.addStretch(1)
        form.addRow(self.tr("Language:"), details)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.try_button)
        buttons.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.kept)
        lay.addWidget(self.try_list)
        lay.addWidget(self.job)
        lay.addWidget(self.outcome_bar)
        lay.addStretch(1)
        lay.addLayout(buttons)
        self.resize(720, self.sizeHint().height() + 120)
        self._form_changed()

    # -- the form --------------------------------------------------------------------------------------

    def _example_chosen(self, index: int) -> None:
        prompt = self.examples.itemData(index)
        if prompt:
            self.prompt.setPlainText(prompt)
            self.language.setCurrentIndex(max(0, self.language.findData("zh" if _chinese(prompt) else "en")))
            self.preview_text.setPlainText(sample_text(self.language.currentData()))

    def problems(self) -> list[str]:
        return check_design(self.prompt.toPlainText(), self.preview_text.toPlainText())

    def _form_changed(self) -> None:
        problems = self.problems()
        show_problem(self.prompt_problem, [p for p in problems if "prompt" in p])
        show_problem(self.preview_problem, [p for p in problems if "preview text" in p])
        count = len(self.preview_text.toPlainText())
        self.preview_count.setText(self.tr("%1 of %2 characters").replace("%1", str(count))
                                   .replace("%2", str(PREVIEW_MAX_CHARS)))
        self.try_button.setEnabled(not problems and not self._designing)

    # -- designing -------------------------------------------------------------------------------------

    def start_design(self) -> asyncio.Task[None]:
        """Design from the prompt as it is now (the kept one, after a first try), as the job ``design``."""
        number = len(self.tries) + 1
        name = self.name.text().strip()
        if name and number > 1:
            name = f"{name} ({number})"
        return self.tasks.spawn("design", self._design(self.prompt.toPlainText().strip(),
                                                       self.preview_text.toPlainText(), name))

    async def _design(self, prompt: str, preview_text: str, name: str) -> None:
        self._designing = True
        self._form_changed()
        self.job.start("design", self.tr("Designing the voice and its trial audio…"))
        try:
            engine = self._engine()
            outcome = await design(engine, self.library, prompt, preview_text, name=name or None,
                                   language=self.language.currentData(), gender=self.gender.currentData(),
                                   cache=self.cache)
        except asyncio.CancelledError:
            self.job.finish(self.tr("Designing was cancelled."), problem=True)
            raise
        except (ActionError, EngineError) as exc:
            self.job.finish(str(exc), problem=True)
            return
        except Exception as exc:  # a sentence rather than a traceback, whatever went wrong
            log.exception("designing failed")
            self.job.finish(self.tr("Designing failed (%1).").replace("%1", str(exc) or type(exc).__name__),
                            problem=True)
            return
        finally:
            self._designing = False
            self._form_changed()
        self.job.finish("")
        self.tries.append(outcome)
        self.kept_prompt = outcome.voice.prompt
        self.kept.setText(self.tr("Kept with the voice: “%1”. Design again makes another voice from this "
                                  "description; change it above to vary the voice.").replace("%1", self.kept_prompt))
        self.kept.setVisible(True)
        self.try_button.setText(self.tr("Design again"))
        item = QListWidgetItem(f"{outcome.voice.name} · {outcome.voice.voice_id}")
        self.try_list.addItem(item)
        self.try_list.setVisible(len(self.tries) > 1)
        self.try_list.blockSignals(True)
        self.try_list.setCurrentRow(len(self.tries) - 1)
        self.try_list.blockSignals(False)
        self._show_try(outcome)
        self.voice_created.emit(outcome.voice)
        await self.outcome_bar._play()

    def _show_try(self, outcome: DesignOutcome) -> None:
        voice = outcome.voice
        sentence = self.tr("Saved in your library as “%1” (%2), with its description. MiniMax deletes a new "
                           "voice that is not used within 7 days: render a line with it before then.")
        self.outcome_bar.show_voice(sentence.replace("%1", voice.name).replace("%2", voice.voice_id),
                                    voice.voice_id, _trial_path(outcome))

    def _try_chosen(self, row: int) -> None:
        if 0 <= row < len(self.tries):
            self._show_try(self.tries[row])

    def chosen(self) -> LibraryVoice | None:
        """The try shown (the latest unless another was picked from the list)."""
        row = self.try_list.currentRow()
        return self.tries[row].voice if 0 <= row < len(self.tries) else None

    def _use_for_role(self, voice_id: str) -> None:
        self.use_for_role.emit(voice_id)
        self.accept()

    def done(self, result: int) -> None:
        """Closing the dialog stops its jobs."""
        for name in JOBS:
            self.tasks.cancel(name)
        super().done(result)


def _trial_path(outcome: DesignOutcome) -> Path | None:
    if outcome.trial is not None and outcome.trial.path.is_file():
        return outcome.trial.path
    sample = outcome.voice.sample_path
    return Path(sample) if sample and Path(sample).is_file() else None


def _chinese(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)
