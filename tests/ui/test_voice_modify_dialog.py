"""The cast panel's MiniMax voice modify dialog: opened from the role's menu, the sliders and boxes move
together, OK sets the role's fields as one undo step, Cancel and Reset do what they say."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton, QSlider, QSpinBox

from studio.ui.voice_modify_dialog import VoiceModifyDialog

from .conftest import Harness


def _select(h: Harness, name: str) -> int:
    panel = h.window.cast_panel
    role = h.store.role_by_name(name)
    panel.select_role(role.id)
    assert panel.selected_role() is not None and panel.selected_role().id == role.id
    return role.id


def _answer(h: Harness, act) -> None:
    def later() -> None:
        dialog = h.window.cast_panel.modify_dialog
        assert isinstance(dialog, VoiceModifyDialog) and dialog.isVisible()
        act(dialog)
    QTimer.singleShot(0, later)


async def test_voice_modify_is_set_from_the_roles_menu_and_undone_in_one_step(harness: Harness) -> None:
    h = harness
    role_id = _select(h, "林晚")
    action = h.window.cast_panel.findChild(QAction, "roleVoiceModify")
    assert action is not None and "MiniMax" in action.text()
    seen: dict[str, int] = {}

    def set_values(dialog: VoiceModifyDialog) -> None:
        dialog.findChild(QSlider, "modify_pitchSlider").setValue(-35)  # the slider drives the box
        seen["pitch_box"] = dialog.findChild(QSpinBox, "modify_pitch").value()
        dialog.findChild(QSpinBox, "modify_timbre").setValue(20)
        dialog.accept()

    _answer(h, set_values)
    action.trigger()
    assert seen["pitch_box"] == -35
    d = h.store.role(role_id).delivery
    assert (d.modify_pitch, d.modify_intensity, d.modify_timbre) == (-35, None, 20)
    assert h.window.undo_stack.undoText().endswith("voice modify")
    cast = h.window.cast_panel.model
    tip = cast.data(cast.index(cast.row_of(role_id), cast.VOICE), Qt.ItemDataRole.ToolTipRole)
    assert "MiniMax voice modify: pitch -35, timbre +20" in tip
    h.window.undo_stack.undo()
    assert h.store.role(role_id).delivery.voice_modify() == {}
    h.window.undo_stack.redo()
    assert h.store.role(role_id).delivery.voice_modify() == {"pitch": -35, "timbre": 20}

    _select(h, "林晚")
    _answer(h, lambda dialog: (seen.update(cancelled=1), dialog.findChild(QSpinBox, "modify_pitch").setValue(90),
                               dialog.reject()))
    assert h.window.cast_panel.edit_voice_modify() is False  # Cancel changes nothing
    assert seen["cancelled"] == 1
    assert h.store.role(role_id).delivery.modify_pitch == -35

    def reset(dialog: VoiceModifyDialog) -> None:
        assert dialog.findChild(QSpinBox, "modify_pitch").value() == -35  # opens on the role's values
        dialog.findChild(QPushButton, "resetModify").click()
        assert all(box.value() == 0 for box in dialog.findChildren(QSpinBox))
        dialog.accept()

    _select(h, "林晚")
    _answer(h, reset)
    assert h.window.cast_panel.edit_voice_modify() is True
    assert h.store.role(role_id).delivery.voice_modify() == {}
