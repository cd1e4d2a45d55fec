"""The fleet review's filters over a ranked fleet file: account, region, what a row says, and a name; the
headline's totals follow the rows kept (the total that could be saved, those ruled out or too thin, and what
the totals leave out: a total without a price is a lower bound)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSignalBlocker, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableView, QWidget

from desktop.model.options.registry import short_label
from desktop.present.i18n import shown, tr
from desktop.qt.workshop.fleet_model import SHOWS, WIDTHS, FleetFilter, FleetModel
from desktop.qt.workshop.fleet_review_view import usd
from desktop.usage.fleet_table import FleetTable, Totals

ANY_ACCOUNT = "Any account"
ANY_REGION = "Any region"


def headline(table: FleetTable, totals: Totals) -> str:
    """What the rows kept add up to, in two lines (then what the totals leave out, if anything)."""
    first = (f"{totals.count:,} of {len(table.rows):,} resources in {table.path.name}, billed "
             f"{usd(totals.billed_monthly_usd)} a month; the recommended options would save "
             f"{usd(totals.saving_usd)} a month")
    second = (f"{totals.blocked:,} with an option ruled out, {totals.thin:,} too thin to say, "
              f"{totals.leaves_out:,} recommended totals without a price (lower bounds)")
    lines = [shown(first), shown(second)]
    if totals.left_out:
        lines.append("; ".join(tr(f"{short_label(option)} totals leave out: {', '.join(names)}")
                               for option, names in totals.left_out.items()))
    return "\n".join(lines)


class FleetFilters(QWidget):
    """The filter bar; it owns the fleet's model and proxy and writes the headline."""

    def __init__(self, headline_label: QLabel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("fleet_filters")
        self.headline = headline_label
        self.model = FleetModel(self)
        self.proxy = FleetFilter(self.model, self)
        self.account = self._combo("fleet_account", tr("Account"))
        self.region = self._combo("fleet_region", tr("Region"))
        self.show_kind = self._combo("fleet_show", tr("Rows shown"))
        self.show_kind.addItems([tr(text) for text in SHOWS])
        self.search = QLineEdit(self)
        self.search.setObjectName("fleet_find")
        self.search.setPlaceholderText(tr("Find a name or resource"))
        self.search.setAccessibleName(tr("Find a name or resource"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self.apply())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.account, self.region, self.show_kind):
            row.addWidget(widget)
        row.addWidget(self.search, 1)

    def _combo(self, name: str, accessible: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.currentIndexChanged.connect(lambda _index: self.apply())
        return combo

    def show_table(self, table: FleetTable) -> None:
        self.model.set_table(table)
        for combo, anything, values in ((self.account, ANY_ACCOUNT, {r.account for r in table.rows if r.account}),
                                        (self.region, ANY_REGION, {r.region for r in table.rows})):
            with QSignalBlocker(combo):
                combo.clear()
                combo.addItem(tr(anything), "")
                for value in sorted(values):
                    combo.addItem(value, value)
        self.set_filter()

    def set_filter(self, account: str = "", region: str = "", show: int = 0, text: str = "") -> None:
        """Choose the filters as a user would (tests, a new fleet): each one's entry, then the text."""
        for combo, value in ((self.account, account), (self.region, region)):
            with QSignalBlocker(combo):
                combo.setCurrentIndex(max(combo.findData(value), 0))
        with QSignalBlocker(self.show_kind), QSignalBlocker(self.search):
            self.show_kind.setCurrentIndex(show)
            self.search.setText(text)
        self.apply()

    def apply(self) -> None:
        """Filter the rows by the bar's choices and total the rows kept."""
        table = self.model.table
        if table is None:
            return
        self.proxy.set_filter(str(self.account.currentData() or ""), str(self.region.currentData() or ""),
                              max(self.show_kind.currentIndex(), 0), self.search.text())
        kept = None if self.proxy.keep is None else self.proxy.kept()
        self.headline.setText(headline(table, table.totals(kept)))

    def table_row(self, index: QModelIndex | QPersistentModelIndex) -> int:
        """The fleet table's row behind a row of the view."""
        return self.model.order[self.proxy.mapToSource(index).row()]

    def size_columns(self, view: QTableView) -> None:
        """Each column a fixed width for the font, its header read whole (never measured over 10,000 rows); one
        line a row, at the height of a line of text."""
        metrics = QFontMetrics(view.font())
        scale = metrics.averageCharWidth() / 7
        for column, width in enumerate(WIDTHS[:-1]):
            header = str(self.proxy.headerData(column, Qt.Orientation.Horizontal))
            view.setColumnWidth(column, max(round(width * scale), metrics.horizontalAdvance(header) + 32))
        view.setWordWrap(False)
        rows = view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(metrics.height() + 8)
