"""The status bar: the region and the price book (date and confidence) the quote uses, and messages."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar, QWidget

from desktop.model.advice.advise import Advice
from desktop.model.pricing.book import PriceBook

MESSAGE_MS = 8000


class StatusBar(QStatusBar):
    prices_requested = Signal()

    def __init__(self, book: PriceBook, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("status_bar")
        self._book = book
        self.region = QLabel(self)
        self.region.setObjectName("status_region")
        self.region.setTextFormat(Qt.TextFormat.PlainText)
        self.price_book = QLabel(self)
        self.price_book.setObjectName("status_price_book")
        self.price_book.setTextFormat(Qt.TextFormat.PlainText)
        self.prices_button = QPushButton("Prices...", self)
        self.prices_button.setObjectName("status_prices_button")
        self.prices_button.setToolTip("The prices this quote uses, with their sources")
        self.prices_button.setFlat(True)
        self.prices_button.clicked.connect(self.prices_requested)
        self.addPermanentWidget(self.region)
        self.addPermanentWidget(self.price_book)
        self.addPermanentWidget(self.prices_button)

    def render_advice(self, advice: Advice) -> None:
        quote = advice.quote
        self.region.setText(f"{quote.region} ({quote.region_name})")
        self.price_book.setText(f"Price book dated {quote.price_book_date.isoformat()}; {quote.price_confidence}")
        self.price_book.setToolTip(f"{self._book.title}. Whole book: {quote.price_book_confidence}")

    def show_problem(self, text: str) -> None:
        self.showMessage(text, MESSAGE_MS)
