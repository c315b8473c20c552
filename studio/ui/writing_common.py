"""Pieces every page of the writing room uses: the sentence that says a chat model is needed (with the
button that opens Settings), the page's notice line, and review tables set up alike.

Must not live here: what a page asks the model, store writes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QWidget,
)

PROBLEM_STYLE = "color: #a52a2a;"
BANNER_STYLE = ("QFrame#needsChatModel { background: #fff4d6; border: 1px solid #e2c27a; border-radius: 4px; }")


def needs_chat_model(what: str) -> str:
    """The writing actions' ``NeedsChatModelError`` sentence in the UI's language (``what``: "Generating",
    already translated)."""
    return QCoreApplication.translate(
        "ChatBanner", "%1 needs a chat model: add a MiniMax key in Settings or set an OpenAI-compatible "
                      "base URL.").replace("%1", what)


class ChatBanner(QFrame):
    """"Generating needs a chat model: …" and an Open Settings button; hidden while a model is configured."""

    def __init__(self, open_settings: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("needsChatModel")
        self.setStyleSheet(BANNER_STYLE)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        self.text = QLabel(self)
        self.text.setObjectName("needsChatModelText")
        self.text.setWordWrap(True)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.settings_button = QPushButton(self.tr("Open Settings…"), self)
        self.settings_button.setObjectName("openSettings")
        self.settings_button.clicked.connect(lambda _c=False: open_settings())
        layout.addWidget(self.text, 1)
        layout.addWidget(self.settings_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def show_need(self, what: str) -> None:
        self.text.setText(needs_chat_model(what))
        self.show()


class Notice(QLabel):
    """One sentence under a page: what happened, what to do next (problems in a darker red)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem = False

    def say(self, text: str, *, problem: bool = False) -> None:
        self.problem = problem and bool(text)
        self.setStyleSheet(PROBLEM_STYLE if self.problem else "")
        self.setText(text)


def review_table(model: QAbstractItemModel, name: str, parent: QWidget, *, stretch: tuple[int, ...],
                 narrow: dict[int, int] | None = None) -> QTableView:
    """A table over ``model``: whole rows selected, text columns sharing the spare width, rows as tall as
    their wrapped text."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                         | QAbstractItemView.EditTrigger.AnyKeyPressed)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setMinimumSectionSize(view.fontMetrics().height() + 7)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    for col in range(model.columnCount()):
        if col in stretch:
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, (narrow or {}).get(col, 90))
    return view


def button_row(*widgets: QWidget, stretch_first: bool = True) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    if stretch_first:
        row.addStretch(1)
    for w in widgets:
        row.addWidget(w)
    return row


__all__ = ["ChatBanner", "Notice", "button_row", "needs_chat_model", "review_table"]
