"""What opening a fleet file adds to the window: File > Open fleet... (and a .jsonl given to Open), the ranking
shown in the fleet review dock, and the selected row's scenario opened as the document. Nothing here imports the
usage package before a fleet is opened."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow

from desktop.present.i18n import tr
from desktop.qt.session import Session
from desktop.qt.workshop.fleet_file import FLEET_FILTER, FleetOpener
from desktop.qt.workshop.fleet_review_view import FleetReviewView
from desktop.terminal import one_line

if TYPE_CHECKING:
    from desktop.usage.fleet_table import FleetTable

TITLE = "Open fleet"


class FleetWindowPart(QObject):
    def __init__(self, window: QMainWindow, session: Session, review: FleetReviewView, dock: QDockWidget,
                 inform: Callable[[str, str, str], None]):
        super().__init__(window)
        self.window, self.session, self.review, self.dock, self.inform = window, session, review, dock, inform
        self.opener = FleetOpener(window)
        self.opener.opened.connect(self._opened)
        self.opener.refused.connect(lambda message: self.inform(TITLE, message, ""))
        self.opener.cancelled.connect(lambda: self._status(tr("Opening the fleet was cancelled; nothing changed")))
        self.table: FleetTable | None = None
        self.shown_row = -1  # the fleet's row whose scenario is the document
        self._wanted = -1
        review.scenario_wanted.connect(self._want)

    def open_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.window, tr("Open a fleet (JSON lines)"), str(Path.home()),
                                              tr(FLEET_FILTER))
        if name:
            self.open(Path(name))

    def open(self, path: Path) -> str:
        """Rank the fleet file off the GUI thread; "" once started, or the problem (also shown)."""
        problem = self.opener.open(path, self.session.book)
        if problem:
            self.inform(TITLE, tr(problem), "")
        return problem

    def _opened(self, table: FleetTable) -> None:
        self.table, self.shown_row = table, -1
        self.review.show_fleet(table)
        self.dock.setWindowTitle(tr(f"Fleet review: {one_line(table.path.name)}"))
        self.dock.show()
        self.dock.raise_()
        self._status(tr(f"Ranked {len(table.rows):,} scenarios of {one_line(str(table.path))}"))

    def close(self) -> None:
        """The document is another file now: the dock follows it again."""
        if self.table is None:
            return
        self.table = None
        self.review.close_fleet()
        self.dock.setWindowTitle(tr("Fleet review"))
        if self.review.review is None:
            self.dock.hide()

    def _want(self, row: int) -> None:
        """Open the selected row's scenario once the selection settles (arrow keys held: the last row)."""
        first = self._wanted < 0
        self._wanted = row
        if first:
            QTimer.singleShot(0, self, self._open_wanted)

    def _open_wanted(self) -> None:
        row, self._wanted = self._wanted, -1
        self.open_row(row)

    def open_row(self, row: int) -> bool:
        """The fleet's row `row` (in rank order) opened as the document: one scenario, read again from the file."""
        from desktop.model.workload.files import WorkloadFileError
        from desktop.usage.records import UsageError
        from desktop.workbench.workbench import Workbench

        if self.table is None or row == self.shown_row:  # the row shown already (its place changed by a sort)
            return False
        try:
            entry = self.table.scenario(row, self.session.book)
        except (UsageError, WorkloadFileError) as exc:
            self.inform(TITLE, one_line(str(exc)), "")
            return False
        confirm = getattr(self.window, "confirm_discard", None)
        if callable(confirm) and not confirm():
            return False
        self.session.run(Workbench.open_scenario, entry)
        self.shown_row = row
        return True

    def _status(self, text: str) -> None:
        bar = self.window.statusBar()
        bar.showMessage(text, 8000)
