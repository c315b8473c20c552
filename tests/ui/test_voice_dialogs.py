"""The clone, design and blend dialogs against the fake MiniMax server, on the qasync loop.

Signals are awaited through futures (no nested Qt loop inside a coroutine); every request the fake
receives is recorded, so "nothing was sent" is checked on the server's side.
"""
# ruff: noqa: F811  (the fake_minimax fixture is imported, then named by the tests that use it)

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile
from PySide6.QtCore import QMimeData, QObject, QPoint, QPointF, Qt, QUrl, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog

from studio.actions import voices as actions
from studio.domain.render_key import SpeechRequest
from studio.engines.minimax.client import RetryPolicy
from studio.engines.minimax.engine import MiniMaxEngine
from studio.engines.minimax.ratelimit import RateLimits
from studio.engines.speech import EngineError
from studio.library import CONSENT_STATEMENT, PreviewCache, VoiceLibrary
from studio.ui.blend_dialog import BlendDialog
from studio.ui.clone_dialog import CloneDialog
from studio.ui.design_dialog import DesignDialog
from studio.ui.tasks import TaskManager
from tests.fake_minimax.fixture import fake_minimax  # noqa: F401
from tests.fake_minimax.server import FakeMiniMax
from tests.ui.conftest import wait_for

CLONE = "/v1/voice_clone"
T2A = "/v1/t2a_v2"


class FakePlayer(QObject):
    """Records what it is asked to play; ``ok=False`` is a machine without an audio device."""

    position_changed = Signal(int)
    state_changed = Signal(str)
    finished = Signal()

    def __init__(self, ok: bool = True) -> None:
        super().__init__()
        self.ok = ok
        self.played: list[tuple[int, int]] = []  # (samples, rate)
        self.streams: list[int] = []  # rates of play_stream calls
        self.fed = 0

    def available(self) -> bool:
        return self.ok

    @property
    def unavailable_reason(self) -> str:
        return "" if self.ok else "No audio output device was found; playback is off."

    def play(self, samples: Any, rate: int, start_ms: int = 0) -> None:
        self.played.append((len(samples), rate))

    def play_stream(self, rate: int, max_seconds: float = 600.0) -> bool:
        self.streams.append(rate)
        return self.ok

    def feed(self, samples: Any) -> None:
        self.fed += len(samples)

    def end_stream(self) -> None:
        pass

    def level(self) -> float:
        return 0.1

    def stop(self) -> None:
        pass


@pytest.fixture(autouse=True)
def _no_real_minimax(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("MINIMAX_API_KEY", "MINIMAX_API_HOST", "MINIMAX_GROUP_ID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("studio.engines.minimax.config._keyring_get", lambda: None)


@pytest.fixture
async def engine(fake_minimax: FakeMiniMax) -> AsyncIterator[MiniMaxEngine]:
    eng = MiniMaxEngine(api_key=fake_minimax.api_key, host=fake_minimax.url, limits=RateLimits(window=60.0),
                        retry=RetryPolicy(max_attempts=2, base_delay=0.01, max_delay=0.02))
    yield eng
    await eng.aclose()


@pytest.fixture
def library(tmp_path: Path) -> VoiceLibrary:
    return VoiceLibrary(tmp_path / "voices")


@pytest.fixture
def cache(library: VoiceLibrary) -> PreviewCache:
    return PreviewCache(library.folder / "previews")


@pytest.fixture
async def tasks() -> AsyncIterator[TaskManager]:
    manager = TaskManager()
    yield manager
    await manager.shutdown()


@pytest.fixture
def player() -> FakePlayer:
    return FakePlayer()


@pytest.fixture
def make_clone(library: VoiceLibrary, engine: MiniMaxEngine, tasks: TaskManager, player: FakePlayer,
               cache: PreviewCache, qtbot: Any) -> Callable[..., CloneDialog]:
    def make(engine_factory: Callable[[], Any] | None = None, with_player: Any = None,
             settings: Any = None) -> CloneDialog:
        dialog = CloneDialog(library, engine_factory or (lambda: engine), tasks, with_player or player, cache,
                             settings=settings)
        qtbot.addWidget(dialog)
        dialog.open()
        return dialog

    return make


def speech(path: Path, seconds: float, rate: int = 16000) -> Path:
    """A voice-like clip: a 150 Hz harmonic tone with a slow wobble, written with numpy."""
    t = np.arange(int(seconds * rate)) / rate
    phase = 2 * np.pi * np.cumsum(150 + 10 * np.sin(2 * np.pi * 0.5 * t)) / rate
    wave = sum((0.3 / k) * np.sin(k * phase) for k in range(1, 8))
    soundfile.write(str(path), np.asarray(wave, dtype=np.float32), rate, format="WAV")
    return path


def big_file(path: Path) -> Path:
    """A 25 MB WAV (silence at 16 kHz)."""
    frames = (25 * 1024 * 1024) // 2
    with soundfile.SoundFile(str(path), "w", 16000, 1, "PCM_16", format="WAV") as out:
        out.write(np.zeros(frames, dtype=np.int16))
    return path


def text_as_mp3(path: Path) -> Path:
    path.write_text("Meeting notes: call Lin about the recording session on Friday.\n" * 40, encoding="utf-8")
    return path


def future_of(signal: Any) -> asyncio.Future[Any]:
    fut: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    signal.connect(lambda *args: fut.done() or fut.set_result(args[0] if len(args) == 1 else args))
    return fut


async def checked(dialog: CloneDialog) -> None:
    """Wait until the form has been checked as it is now."""
    await wait_for(lambda: dialog.checked, 30)


async def filled(dialog: CloneDialog, clip: Path, *, consent: bool = True, name: str = "Lin Xiaoyu") -> None:
    await dialog.load_clip(clip)
    dialog.name.setText(name)
    dialog.consent.setChecked(consent)
    await checked(dialog)


# --- cloning -------------------------------------------------------------------------------------------

async def test_a_dropped_20_second_clip_shows_its_duration_loudness_and_waveform(
        make_clone: Callable[..., CloneDialog], tmp_path: Path) -> None:
    dialog = make_clone()
    clip = speech(tmp_path / "lin.wav", 20.0)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(clip))])
    enter = QDragEnterEvent(QPoint(40, 40), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    assert QApplication.sendEvent(dialog, enter) and enter.isAccepted()
    drop = QDropEvent(QPointF(40, 40), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(dialog, drop)
    await wait_for(lambda: dialog.clip_view.facts is not None, 30)
    summary = dialog.clip_view.summary.text()
    assert "lin.wav" in summary and "00:20.0" in summary and "WAV" in summary and "LUFS" in summary
    assert dialog.clip_view.waveform.duration == pytest.approx(20.0, abs=0.01)
    assert dialog.clip_view.selection() == (0.0, pytest.approx(20.0, abs=0.01))
    assert "00:20.0" in dialog.clip_view.kept.text()
    assert CloneDialog.last_folder == str(tmp_path)


async def test_without_consent_clone_is_disabled_and_the_consent_problem_is_listed(
        make_clone: Callable[..., CloneDialog], fake_minimax: FakeMiniMax, tmp_path: Path) -> None:
    dialog = make_clone()
    await filled(dialog, speech(tmp_path / "lin.wav", 20.0), consent=False)
    assert [p.field for p in dialog.problems] == ["consent"]
    assert not dialog.clone_button.isEnabled()
    assert dialog.consent_problem.isVisible() and CONSENT_STATEMENT in dialog.consent_problem.text()
    assert "the speaker's permission" in dialog.problem_list.text()
    assert CONSENT_STATEMENT in dialog.clone_button.toolTip()
    dialog.consent.setChecked(True)
    await checked(dialog)
    assert dialog.problems == [] and dialog.clone_button.isEnabled() and not dialog.consent_problem.isVisible()
    assert fake_minimax.requests == []


async def test_a_clone_with_consent_keeps_the_voice_plays_its_demo_and_is_used_for_a_role(
        make_clone: Callable[..., CloneDialog], library: VoiceLibrary, player: FakePlayer,
        fake_minimax: FakeMiniMax, qtbot: Any, tmp_path: Path) -> None:
    dialog = make_clone()
    await filled(dialog, speech(tmp_path / "lin.wav", 20.0))
    voice_id = dialog.voice_id.text()
    assert voice_id.startswith("Lin_Xiaoyu_") and not dialog.id_problem.isVisible()
    created = future_of(dialog.voice_created)
    qtbot.mouseClick(dialog.clone_button, Qt.MouseButton.LeftButton)
    voice = await asyncio.wait_for(created, 30)
    assert voice.voice_id == voice_id and voice.kind == "cloned" and voice.name == "Lin Xiaoyu"
    assert voice.expires_at is not None and voice.days_left() == 7
    assert voice.consent is not None and voice.consent.statement == CONSENT_STATEMENT
    assert library.get(voice_id, "minimax") == voice
    assert len(fake_minimax.calls(CLONE)) == 1 and fake_minimax.calls(CLONE)[0].json["voice_id"] == voice_id
    await wait_for(lambda: bool(player.played), 10)
    assert voice_id in dialog.outcome_bar.sentence.text() and "7 days" in dialog.outcome_bar.sentence.text()
    used = future_of(dialog.use_for_role)
    qtbot.mouseClick(dialog.outcome_bar.role_button, Qt.MouseButton.LeftButton)
    assert await asyncio.wait_for(used, 5) == voice_id
    assert dialog.result() == QDialog.DialogCode.Accepted


async def test_without_an_audio_device_the_demo_is_ready_to_save(
        make_clone: Callable[..., CloneDialog], tmp_path: Path) -> None:
    silent = FakePlayer(ok=False)
    dialog = make_clone(with_player=silent)
    await filled(dialog, speech(tmp_path / "lin.wav", 12.0))
    created = future_of(dialog.voice_created)
    await dialog.start_clone()
    voice = await asyncio.wait_for(created, 5)
    bar = dialog.outcome_bar
    assert silent.played == [] and "No audio output device" in bar.note.text() and "Save demo as" in bar.note.text()
    assert bar.save_button.isVisible()
    target = tmp_path / "demo-copy.mp3"
    await bar.save(target)
    assert target.read_bytes() == Path(voice.sample_path).read_bytes()
    assert str(target) in bar.note.text()


@pytest.mark.parametrize("make, phrase", [
    (lambda d: speech(d / "short.wav", 7.0), "is 7.0 s long; it must be 10 seconds"),
    (lambda d: speech(d / "long.wav", 360.0, rate=8000), "trim it to at most 5 minutes"),
    (lambda d: big_file(d / "big.wav"), "MiniMax accepts at most 20 MB"),
    (lambda d: text_as_mp3(d / "notes.mp3"), "not really mp3 audio (it holds text"),
])
async def test_each_bad_clip_has_its_own_sentence_and_nothing_is_sent(
        make_clone: Callable[..., CloneDialog], library: VoiceLibrary, fake_minimax: FakeMiniMax,
        tmp_path: Path, make: Callable[[Path], Path], phrase: str) -> None:
    dialog = make_clone()
    await filled(dialog, make(tmp_path))
    assert [p.field for p in dialog.problems] == ["audio"]
    assert phrase in dialog.audio_problem.text() and dialog.audio_problem.isVisible()
    assert dialog.audio_problem.text().count("\n") == 0  # one sentence, not two
    assert "a usable recording" in dialog.problem_list.text() and phrase in dialog.clone_button.toolTip()
    assert not dialog.clone_button.isEnabled()
    await dialog.start_clone()  # even when asked directly, the action refuses before any upload
    assert phrase in dialog.job.status.text()
    assert fake_minimax.requests == [] and library.own_voices() == []


async def test_trimming_a_6_minute_clip_to_2_minutes_in_the_dialog_makes_it_acceptable(
        make_clone: Callable[..., CloneDialog], fake_minimax: FakeMiniMax, qtbot: Any, tmp_path: Path) -> None:
    dialog = make_clone()
    await filled(dialog, speech(tmp_path / "long.wav", 360.0, rate=8000))
    assert [p.code for p in dialog.problems] == ["clip-too-long"] and not dialog.clone_button.isEnabled()
    wave = dialog.clip_view.waveform
    y = wave.height() // 2
    qtbot.mousePress(wave, Qt.MouseButton.LeftButton, pos=QPoint(int(wave.x_for(360.0)) - 1, y))
    qtbot.mouseMove(wave, QPoint(int(wave.x_for(200.0)), y))
    qtbot.mouseRelease(wave, Qt.MouseButton.LeftButton, pos=QPoint(int(wave.x_for(120.0)), y))
    start, end = dialog.clip_view.selection()
    assert start == 0.0 and 118.0 < end < 122.0
    assert dialog.clip_view.end_spin.value() == pytest.approx(end, abs=0.05)
    dialog.clip_view.end_spin.setValue(120.0)  # the spin box moves the selection too
    assert dialog.clip_view.selection() == (0.0, 120.0) and "02:00.0" in dialog.clip_view.kept.text()
    await checked(dialog)
    assert dialog.problems == [] and dialog.clone_button.isEnabled()
    created = future_of(dialog.voice_created)
    await dialog.start_clone()
    voice = await asyncio.wait_for(created, 5)
    upload = fake_minimax.files[voice.uploaded_files[0].file_id]
    assert 119.9 < upload["duration"] < 120.1
    assert voice.source.trim_start_s == 0.0 and voice.source.trim_end_s == 120.0


async def test_cancel_stops_a_clone_and_no_voice_is_kept(
        make_clone: Callable[..., CloneDialog], library: VoiceLibrary, fake_minimax: FakeMiniMax,
        tasks: TaskManager, qtbot: Any, tmp_path: Path) -> None:
    dialog = make_clone()
    await filled(dialog, speech(tmp_path / "lin.wav", 12.0))
    fake_minimax.inject("slow", path=CLONE, seconds=3.0)
    job = dialog.start_clone()
    await wait_for(lambda: bool(fake_minimax.calls("/v1/files/upload")), 10)
    assert dialog.job.cancel.isVisible() and not dialog.clone_button.isEnabled()
    qtbot.mouseClick(dialog.job.cancel, Qt.MouseButton.LeftButton)
    with pytest.raises(asyncio.CancelledError):
        await job
    assert "cancelled" in dialog.job.status.text() and library.own_voices() == []
    assert tasks.get("clone") is None


async def test_an_engine_that_cannot_be_built_is_a_sentence(make_clone: Callable[..., CloneDialog],
                                                            tmp_path: Path) -> None:
    def no_key() -> Any:
        raise EngineError("No MiniMax key: add one in Settings (or run `troupe login`).")

    dialog = make_clone(engine_factory=no_key)
    await filled(dialog, speech(tmp_path / "lin.wav", 12.0))
    await dialog.start_clone()
    assert dialog.job.status.text().startswith("No MiniMax key") and dialog.clone_button.isEnabled()


async def test_the_file_button_starts_in_the_last_folder_and_loads_the_chosen_file(
        make_clone: Callable[..., CloneDialog], qtbot: Any, tmp_path: Path) -> None:
    folder = tmp_path / "recordings"
    folder.mkdir()
    CloneDialog.last_folder = str(folder)
    dialog = make_clone()
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    chooser = dialog._file_dialog
    assert chooser is not None and chooser.isVisible() and Path(chooser.directory().absolutePath()) == folder
    chooser.fileSelected.emit(str(speech(folder / "take.wav", 15.0)))
    chooser.close()
    await wait_for(lambda: dialog.clip_view.facts is not None, 30)
    assert "00:15.0" in dialog.clip_view.summary.text()


async def test_the_recordings_folder_is_remembered_from_one_start_to_the_next(
        make_clone: Callable[..., CloneDialog], tmp_path: Path) -> None:
    from studio.settings import Settings

    settings_path = tmp_path / "settings.json"
    folder = tmp_path / "voices of the cast"
    folder.mkdir()
    CloneDialog.last_folder = ""
    first = make_clone(settings=Settings(settings_path))
    await wait_for(lambda: True)
    first.load_clip(speech(folder / "lin.wav", 12.0))
    await wait_for(lambda: first.clip_view.facts is not None, 30)
    CloneDialog.last_folder = ""  # the app starts again
    second = make_clone(settings=Settings(settings_path))
    second.choose_button.click()
    chooser = second._file_dialog
    assert chooser is not None and Path(chooser.directory().absolutePath()) == folder
    chooser.close()


async def test_a_prompt_clip_needs_its_transcript_and_must_be_short(
        make_clone: Callable[..., CloneDialog], fake_minimax: FakeMiniMax, tmp_path: Path) -> None:
    dialog = make_clone()
    await filled(dialog, speech(tmp_path / "lin.wav", 20.0))
    dialog.set_prompt_clip(speech(tmp_path / "prompt.wav", 9.0))
    await checked(dialog)
    assert "shorter than 8 seconds" in dialog.prompt_problem.text() and not dialog.clone_button.isEnabled()
    dialog.set_prompt_clip(speech(tmp_path / "prompt.wav", 4.0))
    await checked(dialog)
    assert "exact transcript" in dialog.prompt_problem.text() and not dialog.clone_button.isEnabled()
    dialog.prompt_text.setText("你好，我是林晚。")
    await checked(dialog)
    assert dialog.problems == [] and not dialog.prompt_problem.isVisible()
    created = future_of(dialog.voice_created)
    await dialog.start_clone()
    voice = await asyncio.wait_for(created, 5)
    assert [f.purpose for f in voice.uploaded_files] == ["voice_clone", "prompt_audio"]
    assert fake_minimax.calls(CLONE)[0].json["clone_prompt"]["prompt_text"] == "你好，我是林晚。"


async def test_a_bad_voice_id_is_shown_as_it_is_typed(make_clone: Callable[..., CloneDialog], qtbot: Any,
                                                      tmp_path: Path) -> None:
    dialog = make_clone()
    await filled(dialog, speech(tmp_path / "lin.wav", 12.0))
    dialog.voice_id.clear()
    qtbot.keyClicks(dialog.voice_id, "bad id")
    await checked(dialog)
    assert [p.field for p in dialog.problems] == ["voice_id"] and "cannot be used" in dialog.id_problem.text()
    dialog.name.setText("Another name")  # the user's own id is kept
    assert dialog.voice_id.text() == "bad id"


async def test_the_offline_preset_suggestion_runs_with_progress_and_is_labelled(
        make_clone: Callable[..., CloneDialog], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from tests.actions.test_voices import ToneEngine

    tones = ToneEngine()
    steps: list[tuple[int, int]] = []

    async def with_tones(clip: Path, library: VoiceLibrary, **kw: Any) -> Any:
        given = kw.pop("progress")
        return await actions.closest_presets(clip, library, engine=tones,
                                             progress=lambda d, t: (steps.append((d, t)), given(d, t)), **kw)

    monkeypatch.setattr("studio.ui.clone_dialog.closest_presets", with_tones)
    dialog = make_clone()
    await dialog.load_clip(speech(tmp_path / "man.wav", 6.0))
    await dialog.start_closest()
    assert steps and steps[-1][0] == steps[-1][1]
    text = dialog.closest_results.text()
    assert "closest offline match, not a clone" in text and len(text.splitlines()) == 3


# --- design --------------------------------------------------------------------------------------------

async def test_design_plays_the_trial_and_keeps_the_voice_with_its_prompt(
        library: VoiceLibrary, engine: MiniMaxEngine, tasks: TaskManager, player: FakePlayer,
        cache: PreviewCache, fake_minimax: FakeMiniMax, qtbot: Any) -> None:
    dialog = DesignDialog(library, lambda: engine, tasks, player, cache)
    qtbot.addWidget(dialog)
    dialog.open()
    assert not dialog.try_button.isEnabled() and "prompt is empty" in dialog.prompt_problem.text()
    dialog.examples.setCurrentIndex(1)
    dialog.examples.activated.emit(1)
    prompt = dialog.prompt.toPlainText()
    assert prompt == "温柔的年轻女性，语速稍慢，适合甜宠短剧的女主角" and dialog.try_button.isEnabled()
    dialog.name.setText("甜宠女主")
    created = future_of(dialog.voice_created)
    qtbot.mouseClick(dialog.try_button, Qt.MouseButton.LeftButton)
    voice = await asyncio.wait_for(created, 10)
    await wait_for(lambda: bool(player.played), 10)
    kept = library.get(voice.voice_id, "minimax")
    assert kept is not None and kept.kind == "designed" and kept.prompt == prompt and kept.name == "甜宠女主"
    assert fake_minimax.calls("/v1/voice_design")[0].json["prompt"] == prompt
    assert "Saved in your library" in dialog.outcome_bar.sentence.text() and prompt in dialog.kept.text()
    assert dialog.try_button.text() == "Design again"
    again = future_of(dialog.voice_created)
    await dialog.start_design()
    second = await asyncio.wait_for(again, 5)
    assert second.voice_id != voice.voice_id and second.prompt == prompt and second.name == "甜宠女主 (2)"
    assert dialog.try_list.count() == 2 and dialog.chosen() == second
    used = future_of(dialog.use_for_role)
    qtbot.mouseClick(dialog.outcome_bar.role_button, Qt.MouseButton.LeftButton)
    assert await asyncio.wait_for(used, 5) == second.voice_id


async def test_a_too_long_preview_text_is_a_sentence_by_its_field(
        library: VoiceLibrary, engine: MiniMaxEngine, tasks: TaskManager, player: FakePlayer,
        cache: PreviewCache, qtbot: Any) -> None:
    dialog = DesignDialog(library, lambda: engine, tasks, player, cache)
    qtbot.addWidget(dialog)
    dialog.prompt.setPlainText("A gravelly middle-aged man, slow and menacing, a villain in a thriller")
    dialog.preview_text.setPlainText("字" * 501)
    assert "at most 500" in dialog.preview_problem.text() and not dialog.try_button.isEnabled()
    assert dialog.prompt_problem.text() == ""


# --- blend ---------------------------------------------------------------------------------------------

@pytest.fixture
async def minimax_voices(library: VoiceLibrary, engine: MiniMaxEngine) -> list[Any]:
    await actions.refresh(library, ["minimax"], engines=lambda name: engine)
    return library.voices("minimax")


async def test_a_70_30_blend_previews_saves_and_renders_as_timbre_weights(
        library: VoiceLibrary, engine: MiniMaxEngine, tasks: TaskManager, player: FakePlayer,
        cache: PreviewCache, fake_minimax: FakeMiniMax, minimax_voices: list[Any], qtbot: Any) -> None:
    dialog = BlendDialog(library, lambda: engine, tasks, player, cache, minimax_voices)
    qtbot.addWidget(dialog)
    dialog.open()
    for row, (voice_id, weight) in zip(dialog.rows, (("female-shaonv", 70), ("male-qn-jingying", 30)), strict=True):
        row.voice.setCurrentIndex(row.voice.findData(voice_id))
        row.weight.setValue(weight)
    spec = "mix:female-shaonv*70+male-qn-jingying*30"
    assert dialog.spec.text() == spec and dialog.parts_problem.text() == ""
    assert not dialog.save_button.isEnabled() and "name" in dialog.name_problem.text()
    await dialog.start_preview()
    assert player.streams and player.fed > 0
    sent = fake_minimax.calls(T2A)[-1].json
    assert sent["stream"] is True and [w["weight"] for w in sent["timbre_weights"]] == [70, 30]
    dialog.name.setText("Mixed lead")
    created = future_of(dialog.voice_created)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    voice = await asyncio.wait_for(created, 5)
    assert voice.voice_id == spec and voice.kind == "blend" and library.get(spec, "minimax") == voice
    await engine.synthesize(SpeechRequest(engine="minimax", voice_id=voice.voice_id, text="你好。"))
    body = fake_minimax.calls(T2A)[-1].json
    assert body["timbre_weights"] == [{"voice_id": "female-shaonv", "weight": 70},
                                      {"voice_id": "male-qn-jingying", "weight": 30}]
    used = future_of(dialog.use_for_role)
    qtbot.mouseClick(dialog.outcome_bar.role_button, Qt.MouseButton.LeftButton)
    assert await asyncio.wait_for(used, 5) == spec


async def test_blend_problems_are_shown_live_and_block_saving(
        library: VoiceLibrary, engine: MiniMaxEngine, tasks: TaskManager, player: FakePlayer,
        cache: PreviewCache, fake_minimax: FakeMiniMax, minimax_voices: list[Any], qtbot: Any) -> None:
    dialog = BlendDialog(library, lambda: engine, tasks, player, cache, minimax_voices)
    qtbot.addWidget(dialog)
    dialog.name.setText("Twice")
    dialog.set_row(0, "female-shaonv", 50)
    dialog.set_row(1, "female-shaonv", 50)
    assert "twice" in dialog.parts_problem.text() and dialog.spec.text() == "—"
    assert not dialog.save_button.isEnabled() and not dialog.preview_button.isEnabled()
    dialog.rows[1].voice.setEditText("nobody at all")
    assert "Voice 2: pick one of the listed MiniMax voices." in dialog.parts_problem.text()
    for _ in range(3):
        dialog.add_button.click()
    assert len(dialog.rows) == 4 and not dialog.add_button.isEnabled()
    assert dialog.save() is None and fake_minimax.calls(T2A) == []
