"""The Prices dialog: every price of the region with its value, unit, source, date, confidence and origin
(bundled, imported from an AWS Price List file, or overridden by the user), and, when the window's price book
can be changed, an editor: override a price with a value and a note, reset it, or set a discount percentage per
service or on all of them.

The dialog changes nothing itself: it asks a `PriceEditor` (the window's prices controller), which saves the user
book and gives the session its new book; the window then calls `show_book` with the new advice's book, so the
dialog always shows what prices the quote.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from decimal import Decimal
from typing import Protocol, TypeVar, get_args

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.model.format import decimal_text
from desktop.model.options.registry import book_sections
from desktop.model.pricing.book import CONFIDENCE_LABELS, Price, PriceBook, SourcedRate, Unit
from desktop.model.pricing.price_paths import PricedPath, priced_paths, rate_paths
from desktop.model.pricing.user_book import ALL_SECTIONS, price_path, provenance, sections, user_layer_brief
from desktop.model.schema.prices import USERS_OWN
from desktop.model.workshop.prices import FROM_THE_FILE, WORKSHOP_SOURCE
from desktop.present.i18n import shown, tr
from desktop.present.numbers import ParseError, localize_numbers, typed_decimal
from desktop.present.text import tooltip_html as rich_tooltip
from desktop.qt.locale_numbers import locale_format
from desktop.qt.views.shared_lines_box import SharedLinesBox, problem_label
from desktop.report.sheet.price_register import SECTION_NAMES, price_name

COLUMNS = ("Price", "Used", "Origin", "USD", "Unit", "Confidence", "As of", "Source")
ORIGIN_COLUMN, USD_COLUMN, SOURCE_COLUMN = COLUMNS.index("Origin"), COLUMNS.index("USD"), COLUMNS.index("Source")
PATH_ROLE = Qt.ItemDataRole.UserRole
# light blue, light orange, light green: the text says it too
ORIGIN_TINTS = {"imported": "#DCEBF7", "overridden": "#FBE3CF", "yours": "#DFF0D8"}
ORIGIN_HELP = {
    "bundled": "from the price book that comes with ComputeFit",
    "imported": "from an AWS Price List file, in your user price book",
    "overridden": "your own price in place of the book's, saved in your user price book",
    "yours": "your own price where the book has none, saved in your user price book",
}


W = TypeVar("W", bound=QWidget)


class PriceEditor(Protocol):
    """What the dialog asks to change prices (the window's PricesController); each returns "" or a problem."""

    @property
    def editable(self) -> bool: ...

    def read_only_reason(self) -> str: ...

    def where(self) -> str: ...

    def discounts(self) -> dict[str, Decimal]: ...

    def override(self, path: str, usd_text: str, note: str, confidence: str = "B") -> str: ...

    def add(self, path: str, usd_text: str, unit: str, note: str, confidence: str = "B") -> str: ...

    def reset(self, path: str) -> str: ...

    def set_discount(self, section: str, percent_text: str) -> str: ...

    def reset_all(self) -> str: ...


def rate_name(path: str) -> str:
    """"ECS Managed Instances management fee rate (G-family GPU)" for "ecs_managed/management_fee_rate_gpu"."""
    section, _, part = path.partition("/")
    parts = next((b.parts for b in book_sections() if b.key == section), {})
    return f"{SECTION_NAMES.get(section, section)} {parts.get(part, part.replace('_', ' '))}"


def percent(rate: SourcedRate) -> str:
    return f"{(rate.fraction * 100).normalize():f}%"


def section_label(section: str) -> str:
    return "All services" if section == ALL_SECTIONS else SECTION_NAMES.get(section, section)


def origin_text(price: Price, section: str, discounts: Mapping[str, Decimal]) -> str:
    """"imported", "overridden", "yours", "from the workshop file", or "bundled, 10% off" when a discount applies
    to it."""
    if price.source == WORKSHOP_SOURCE:  # set by the open workshop file, not the user book
        return FROM_THE_FILE
    if price.origin in USERS_OWN:  # the user's own prices are never discounted
        return price.origin
    pct = discounts.get(section, discounts.get(ALL_SECTIONS))
    return f"{price.origin}, {decimal_text(pct)}% off" if pct else price.origin


def origin_help(price: Price) -> str:
    if price.source == WORKSHOP_SOURCE:
        return "set in the open workshop file (it travels with the file), not in your user price book"
    return ORIGIN_HELP[price.origin]


def discounts_text(discounts: Mapping[str, Decimal]) -> str:
    if not discounts:
        return "No discount."
    parts = [f"{decimal_text(pct)}% on {'all services' if s == ALL_SECTIONS else section_label(s)}"
             for s, pct in discounts.items()]
    return "Discounts: " + "; ".join(parts) + " (a service's own discount wins over all services; overridden " \
           "prices are not discounted)."


def _named(widget: W, name: str, accessible_name: str = "") -> W:
    widget.setObjectName(name)
    if accessible_name:
        widget.setAccessibleName(accessible_name)
    return widget


def _text_label(parent: QWidget, name: str, text: str = "") -> QLabel:
    """A label of plain text (prices' notes and sources are data, never markup) that wraps; `text` (the label's own
    first words, not data) in the window's language, like every text these helpers are given."""
    label = _named(QLabel(tr(text) if text else "", parent), name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def _line_edit(parent: QWidget, name: str, accessible_name: str, placeholder: str) -> QLineEdit:
    edit = _named(QLineEdit(parent), name, tr(accessible_name))
    edit.setPlaceholderText(tr(placeholder))
    return edit


def _confidence_box(parent: QWidget, name: str, accessible_name: str, chosen: str) -> QComboBox:
    """A choice of confidence grade, A to C, with each grade's meaning; `chosen` selected."""
    box = _named(QComboBox(parent), name, tr(accessible_name))
    for code in ("A", "B", "C"):
        box.addItem(shown(f"{code}: {CONFIDENCE_LABELS[code]}"), code)
    box.setCurrentIndex(box.findData(chosen))
    return box


def _button(parent: QWidget, name: str, text: str, clicked: Callable[[], None]) -> QPushButton:
    button = _named(QPushButton(tr(text), parent), name)
    button.clicked.connect(clicked)
    return button


class PriceBookDialog(QDialog):
    def __init__(self, book: PriceBook, region: str, parent: QWidget | None = None,
                 used: Collection[Price] = (), missing: Collection[str] = (), editor: PriceEditor | None = None):
        super().__init__(parent)
        self.setObjectName("price_book_dialog")
        self.resize(1100, 720)
        self.editor = editor
        self.fmt = locale_format()  # the numbers the user types and reads, as in the form
        self.intro = _text_label(self, "price_book_intro")
        self.missing = _text_label(self, "missing_prices")
        self.filter = _line_edit(self, "price_filter", "Filter prices",
                                 "Filter prices (e.g. fargate, m7g, overridden, C)")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.only_used = QCheckBox(tr("Only the prices this quote uses"), self)
        self.only_used.setObjectName("only_used_prices")
        self.only_used.toggled.connect(lambda _on: self._apply_filter(self.filter.text()))
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("price_table")
        self.table.setAccessibleName(tr("Prices in use"))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.table.setWordWrap(False)  # one line a price; long source titles are elided (the tooltip has all)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        filters = QHBoxLayout()
        filters.addWidget(self.filter, 1)
        filters.addWidget(self.only_used)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.missing)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self._build_editor())
        layout.addWidget(self._build_adder())
        layout.addWidget(self._build_discounts())
        self.shared = SharedLinesBox(self)  # the workload's own lines: the window binds and fills it
        layout.addWidget(self.shared)
        bottom = QHBoxLayout()
        self.where = QLabel(self)
        self.where.setObjectName("price_book_where")
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.where.setWordWrap(True)
        bottom.addWidget(self.where, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        self._paths: dict[str, PricedPath] = {}
        self._rates: dict[str, SourcedRate] = {}
        self.book = book
        self.region = region
        self.show_book(book, region, used, missing, first=True)

    # --- building -----------------------------------------------------------------------------------
    def _build_editor(self) -> QGroupBox:
        box = QGroupBox(tr("Selected price"), self)
        box.setObjectName("price_editor")
        self.selected = _text_label(box, "selected_price",
                                    "Select a price in the table to see where it comes from, or to override it.")
        self.override_usd = _line_edit(box, "override_usd", "Override price in USD", "USD, e.g. 0.18")
        self.override_unit = QLabel(box)
        self.override_note = _line_edit(box, "override_note", "Why this price (note)",
                                        "Why, e.g. private pricing 2026 contract")
        self.override_confidence = _confidence_box(box, "override_confidence", "Confidence of the override", "B")
        self.override_button = _button(box, "override_button", "Override", self._override)
        self.override_usd.returnPressed.connect(self._override)
        self.override_note.returnPressed.connect(self._override)
        self.reset_button = _button(box, "reset_button", "Reset to the listed price", self._reset)
        self.problem = problem_label(box, "price_problem")
        grid = QGridLayout(box)
        grid.addWidget(self.selected, 0, 0, 1, 7)
        grid.addWidget(QLabel(tr("Override with"), box), 1, 0)
        grid.addWidget(self.override_usd, 1, 1)
        grid.addWidget(self.override_unit, 1, 2)
        grid.addWidget(self.override_note, 1, 3)
        grid.addWidget(self.override_confidence, 1, 4)
        grid.addWidget(self.override_button, 1, 5)
        grid.addWidget(self.reset_button, 1, 6)
        grid.setColumnStretch(3, 1)
        grid.addWidget(self.problem, 2, 0, 1, 7)
        return box

    def _build_adder(self) -> QGroupBox:
        """Type a price the book lacks for this region: its path, value, unit, a note and your confidence."""
        box = QGroupBox(tr("Add a price the book lacks (yours, saved in your user price book)"), self)
        box.setObjectName("price_adder")
        self.add_path = _line_edit(box, "add_path", "Path of the price to add, in this region",
                                   "e.g. lambda_managed/requests, alb/hour, ec2/ebs_gp3")
        self.add_usd = _line_edit(box, "add_usd", "Price to add in USD", "USD")
        self.add_unit = QComboBox(box)
        self.add_unit.setObjectName("add_unit")
        self.add_unit.setAccessibleName(tr("Unit of the price to add"))
        for unit in get_args(Unit):
            self.add_unit.addItem(tr(unit), unit)
        self.add_note = _line_edit(box, "add_note", "Where this price comes from (note)", "Where it comes from")
        self.add_confidence = _confidence_box(box, "add_confidence", "Your confidence in the price", "C")
        self.add_button = _button(box, "add_button", "Add", self._add)
        row = QHBoxLayout(box)
        for widget, stretch in ((self.add_path, 2), (self.add_usd, 0), (self.add_unit, 0), (self.add_note, 2),
                                (self.add_confidence, 0), (self.add_button, 0)):
            row.addWidget(widget, stretch)
        return box

    def _build_discounts(self) -> QGroupBox:
        box = QGroupBox(tr("Discounts"), self)
        box.setObjectName("price_discounts")
        self.discount_section = QComboBox(box)
        self.discount_section.setObjectName("discount_section")
        self.discount_section.setAccessibleName(tr("Service to discount"))
        for section in (ALL_SECTIONS, *sections()):
            self.discount_section.addItem(tr(section_label(section)), section)
        self.discount_section.currentIndexChanged.connect(lambda _i: self._show_discount())
        self.discount_section.setMaximumWidth(260)
        self.discount_percent = _line_edit(box, "discount_percent", "Discount percentage", "e.g. 10")
        self.discount_percent.setMaximumWidth(90)
        self.discount_percent.returnPressed.connect(self._set_discount)
        self.discount_button = _button(box, "discount_button", "Set discount", self._set_discount)
        self.reset_all_button = _button(box, "reset_all_button", "Reset all overrides and discounts", self._reset_all)
        self.discounts = _text_label(box, "discounts_in_use")
        row = QHBoxLayout(box)
        row.addWidget(self.discount_section)
        row.addWidget(self.discount_percent)
        row.addWidget(QLabel(tr("% off"), box))
        row.addWidget(self.discount_button)
        row.addWidget(self.discounts, 1)
        row.addWidget(self.reset_all_button)
        return box

    # --- showing a book -------------------------------------------------------------------------------
    def show_book(self, book: PriceBook, region: str, used: Collection[Price] = (), missing: Collection[str] = (),
                  first: bool = False) -> None:
        """Show (again) the prices of a region: after every change of the book or of the quote."""
        selected = self.selected_path()
        self.book, self.region = book, region
        region_name = book.regions[region].name if region in book.regions else region
        self.setWindowTitle(tr(f"Prices: {region} ({region_name})"))
        brief = user_layer_brief(book)
        lines = [f"{book.title}, dated {book.effective_date.isoformat()} (whole book: {book.confidence_summary}).",
                 *([f"With your user price book: {brief}."] if brief else []),
                 f"Region {region} ({region_name}). Free tier: {book.free_tier.lambda_requests:,} Lambda requests and "
                 f"{book.free_tier.lambda_gb_seconds:,} GB-s a month, {book.free_tier.api_gateway_requests:,} API "
                 "Gateway requests (12 months)."]
        self.intro.setText("\n".join(shown(line) for line in lines))  # line by line: a line's text stays in it
        summary = provenance(book)
        self.intro.setToolTip(shown(summary[:1].upper() + summary[1:]))
        gaps = sorted(set(missing))
        self.missing.setText(shown("Not in the price book, so left out of the totals: " + "; ".join(gaps)) if gaps
                             else "")
        self.missing.setVisible(bool(gaps))
        discounts = self.editor.discounts() if self.editor is not None else {}
        used_ids = {id(p) for p in used}
        rows = priced_paths(book.regions[region]) if region in book.regions else []
        rows.sort(key=lambda p: id(p.price) not in used_ids)  # used first, then the book's order
        self._paths = {price_path(region, p.path, p.tier): p for p in rows}
        self.table.setSortingEnabled(False)
        self.table.clearContents()
        self.table.setRowCount(len(rows))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for r, found in enumerate(rows):
            price = found.price
            source = book.sources.get(price.source)
            origin = origin_text(price, found.path[0], discounts)
            cells = (shown(price_name(found)), tr("yes") if id(price) in used_ids else "", shown(origin),
                     localize_numbers(decimal_text(price.usd), self.fmt), tr(price.unit),
                     shown(f"{price.confidence}: {CONFIDENCE_LABELS[price.confidence]}"), price.as_of.isoformat(),
                     source.title if source else price.source)
            tip = rich_tooltip([shown(price_name(found)), f"{shown(origin)}: {tr(origin_help(price))}", price.note,
                                source.title if source else "", source.reference if source else "",
                                shown(f"data of {source.data_date}") if source else ""])  # the book's words as they are
            tint = ORIGIN_TINTS.get(price.origin)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                item.setData(PATH_ROLE, price_path(region, found.path, found.tier))
                if c == USD_COLUMN:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if tint is not None and c in (ORIGIN_COLUMN, USD_COLUMN):
                    item.setBackground(QBrush(QColor(tint)))
                    item.setForeground(QBrush(QColor("#000000")))
                if price.origin in USERS_OWN and c in (ORIGIN_COLUMN, USD_COLUMN):
                    item.setFont(bold)
                self.table.setItem(r, c, item)
        self._show_rates(book, region, len(rows), bold)
        if first:  # the book's order (used prices first) until the user sorts by a column
            self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        if first:
            self.only_used.setChecked(bool(used_ids))
        self.only_used.setEnabled(bool(used_ids))
        self._apply_filter(self.filter.text())
        self._select(selected)
        self._show_selected()
        self.discounts.setText(shown(discounts_text(discounts)))
        self._show_discount()
        self._show_editable()

    def _show_rates(self, book: PriceBook, region: str, start: int, bold: QFont) -> None:
        """The fees AWS states as a share of the EC2 price, as rows below the prices: overridden by a percentage."""
        rates = rate_paths(book.regions[region]) if region in book.regions else []
        self._rates = {f"{region}/{path}": rate for path, rate in rates}
        self.table.setRowCount(start + len(rates))
        for r, (path, rate) in enumerate(rates, start=start):
            source = book.sources.get(rate.source)
            cells = (shown(rate_name(path)), "", tr(rate.origin), percent(rate), tr("of the EC2 on-demand price"),
                     shown(f"{rate.confidence}: {CONFIDENCE_LABELS[rate.confidence]}"),
                     rate.as_of.isoformat(), source.title if source else rate.source)
            tip = rich_tooltip([shown(rate_name(path)), shown(f"{percent(rate)} of the {rate.of}"), rate.note,
                                source.title if source else "", source.reference if source else ""])
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                item.setData(PATH_ROLE, f"{region}/{path}")
                if rate.origin == "overridden" and c in (ORIGIN_COLUMN, USD_COLUMN):
                    item.setBackground(QBrush(QColor(ORIGIN_TINTS["overridden"])))
                    item.setForeground(QBrush(QColor("#000000")))
                    item.setFont(bold)
                self.table.setItem(r, c, item)

    def _show_editable(self) -> None:
        editor = self.editor
        can = editor is not None and editor.editable
        for widget in (self.override_usd, self.override_note, self.override_confidence, self.discount_section,
                       self.discount_percent, self.discount_button, self.reset_all_button, self.add_path,
                       self.add_usd, self.add_unit, self.add_note, self.add_confidence):
            widget.setEnabled(can)
        self._update_buttons()
        if editor is None:
            self.where.setText("")
        elif can:
            self.where.setText(shown(editor.where() + "."))
        else:
            self.where.setText(tr(f"Prices cannot be changed now: {editor.read_only_reason()}."))

    # --- selection ------------------------------------------------------------------------------------
    def selected_path(self) -> str | None:
        items = self.table.selectedItems()
        return str(items[0].data(PATH_ROLE)) if items else None

    def select_path(self, path: str) -> None:
        """Select the row of a price (by its path, e.g. eu-west-2/lambda/requests)."""
        self._select(path)
        self._show_selected()

    def _select(self, path: str | None) -> None:
        if path is None:
            return
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            if item is not None and item.data(PATH_ROLE) == path:
                self.table.selectRow(r)
                self.table.scrollToItem(item)
                return

    def _show_selected(self) -> None:
        path = self.selected_path()
        found = self._paths.get(path) if path else None
        rate = self._rates.get(path) if path else None
        if rate is not None and path is not None:
            self.selected.setText(shown(f"{tr(rate_name(path.split('/', 1)[1]))} ({path}): {percent(rate)} of the "
                                        f"{rate.of}; confidence {rate.confidence} "
                                        f"({CONFIDENCE_LABELS[rate.confidence]}), as of "
                                        f"{rate.as_of.isoformat()}." + (f"\nNote: {rate.note}" if rate.note else "")))
            self.override_unit.setText(tr("% (a share, not USD)"))
            self._update_buttons()
            return
        if found is None:
            self.selected.setText(tr("Select a price in the table to see where it comes from, or to override it."))
            self.override_unit.setText("")
            self._update_buttons()
            return
        price = found.price
        source = self.book.sources.get(price.source)
        discounts = self.editor.discounts() if self.editor is not None else {}
        lines = [f"{tr(price_name(found))} ({path}): {decimal_text(price.usd)} USD per {price.unit}, "
                 f"{origin_text(price, found.path[0], discounts)}: {origin_help(price)}; confidence "
                 f"{price.confidence} ({CONFIDENCE_LABELS[price.confidence]}), as of {price.as_of.isoformat()}.",
                 f"Source: {source.title if source else price.source}" + (
                     f" ({source.data_date})" if source else "") + ".",
                 ]
        if price.note:
            lines.append(f"Note: {price.note}")
        self.selected.setText(shown("\n".join(lines)))
        self.override_unit.setText(tr(f"USD per {price.unit}"))
        self._update_buttons()

    def _update_buttons(self) -> None:
        path = self.selected_path()
        found = self._paths.get(path) if path else None
        rate = self._rates.get(path) if path else None
        origin = found.price.origin if found is not None else rate.origin if rate is not None else None
        can = self.editor is not None and self.editor.editable
        self.override_button.setEnabled(can and origin is not None)
        self.reset_button.setEnabled(can and origin in USERS_OWN)
        self.add_button.setEnabled(can)

    def _show_discount(self) -> None:
        section = str(self.discount_section.currentData())
        pct = (self.editor.discounts() if self.editor is not None else {}).get(section)
        self.discount_percent.setText("" if pct is None else localize_numbers(decimal_text(pct), self.fmt))

    # --- changes ------------------------------------------------------------------------------------
    def _done(self, problem: str) -> bool:
        self.problem.setText(shown(problem))
        return not problem

    def _typed(self, text: str) -> str | None:
        """A number typed in the user's format ("0,18" in German) as the digits the price book reads ("0.18"); None,
        with the problem said, when it is ambiguous or in the other convention ("0,18" in English is not 18). Text
        without a separator goes as typed: the book says what is wrong with it."""
        if not any(c in text for c in ",."):
            return text
        try:
            return typed_decimal(text, self.fmt)
        except ParseError as exc:
            self.problem.setText(f"{tr(chr(0x201c) + text.strip() + chr(0x201d))} {tr(str(exc))}")
            return None

    def _override(self) -> None:
        path = self.selected_path()
        if self.editor is None or path is None:
            return
        usd = self._typed(self.override_usd.text())
        if usd is not None and self._done(self.editor.override(path, usd, self.override_note.text(),
                                                               str(self.override_confidence.currentData()))):
            self.override_usd.clear()
            self.override_note.clear()

    def _add(self) -> None:
        if self.editor is None:
            return
        path = f"{self.region}/{self.add_path.text().strip().strip('/')}"
        usd, unit = self._typed(self.add_usd.text()), str(self.add_unit.currentData())
        if usd is not None and self._done(self.editor.add(path, usd, unit, self.add_note.text(),
                                                          str(self.add_confidence.currentData()))):
            for field in (self.add_path, self.add_usd, self.add_note):
                field.clear()

    def _reset(self) -> None:
        path = self.selected_path()
        if self.editor is not None and path is not None:
            self._done(self.editor.reset(path))

    def _set_discount(self) -> None:
        percent = self._typed(self.discount_percent.text().strip().removesuffix("%"))
        if self.editor is not None and percent is not None:
            self._done(self.editor.set_discount(str(self.discount_section.currentData()), percent))

    def _reset_all(self) -> None:
        if self.editor is not None:
            self._done(self.editor.reset_all())

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for r in range(self.table.rowCount()):
            cells = (self.table.item(r, c) for c in range(self.table.columnCount()))
            row_text = " ".join(cell.text().lower() for cell in cells if cell is not None)
            used = self.table.item(r, 1)
            hidden = (bool(needle) and needle not in row_text) or (
                self.only_used.isChecked() and (used is None or not used.text()))  # "yes" in any language
            self.table.setRowHidden(r, hidden)
