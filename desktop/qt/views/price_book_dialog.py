"""The prices in use: every price of the current region (and the free tier) with its unit, date, confidence, source."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.model.pricebook import CONFIDENCE_LABELS, Price, PriceBook, Tier
from desktop.qt.views.formatting import rich_tooltip

COLUMNS = ("Price", "USD", "Unit", "Confidence", "As of", "Source")


def region_prices(book: PriceBook, region: str) -> list[tuple[str, Price]]:
    """(readable name, price) for every price of a region, in the book's order."""
    found: list[tuple[str, Price]] = []

    def walk(node: Any, name: str) -> None:
        if isinstance(node, Price):
            found.append((name, node))
        elif isinstance(node, Tier):
            bound = "no limit" if node.up_to is None else f"up to {float(node.up_to):,.0f}"
            walk(node.price, f"{name} ({bound})")
        elif isinstance(node, BaseModel):
            for field_name, info in type(node).model_fields.items():
                label = (info.alias or field_name).replace("_", " ")
                walk(getattr(node, field_name), f"{name} > {label}" if name else label)
        elif isinstance(node, dict):
            for key, value in node.items():
                walk(value, f"{name} > {key}")
        elif isinstance(node, list):
            for i, value in enumerate(node, 1):
                walk(value, f"{name} tier {i}")

    prices = book.regions.get(region)
    if prices is not None:
        walk(prices.model_copy(update={"name": ""}), "")
    return found


class PriceBookDialog(QDialog):
    def __init__(self, book: PriceBook, region: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("price_book_dialog")
        self.setWindowTitle(f"Prices in use: {region}")
        self.resize(1000, 600)
        region_name = book.regions[region].name if region in book.regions else region
        intro = QLabel(f"{book.title}\nEffective {book.effective_date.isoformat()}; {book.confidence_summary}.\n"
                       f"Region {region} ({region_name}). Free tier: {book.free_tier.lambda_requests:,} Lambda "
                       f"requests and {book.free_tier.lambda_gb_seconds:,} GB-s a month, "
                       f"{book.free_tier.api_gateway_requests:,} API Gateway requests (12 months).", self)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("price_filter")
        self.filter.setPlaceholderText("Filter prices (e.g. fargate, m7g, C)")
        self.filter.setAccessibleName("Filter prices")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        rows = region_prices(book, region)
        self.table = QTableWidget(len(rows), len(COLUMNS), self)
        self.table.setObjectName("price_table")
        self.table.setAccessibleName("Prices in use")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(False)
        for r, (name, price) in enumerate(rows):
            source = book.sources.get(price.source)
            source_text = source.title if source else price.source
            cells = (name, f"{price.usd:f}".rstrip("0").rstrip(".") or "0", price.unit,
                     f"{price.confidence}: {CONFIDENCE_LABELS[price.confidence]}", price.as_of.isoformat(),
                     source_text)
            tip = rich_tooltip([name, price.note, source.title if source else "",
                                source.reference if source else "", f"data of {source.data_date}" if source else ""])
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                if c == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setSortingEnabled(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for r in range(self.table.rowCount()):
            cells = (self.table.item(r, c) for c in range(self.table.columnCount()))
            row_text = " ".join(cell.text().lower() for cell in cells if cell is not None)
            self.table.setRowHidden(r, bool(needle) and needle not in row_text)
