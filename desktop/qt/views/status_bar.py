"""The status bar: the region (and how many prices the quote leaves out; the tooltip lists what the book lacks for
the region, the same coverage `computefit prices missing` prints) and the price book the quote uses (its date, the
user book's imported and overridden prices, discounts, confidence), and messages."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar, QWidget

from desktop.model.advice.advise import Advice
from desktop.model.options.registry import coverage_name, missing_prices
from desktop.model.pricing.book import PriceBook
from desktop.model.pricing.user_book import discount_summary, provenance
from desktop.model.schema.prices import USERS_OWN
from desktop.model.workshop.prices import WORKSHOP_SOURCE, from_the_file
from desktop.present.i18n import shown, tr
from desktop.qt.elided_label import ElidedLabel

MESSAGE_MS = 8000


def user_book_counts(book: PriceBook) -> dict[str, int]:
    """The user book's prices by origin: imported, overridden and yours (the open workshop file's are said apart)."""
    counts = dict.fromkeys(("imported", *USERS_OWN), 0)
    for price in book.iter_prices():
        if price.origin in counts and price.source != WORKSHOP_SOURCE:
            counts[price.origin] += 1
    return counts


class BookFacts(NamedTuple):
    """What the status bar says of a book whatever the quote (each walks the whole book: once per book)."""

    counts: dict[str, int]
    file_said: str
    summary: str


def book_facts(book: PriceBook) -> BookFacts:
    return BookFacts(user_book_counts(book), from_the_file(book)[1], provenance(book))


def book_line(book: PriceBook, advice: Advice, facts: BookFacts | None = None) -> str:
    """"Price book dated 2026-12-01 + user book (13 imported, 1 overridden, 2 yours, in this quote); 9 prices: ..."
    ("yours": the user's own prices where the book has none)."""
    quote = advice.quote
    counts, file_said, _summary = facts if facts is not None else book_facts(book)
    extra = [f"{counts[origin]} {origin}" for origin in ("imported", *USERS_OWN) if counts[origin]]
    if any(p.origin in USERS_OWN and p.source != WORKSHOP_SOURCE for p in quote.prices_used()):
        extra.append("in this quote")
    if discount_summary(book):
        extra.append("discounts")
    layered = f" + user book ({', '.join(extra)})" if extra else ""
    if file_said:  # "+ 2 prices and a 10% discount on fargate from the workshop file"
        used = " (in this quote)" if any(p.source == WORKSHOP_SOURCE for p in quote.prices_used()) else ""
        layered += f" + {file_said}{used}"
    return f"Price book dated {quote.price_book_date.isoformat()}{layered}; {quote.price_confidence}"


def missing_note(advice: Advice) -> str:
    """"; 2 prices missing" when the quote leaves prices out (named as `prices missing` names them), else ""."""
    names = {coverage_name(name) for option in advice.quote.options.values() for name in option.left_out}
    return f"; {len(names)} price{'s' if len(names) != 1 else ''} missing" if names else ""


class StatusBar(QStatusBar):
    prices_requested = Signal()

    def __init__(self, book: PriceBook, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("status_bar")
        self._book = book
        self._facts: BookFacts | None = None
        self._lacks: dict[str, list[str]] = {}  # the prices the book lacks, by region
        self.region = QLabel(self)
        self.region.setObjectName("status_region")
        self.region.setTextFormat(Qt.TextFormat.PlainText)
        self.price_book = ElidedLabel(self)  # a long line elides: it never widens the window
        self.price_book.setObjectName("status_price_book")
        self.prices_button = QPushButton(tr("Prices..."), self)
        self.prices_button.setObjectName("status_prices_button")
        self.prices_button.setToolTip(tr("The prices this quote uses, with their sources; override or import prices"))
        self.prices_button.setFlat(True)
        self.prices_button.clicked.connect(self.prices_requested)
        self.addPermanentWidget(self.region)
        self.addPermanentWidget(self.price_book)
        self.addPermanentWidget(self.prices_button)

    def render_advice(self, advice: Advice) -> None:
        quote = advice.quote
        book = advice.book  # the book this advice was priced with (it can change at run time)
        if book is not self._book or self._facts is None:  # counted once per book, not once per edit
            self._book, self._facts, self._lacks = book, book_facts(book), {}
        self.region.setText(shown(f"{quote.region} ({quote.region_name})" + missing_note(advice)))
        lacks = self._lacks.get(quote.region)
        if lacks is None:  # once per book and region: a walk of the region's prices (about 0.3 ms)
            lacks = self._lacks[quote.region] = (missing_prices(book, quote.region) if quote.region in book.regions
                                                 else [])
        tip = shown(f"The price book lacks {len(lacks)} price(s) for {quote.region}: " + "; ".join(lacks)
                    + " (the Prices dialog adds one; `computefit prices missing`)"
                    if lacks else f"The price book has every price ComputeFit uses in {quote.region}")
        if tip != self.region.toolTip():
            self.region.setToolTip(tip)
        self.price_book.setText(shown(book_line(book, advice, self._facts)))
        self.price_book.set_extra_tooltip(
            shown(f"{book.title}: {self._facts.summary}. Whole book: {quote.price_book_confidence}"))

    def show_problem(self, text: str) -> None:
        self.showMessage(text, MESSAGE_MS)
