"""The fleet review dock: each imported resource ranked by the monthly saving of its recommended option, billed
today beside this app's price, and why a row is flagged, blocked or too thin (desktop.usage.review).

A table view over a model (no widget per row), for fleets of any size. It follows the document: when the
scenarios, the book or the file change and the document holds imported scenarios, the review is computed once,
after the changes settle; a document without any hides the dock. A fleet file opened in the window (File > Open
fleet..., ranked off the GUI thread) is shown instead, through desktop.qt.workshop.fleet_model, with its filters;
selecting one of its rows asks for that scenario (`scenario_wanted`), until the fleet is closed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from desktop.model.options.registry import short_label
from desktop.present.i18n import SOURCE_LANGUAGE, language, shown, tr
from desktop.qt.session import Session
from desktop.usage.review import FleetReview, ReviewRow, pct
from desktop.workbench.document import spec_from_state

if TYPE_CHECKING:
    from desktop.qt.workshop.fleet_filters import FleetFilters
    from desktop.usage.fleet_table import FleetTable

COLUMNS = ("#", "Resource", "Today", "Billed a month", "Priced today", "Difference", "Recommended",
           "Saving a month", "Why")
NUMERIC = {0, 3, 4, 5, 7}
SETTLE_MS = 300

Index = QModelIndex | QPersistentModelIndex


def usd(value: Decimal | None) -> str:
    if value is None:
        return "-"
    cents = value.quantize(Decimal("0.01"))
    return f"-${-cents:,}" if cents < 0 else f"${cents:,}"


def why(row: ReviewRow) -> str:
    parts = []
    if row.flag:
        parts.append(f"likely {row.flag}")
    parts += [f"{short_label(b.option)} ruled out: {b.limit}" for b in row.blocked]
    if row.thin:
        parts.append(f"too thin: {row.thin}")
    return "; ".join(parts)


def cells(rank: int, row: ReviewRow) -> tuple[str, ...]:
    return (str(rank), row.name, short_label(row.today) if row.today else "-", usd(row.billed_monthly_usd),
            usd(row.priced_today_usd), pct(row.difference_pct),
            short_label(row.recommended) if row.recommended else "none feasible", usd(row.saving_usd), why(row))


class TextTableModel(QAbstractTableModel):
    """A table of texts over a model's rows (no widget per row): a subclass gives its `columns` (English headers),
    its `numeric` columns (right-aligned), how many rows it has and each cell's text and tooltip."""

    columns: tuple[str, ...] = ()
    numeric: frozenset[int] = frozenset()

    def row_count(self) -> int:
        raise NotImplementedError

    def cell_text(self, row: int, column: int) -> str:
        raise NotImplementedError

    def cell_tip(self, row: int, column: int) -> str:
        return self.cell_text(row, column)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self.row_count()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(index.row(), index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.cell_tip(index.row(), index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(self.columns[section])
        return None


class ReviewModel(TextTableModel):
    columns, numeric = COLUMNS, frozenset(NUMERIC)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list[tuple[str, ...]] = []  # the English texts; shown in the window's language
        self.flagged: list[bool] = []
        self._shown: dict[tuple[int, int], str] = {}  # the cells translated so far (only those painted)

    def set_review(self, review: FleetReview | None) -> None:
        self.beginResetModel()
        found = review.rows if review is not None else ()
        self.rows = [cells(i, r) for i, r in enumerate(found, 1)]
        self.flagged = [bool(r.flag) for r in found]
        self._shown = {}
        self.endResetModel()

    def shown_cell(self, row: int, column: int) -> str:
        """A cell in the window's language (its numbers too), translated when first asked for."""
        text = self.rows[row][column]
        if language() == SOURCE_LANGUAGE:
            return text
        found = self._shown.get((row, column))
        if found is None:
            found = self._shown[(row, column)] = shown(text) if column != 1 else text  # a resource's name as is
        return found

    def row_count(self) -> int:
        return len(self.rows)

    def cell_text(self, row: int, column: int) -> str:
        return self.shown_cell(row, column)


class FleetReviewView(QWidget):
    scenario_wanted = Signal(int)  # a fleet file's row was selected: the table's row index

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("fleet_review")
        self.session = session
        self.review: FleetReview | None = None
        self.fleet: FleetFilters | None = None  # a fleet file shown instead of the document's review
        self.headline = QLabel(self)
        self.headline.setObjectName("fleet_review_headline")
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setWordWrap(True)  # a long headline (German is longer) wraps rather than widen the window
        self.model = ReviewModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("fleet_review_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.headline)
        layout.addWidget(self.table, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self.refresh)
        for signal in (session.scenarios_changed, session.path_changed, session.book_changed):
            signal.connect(lambda *_args: self._timer.start())

    @property
    def has_usage(self) -> bool:
        return any(s.usage is not None for s in self.session.state.scenarios)

    def refresh(self) -> None:
        """Review the document's imported scenarios (the others are left out), or clear the view."""
        from desktop.usage.review import review_fleet

        if self.fleet is not None:  # a fleet file is shown: the document is its selected scenario
            return

        spec = spec_from_state(self.session.state)
        imported = spec.model_copy(update={"scenarios": tuple(s for s in spec.scenarios if s.usage is not None),
                                           "baseline": 0})
        self.review = review_fleet(imported, self.session.book) if imported.scenarios else None
        self.model.set_review(self.review)
        if self.review is None:
            self.headline.setText(tr("No imported usage in this document (File > Import usage...)"))
            return
        self.headline.setText(shown(
            f"{len(self.review.rows)} resources billed {usd(self.review.billed_monthly_usd)} a month; the "
            f"recommended options would save {usd(self.review.total_saving_usd)} a month "
            f"({len(self.review.flagged)} flagged, {len(self.review.blocked)} with an option ruled out, "
            f"{len(self.review.thin)} too thin to say)"))
        self.table.resizeColumnsToContents()

    def show_fleet(self, table: FleetTable) -> None:
        """Show a ranked fleet file (its filters above the table) instead of the document's review."""
        from desktop.qt.workshop.fleet_filters import FleetFilters

        first = self.fleet is None
        if self.fleet is None:
            self._row_height = self.table.verticalHeader().defaultSectionSize()
            self.fleet = FleetFilters(self.headline, self)
            layout = self.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(1, self.fleet)
        self.table.setSortingEnabled(False)
        self.fleet.show_table(table)
        # in rank order as ranked: the indicator set before sorting is on, so that nothing is sorted again
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setModel(self.fleet.proxy)
        self.table.setSortingEnabled(True)
        self.fleet.size_columns(self.table)
        if first:
            self.table.selectionModel().currentRowChanged.connect(self._fleet_row)

    def close_fleet(self) -> None:
        """Back to the document's review."""
        if self.fleet is None:
            return
        self.fleet.hide()
        self.fleet.deleteLater()
        self.fleet = None
        self.table.setSortingEnabled(False)
        self.table.setModel(self.model)
        self.table.setWordWrap(True)  # the document's review as it was: rows as tall as their text
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.verticalHeader().setDefaultSectionSize(self._row_height)
        self.refresh()

    def _fleet_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.fleet is not None and current.isValid():
            self.scenario_wanted.emit(self.fleet.table_row(current))
