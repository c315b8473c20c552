"""Light and dark themes that follow the system colour scheme (Fusion style with a matching palette).

Must not live here: per-widget colours that carry meaning (role colours, status colours live in models).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


def _dark_palette() -> QPalette:
    p = QPalette()
    base, window, text = QColor(30, 31, 34), QColor(43, 45, 48), QColor(223, 225, 229)
    roles = {
        QPalette.ColorRole.Window: window, QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base, QPalette.ColorRole.AlternateBase: QColor(38, 40, 43),
        QPalette.ColorRole.ToolTipBase: window, QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.Text: text, QPalette.ColorRole.Button: window, QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor(255, 90, 90), QPalette.ColorRole.Highlight: QColor(47, 101, 202),
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255), QPalette.ColorRole.Link: QColor(88, 157, 246),
        QPalette.ColorRole.PlaceholderText: QColor(140, 143, 150),
    }
    for role, colour in roles.items():
        p.setColor(role, colour)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(110, 113, 120))
    return p


def is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, scheme: str | None = None) -> str:
    """Apply ``"light"`` / ``"dark"`` (default: the system's) and follow later system changes."""
    app.setStyle("Fusion")
    dark = is_dark() if scheme is None else scheme == "dark"
    app.setPalette(_dark_palette() if dark else app.style().standardPalette())
    if scheme is None and not app.property("troupeThemeFollows"):
        app.setProperty("troupeThemeFollows", True)
        QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _s: apply_theme(app))
    return "dark" if dark else "light"
