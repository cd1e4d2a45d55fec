"""Preferences (Edit > Preferences, or the application menu on macOS): the appearance and the language, saved in
the settings (the language from the next start)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from desktop.present.i18n import languages, tr
from desktop.qt.appearance import MODES

LANGUAGE_KEY = "view/language"


class PreferencesDialog(QDialog):
    def __init__(self, settings: QSettings, set_appearance: Callable[[str], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("preferences_dialog")
        self.setWindowTitle(tr("Preferences"))
        self.settings = settings
        self.appearance = QComboBox(self)
        self.appearance.setObjectName("preferences_appearance")
        self.appearance.setAccessibleName(tr("Appearance"))
        for mode in MODES:
            self.appearance.addItem(tr("Same as the system") if mode == "system" else tr(mode.title()), mode)
        current = str(settings.value("view/appearance", "system"))
        self.appearance.setCurrentIndex(max(0, self.appearance.findData(current)))
        self.appearance.activated.connect(lambda index: set_appearance(self.appearance.itemData(index)))
        self.language = QComboBox(self)
        self.language.setObjectName("preferences_language")
        self.language.setAccessibleName(tr("Language"))
        self.language.addItem(tr("Same as the system"), "system")
        for code, name in languages().items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(str(settings.value(LANGUAGE_KEY, "system")))))
        self.language.activated.connect(
            lambda index: settings.setValue(LANGUAGE_KEY, self.language.itemData(index)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(tr("&Appearance:"), self.appearance)
        form.addRow(tr("&Language:"), self.language)
        form.addRow(QLabel(tr("The language takes effect at the next start."), self))
        form.addRow(buttons)
