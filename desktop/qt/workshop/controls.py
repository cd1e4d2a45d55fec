"""The window's workshop controls: the Scenario menu's actions, the scenario list and comparison docks.

Each action is one Session call (one undoable step); what cannot be done is said in the status bar. Adding
from a file asks for a workload or workshop file; adding from the questionnaire is the window's own action.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow, QMenu, QMessageBox, QWidget

from desktop.model.workload.files import WorkloadFileError
from desktop.model.workshop.spec import KIND_LABELS
from desktop.present.i18n import tr
from desktop.qt.session import Session
from desktop.qt.table_copy import install_table_copy
from desktop.qt.workshop.comparison_view import ComparisonView
from desktop.qt.workshop.scenario_list import ScenarioList
from desktop.workbench.workbench import Workbench

LIST_WIDTH = 210  # px: the list beside the form; the window still fits 1280x800
COMPARISON_HEIGHT = 230
OPEN_FILTER = "Workload or workshop files (*.workload.json *.workshop.json *.json);;All files (*)"


class WorkshopControls(QObject):
    def __init__(self, window: QMainWindow, session: Session, from_questions: Callable[[], None],
                 show_problem: Callable[[str], None]):
        super().__init__(window)
        self.window = window
        self.session = session
        self.show_problem = show_problem
        self.actions: dict[str, QAction] = {}
        add_menu = QMenu("&Add scenario", window)
        self.actions["blank"] = self._action("&Blank scenario", lambda: self._do(session.run(Workbench.add_scenario)),
                                             ["Ctrl+T"], add_menu)
        self.actions["questions"] = self._action("From the &questionnaire...", from_questions, None, add_menu)
        self.actions["file"] = self._action("From a &file...", self.add_from_file_dialog, None, add_menu)
        self.actions["add"] = add_menu.menuAction()
        self.actions["add"].setText(tr("Add"))
        self.actions["add"].setToolTip(tr("Add a scenario: blank, from the questionnaire or from a file"))
        self.actions["duplicate"] = self._action("&Duplicate", lambda: self._do(session.run(Workbench.duplicate)),
                                                 ["Ctrl+D"])
        self.actions["rename"] = self._action("Re&name", self.rename, ["F2"])
        self.actions["up"] = self._action("Move &up", lambda: self._move(-1), ["Ctrl+Shift+Up"])
        self.actions["down"] = self._action("Move do&wn", lambda: self._move(1), ["Ctrl+Shift+Down"])
        self.actions["delete"] = self._action("De&lete", lambda: self._do(session.run(Workbench.delete)),
                                              ["Ctrl+Shift+Del"])
        self.actions["baseline"] = self._action("Set as &baseline", self.set_baseline, ["Ctrl+B"])
        self.actions["previous"] = self._action("&Previous scenario", lambda: self._step(-1), ["Ctrl+PgUp"])
        self.actions["next"] = self._action("N&ext scenario", lambda: self._step(1), ["Ctrl+PgDown"])
        for key, tip in (("duplicate", "Duplicate the shown scenario, to tweak the copy"),
                         ("rename", "Rename the shown scenario"), ("up", "Move the shown scenario up"),
                         ("down", "Move the shown scenario down"), ("delete", "Delete the shown scenario"),
                         ("baseline", "Compare every scenario against the shown one")):
            self.actions[key].setToolTip(tip)
        self.add_menu = add_menu
        self.kind_group = QActionGroup(self)
        for kind, text in KIND_LABELS.items():
            action = QAction(text, self, checkable=True)
            action.setData(kind)
            action.triggered.connect(lambda _c=False, k=kind: self._do(session.run(Workbench.set_kind, k)))
            self.kind_group.addAction(action)

        self.list = ScenarioList(session, self.actions, window)
        self.list.problem_shown.connect(show_problem)
        self.comparison = ComparisonView(session, window)
        install_table_copy(self.comparison.table)
        self.list_dock = self._dock("Scenarios", "scenario_dock", self.list, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.comparison_dock = self._dock("Comparison of the scenarios", "comparison_dock", self.comparison,
                                          Qt.DockWidgetArea.BottomDockWidgetArea)
        window.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.comparison_dock.hide()
        self._count = len(session.state.scenarios)
        session.scenarios_changed.connect(self._scenarios_changed)
        self._scenarios_changed()

    # --- building -----------------------------------------------------------------------------------------
    def _action(self, text: str, slot: Callable[[], object], shortcuts: list[str] | None = None,
                menu: QMenu | None = None) -> QAction:
        action = QAction(text, self.window)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)  # shortcuts work wherever the focus is in the window
        if menu is not None:
            menu.addAction(action)
        return action

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(tr(title), self.window)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.window.addDockWidget(area, dock)
        return dock

    def size_docks(self) -> None:
        """Their first sizes (later, the window restores what the user left)."""
        self.window.resizeDocks([self.list_dock], [LIST_WIDTH], Qt.Orientation.Horizontal)
        self.window.resizeDocks([self.comparison_dock], [COMPARISON_HEIGHT], Qt.Orientation.Vertical)

    def fill_menu(self, menu: QMenu) -> None:
        menu.addMenu(self.add_menu)
        for key in ("duplicate", "rename", "delete"):
            menu.addAction(self.actions[key])
        menu.addSeparator()
        for key in ("up", "down", "baseline"):
            menu.addAction(self.actions[key])
        kind = menu.addMenu("&Kind of workshop")
        for action in self.kind_group.actions():
            kind.addAction(action)
        menu.addSeparator()
        menu.addAction(self.actions["previous"])
        menu.addAction(self.actions["next"])

    # --- following the document -----------------------------------------------------------------------------
    def _scenarios_changed(self) -> None:
        state = self.session.state
        count = len(state.scenarios)
        if count > 1 and self._count <= 1:  # the document just became a workshop: show the comparison
            self.comparison_dock.show()
            self.window.resizeDocks([self.comparison_dock], [COMPARISON_HEIGHT], Qt.Orientation.Vertical)
        self._count = count
        for action in self.kind_group.actions():
            action.setChecked(action.data() == state.kind)
        for key in ("delete", "previous", "next"):
            self.actions[key].setEnabled(count > 1)
        self.actions["up"].setEnabled(state.selected > 0)
        self.actions["down"].setEnabled(state.selected < count - 1)
        self.actions["baseline"].setEnabled(state.selected != state.baseline)

    # --- slots ----------------------------------------------------------------------------------------------
    def _do(self, problem: str) -> None:
        if problem:
            self.show_problem(problem)

    def _move(self, step: int) -> None:
        state = self.session.state
        self._do(self.session.run(Workbench.move, state.selected, state.selected + step))

    def _step(self, step: int) -> None:
        state = self.session.state
        self.session.run(Workbench.select, (state.selected + step) % len(state.scenarios))

    def set_baseline(self) -> None:
        self._do(self.session.run(Workbench.set_baseline, self.session.state.selected))

    def rename(self) -> None:
        self.list_dock.show()
        self.list.rename_current()

    def add_from_file_dialog(self) -> None:
        start = str(self.session.path.parent) if self.session.path else str(Path.home())
        name, _ = QFileDialog.getOpenFileName(self.window, "Add scenarios from a file", start, OPEN_FILTER)
        if name:
            self.add_from_file(Path(name))

    def add_from_file(self, path: Path) -> bool:
        try:
            problem = self.session.run(Workbench.add_from_file, path)
        except WorkloadFileError as exc:
            box = QMessageBox(QMessageBox.Icon.Warning, "Add scenarios", str(exc), QMessageBox.StandardButton.Ok,
                              self.window)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.exec()
            return False
        self._do(problem)
        return not problem
