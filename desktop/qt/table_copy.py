"""Tables copy as tab-separated text (Ctrl+C), with their header, so they paste into a spreadsheet or a slide."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QTableWidget


def _cell(text: str) -> str:
    return " ".join(text.split())  # a tab or a line break inside a cell would start a new cell or row


def header_text(table: QTableWidget, column: int) -> str:
    item = table.horizontalHeaderItem(column)
    return item.text() if item is not None else ""


def table_tsv(table: QTableWidget) -> str:
    """The selected rows (every row when none is selected) under the header, tab-separated."""
    columns = [c for c in range(table.columnCount()) if not table.isColumnHidden(c)]
    selected = sorted({index.row() for index in table.selectedIndexes()})
    rows = selected or list(range(table.rowCount()))
    header = [header_text(table, c) for c in columns]
    lines = ["\t".join(_cell(h.replace("&", "")) for h in header)]
    for row in rows:
        items = [table.item(row, c) for c in columns]
        lines.append("\t".join(_cell(item.text()) if item is not None else "" for item in items))
    return "\n".join(lines) + "\n"


def install_table_copy(table: QTableWidget) -> QAction:
    """Ctrl+C (the platform's Copy) on the table copies it as tab-separated text."""
    action = QAction("Copy table", table)
    action.setShortcut(QKeySequence.StandardKey.Copy)
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(lambda: QGuiApplication.clipboard().setText(table_tsv(table)))
    table.addAction(action)
    return action
