"""The options side by side: monthly cost, cost per million requests (or per run), capacity, status."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from desktop.model.advice.advise import Advice
from desktop.model.advice.recommend import margin_summary
from desktop.model.format import left_out, left_out_cell, usd
from desktop.model.options.registry import all_options
from desktop.present.text import capacity, per_unit, tooltip_html

COLUMNS = ("Option", "Monthly cost", "Per million requests", "Capacity", "Status")
OPTION_COL, MONTHLY_COL, PER_UNIT_COL, CAPACITY_COL, STATUS_COL = range(5)


class ComparisonTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(len(all_options()), len(COLUMNS), parent)
        self.setObjectName("comparison_table")
        self.setAccessibleName("Comparison of the options")
        self.setHorizontalHeaderLabels(COLUMNS)
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        for col in (OPTION_COL, MONTHLY_COL, PER_UNIT_COL):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CAPACITY_COL, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(STATUS_COL, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.recommended: str | None = None
        self.option_ids: tuple[str, ...] = tuple(o.id for o in all_options())

    def text(self, option: str, column: int) -> str:
        item = self.item(self.option_ids.index(option), column)
        return item.text() if item else ""

    def render_advice(self, advice: Advice) -> None:
        quote = advice.quote
        rec = advice.recommendation
        jobs = quote.unit_name == "run"
        self.setHorizontalHeaderItem(PER_UNIT_COL, QTableWidgetItem("Per run" if jobs else "Per million requests"))
        self.recommended = rec.option
        pal = self.palette()
        muted = pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        tint = QColor(pal.color(QPalette.ColorRole.Highlight))
        tint.setAlpha(55)
        self.option_ids = tuple(quote.options)
        self.setRowCount(len(self.option_ids))
        for row, (option_id, option) in enumerate(quote.options.items()):
            if option.feasible:
                status = "Recommended" if option_id == rec.option else "Feasible"
                if option_id == rec.option and rec.runner_up:
                    status += ": " + margin_summary(rec)
                if option.missing:
                    status += f"; leaves out {left_out(option).removeprefix('+ ')}"
                if option.warnings:
                    status += f" ({len(option.warnings)} note{'s' if len(option.warnings) > 1 else ''})"
                more = left_out_cell(option)
                monthly = usd(option.monthly_usd, option.estimated) + (f"\n{more}" if more else "")
            else:
                status = "Ruled out: " + "; ".join(r.text for r in option.reasons)
                monthly = "-"
            cells = (option.label, monthly, per_unit(option, quote.units_per_month, jobs), capacity(option), status)
            tip = tooltip_html([option.label, status, left_out(option)]
                               + [f"Limit source: {r.source}" for r in option.reasons if r.source]
                               + list(option.warnings))
            for col, text in enumerate(cells):
                item = self.item(row, col)
                if item is None:
                    item = QTableWidgetItem()
                    self.setItem(row, col, item)
                item.setText(text)
                item.setToolTip(tip)
                font = QFont(self.font())
                font.setBold(option_id == rec.option)
                font.setItalic(not option.feasible)
                item.setFont(font)
                item.setForeground(muted if not option.feasible else pal.color(QPalette.ColorRole.Text))
                item.setBackground(tint if option_id == rec.option else QColor(Qt.GlobalColor.transparent))
                if col in (MONTHLY_COL, PER_UNIT_COL):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setData(Qt.ItemDataRole.AccessibleTextRole,
                             f"{COLUMNS[col] if col else 'Option'}: {text}")
        self.resizeRowsToContents()
        self.fit_height()

    def fit_height(self) -> None:
        """Tall enough for every row: the table never scrolls."""
        rows = sum(self.rowHeight(r) for r in range(self.rowCount()))
        self.setFixedHeight(rows + self.horizontalHeader().height() + 2 * self.frameWidth() + 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resizeRowsToContents()
        self.fit_height()
