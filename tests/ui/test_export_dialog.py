"""The export dialog and its run from the window: choices checked as the export action checks them (Export
enabled exactly when the request is valid), remembered; a batch of episodes with subtitles and stems, the
unrendered lines rendered first after asking, files that exist replaced only when the user says so,
progress in the status bar, cancel, a report measured on the files, caption styles as one undo step."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pysubs2
import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from studio.domain.model import Delivery, ProjectSettings
from studio.store.project_file import ProjectStore
from tests.meters import ebur128
from tests.ui.conftest import Harness, wait_for


def _two_episodes(path: Path, lines_in_second: int = 2) -> Path:
    store = ProjectStore.create(path, "Rain", ProjectSettings(engine="espeak"))
    a = store.add_role("Lin", voices={"espeak": "female_lead"})
    b = store.add_role("Chen", voices={"espeak": "male_lead"})
    store.add_episode("One", "en", [(a.id, "It is late, and the rain goes on.", Delivery(), None),
                                    (b.id, "Then come inside.", Delivery(), None)])
    store.add_episode("Two", "en", [((a.id, b.id)[i % 2], f"Line number {i + 1} of the second night.", Delivery(),
                                     None) for i in range(lines_in_second)])
    store.close()
    return path


@pytest.fixture
async def two(tmp_path: Path, qtbot: Any):
    h = Harness(_two_episodes(tmp_path / "rain.troupe"))
    h.window.show()
    yield h
    await h.close()


async def _visible(name: str, timeout: float = 20.0) -> Any:
    found: list[Any] = []

    def look() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()]
        return bool(found)

    await wait_for(look, timeout)
    return found[0]


def _button(box: QMessageBox, text: str) -> Any:
    return next(b for b in box.buttons() if b.text() == text)


async def _open_dialog(h: Harness) -> Any:
    h.window.act_export.trigger()
    return await _visible("exportDialog")


async def test_the_dialog_checks_choices_as_the_action_does(two: Harness, tmp_path: Path) -> None:
    dialog = await _open_dialog(two)
    assert dialog.scope_this.isChecked() and Path(dialog.folder_edit.text()) == tmp_path
    assert dialog.export_button.isEnabled()
    assert dialog.format_choice.currentData() == "wav"  # the Settings' default format
    assert "1 file(s): Rain-E01-en.wav with .srt" == dialog.name_preview.text()
    dialog.format_choice.setCurrentIndex(dialog.format_choice.findData("mp3"))
    dialog.pattern_edit.setText("{series}-{oops}")
    assert not dialog.export_button.isEnabled() and "{oops}" in dialog.problem.text()
    dialog.pattern_edit.setText("{series}")
    dialog.scope_all.setChecked(True)
    assert not dialog.export_button.isEnabled() and "the same name" in dialog.problem.text()
    dialog.pattern_edit.setText("{nn}-{title}")
    dialog.scope_some.setChecked(True)
    dialog.range_edit.setText("3")
    assert "There is no episode 3; this project has 2." == dialog.problem.text()
    dialog.range_edit.setText("1-2")
    assert dialog.export_button.isEnabled() and "2 file(s): 01-One.mp3, 02-Two.mp3" in dialog.name_preview.text()
    dialog.folder_edit.setText(str(tmp_path / "missing"))
    assert "does not exist" in dialog.problem.text() and not dialog.export_button.isEnabled()
    dialog.folder_edit.setText(str(tmp_path))
    # a preset sets loudness and ceiling; Custom lets the user type them
    dialog.preset_choice.setCurrentIndex(dialog.preset_choice.findData("ebu-r128"))
    assert (dialog.lufs_spin.value(), dialog.peak_spin.value()) == (-23.0, -1.0) and not dialog.lufs_spin.isEnabled()
    dialog.preset_choice.setCurrentIndex(dialog.preset_choice.findData("custom"))
    assert dialog.lufs_spin.isEnabled()
    dialog.lufs_spin.setValue(-20.0)
    request = dialog.request()
    assert request is not None and request.options.lufs == -20.0 and len(request.items) == 2
    dialog.reject()
    await asyncio.sleep(0.05)
    # Cancel does not remember; Export does (checked on reopening)
    again = await _open_dialog(two)
    assert again.pattern_edit.text() == "{series}-E{nn}-{lang}"
    again.scope_all.setChecked(True)
    again.format_choice.setCurrentIndex(again.format_choice.findData("wav"))
    again.subtitle_boxes["ass"].setChecked(True)
    again.settings.set("export_choices", again.choices())  # what Export stores
    again.reject()
    await asyncio.sleep(0.05)
    third = await _open_dialog(two)
    assert third.scope_all.isChecked() and third.format_choice.currentData() == "wav"
    assert third.subtitle_boxes["ass"].isChecked() and third.subtitle_boxes["srt"].isChecked()
    third.reject()


async def test_a_batch_is_rendered_first_after_asking_then_exported_and_reported(two: Harness,
                                                                                tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dialog = await _open_dialog(two)
    dialog.scope_all.setChecked(True)
    dialog.folder_edit.setText(str(out))
    dialog.format_choice.setCurrentIndex(dialog.format_choice.findData("mp3"))
    for kind in ("srt", "ass"):
        dialog.subtitle_boxes[kind].setChecked(True)
    dialog.stems.setChecked(True)
    dialog.preset_choice.setCurrentIndex(dialog.preset_choice.findData("short-video"))
    dialog.export_button.click()
    box = await _visible("exportUnrendered")
    assert "4 line(s) are not rendered yet (in episode 1, 2)" in box.text()
    _button(box, "Render first").click()
    report = await _visible("exportReport", 120)
    assert report.table.rowCount() == 2
    for n in (1, 2):
        audio = out / f"Rain-E0{n}-en.mp3"
        assert audio.exists() and audio.with_suffix(".srt").exists() and audio.with_suffix(".ass").exists()
        assert sorted(p.name for p in (out / f"Rain-E0{n}-en.stems").iterdir()) == ["Chen.wav", "Lin.wav"]
        lufs, peak = ebur128(audio)  # an independent meter, on the file
        assert abs(lufs + 16) <= 0.5 and peak <= -1.0 + 0.2
        shown = report.table.item(n - 1, 2).text()
        assert abs(float(shown.split()[0]) - lufs) <= 0.3
    assert pysubs2.load(str(out / "Rain-E01-en.ass")).styles["Lin"]
    assert not two.window.status.export_progress.isVisible()
    assert two.session.episode.counts().stale == 0  # the open episode's rows show the takes
    assert report.open_button.text() == "Open folder"
    report.close()
    # again: the files exist, so the user is asked; Cancel leaves them as they are
    before = {p: p.stat().st_mtime_ns for p in out.glob("*.mp3")}
    dialog = await _open_dialog(two)
    assert dialog.scope_all.isChecked()
    dialog.export_button.click()
    box = await _visible("exportReplace")
    assert "already exist" in box.text() and "Rain-E01-en.mp3" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    await wait_for(lambda: not two.window.exports.busy)
    assert {p: p.stat().st_mtime_ns for p in out.glob("*.mp3")} == before
    assert "unchanged" in two.window.statusBar().currentMessage()


async def test_leaving_unrendered_lines_out_is_said_and_counted(two: Harness, tmp_path: Path) -> None:
    from studio.actions import export as exporting

    line = two.store.lines(two.session.episode.episode_id)[0]
    await two.window.render.render_lines([line.id])
    request = exporting.check_batch(two.store, tmp_path, episodes="1", format="wav", subtitles="srt")
    report = await two.window.exports.run(request, unrendered="leave")
    assert report is not None and [len(f.missing) for f in report.files] == [1]
    assert two.window.exports.report_dialog.table.item(0, 4).text() == "1 (1 left out)"
    srt = (tmp_path / "Rain-E01-en.srt").read_text(encoding="utf-8")
    assert "It is late" in srt and "come inside" not in srt


async def test_cancel_stops_the_batch_and_keeps_what_was_finished(tmp_path: Path, qtbot: Any) -> None:
    from studio.actions import export as exporting
    from studio.actions.render import render

    path = _two_episodes(tmp_path / "long.troupe", lines_in_second=60)
    with ProjectStore.open(path) as store:
        from studio.engines.espeak import EspeakEngine

        await render(store, EspeakEngine(), [e.id for e in store.episodes()])
    h = Harness(path)
    h.window.show()
    try:
        request = exporting.check_batch(h.store, tmp_path, episodes="all", format="flac", subtitles="srt")
        seen: list[float] = []

        def heard(fraction: float, _text: str) -> None:
            seen.append(fraction)
            if h.window.status.export_progress.isVisible() and \
                    h.window.status.export_progress.format().startswith("Exporting Rain-E02"):
                h.window.status.cancel_export.click()

        h.window.exports.progress.connect(heard)
        report = await h.window.exports.run(request)
        assert report is not None and report.cancelled
        assert [f.number for f in report.files] == [1] and (tmp_path / "Rain-E01-en.flac").exists()
        assert not (tmp_path / "Rain-E02-en.flac").exists() and not (tmp_path / "Rain-E02-en.srt").exists()
        assert seen[-1] < 0 and not h.window.status.cancel_export.isVisible()
        assert "cancelled" in h.window.statusBar().currentMessage()
    finally:
        await h.close()


async def test_caption_styles_are_one_undo_step(two: Harness) -> None:
    dialog = await _open_dialog(two)
    dialog.styles_button.click()
    styles = await _visible("captionStylesDialog")
    lin = next(r for r in two.store.roles() if r.name == "Lin")
    styles.set_position(lin.id, "top")
    styles.set_colour(lin.id, "#ffcc00")
    styles.accept()
    await wait_for(lambda: two.store.settings.caption_styles != {})
    assert two.store.settings.caption_styles == {str(lin.id): {"colour": "#ffcc00", "position": "top"}}
    assert two.window.undo_stack.undoText() == "Caption styles"
    two.window.undo_stack.undo()
    assert two.store.settings.caption_styles == {}
    dialog.reject()


def test_lengths_read_as_minutes_and_seconds() -> None:
    from studio.ui.export_flow import clock

    assert [clock(ms) for ms in (0, 59_300, 59_960, 119_300, 3_600_000)] == ["0:00.0", "0:59.3", "1:00.0", "1:59.3",
                                                                           "60:00.0"]
