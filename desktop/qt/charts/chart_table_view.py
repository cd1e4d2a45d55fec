"""A chart's numbers as a table in a dialog: for a screen reader (every cell reads as "column: value"), for reading
exact figures, and to copy them (tab-separated, with the chart's title, the scenario and the price book's date)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.present.chart_table import ChartTable
from desktop.present.i18n import tr


def table_widget(table: ChartTable, parent: QWidget | None = None) -> QTableWidget:
    """The rows in a read-only table whose every cell has an accessible text."""
    view = QTableWidget(len(table.rows), len(table.headers), parent)
    view.setObjectName("chart_data_table")
    view.setAccessibleName(tr(f"{table.title} as a table"))
    view.setAccessibleDescription(table.source)
    view.setHorizontalHeaderLabels(list(table.headers))
    view.verticalHeader().hide()
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    for row, cells in enumerate(table.rows):
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{table.headers[column]}: {text}")
            if column:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            view.setItem(row, column, item)
    view.resizeColumnsToContents()
    return view


class ChartTableDialog(QDialog):
    """The chart's title and source over its table, with Copy (also Ctrl+C) and Close."""

    def __init__(self, table: ChartTable, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(table.title)
        self.table = table
        self.setObjectName("chart_table_dialog")
        title = QLabel(table.title, self)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        source = QLabel(table.source, self)
        source.setTextFormat(Qt.TextFormat.PlainText)
        title.setTextFormat(Qt.TextFormat.PlainText)
        self.view = table_widget(table, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = buttons.addButton(tr("&Copy the table"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.setToolTip(tr("Copy the numbers as tab-separated text, with the chart's title, the scenario and the "
                           "price book's date"))
        copy.clicked.connect(self.copy)
        QShortcut(QKeySequence.StandardKey.Copy, self, self.copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (title, source, self.view, buttons):
            layout.addWidget(widget)
        self.resize(min(900, self.view.horizontalHeader().length() + 60), 480)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.table.text())
