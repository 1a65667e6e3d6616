"""Install the GUI language: shopdesk's own .qm, Qt's standard-dialog .qm, and the
Qt-free core's message table (:mod:`shopdesk.i18n`).

Switching is live: removing and installing translators makes Qt send a
``LanguageChange`` event to every widget, and each view retranslates itself in
``changeEvent``. English is the source language, so it needs no translator.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from shopdesk import i18n, paths

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")
_installed: list[QTranslator] = []


def translations_dir() -> str:
    return str(paths.resources_dir() / "translations")


def install_language(language: str, app: QCoreApplication | None = None) -> None:
    """Make ``language`` the GUI and core language (``zh_CN`` or ``en``)."""
    app = app or QCoreApplication.instance()
    if language not in LANGUAGES:
        language = "zh_CN"
    i18n.set_language(language)
    QLocale.setDefault(
        QLocale(
            QLocale.Language.Chinese if language == "zh_CN" else QLocale.Language.English,
            QLocale.Country.China if language == "zh_CN" else QLocale.Country.UnitedStates,
        )
    )
    if app is None:
        return
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == "en":
        return
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"qtbase_{language}", qt_dir), (f"shopdesk_{language}", translations_dir())):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("translation %s not found in %s", name, folder)


def current_language() -> str:
    return i18n.language()
