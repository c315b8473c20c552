"""Help ▸ About (version and licence) and Help ▸ Keyboard shortcuts (F1), a two-column table read from the
window's own actions, so the list cannot drift from the shortcuts that really work.

Must not live here: the shortcuts themselves (``window_menus`` sets them on the actions).
"""

from __future__ import annotations

import re
from importlib import metadata

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def version() -> str:
    try:
        return metadata.version("troupe")
    except metadata.PackageNotFoundError:
        from studio import __version__

        return __version__


def show_about(parent: QWidget) -> None:
    import platform

    from PySide6 import __version__ as qt_version

    what = QCoreApplication.translate("About", "A studio for AI-voiced short dramas, audio dramas and voice-overs: write, cast, render and export episodes.")  # noqa: E501
    licence = QCoreApplication.translate("About", "Licence: GNU General Public License, version 3 or later (GPL-3.0-or-later).")
    parts = QCoreApplication.translate("About", "The offline voice engine uses espeak-ng (GPL-3) and the Kokoro-82M weights (Apache-2.0).")
    text = (f"<h3>Troupe {version()}</h3><p>{what}</p><p>{licence}</p><p>{parts}</p>"
            f"<p>Qt {qt_version} · Python {platform.python_version()}</p>")
    box = QMessageBox(QMessageBox.Icon.NoIcon, QCoreApplication.translate("About", "About Troupe"), text, parent=parent)
    box.setObjectName("aboutDialog")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.open()


def _plain(text: str) -> str:
    """A menu text as a sentence: no mnemonic ("&New", "新建(&N)"), no trailing ellipsis."""
    text = re.sub(r"\(&\w\)", "", text)
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


class ShortcutsDialog(QDialog):
    """The shortcut of every action that has one, next to what it does."""

    def __init__(self, actions: list[QAction], extra: list[tuple[str, str]], parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = list(extra)
        for act in actions:
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in act.shortcuts() if not k.isEmpty()]
            if keys:
                rows.append((_plain(act.property("shortcutLabel") or act.text()), " / ".join(keys)))
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setObjectName("shortcutsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        for r, (what, keys) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(what))
            self.table.setItem(r, 1, QTableWidgetItem(keys))
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(480, 520)

    def rows(self) -> list[tuple[str, str]]:
        return [(self.table.item(r, 0).text(), self.table.item(r, 1).text()) for r in range(self.table.rowCount())]
