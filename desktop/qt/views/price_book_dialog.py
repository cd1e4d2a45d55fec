"""The prices in use: the prices the current quote uses (or every price of its region), with unit, date,
confidence and source."""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
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

from desktop.model.pricing.book import CONFIDENCE_LABELS, Price, PriceBook
from desktop.present.text import tooltip_html as rich_tooltip
from desktop.report.price_register import region_prices as priced_paths

COLUMNS = ("Price", "In this quote", "USD", "Unit", "Confidence", "As of", "Source")


def region_prices(book: PriceBook, region: str) -> list[tuple[str, Price]]:
    """(readable name, price) for every price of a region, in the book's order (names as on the sheet)."""
    prices = book.regions.get(region)
    return [] if prices is None else [(p.name, p.price) for p in priced_paths(prices)]


class PriceBookDialog(QDialog):
    def __init__(self, book: PriceBook, region: str, parent: QWidget | None = None,
                 used: Collection[Price] = (), missing: Collection[str] = ()):
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
        gaps = sorted(set(missing))
        self.missing = QLabel("Not in the price book, so left out of the totals: " + "; ".join(gaps)
                              if gaps else "", self)
        self.missing.setObjectName("missing_prices")
        self.missing.setTextFormat(Qt.TextFormat.PlainText)
        self.missing.setWordWrap(True)
        self.missing.setVisible(bool(gaps))
        self.filter = QLineEdit(self)
        self.filter.setObjectName("price_filter")
        self.filter.setPlaceholderText("Filter prices (e.g. fargate, m7g, C)")
        self.filter.setAccessibleName("Filter prices")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.only_used = QCheckBox("Only the prices this quote uses", self)
        self.only_used.setObjectName("only_used_prices")
        self.only_used.setChecked(bool(used))
        self.only_used.setEnabled(bool(used))
        self.only_used.toggled.connect(lambda _on: self._apply_filter(self.filter.text()))
        used_ids = {id(p) for p in used}
        rows = sorted(region_prices(book, region), key=lambda row: id(row[1]) not in used_ids)  # used first
        self._used_rows = {r for r, (_name, price) in enumerate(rows) if id(price) in used_ids}
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
            cells = (name, "yes" if r in self._used_rows else "", f"{price.usd:f}".rstrip("0").rstrip(".") or "0",
                     price.unit,
                     f"{price.confidence}: {CONFIDENCE_LABELS[price.confidence]}", price.as_of.isoformat(),
                     source_text)
            tip = rich_tooltip([name, price.note, source.title if source else "",
                                source.reference if source else "", f"data of {source.data_date}" if source else ""])
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                if c == 2:
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
        layout.addWidget(self.missing)
        layout.addWidget(self.filter)
        layout.addWidget(self.only_used)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._apply_filter("")

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for r in range(self.table.rowCount()):
            cells = (self.table.item(r, c) for c in range(self.table.columnCount()))
            row_text = " ".join(cell.text().lower() for cell in cells if cell is not None)
            used = self.table.item(r, 1)
            hidden = (bool(needle) and needle not in row_text) or (
                self.only_used.isChecked() and (used is None or used.text() != "yes"))
            self.table.setRowHidden(r, hidden)
