"""Preferences (Edit > Preferences, or the application menu on macOS): the appearance, saved in the settings."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QWidget

from desktop.qt.appearance import MODES


class PreferencesDialog(QDialog):
    def __init__(self, appearance: str, set_appearance: Callable[[str], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("preferences_dialog")
        self.setWindowTitle("Preferences")
        self.appearance = QComboBox(self)
        self.appearance.setObjectName("preferences_appearance")
        self.appearance.setAccessibleName("Appearance")
        for mode in MODES:
            self.appearance.addItem("Same as the system" if mode == "system" else mode.title(), mode)
        self.appearance.setCurrentIndex(max(0, self.appearance.findData(appearance)))
        self.appearance.activated.connect(lambda index: set_appearance(self.appearance.itemData(index)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("&Appearance", self.appearance)
        form.addRow(buttons)
