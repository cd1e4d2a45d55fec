"""The dialog an unexpected exception shows: what happened, where the log is, and "Copy report" (version,
platform, traceback; the exception's message and the workload only when the box is ticked). Nothing is sent."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.crash import ExcInfo, crash_report, install_excepthook
from desktop.present.i18n import tr


class CrashDialog(QDialog):
    def __init__(self, info: ExcInfo, log_path: Path | None, workload: Callable[[], str] | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("crash_dialog")
        self.setWindowTitle(tr("ComputeFit: unexpected problem"))
        self._info = info
        self._workload = workload
        where = f"It is recorded in {log_path}." if log_path else "The log folder cannot be written."
        summary = QLabel(f"Something went wrong inside ComputeFit. Your work is still open: save it, and if "
                         f"something looks wrong, restart the app. {where} Nothing is sent anywhere; to report "
                         f"it, copy the report below and paste it where you choose.", self)
        summary.setObjectName("crash_summary")
        summary.setWordWrap(True)
        self.include = QCheckBox(tr("Include the error message and the workload (its name and numbers) in the report"),
                                 self)
        self.include.setObjectName("crash_include_workload")
        self.include.toggled.connect(self._refresh)
        self.preview = QPlainTextEdit(self)
        self.preview.setObjectName("crash_report")
        self.preview.setReadOnly(True)
        self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(tr("&Copy report"), self)
        self.copy_button.setObjectName("crash_copy_report")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_report)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (summary, self.include, self.preview, buttons):
            layout.addWidget(widget)
        self.resize(720, 460)
        self._refresh()

    def report(self) -> str:
        return crash_report(self._info, self.include.isChecked(), self._workload)

    def _refresh(self) -> None:
        self.preview.setPlainText(self.report())

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report())
        self.copy_button.setText(tr("Copied"))


def install_crash_dialog(parent: Callable[[], QWidget | None], workload: Callable[[], str] | None) -> None:
    """Unexpected exceptions (sys.excepthook, slots included) are logged and shown in a CrashDialog over
    `parent()`, one at a time."""

    def show(info: ExcInfo, log_path: Path | None) -> None:
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        if any(isinstance(w, CrashDialog) and w.isVisible() for w in app.topLevelWidgets()):
            return  # one is shown: this one is in the log
        dialog = CrashDialog(info, log_path, workload, parent())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    install_excepthook(show)
