"""The export dialog's Video choices in the window: checked as the video action checks them (a missing
picture, a file that is not the chosen kind, an episode that was not imported from a video), the audio-only
choices set aside; an upright video over a cover image exported from the dialog after rendering, measured
with ffprobe and reported; a dubbed episode exported over its own video frame for frame; choices
remembered."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from studio.actions import importing
from studio.domain.model import Delivery, ProjectSettings
from studio.formats.timed import read_video_script
from studio.store.project_file import ProjectStore
from studio.video.probe import count_frames
from tests.ui.conftest import Harness, wait_for
from tests.ui.test_export_dialog import _button, _open_dialog, _visible
from tests.video.test_compose import image, streams
from tests.videos import make_video

SRT = """1
00:00:00,300 --> 00:00:01,800
Lin: It is late.

2
00:00:02,000 --> 00:00:03,500
Chen: Then come inside.
"""


def _project(tmp: Path) -> Path:
    path = tmp / "rain.troupe"
    store = ProjectStore.create(path, "Rain", ProjectSettings(engine="espeak"))
    a = store.add_role("Lin", voices={"espeak": "female_lead"})
    b = store.add_role("Chen", voices={"espeak": "male_lead"})
    store.add_episode("One", "en", [(a.id, "It is late, and the rain goes on.", Delivery(), None),
                                    (b.id, "Then come inside.", Delivery(), None)])
    subs = tmp / "clip.srt"
    subs.write_text(SRT, encoding="utf-8")
    make_video(tmp / "clip.mp4", seconds=4, subtitles=subs)
    subs.unlink()
    importing.apply_import(store, importing.plan_import(store, read_video_script(tmp / "clip.mp4")))
    for role in store.roles():
        if not role.voices.get("espeak"):
            store.set_voice(role.id, "espeak", "female_lead")
    store.close()
    return path


@pytest.fixture
async def win(tmp_path: Path, qtbot: Any):
    h = Harness(_project(tmp_path))
    h.window.show()
    yield h
    await h.close()


async def test_video_choices_are_checked_as_the_action_checks_them(win: Harness, tmp_path: Path) -> None:
    dialog = await _open_dialog(win)
    assert not dialog.video_group.isChecked() and dialog.format_choice.isEnabled()
    dialog.folder_edit.setText(dialog.folder_edit.text() + "/")  # any change checks the choices again
    for widget in (dialog.picture_edit, dialog.picture_button, dialog.fit_choice, dialog.video_audio,
                   dialog.aspect_choice, dialog.picture_choice, dialog.karaoke):
        assert not widget.isEnabled(), widget.objectName()  # the Video box is off: its controls stay grey
    dialog.video_group.setChecked(True)
    assert not dialog.format_choice.isEnabled() and not dialog.stems.isEnabled()
    dialog.picture_choice.setCurrentIndex(dialog.picture_choice.findData("image"))
    assert not dialog.export_button.isEnabled() and "Choose the picture of the video" in dialog.problem.text()
    dialog.picture_edit.setText(str(tmp_path / "none.png"))
    assert "does not exist" in dialog.problem.text()
    dialog.picture_edit.setText(str(tmp_path / "clip.mp4"))
    assert "is not what the picture is set to" in dialog.problem.text()
    cover = image(tmp_path / "cover.png", "navy", size="90x160")
    dialog.picture_edit.setText(str(cover))
    assert dialog.export_button.isEnabled(), dialog.problem.text()
    assert dialog.name_preview.text() == "1 file(s): Rain-E01-en.mp4 with .srt"
    assert not dialog.video_audio.isEnabled()  # a cover image has no sound of its own
    dialog.me_edit.setText(str(tmp_path / "none.wav"))
    assert "music-and-effects track" in dialog.problem.text() and not dialog.export_button.isEnabled()
    dialog.me_edit.setText("")
    assert dialog.export_button.isEnabled()
    # the first episode was written here, not imported from a video: nothing to dub over
    dialog.picture_choice.setCurrentIndex(dialog.picture_choice.findData("source"))
    assert not dialog.picture_edit.isEnabled()
    assert "was not imported from a video" in dialog.problem.text() and not dialog.export_button.isEnabled()
    dialog.scope_some.setChecked(True)
    dialog.range_edit.setText("2")
    assert dialog.export_button.isEnabled(), dialog.problem.text()
    request = dialog.request()
    assert request is not None and request.options.backdrop.kind == "source"
    assert request.options.caption_style == "plain"
    dialog.karaoke.setChecked(True)
    request = dialog.request()
    assert request is not None and request.options.caption_style == "karaoke"
    dialog.bilingual.setChecked(True)
    choices = dialog.choices()
    assert choices["video"] and choices["picture_kind"] == "source" and choices["bilingual"]
    dialog.settings.set("export_choices", choices)  # what Export stores
    dialog.reject()
    await asyncio.sleep(0.05)
    again = await _open_dialog(win)
    assert again.video_group.isChecked() and again.bilingual.isChecked() and again.karaoke.isChecked()
    assert again.picture_choice.currentData() == "source"
    again.reject()


async def test_a_vertical_video_is_rendered_exported_and_reported(win: Harness, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    cover = image(tmp_path / "cover.png", "navy", size="90x160")
    dialog = await _open_dialog(win)
    dialog.folder_edit.setText(str(out))
    dialog.video_group.setChecked(True)
    dialog.picture_choice.setCurrentIndex(dialog.picture_choice.findData("image"))
    dialog.picture_edit.setText(str(cover))
    dialog.aspect_choice.setCurrentIndex(dialog.aspect_choice.findData("9:16"))
    dialog.preset_choice.setCurrentIndex(dialog.preset_choice.findData("short-video"))
    assert dialog.export_button.isEnabled(), dialog.problem.text()
    dialog.export_button.click()
    box = await _visible("exportUnrendered")
    _button(box, "Render first").click()
    report = await _visible("videoExportReport", 180)
    video = out / "Rain-E01-en.mp4"
    info = streams(video)
    assert (int(info["video"]["width"]), int(info["video"]["height"])) == (1080, 1920)
    assert info["audio"]["codec_name"] == "aac" and video.with_suffix(".srt").exists()
    assert report.table.rowCount() == 1 and report.table.item(0, 1).text().startswith("1080×1920")
    assert report.table.item(0, 5).text() == "2"
    assert "Exported" in win.window.statusBar().currentMessage() and "1080×1920" in \
        win.window.statusBar().currentMessage()
    report.close()


async def test_a_dub_is_exported_over_its_own_video_frame_for_frame(win: Harness, tmp_path: Path) -> None:
    from studio.actions import video as vid

    out = tmp_path / "dub"
    out.mkdir()
    dub_id = win.store.episodes()[1].id
    request = vid.check_video_batch(win.store, out, episodes="2", video=None, captions=True,
                                    x264_preset="ultrafast")
    await win.window.render.render_episodes([dub_id])
    report = await win.window.exports.run(request)
    assert report is not None and len(report.files) == 1
    result = report.files[0]
    assert count_frames(result.path) == count_frames(tmp_path / "clip.mp4")
    await wait_for(lambda: win.window.exports.report_dialog is not None)
    assert win.window.exports.report_dialog.objectName() == "videoExportReport"
