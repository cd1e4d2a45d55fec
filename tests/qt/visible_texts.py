"""The texts a window shows: every visible label, button, group title, tab, list entry, table cell and header,
field tooltip, the status bar and each chart's titles, axes, legends and labels, in widget order (so that the same
window in two languages gives its texts pairwise). Used by the translation tests and to list what a catalogue
lacks (`python -m tests.qt.visible_texts`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGraphicsTextItem,
    QGraphicsView,
    QGroupBox,
    QLabel,
    QTabBar,
    QTableWidget,
    QWidget,
)

_TAGS = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """A rich text's words (tags dropped, entities read)."""
    import html

    return html.unescape(_TAGS.sub(" ", text.replace("<br>", "\n"))) if "<" in text else text


def _visible(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisibleTo(root)


def widget_texts(root: QWidget) -> Iterator[tuple[str, str, QWidget]]:
    """(kind, text, widget) of every text `root` shows."""
    for widget in root.findChildren(QWidget):
        if not _visible(widget, root):
            continue
        if isinstance(widget, QLabel):
            yield "label", plain(widget.text()), widget
        elif isinstance(widget, QAbstractButton) and widget.text():
            yield "button", widget.text(), widget
        elif isinstance(widget, QGroupBox):
            yield "group", getattr(widget, "full_title", widget.title()), widget
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                yield "tab", widget.tabText(index), widget
        elif isinstance(widget, QComboBox):
            for index in range(widget.count()):
                yield "choice", widget.itemText(index), widget
        elif isinstance(widget, QTableWidget):
            yield from _table_texts(widget)
        elif isinstance(widget, QGraphicsView):
            yield from chart_texts(widget)
        if widget.toolTip() and not isinstance(widget, QTableWidget):
            yield "tooltip", plain(widget.toolTip()), widget


def chart_texts(view: QGraphicsView) -> Iterator[tuple[str, str, QWidget]]:
    """The texts a chart shows: titles, axis titles, legend entries, labels (not the painted tick numbers)."""
    for item in view.items():
        if isinstance(item, QGraphicsTextItem) and item.isVisible() and item.toPlainText().strip():
            yield "chart", item.toPlainText(), view


def _table_texts(table: QTableWidget) -> Iterator[tuple[str, str, QWidget]]:
    for column in range(table.columnCount()):
        header = table.horizontalHeaderItem(column)
        if header is not None:
            yield "header", header.text(), table
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            item = table.item(row, column)
            if item is not None:
                yield "cell", item.text(), table
                yield "tooltip", plain(item.toolTip()), table


def settle(rounds: int = 10) -> None:
    app = QApplication.instance()
    for _ in range(rounds):
        app.processEvents()  # type: ignore[union-attr]
