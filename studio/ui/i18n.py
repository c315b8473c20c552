"""UI language: which one to use, and loading its Qt translations.

Troupe's own strings come from ``resources/translations/troupe_<locale>.qm`` (compiled from the ``.ts``
with ``pyside6-lrelease``); Qt's standard dialogs use Qt's shipped ``qtbase`` translations. English is
the source language and needs no file. Must not live here: widgets.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from studio.resources import resources_dir

LANGUAGES = {"zh": "zh_CN", "en": "en"}


def resolve_language(explicit: str | None, saved: str | None) -> str:
    """``zh`` or ``en``: the explicit choice, else the saved one, else the system's."""
    for choice in (explicit, saved):
        if choice in LANGUAGES:
            return choice
    return "zh" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def translations_dir() -> str:
    return str(resources_dir() / "translations")


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the translators for ``language``; returns them (keep a reference while the app runs)."""
    installed: list[QTranslator] = []
    if language == "en":
        return installed
    locale = LANGUAGES.get(language, language)
    ours = QTranslator(app)
    if ours.load(f"troupe_{locale}", translations_dir()):
        app.installTranslator(ours)
        installed.append(ours)
    qt = QTranslator(app)
    if qt.load(QLocale(locale), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed


def set_current_language(app: QCoreApplication, language: str) -> None:
    app.setProperty("troupeLanguage", language)


def current_language() -> str:
    """The UI language the app was started in (``en`` when none was set)."""
    app = QCoreApplication.instance()
    value = app.property("troupeLanguage") if app is not None else None
    return value if value in LANGUAGES else "en"


def short_name(name: str) -> str:
    """A bilingual "女主 / Female lead" name in the UI's language only."""
    if " / " not in name:
        return name
    zh, en = name.split(" / ", 1)
    return zh if current_language() == "zh" else en
