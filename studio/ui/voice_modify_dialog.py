"""The role's MiniMax voice modify: three sliders (deeper … brighter, stronger … softer, fuller … crisper),
each -100 to 100, 0 meaning unchanged. MiniMax applies them when it renders; the offline engines leave them
out, which the dialog says."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studio.domain.model import VOICE_MODIFY, Delivery


class VoiceModifyDialog(QDialog):
    """Edit ``delivery``'s ``modify_*`` fields; ``values()`` gives them back (None for 0)."""

    def __init__(self, role_name: str, delivery: Delivery, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("voiceModifyDialog")
        self.setWindowTitle(self.tr("Voice modify — %1").replace("%1", role_name))
        ends = {"pitch": (self.tr("Deeper"), self.tr("Brighter")),
                "intensity": (self.tr("Stronger"), self.tr("Softer")),
                "timbre": (self.tr("Fuller"), self.tr("Crisper"))}
        titles = {"pitch": self.tr("Pitch"), "intensity": self.tr("Intensity"), "timbre": self.tr("Timbre")}
        grid = QGridLayout()
        self.spins: dict[str, QSpinBox] = {}
        for row, name in enumerate(VOICE_MODIFY):
            low, high = ends[name]
            slider = QSlider(Qt.Orientation.Horizontal, self)
            slider.setObjectName(f"modify_{name}Slider")
            slider.setRange(-100, 100)
            slider.setPageStep(10)
            spin = QSpinBox(self)
            spin.setObjectName(f"modify_{name}")
            spin.setRange(-100, 100)
            spin.setAccessibleName(titles[name])
            slider.valueChanged.connect(spin.setValue)
            spin.valueChanged.connect(slider.setValue)
            spin.setValue(int(getattr(delivery, f"modify_{name}") or 0))
            grid.addWidget(QLabel(titles[name], self), row, 0)
            grid.addWidget(QLabel(low, self), row, 1, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(slider, row, 2)
            grid.addWidget(QLabel(high, self), row, 3)
            grid.addWidget(spin, row, 4)
            self.spins[name] = spin
        grid.setColumnMinimumWidth(2, 220)
        note = QLabel(self.tr("MiniMax changes the voice this way when it renders the role's lines (0: as the "
                              "voice is). The offline engines speak the voice as it is."), self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        reset = QPushButton(self.tr("Reset"), self)
        reset.setObjectName("resetModify")
        reset.clicked.connect(lambda: [s.setValue(0) for s in self.spins.values()])
        buttons.addButton(reset, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def values(self) -> dict[str, int | None]:
        return {f"modify_{name}": (spin.value() or None) for name, spin in self.spins.items()}
