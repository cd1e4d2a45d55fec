"""Qt's translation system over the app's catalogue (desktop/present/i18n.py): QCoreApplication.translate and every
tr() find the current language's texts; `translate_menus` re-labels a menu bar built from English texts."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QMenu, QMenuBar

from desktop.present import i18n


class CatalogueTranslator(QTranslator):
    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        return i18n.translated(source)  # None: a null string, so Qt keeps the source text

    def isEmpty(self) -> bool:
        return i18n.language() == i18n.SOURCE_LANGUAGE


_installed: CatalogueTranslator | None = None
_qt_own: QTranslator | None = None  # Qt's own texts (Close, Cancel, Yes, No...) in the language, where Qt has them


def install_language(setting: str) -> str:
    """Speak the language `setting` names ("system": the system's, when the app speaks it); returns its code."""
    global _installed
    code = i18n.set_language(i18n.choose_language(setting, QLocale.system().name().split("_")[0]))
    app = QCoreApplication.instance()
    if app is not None and _installed is None:
        _installed = CatalogueTranslator(app)
        QCoreApplication.installTranslator(_installed)
    _install_qt_own(code)
    return code


def _install_qt_own(code: str) -> None:
    """Qt's translation of its standard buttons and dialogs (qtbase_<code>.qm, shipped with PySide6)."""
    global _qt_own
    app = QCoreApplication.instance()
    if app is None:
        return
    if _qt_own is not None:
        QCoreApplication.removeTranslator(_qt_own)
        _qt_own = None
    if code == i18n.SOURCE_LANGUAGE:
        return
    own = QTranslator(app)
    if own.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        QCoreApplication.installTranslator(own)
        _qt_own = own


def translate_menus(bar: QMenuBar) -> None:
    """Every menu title and entry of `bar` in the current language (entries without a translation, such as the
    options' names, stay as they are)."""
    def walk(menu: QMenu) -> None:
        menu.setTitle(i18n.tr(menu.title()))
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub)
            elif action.text():
                action.setText(i18n.tr(action.text()))
                if action.toolTip() and i18n.translated(action.toolTip()):
                    action.setToolTip(i18n.tr(action.toolTip()))

    for action in bar.actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            walk(menu)
