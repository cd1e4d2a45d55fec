"""The fleet review's table over a ranked fleet file (desktop.usage.fleet_table): a model and a filter proxy, no
widget per row, for up to 100,000 scenarios.

The model formats only the cells the view asks for (those in sight). Sorting is the model's own: one Python sort
of the rows by the column's value (QSortFilterProxyModel's sort would call back into Python for every comparison:
seconds for 10,000 rows); the proxy filters by account, region, what a row says (ruled out, too thin, a total
without a price) and text, from a mask computed in one pass.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from desktop.model.options.registry import short_label
from desktop.present.i18n import shown, tr
from desktop.qt.workshop.fleet_review_view import TextTableModel, usd
from desktop.usage.fleet_table import FleetRow, FleetTable
from desktop.usage.review import pct

COLUMNS = ("#", "Resource", "Saving a month", "Recommended", "Today", "Billed a month", "Priced today", "Difference",
           "Account", "Region", "Why")
NUMERIC = {0, 2, 5, 6, 7}
WIDTHS = (56, 220, 110, 120, 110, 110, 110, 80, 118, 100, 400)  # pixels at the default font; the last stretches
SHOWS = ("All resources", "An option ruled out", "Too thin to say", "A total without a price")
Index = QModelIndex | QPersistentModelIndex


def _money(text: str | None) -> float | None:
    return None if text is None else float(text)


def _label(option: str | None) -> str:
    return short_label(option) if option else ""


def _usd(text: str | None) -> str:
    return shown(usd(None if text is None else Decimal(text)))


# Each column: its value for sorting (None: no value, sorted last) and its text, from a row.
SORT_KEYS: tuple[Callable[[FleetRow], Any], ...] = (
    lambda r: r.rank, lambda r: r.name.casefold(), lambda r: _money(r.saving), lambda r: _label(r.recommended),
    lambda r: _label(r.today), lambda r: _money(r.billed), lambda r: _money(r.priced), lambda r: r.difference,
    lambda r: r.account, lambda r: r.region, lambda r: "; ".join(r.why))
TEXTS: tuple[Callable[[FleetRow], str], ...] = (
    lambda r: f"{r.rank:,}", lambda r: r.name, lambda r: _usd(r.saving),
    lambda r: _label(r.recommended) or tr("none feasible"), lambda r: _label(r.today) or "-",
    lambda r: _usd(r.billed), lambda r: _usd(r.priced), lambda r: shown(pct(r.difference)),
    lambda r: r.account or "-", lambda r: r.region, lambda r: "; ".join(tr(part) for part in r.why))


def cell(row: FleetRow, column: int) -> str:
    """The text of one cell (English, or the language chosen)."""
    return TEXTS[column](row)


class FleetModel(TextTableModel):
    """A ranked fleet's rows; `order` maps the view's row to the table's (rank order until sorted)."""

    columns, numeric = COLUMNS, frozenset(NUMERIC)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.table: FleetTable | None = None
        self.order: list[int] = []

    def set_table(self, table: FleetTable | None) -> None:
        self.beginResetModel()
        self.table = table
        self.order = list(range(len(table.rows))) if table is not None else []
        self.endResetModel()

    def row_at(self, row: int) -> FleetRow:
        assert self.table is not None
        return self.table.rows[self.order[row]]

    def row_count(self) -> int:
        return len(self.order)

    def cell_text(self, row: int, column: int) -> str:
        return cell(self.row_at(row), column)

    def cell_tip(self, row: int, column: int) -> str:
        found = self.row_at(row)
        return f"{found.resource}\n{tr('line')} {found.line:,}" if column == 1 else cell(found, column)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Rows by the column's value (stable: equal values keep their rank order); rows without one last."""
        if self.table is None or not 0 <= column < len(COLUMNS):
            return
        if column == 0 and order == Qt.SortOrder.AscendingOrder:
            ordered = list(range(len(self.table.rows)))  # the rank order, as ranked
        else:
            values = [SORT_KEYS[column](r) for r in self.table.rows]
            present = [i for i, v in enumerate(values) if v is not None]
            present.sort(key=values.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
            ordered = present + [i for i, v in enumerate(values) if v is None]
        if ordered == self.order:  # as shown already (the rank order, when the fleet opens): nothing to redo
            return
        self.layoutAboutToBeChanged.emit()
        moved = self.persistentIndexList()
        new_row = {table_row: view_row for view_row, table_row in enumerate(ordered)}
        self.changePersistentIndexList(
            moved, [self.index(new_row[self.order[i.row()]], i.column()) for i in moved])
        self.order = ordered
        self.layoutChanged.emit()


class FleetFilter(QSortFilterProxyModel):
    """The rows a filter keeps (a mask over the table's rows, computed once a filter changes); sorting is left
    to the source model."""

    def __init__(self, source: FleetModel, parent: QObject | None = None):
        super().__init__(parent)
        self.fleet = source
        self.keep: bytearray | None = None  # by the table's row; None: every row
        self.setSourceModel(source)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        return self.keep is None or bool(self.keep[self.fleet.order[source_row]])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.fleet.sort(column, order)

    def set_filter(self, account: str = "", region: str = "", show: int = 0, text: str = "") -> None:
        """Keep the rows of `account` and `region` ("" for any), of the kind SHOWS[show], whose name or resource
        holds `text` (any case)."""
        table = self.fleet.table
        needle = text.strip().casefold()
        if table is None or not (account or region or show or needle):
            keep = None
        else:
            keep = bytearray(len(table.rows))
            for i, r in enumerate(table.rows):
                keep[i] = ((not account or r.account == account) and (not region or r.region == region)
                           and (show == 0 or (r.blocked, r.thin, r.leaves_out)[show - 1])
                           and (not needle or needle in r.name.casefold() or needle in r.resource.casefold()))
        if keep is None and self.keep is None:
            return  # every row kept already: nothing to filter again
        self.beginFilterChange()
        self.keep = keep
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def kept(self) -> list[int]:
        """The table's rows the filter keeps (in rank order)."""
        table = self.fleet.table
        if table is None:
            return []
        return [i for i in range(len(table.rows)) if self.keep is None or self.keep[i]]
