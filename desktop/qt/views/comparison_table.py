"""The options side by side: monthly cost, cost per million requests (or per run), capacity, status.

One line per cell (two for a total that leaves prices out): a long status, capacity or name is elided and its full
text is in the cell's tooltip, so the table's height depends on the number of options only, never on the window's
width or the texts. It asks for the height of all its rows and settles for three (scrolling) when the window is
short: the window must fit a 1280x720 screen with every option and every note. The totals' columns are never
elided; the others share what is left. Colours come from the palette's roles at render time and follow a change
of appearance.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop.model.advice.advise import Advice
from desktop.model.advice.recommend import margin_summary
from desktop.model.footprint.estimate import OptionFootprint, footprint
from desktop.model.footprint.words import detail_lines, moving_region_line, short_text
from desktop.model.format import left_out, left_out_cell, usd
from desktop.model.options.registry import all_options
from desktop.present.i18n import language, shown, tr
from desktop.present.text import capacity, per_unit, tooltip_html
from desktop.qt.locale_numbers import locale_format

# The footprint last: beside the dollars but never read as one of them (and the older columns keep their places)
COLUMNS = ("Option", "Monthly (USD)", "Per 1M requests", "Capacity", "Status", "kgCO2e/mo")
OPTION_COL, MONTHLY_COL, PER_UNIT_COL, CAPACITY_COL, STATUS_COL, FOOTPRINT_COL = range(6)
ROW_LINES = 2  # the most lines a cell holds: a total and what it leaves out
MIN_ROWS = 3  # the fewest rows shown when the window is short (the rest scroll)
SHARED_COLS = (OPTION_COL, CAPACITY_COL, STATUS_COL)  # elided when space is short; the totals never are
MIN_SHARED_PX = 60


def status_text(advice: Advice, option_id: str) -> str:
    """The Status cell's full text (elided in the table, whole in its tooltip)."""
    option = advice.quote.options[option_id]
    rec = advice.recommendation
    if not option.feasible:
        return "Ruled out: " + "; ".join(r.text for r in option.reasons)
    status = "Recommended" if option_id == rec.option else "Feasible"
    if option_id == rec.option and rec.runner_up:
        status += ": " + margin_summary(rec)
    if option_id in advice.over_budget:
        status += f"; over budget ({usd(advice.budget)} a month)"
    if option.missing:
        status += f"; leaves out {left_out(option).removeprefix('+ ')}"
    status += option.commitment_note
    if option.warnings:
        status += f" ({len(option.warnings)} note{'s' if len(option.warnings) > 1 else ''})"
    return status


def footprint_notes(found: OptionFootprint | None) -> list[str]:
    """The footprint cell's tooltip: how the estimate is made up, what moving region changes, the method."""
    if found is None:
        return ["No footprint: the option is ruled out"]
    moving = moving_region_line(found)
    return [*detail_lines(found), *([moving[:1].upper() + moving[1:]] if moving else []),
            *(f"Left out: {m}" for m in found.missing),
            "Estimated by Cloud Carbon Footprint's open method; never added to the dollars (README: the footprint)"]


class ComparisonTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(len(all_options()), len(COLUMNS), parent)
        self.setObjectName("comparison_table")
        self.setAccessibleName(tr("Comparison of the options"))
        self.setAccessibleDescription(tr("Each compared option's monthly cost in US dollars, cost per unit, "
                                         "capacity and status; the recommended row is bold. Ctrl+C copies the table."))
        self.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setTabKeyNavigation(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # _fit_columns sizes them
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(24)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._row_height = 0
        self._sized: tuple[int, int, int] | None = None  # (row height, rows, header height) the rows were sized for
        self._size_rows()
        self.recommended: str | None = None
        self.option_ids: tuple[str, ...] = tuple(o.id for o in all_options())
        self._advice: Advice | None = None
        self._shown_cells: dict[tuple[int, int], tuple[object, ...]] = {}  # what each cell was set to
        self.fmt = locale_format()  # numbers shown in the user's locale (amounts stay USD: the header says so)

    def text(self, option: str, column: int) -> str:
        """A cell's whole text (what the tooltip and a copy give; the cell may show it elided)."""
        item = self.item(self.option_ids.index(option), column)
        return item.text() if item else ""

    def render_advice(self, advice: Advice) -> None:
        self._advice = advice
        quote = advice.quote
        rec = advice.recommendation
        jobs = quote.unit_name == "run"
        per_unit_title = tr("Per run" if jobs else COLUMNS[PER_UNIT_COL])
        title = self.horizontalHeaderItem(PER_UNIT_COL)
        if title is None or title.text() != per_unit_title:  # a new header item repaints the header
            self.setHorizontalHeaderItem(PER_UNIT_COL, QTableWidgetItem(per_unit_title))
        self.recommended = rec.option
        self.option_ids = tuple(quote.options)
        self.setRowCount(len(self.option_ids))
        emissions = footprint(advice.workload, quote)
        for row, (option_id, option) in enumerate(quote.options.items()):
            found = emissions.get(option_id)
            status = status_text(advice, option_id)
            if option.feasible:
                more = left_out_cell(option)
                monthly = usd(option.monthly_usd, option.estimated) + (f"\n{more}" if more else "")
            else:
                monthly = "-"
            cells = (option.label, *(shown(text, self.fmt) for text in (
                monthly, per_unit(option, quote.units_per_month, jobs), capacity(option), status,
                "-" if found is None else short_text(found).removesuffix(" kgCO2e"))))
            notes = ([left_out(option)] + [f"Limit source: {r.source}" for r in option.reasons if r.source]
                     + list(option.warnings))
            for col, text in enumerate(cells):
                lines = [option.label, cells[STATUS_COL]] if col in (OPTION_COL, STATUS_COL) \
                    else [option.label, text, cells[STATUS_COL]]
                extra = footprint_notes(found) if col == FOOTPRINT_COL else notes
                self._set_cell(row, col, text, tuple(lines + extra), option_id == rec.option, not option.feasible)
        self._colour_rows()
        self._size_rows()

    def _set_cell(self, row: int, col: int, text: str, tip: tuple[str, ...], bold: bool, italic: bool) -> None:
        """One cell's text, tooltip and font, set only when they differ from what the cell shows: an edit that
        leaves a cell as it was (names, capacity, most tooltips) costs a comparison, not its tooltip's HTML."""
        item = self.item(row, col)
        if item is None:
            item = QTableWidgetItem()
            self.setItem(row, col, item)
            self._shown_cells.pop((row, col), None)
        state = (text, tip, bold, italic, self.fmt, language())
        if self._shown_cells.get((row, col)) == state:
            return
        self._shown_cells[(row, col)] = state
        item.setText(text)
        item.setToolTip(tooltip_html([shown(line, self.fmt) for line in tip]))
        font = QFont(self.font())
        font.setBold(bold)
        font.setItalic(italic)
        item.setFont(font)
        if col in (MONTHLY_COL, PER_UNIT_COL, FOOTPRINT_COL):
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        else:
            item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{tr(COLUMNS[col])}: {' '.join(text.split())}")

    def _colour_rows(self) -> None:
        """Text and tint from the palette's roles now (light or dark): ruled-out rows muted, the recommended
        row tinted with the highlight."""
        if self._advice is None:
            return
        pal = self.palette()
        muted = pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        ink = pal.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text)
        tint = QColor(pal.color(QPalette.ColorRole.Highlight))
        tint.setAlpha(70)
        quote = self._advice.quote
        for row, (option_id, option) in enumerate(quote.options.items()):
            for col in range(self.columnCount()):
                item = self.item(row, col)
                if item is None:
                    continue
                item.setForeground(ink if option.feasible else muted)
                item.setBackground(tint if option_id == self.recommended else QColor(Qt.GlobalColor.transparent))

    def _line_height(self) -> int:
        bold = QFont(self.font())
        bold.setBold(True)
        return QFontMetrics(bold).lineSpacing()

    def _size_rows(self) -> None:
        """Every row as tall as two lines of (bold) text, whatever the texts. The rows, the minimum height and the
        window's layout are set again only when the row height, the rows or the header's height changed (an edit's
        new texts only fit the columns again: asking the window's layout again cost about 0.15 ms an edit)."""
        sized = (self._line_height() * ROW_LINES + 8, self.rowCount(), self.horizontalHeader().sizeHint().height())
        if sized != self._sized:
            self._sized = sized
            self._row_height = sized[0]
            self.verticalHeader().setDefaultSectionSize(self._row_height)
            for row in range(self.rowCount()):
                self.setRowHeight(row, self._row_height)
            self.setMinimumHeight(self._height_for(min(MIN_ROWS, self.rowCount())))
            self.updateGeometry()
        self._fit_columns()

    def _height_for(self, rows: int) -> int:
        return rows * self._row_height + self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth() + 4

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height_for(self.rowCount()))

    def _fit_columns(self) -> None:
        """The totals' columns as wide as their texts; the option, capacity and status columns share the rest,
        each at most as wide as its texts (the status takes what is left over) and elided below that."""
        header = self.horizontalHeader()
        natural = [max(self.sizeHintForColumn(c), header.sectionSizeHint(c)) + 6 for c in range(self.columnCount())]
        available = self.viewport().width()
        for col in (MONTHLY_COL, PER_UNIT_COL, FOOTPRINT_COL):
            self.setColumnWidth(col, natural[col])
            available -= natural[col]
        widths = share_width(available, [natural[c] for c in SHARED_COLS], MIN_SHARED_PX)
        widths[-1] = max(widths[-1], available - sum(widths[:-1]))
        for col, width in zip(SHARED_COLS, widths, strict=True):
            self.setColumnWidth(col, width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._colour_rows()
        elif event.type() == QEvent.Type.FontChange:
            self._shown_cells.clear()  # the cells' fonts are made from the table's
            self._sized = None
            self._size_rows()


def share_width(available: int, wanted: list[int], least: int) -> list[int]:
    """Split `available` pixels between columns that want `wanted`: each gets what it wants when all fit, else
    the narrow ones theirs and the wide ones an equal share of the rest (never under `least`)."""
    widths = [0] * len(wanted)
    left = list(range(len(wanted)))
    budget = available
    while left:
        share = budget // len(left)
        fits = [i for i in left if wanted[i] <= share]
        if not fits:
            for i in left:
                widths[i] = max(least, share)
            break
        for i in fits:
            widths[i] = wanted[i]
            budget -= wanted[i]
            left.remove(i)
    return widths
