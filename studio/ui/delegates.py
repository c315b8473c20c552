"""Cell editors of the script table: role combo (role colours), multi-line text, emotion and take choices.

Each delegate only reads the model's edit value and hands the new value back through ``setData``; the
model turns it into an undoable edit. Must not live here: store writes, engine calls.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QIcon,
    QKeyEvent,
    QPainter,
    QPalette,
    QPixmap,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QApplication,
    QComboBox,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from studio.domain import markup
from studio.domain.model import Role

Index = QModelIndex | QPersistentModelIndex


def colour_icon(colour: str, size: int = 12) -> QIcon:
    pix = QPixmap(size, size)
    pix.fill(QColor(colour))
    return QIcon(pix)


class RoleDelegate(QStyledItemDelegate):
    """A combo of the project's roles, each with its colour; picking one commits at once."""

    def __init__(self, roles: Callable[[], dict[int, Role]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._roles = roles

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("roleEditor")
        combo.addItem(self.tr("(no role)"), -1)
        for role in sorted(self._roles().values(), key=lambda r: (r.position, r.id)):
            combo.addItem(colour_icon(role.colour), role.name, role.id)
        combo.activated.connect(lambda _i, c=combo: self._commit(c))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QAbstractItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        role_id = index.data(Qt.ItemDataRole.EditRole)
        pos = editor.findData(-1 if role_id is None else role_id)
        editor.setCurrentIndex(max(0, pos))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


PAUSE_COLOUR = QColor("#2e86c1")
TAG_COLOUR = QColor("#af7ac5")


class MarkupHighlighter(QSyntaxHighlighter):
    """Pause markers (<#0.5#>) and sound tags ((laughs)) in the text editor, in their chip colours."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._formats = {}
        for kind, colour in (("pause", PAUSE_COLOUR), ("tag", TAG_COLOUR)):
            fmt = QTextCharFormat()
            fmt.setForeground(colour)
            fmt.setFontWeight(QFont.Weight.Bold)
            self._formats[kind] = fmt

    def highlightBlock(self, text: str) -> None:  # noqa: N802
        for start, end, kind in markup.spans(text):
            self.setFormat(start, end - start, self._formats[kind])


class LineTextEditor(QPlainTextEdit):
    """The text cell editor: Enter commits, Shift+Enter starts a new line, Esc cancels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lineTextEditor")
        self.setTabChangesFocus(True)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.highlighter = MarkupHighlighter(self.document())


class TextDelegate(QStyledItemDelegate):
    """The line's text; pause markers and sound tags are drawn as small chips ("0.8 s", "laughs")."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if "<#" not in text and "(" not in text and "（" not in text or not markup.spans(text):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        pen = opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        rect = QRectF(opt.rect.adjusted(4, 0, -4, 0))
        metrics = opt.fontMetrics
        small = QFont(opt.font)
        small.setPointSizeF(max(6.0, opt.font.pointSizeF() * 0.85))
        painter.save()
        painter.setClipRect(opt.rect)
        x = rect.left()
        for piece in markup.parse(text.split("\n", 1)[0]):
            if x >= rect.right():
                break
            if piece.kind == "text":
                painter.setFont(opt.font)
                painter.setPen(pen)
                painter.drawText(QRectF(x, rect.top(), rect.right() - x, rect.height()),
                                 int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), piece.text)
                x += metrics.horizontalAdvance(piece.text)
                continue
            label = f"{piece.seconds:g} s" if piece.kind == "pause" else piece.text
            painter.setFont(small)
            width = painter.fontMetrics().horizontalAdvance(label) + 10
            chip = QRectF(x + 2, rect.center().y() - metrics.height() / 2 + 1, width, metrics.height() - 2)
            colour = PAUSE_COLOUR if piece.kind == "pause" else TAG_COLOUR
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(chip, 6, 6)
            painter.setPen(QColor("white"))
            painter.drawText(chip, int(Qt.AlignmentFlag.AlignCenter), label)
            x += width + 4
        painter.restore()

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = LineTextEditor(parent)
        editor.installEventFilter(self)
        return editor

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        rect = option.rect
        rect.setHeight(max(rect.height() * 3, 72))
        editor.setGeometry(rect)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QPlainTextEdit)
        editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        editor.moveCursor(editor.textCursor().MoveOperation.End)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QPlainTextEdit)
        model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if isinstance(obj, LineTextEditor) and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    obj.insertPlainText("\n")
                    return True
                self.commitData.emit(obj)
                self.closeEditor.emit(obj, QAbstractItemDelegate.EndEditHint.NoHint)
                return True
        return super().eventFilter(obj, event)


class ChoiceDelegate(QStyledItemDelegate):
    """A combo of ``(label, value)`` choices computed when the editor opens (e.g. the active model's
    emotions, or the takes kept for a line)."""

    def __init__(self, choices: Callable[[Index], list[tuple[str, object]]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        for label, value in self._choices(index):
            combo.addItem(label, value)
        combo.activated.connect(lambda _i, c=combo: self._commit(c))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QAbstractItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        pos = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(0, pos))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
