"""The question an import asks when a text script's encoding was a guess (it is not UTF-8 and has no
byte-order mark): which encoding it was read in, a preview of its first lines in the encoding chosen, and
the list to choose another (``studio.actions.importing.ENCODINGS``). Must not live here: when to ask and
how the script is read (``studio.actions.importing``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from studio.actions import importing


class EncodingDialog(QDialog):
    """Import the script in the encoding guessed, or in the one chosen here (``encoding()``)."""

    def __init__(self, path: str, guessed: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("encodingDialog")
        self.setWindowTitle(self.tr("Import script — encoding"))
        self.path = path
        layout = QVBoxLayout(self)
        said = QLabel(self.tr("“%1” is not UTF-8, so its encoding was guessed: it was read as %2. Check the "
                              "preview; if the text looks wrong, choose the file's encoding.")
                      .replace("%1", Path(path).name).replace("%2", guessed), self)
        said.setWordWrap(True)
        layout.addWidget(said)
        form = QFormLayout()
        self.choice = QComboBox(self)
        self.choice.setObjectName("encodingChoice")
        self.choice.setAccessibleName(self.tr("Encoding"))
        names = list(importing.ENCODINGS)
        if guessed not in names:
            names.insert(0, guessed)
        self.choice.addItems(names)
        self.choice.setCurrentText(guessed)
        form.addRow(self.tr("&Encoding:"), self.choice)
        layout.addLayout(form)
        self.preview = QPlainTextEdit(self)
        self.preview.setObjectName("encodingPreview")
        self.preview.setReadOnly(True)
        self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.preview.setMinimumSize(520, 220)
        layout.addWidget(self.preview)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("encodingImport")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.choice.currentTextChanged.connect(self._show_preview)
        self._show_preview(guessed)

    def encoding(self) -> str:
        return self.choice.currentText()

    def _show_preview(self, encoding: str) -> None:
        self.preview.setPlainText(importing.encoding_preview(self.path, encoding))
