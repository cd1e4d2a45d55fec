"""The comparison of the scenarios: a table (each option's total, the recommendation, its margin, the change
against the baseline, what differs), the chart of recommended totals, and the portfolio total.

Renders from `Session.comparison` (computed in the Qt-free workshop model, shared with the PDF, CSV and JSON)
when it is on screen, once edits pause for FOLLOW_MS (a burst of typing or nudges redraws it once, and the
form, table and charts of the edited scenario redraw first, as fast as without it); hidden, it only notes
that it is out of date. A comparison it has already drawn is not drawn again (switching scenario only moves the
bold row). Clicking a row shows that scenario.

A ranged scenario's row shows its recommended option's P10-P90 and how sure: its point figures at once, the spread
once the session's worker has it (`Session.complete_scenarios`, the worker the shown advice's Monte Carlo runs on),
a result asked for by an older comparison dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.model.options.registry import short_label
from desktop.model.workshop.compare import Comparison, with_spreads
from desktop.present.i18n import shown, tr
from desktop.present.text import tooltip_html
from desktop.present.workshop import (
    SPREAD_HEADER,
    change_note,
    change_text,
    commitment_text,
    differences_shown,
    footprint_text,
    footprint_tip,
    horizon_text,
    margin_text,
    portfolio_text,
    row_left_out,
    spread_text,
    spread_tip,
    total_text,
)
from desktop.qt.session import Session
from desktop.qt.table_copy import header_text
from desktop.workbench.workbench import Workbench

FOLLOW_MS = 120  # the comparison follows this long after the last edit
DIFFERENCES_WIDTH = 360  # px, at least: the table scrolls sideways rather than squeeze it
if TYPE_CHECKING:
    from desktop.qt.charts.scenario_totals import ScenarioTotalsChart

FIXED_BEFORE = ("#", "Scenario")
FIXED_AFTER = ("Recommended", "Commitment", SPREAD_HEADER, "Over the horizon", "kgCO2e a month",
               "Margin over the runner-up", "Against the baseline", "What differs from the baseline")
CHANGE_COLUMN = "Against the baseline"  # not shown for the parts of one system: they are not versions of one thing
COMMITMENT_COLUMN = "Commitment"  # shown when a scenario's total assumes a commitment
SPREAD_COLUMN = SPREAD_HEADER  # shown when a scenario has ranged inputs


class ComparisonView(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("comparison_view")
        self.session = session
        self.comparison: Comparison | None = None
        self._stale = True
        self._shown_row = -1
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FOLLOW_MS)
        self._timer.timeout.connect(self._render_now)
        self.portfolio = QLabel(self)
        self.portfolio.setObjectName("portfolio_total")
        self.portfolio.setTextFormat(Qt.TextFormat.PlainText)
        self.portfolio.setWordWrap(True)
        font = self.portfolio.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.portfolio.setFont(font)
        self.table = QTableWidget(self)
        self.table.setObjectName("workshop_table")
        self.table.setAccessibleName(tr("Comparison of the scenarios"))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)  # one line a scenario; the whole of what differs is in the tooltip
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setTabKeyNavigation(False)
        self.table.cellClicked.connect(lambda row, _col: self._show(row))
        self._chart: ScenarioTotalsChart | None = None  # pyqtgraph: built when first shown, not at start-up
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.setObjectName("comparison_splitter")
        split.addWidget(self.table)
        split.addWidget(QWidget(split))
        self.split = split
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.table.setMinimumHeight(80)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.portfolio)
        column.addWidget(split, 1)
        session.advice_changed.connect(lambda _advice: self.refresh())
        session.scenarios_changed.connect(self.refresh)
        session.scenarios_completed.connect(self._spreads_known)

    @property
    def chart(self) -> ScenarioTotalsChart:
        if self._chart is None:
            from desktop.qt.charts.scenario_totals import ScenarioTotalsChart
            from desktop.qt.charts.setup import configure_pyqtgraph

            configure_pyqtgraph()
            placeholder = self.split.widget(1)
            self._chart = ScenarioTotalsChart()  # no parent yet: the splitter adopts it in place of the placeholder
            self.split.replaceWidget(1, self._chart)
            if placeholder is not None:
                placeholder.deleteLater()
            width = max(self.split.width(), 1000)
            self.split.setSizes([width * 62 // 100, width * 38 // 100])
        return self._chart

    def refresh(self) -> None:
        """Render on the next turn of the event loop when on screen, else when next shown."""
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def _render_now(self) -> None:
        if self.isVisible():
            self.render_comparison(self.session.comparison)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.render_comparison(self.session.comparison)

    def _spreads_known(self) -> None:
        """The worker has the ranged scenarios' spreads: drawn now when on screen, else when next shown."""
        self._stale = True
        if self.isVisible():
            self.render_comparison(self.session.comparison)

    def _with_spreads(self, comparison: Comparison) -> Comparison:
        """The ranged scenarios' spreads already known; the others asked of the session's worker."""
        advices = self.session.advices()
        if [a.workload.name for a in advices] != [row.name for row in comparison.rows]:
            return comparison  # not the session's comparison (a test's, an export's): drawn as it is
        found = with_spreads(comparison, advices, compute=False)
        wanted = [a for row, a in zip(found.rows, advices, strict=True) if row.ranged and row.spread is None]
        if wanted:
            self.session.complete_scenarios(wanted)
        return found

    def _show(self, row: int) -> None:
        if self.comparison is not None and row < len(self.comparison.rows):
            self.session.run(Workbench.select, row)

    def fit_columns(self, rows: list[int]) -> None:
        """Columns as wide as their contents: measured over every row after a full render, else only widened
        for the rows that changed (an edit touches one)."""
        table, last = self.table, self.table.columnCount() - 1
        if len(rows) > 3 or len(rows) == table.rowCount():
            table.resizeColumnsToContents()
            table.setColumnWidth(last, max(table.columnWidth(last), DIFFERENCES_WIDTH))
            return
        metrics = table.fontMetrics()
        for c in range(last):
            wanted = max((metrics.horizontalAdvance(item.text()) for r in rows
                          if (item := table.item(r, c)) is not None), default=0) + 16
            if wanted > table.columnWidth(c):
                table.setColumnWidth(c, wanted)

    def _mark_shown(self) -> None:
        """The shown scenario's row selected (a selection costs no re-measuring of the columns, a font would)."""
        shown = self.session.state.selected
        if shown == self._shown_row and self.table.currentRow() == shown:
            return
        self.table.blockSignals(True)
        self.table.selectRow(shown)
        self.table.blockSignals(False)
        self._shown_row = shown

    def text(self, row: int, column: str) -> str:
        """A cell's text by column title (tests and accessibility), after any render still pending."""
        if self._timer.isActive():
            self._render_now()
        headers = [header_text(self.table, c) for c in range(self.table.columnCount())]
        item = self.table.item(row, headers.index(column))
        return item.text() if item else ""

    def render_comparison(self, comparison: Comparison) -> None:
        self._stale = False
        self._timer.stop()
        ranged = any(row.ranged for row in comparison.rows)
        if ranged:
            comparison = self._with_spreads(comparison)
        if comparison is self.comparison or (ranged and comparison == self.comparison):  # drawn already: only the
            self._mark_shown()  # shown scenario may have changed
            return
        previous = self.comparison
        self.comparison = comparison
        options = comparison.options
        changes = comparison.kind != "parts"
        committed = any(row.commitment_terms for row in comparison.rows)
        after = [h for h in FIXED_AFTER if (changes or h != CHANGE_COLUMN) and (committed or h != COMMITMENT_COLUMN)
                 and (ranged or h != SPREAD_COLUMN)]
        headers = [tr(h) for h in (*FIXED_BEFORE, *(short_label(o) for o in options), *after)]
        table = self.table
        table.setUpdatesEnabled(False)
        if [header_text(table, c) for c in range(table.columnCount())] != headers:
            table.setColumnCount(len(headers))
            table.setHorizontalHeaderLabels(headers)
            header = table.horizontalHeader()
            for col in range(len(headers)):  # sized by fit_columns: ResizeToContents re-measures on every cell
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.setStretchLastSection(True)
            previous = None
        table.setRowCount(len(comparison.rows))
        changed: list[int] = []
        pal = self.palette()
        muted = pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        normal = pal.color(QPalette.ColorRole.Text)
        same_columns = previous is not None and previous.options == options and previous.kind == comparison.kind
        for r, row in enumerate(comparison.rows):
            if same_columns and previous is not None and r < len(previous.rows) and previous.rows[r] == row:
                continue  # an edit changes one scenario's row (all of them when the baseline changes)
            changed.append(r)
            name = row.name + (tr("  (baseline)") if row.is_baseline and changes else "")
            cells: list[tuple[str, bool, bool, bool]] = [(str(r + 1), False, False, False), (name, False, False, False)]
            for option in options:
                cells.append((shown(total_text(row, option)), option == row.recommended,
                              not row.feasible.get(option, False), True))
            rec = short_label(row.recommended) if row.recommended else tr("none feasible")
            cells.append((rec, True, False, False))
            if committed:
                cells.append((shown(commitment_text(row)), False, False, False))
            if ranged:
                cells.append((shown(spread_text(row)), False, not row.ranged, True))
            cells += [(shown(horizon_text(row)), False, False, True),
                      (shown(footprint_text(row)), False, False, True), (shown(margin_text(row)), False, False, False)]
            if changes:
                cells.append((shown(change_text(row)), False, False, True))
            differs = "" if row.is_baseline else differences_shown(row.differences)
            cells.append((differs, False, False, False))
            said = row_left_out(row, options)
            tip = tooltip_html([row.name, row.note, differs,
                                *(shown(t) for t in (f"Not priced: {said}" if said else "",
                                                     change_note(row, comparison.baseline_row) if changes else "",
                                                     *(f"{short_label(o)}: {text}" for o, text in
                                                       row.commitments.items()),
                                                     spread_tip(row), footprint_tip(row)))])
            for c, (text, bold, faded, number) in enumerate(cells):
                item = table.item(r, c)
                if item is None:
                    item = QTableWidgetItem()
                    table.setItem(r, c, item)
                if item.text() != text:  # unchanged cells are left alone: each change re-measures columns
                    item.setText(text)
                if item.toolTip() != tip:
                    item.setToolTip(tip)
                if item.font().bold() != bold:
                    font = QFont(table.font())
                    font.setBold(bold)
                    item.setFont(font)
                colour = muted if faded else normal
                if item.foreground().color() != colour:
                    item.setForeground(colour)
                if number:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.fit_columns(changed)
        self._shown_row = -1
        self._mark_shown()
        table.setUpdatesEnabled(True)
        text = shown(portfolio_text(comparison, short=True))
        self.portfolio.setText(text)
        self.portfolio.setToolTip(tooltip_html([shown(portfolio_text(comparison))]))
        self.portfolio.setVisible(bool(text))
        self.chart.render_comparison(comparison)
