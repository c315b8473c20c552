"""The Add role dialog: a name and a gender, the gender guessed from the name and the script as the user
types (the user's choice wins), so auto-casting can give the role a voice of the right kind.

Must not live here: the guessing rules (``studio.domain.casting``), project edits (the cast panel).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from studio.domain.casting import guess_role_gender
from studio.session.project import ProjectSession


class RoleDialog(QDialog):
    accepted_role = Signal(str, object)  # name, gender ("female" | "male" | None)

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roleDialog")
        self.setWindowTitle(self.tr("Add role"))
        store = session.store
        self._texts = [ln.text for ep in store.episodes() for ln in store.lines(ep.id)]
        self._taken = {r.name for r in session.roles().values()}
        self._touched = False
        self.name = QLineEdit(self)
        self.name.setObjectName("roleName")
        self.name.textChanged.connect(self._name_changed)
        self.gender = QComboBox(self)
        self.gender.setObjectName("roleGender")
        self.gender.addItem(self.tr("unknown"), None)
        self.gender.addItem(self.tr("female"), "female")
        self.gender.addItem(self.tr("male"), "male")
        self.gender.activated.connect(lambda _i: setattr(self, "_touched", True))
        self.hint = QLabel(self)
        self.hint.setObjectName("roleHint")
        self.hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Gender:"), self.gender)
        form.addRow(self.hint)
        form.addRow(self.buttons)
        self._name_changed("")

    def _name_changed(self, text: str) -> None:
        name = text.strip()
        ok = bool(name) and name not in self._taken
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        if name in self._taken:
            self.hint.setText(self.tr("There is already a role called “%1”.").replace("%1", name))
            return
        self.hint.setText(self.tr("The gender helps auto-casting choose a fitting voice."))
        if not self._touched:
            guess = guess_role_gender(name, self._texts) if name else None
            self.gender.setCurrentIndex(max(0, self.gender.findData(guess)))

    def _accept(self) -> None:
        name = self.name.text().strip()
        if not name or name in self._taken:
            return
        self.accepted_role.emit(name, self.gender.currentData())
        self.accept()
