"""The main window: the workload form, the comparison, the recommendation and the charts, wired to one Session.

Wiring only: every view renders from the Session's Advice (`advice_changed`); views never talk to each other.
A document holds one or more scenarios (a workshop): the scenario list and the comparison of the scenarios are
docks (desktop/qt/workshop), the form, table and charts show the selected scenario, and View > Present shows
it full screen for a room.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDragEnterEvent, QDropEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWhatsThis,
    QWidget,
)

from desktop.model.advice.advise import Advice
from desktop.model.options.registry import compared
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.files import SUFFIX, WorkloadFileError
from desktop.model.workshop.files import SUFFIX as WORKSHOP_SUFFIX
from desktop.present.i18n import shown, tr
from desktop.pricelist.book.setup import BookSetup
from desktop.qt.appearance import MODES, apply_appearance
from desktop.qt.form.workload_form import WorkloadForm
from desktop.qt.options_menu import OptionsMenu
from desktop.qt.prices_controller import ImportOutcome, PricesController
from desktop.qt.recent_files import RecentFiles
from desktop.qt.session import Session
from desktop.qt.table_copy import install_table_copy
from desktop.qt.translation import translate_menus
from desktop.qt.usage_import import UsageWindowPart
from desktop.qt.views.comparison_table import ComparisonTable
from desktop.qt.views.recommendation_panel import RecommendationPanel
from desktop.qt.views.status_bar import StatusBar
from desktop.qt.workshop.controls import WorkshopControls
from desktop.resources import icon_path
from desktop.workbench.file_names import safe_file_stem
from desktop.workbench.workbench import FileChangedError, Workbench

if TYPE_CHECKING:
    from desktop.qt.charts.base import ChartBase
    from desktop.qt.export_controller import ExportController
    from desktop.qt.help_dialog import HelpDialog
    from desktop.qt.views.price_book_dialog import PriceBookDialog
    from desktop.qt.wizard import QuestionnaireStart

APP_NAME = "ComputeFit"
FLEET_SUFFIX = ".jsonl"  # a fleet, one scenario a line (`computefit usage import -o FLEET.jsonl`)
FILE_FILTER = (f"Workload or workshop files (*{SUFFIX} *{WORKSHOP_SUFFIX} *.json);;Fleet files (*{FLEET_SUFFIX});;"
               "All files (*)")
WORKSHOP_FILTER = f"Workshop files (*{WORKSHOP_SUFFIX})"
WORKLOAD_FILTER = f"Workload files (*{SUFFIX})"
SAVE_FOLDER_KEY = "files/last_save_folder"
PRICE_LIST_FILTER = "AWS Price List offer files (*.csv *.json);;All files (*)"
FORM_REST_AT_MOST_MS = 3000  # the form's groups out of sight are built after the first frame, or after this


class MainWindow(QMainWindow):
    def __init__(self, session: Session, settings: QSettings, parent: QWidget | None = None,
                 setup: BookSetup | None = None):
        super().__init__(parent)
        self.setObjectName("main_window")
        self.session = session
        self.settings = settings
        self.recent = RecentFiles(settings)
        # Without a setup (embedding, tests) the session's book is used as it is: nothing can be changed.
        self.prices = PricesController(setup or BookSetup(session.book, None), self)
        self.price_dialog: PriceBookDialog | None = None
        self.help_dialog: HelpDialog | None = None
        self.setAcceptDrops(True)
        if icon_path().is_file():
            self.setWindowIcon(QIcon(str(icon_path())))

        from desktop.qt.charts.chart_tabs import ChartTabs  # pyqtgraph: imported once Qt is up

        self.form = WorkloadForm(session, self)
        self.recommendation = RecommendationPanel(self)
        self.table = ComparisonTable(self)
        self.charts = ChartTabs(self)  # the real chart at once: the window's first paint holds it
        self.status = StatusBar(session.book, self)
        self.setStatusBar(self.status)
        self._layout()
        install_table_copy(self.table)
        self.workshop = WorkshopControls(self, session, self.add_scenario_from_questions, self.status.show_problem)
        self.presenting: QWidget | None = None
        self.exporter = self._make_exporter()
        self.usage = UsageWindowPart(self, session, lambda title, text, details: self._inform(
            title, text, QMessageBox.Icon.Information, "", details))
        self._build_menus()

        session.advice_changed.connect(self.render_advice)
        session.advice_completed.connect(self._render_completed)
        session.dirty_changed.connect(lambda _dirty: self._update_title())
        session.path_changed.connect(lambda _path: self._update_title())
        session.workload_changed.connect(lambda _w: self._update_title())
        session.scenarios_changed.connect(self._update_title)
        session.advice_failed.connect(self.status.show_problem)
        self.form.problem_shown.connect(self.status.show_problem)
        self.form.note_shown.connect(self.status.show_problem)
        self.status.prices_requested.connect(self.show_prices)
        self.prices.book_changed.connect(self.set_book)
        self.prices.import_ended.connect(self._import_ended)
        self.prices.busy_changed.connect(self._prices_busy)
        self.render_advice(session.advice)
        self.charts.tell_after_first_paint(self.table.viewport())
        self.form.hold_rest(FORM_REST_AT_MOST_MS)  # the first frame, real chart and all, before the rest
        self.charts.visible_built.connect(self.form.release_rest)
        self._update_title()
        self._restore_geometry()
        if session.workbench.locked_by is not None:
            QTimer.singleShot(0, self, self._tell_read_only)

    # --- layout -----------------------------------------------------------------------------------
    def _layout(self) -> None:
        top = QWidget(self)
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table)
        column.addWidget(self.recommendation, 1)
        self.right = QSplitter(Qt.Orientation.Vertical, self)
        self.right.setObjectName("right_splitter")
        self.right.addWidget(top)
        self.right.addWidget(self.charts)
        self.right.setStretchFactor(0, 0)  # the table and the recommendation keep their height; charts take the rest
        self.right.setStretchFactor(1, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.form)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([400, 880])
        top_height = self.table.sizeHint().height() + self.recommendation.sizeHint().height()
        self.right.setSizes([top_height, 500])
        self.setCentralWidget(self.splitter)
        # Screen readers name every control: these containers had no name of their own.
        self.form.setAccessibleName(tr("Workload form"))
        self.form.setAccessibleDescription(tr("Every field of the selected scenario's workload; an edit re-prices it."))
        self.charts.setAccessibleName(tr("Charts"))
        self.charts.tabBar().setAccessibleName(tr("Chart shown"))

    # --- menus ------------------------------------------------------------------------------------
    def _action(self, text: str, slot: Callable[[], object],
                shortcuts: list[str | QKeySequence.StandardKey] | None = None, menu: QMenu | None = None,
                role: QAction.MenuRole = QAction.MenuRole.NoRole) -> QAction:
        """A menu entry. Its shortcuts: each standard key's bindings on this platform, then the literal ones
        not already bound (one key never bound twice: Qt calls that ambiguous and does nothing). Its role puts
        Quit, About and Preferences where macOS users look for them (the application menu); the others keep
        their place, whatever their text (NoRole)."""
        action = QAction(text, self)
        keys = unique_shortcuts(shortcuts or [])
        if keys:
            action.setShortcuts(keys)
        action.setMenuRole(role)
        action.triggered.connect(slot)
        if menu is not None:
            menu.addAction(action)
        return action

    def _update_undo_actions(self) -> None:
        history = self.session.workbench.history
        for action, verb, text in ((self.undo_action, "Undo", history.undo_text),
                                   (self.redo_action, "Redo", history.redo_text)):
            action.setEnabled(bool(text))
            action.setText(f"{tr('&' + verb)} {text}" if text else tr(f"&{verb}"))

    def _build_menus(self) -> None:
        self._build_file_menu(self.menuBar().addMenu("&File"))
        edit = self.menuBar().addMenu("&Edit")
        self.undo_action = self._action("&Undo", lambda: self.session.run(Workbench.undo),
                                        [QKeySequence.StandardKey.Undo], edit)
        self.redo_action = self._action("&Redo", lambda: self.session.run(Workbench.redo), ["Ctrl+Shift+Z", "Ctrl+Y"],
                                        edit)
        self.session.history_changed.connect(self._update_undo_actions)
        self._update_undo_actions()
        edit.addSeparator()
        self._action("Copy &chart", self.copy_chart, ["Ctrl+Shift+C"], edit)
        self._action("Chart as &table", self.show_chart_table, ["Ctrl+Shift+T"], edit)
        edit.addSeparator()
        self._action("&Preferences...", self.show_preferences, [QKeySequence.StandardKey.Preferences], edit,
                     QAction.MenuRole.PreferencesRole)
        self.workshop.fill_menu(self.menuBar().addMenu("&Scenario"))
        view = self.menuBar().addMenu("&View")
        self._action("&Workload form", lambda: self._focus(self.form.editor("traffic.requests_per_month")),
                     ["Ctrl+1"], view)
        self._action("&Comparison table", lambda: self._focus(self.table), ["Ctrl+2"], view)
        self._action("C&harts", lambda: self._focus(self.charts.tabBar()), ["Ctrl+3"], view)
        for dock, key in ((self.workshop.list_dock, "Ctrl+4"), (self.workshop.comparison_dock, "Ctrl+5")):
            toggle = dock.toggleViewAction()
            toggle.setShortcut(QKeySequence(key))
            view.addAction(toggle)
        self._action("P&resent", self.present, ["F11"], view)
        view.addSeparator()
        self.options_menu = OptionsMenu(self.session, self)
        self.options_menu.problem_shown.connect(self.status.show_problem)
        view.addMenu(self.options_menu)
        self._action("&Prices...", self.show_prices, ["Ctrl+I"], view)
        appearance = view.addMenu("&Appearance")
        group = QActionGroup(self)
        current = str(self.settings.value("view/appearance", "system"))
        for mode in MODES:
            action = QAction(mode.title(), self, checkable=True, checked=mode == current)
            action.triggered.connect(lambda _checked=False, m=mode: self.set_appearance(m))
            group.addAction(action)
            appearance.addAction(action)
        help_menu = self.menuBar().addMenu("&Help")
        self.help_action = self._action("ComputeFit &Help", self.show_help, [QKeySequence.StandardKey.HelpContents],
                                        help_menu)
        whats_this = QWhatsThis.createAction(self)
        whats_this.setText(tr("What's &This?"))
        whats_this.setShortcuts(unique_shortcuts([QKeySequence.StandardKey.WhatsThis, "Shift+F1"]))
        help_menu.addAction(whats_this)
        help_menu.addSeparator()
        self._action("&About ComputeFit", self._about, None, help_menu, QAction.MenuRole.AboutRole)
        _no_guessed_roles(self.menuBar().actions())
        translate_menus(self.menuBar())  # the current language's texts (English: unchanged)

    def _build_file_menu(self, menu: QMenu) -> None:
        """File menu in one place (the questionnaire and export entries plug in here)."""
        self._action("&New", self.new_file, [QKeySequence.StandardKey.New], menu)
        self._action("New from &questions...", self.open_questionnaire, None, menu)
        self._action("&Open...", self.open_dialog, [QKeySequence.StandardKey.Open], menu)
        self._action("Open &fleet...", self.usage.fleet.open_dialog, None, menu)
        self.recent_menu = menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._action("&Save", self.save, [QKeySequence.StandardKey.Save], menu)
        self._action("Save &as...", self.save_as, ["Ctrl+Shift+S"], menu)
        menu.addSeparator()
        self._action("Export &PDF...", self._export("export_pdf"), ["Ctrl+E", "Ctrl+P"], menu)
        self._action("Export &CSV...", self._export("export_csv"), None, menu)
        self._action("Export &JSON...", self._export("export_json"), None, menu)
        self._action("Export &XLSX workbook...", self._export("export_xlsx"), None, menu)
        self._action("Save c&hart as PNG or SVG...", self.save_chart, None, menu)
        menu.addSeparator()
        self.import_action = self._action("&Import prices...", self.import_prices_dialog, None, menu)
        self.import_folder_action = self._action("Import prices from a &folder...", self.import_folder_dialog,
                                                 None, menu)
        self.usage.fill_menu(menu)
        menu.addSeparator()
        # Ctrl+Q where the platform binds nothing to Quit (Windows); Cmd+Q on macOS, Ctrl+Q on Linux, once.
        self.quit_action = self._action("&Quit", self.close, [QKeySequence.StandardKey.Quit, "Ctrl+Q"], menu,
                                        QAction.MenuRole.QuitRole)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = self.recent.paths()
        for i, path in enumerate(paths, 1):
            action = self.recent_menu.addAction(f"&{i} {path.name}")
            action.setToolTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p, ask=True))
        if not paths:
            self.recent_menu.addAction(tr("(none)")).setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(tr("Clear list"), self.recent.clear)

    def _make_exporter(self) -> ExportController | None:
        try:
            from desktop.qt.export_controller import ExportController
        except ImportError:
            return None
        return ExportController(self.session, self.settings, self)

    def _export(self, slot: str) -> Callable[[], None]:
        def run() -> None:
            if self.exporter is None:
                self._warn("Export", "Export is not available in this build.")
                return
            getattr(self.exporter, slot)()
        return run

    def ask_questionnaire_start(self) -> QuestionnaireStart | None:
        """New scenario or replace the shown one, from the defaults or the shown scenario (tests replace this)."""
        from desktop.qt.wizard import ask_start

        return ask_start(self, self.session.workload.name)

    def open_questionnaire(self, start: QuestionnaireStart | None = None) -> None:
        """File > New from questions: asks whether to add a scenario or replace the shown one."""
        try:
            from desktop.qt.wizard import run_questionnaire
        except ImportError:
            self._warn("New from questions", "The questionnaire is not available in this build.")
            return
        start = start or self.ask_questionnaire_start()
        if start is not None:
            run_questionnaire(self.session, self, start)

    def add_scenario_from_questions(self) -> None:
        """Scenario > Add > From the questionnaire: a new scenario, from the defaults."""
        from desktop.qt.wizard import QuestionnaireStart

        self.open_questionnaire(QuestionnaireStart("add", from_current=False))

    # --- rendering --------------------------------------------------------------------------------
    def render_advice(self, advice: Advice) -> None:
        self.recommendation.render_advice(advice)
        rows = self.table.rowCount()
        self.table.render_advice(advice)
        if self.table.rowCount() > rows:
            self._fit_top_pane()
        self.status.render_advice(advice)
        self.charts.render_advice(advice)
        if self.price_dialog is not None and self.price_dialog.isVisible():
            self._show_prices_of(advice)

    def event(self, event: QEvent) -> bool:
        """After each paint pass of the window: a ranged workload's Monte Carlo may start (see Session)."""
        handled = super().event(event)
        if event.type() == QEvent.Type.UpdateRequest:
            self.session.frame_painted()
        return handled

    def _render_completed(self, advice: Advice) -> None:
        """The shown advice's slow parts came in from the worker: the headline's hinge, "how sure" and the cost
        chart's bands."""
        self.recommendation.render_advice(advice)
        self.charts.render_bands(advice)

    def _fit_top_pane(self) -> None:
        """More options compared: the table and the recommendation taller, if the charts can give the room."""
        top, charts = self.right.sizes()
        need = self.table.sizeHint().height() + self.recommendation.minimumSizeHint().height() + 6
        room = charts - self.charts.minimumSizeHint().height()
        grow = min(need - top, room)
        if grow > 0:
            self.right.setSizes([top + grow, charts - grow])

    def _update_title(self) -> None:
        path = self.session.path
        state = self.session.state
        shown = path.name if path else ("Untitled workshop" if len(state.scenarios) > 1 else "Untitled")
        count = f" ({state.selected + 1} of {len(state.scenarios)})" if len(state.scenarios) > 1 else ""
        read_only = " (read-only)" if self.session.workbench.locked_by is not None else ""
        self.setWindowTitle(f"{shown}[*]{read_only} - {self.session.workload.name}{count} - {APP_NAME}")
        self.setWindowModified(self.session.dirty)

    def _focus(self, widget: QWidget) -> None:
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --- files ------------------------------------------------------------------------------------
    def ask_save_changes(self) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel (tests replace this method)."""
        name = self.session.path.name if self.session.path else (
            "this workshop" if self.session.is_workshop else "this workload")
        return QMessageBox.question(
            self, APP_NAME, f"Save the changes to {name}?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)

    def confirm_discard(self) -> bool:
        """True when it is fine to replace the current workload (saved, discarded or unchanged)."""
        if not self.session.dirty:
            return True
        answer = self.ask_save_changes()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_file(self) -> None:
        if self.confirm_discard():
            self.session.run(Workbench.new)
            self.usage.fleet.close()

    def open_dialog(self) -> None:
        if not self.confirm_discard():
            return
        start = str(self.session.path.parent) if self.session.path else str(Path.home())
        name, _ = QFileDialog.getOpenFileName(self, "Open a workload or workshop", start, FILE_FILTER)
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path, ask: bool = False) -> bool:
        if path.name.lower().endswith(FLEET_SUFFIX):  # a fleet: ranked in the background, the document kept
            return not self.usage.fleet.open(path)
        if ask and not self.confirm_discard():
            return False
        try:
            self.session.run(Workbench.open, path)
        except WorkloadFileError as exc:
            self._warn("Open workload", str(exc))
            return False
        self.usage.fleet.close()
        self.recent.add(path)
        self.status.showMessage(tr(f"Opened {path}"), 5000)
        self._tell_read_only()
        return True

    def _tell_read_only(self) -> None:
        """One document, one window: a file another instance has open is opened read-only, and said so."""
        holder, path = self.session.workbench.locked_by, self.session.path
        self._update_title()
        if holder is not None and path is not None:
            self._warn("Open read-only", f"{path} is open in another ComputeFit window ({holder.describe()}).\n\n"
                       "It is opened here read-only: your changes can be saved as a copy with Save As.")

    def save(self) -> bool:
        path = self.session.path
        workbench = self.session.workbench
        if path is None or workbench.save_problem(path) or workbench.locked_by is not None:
            return self.save_as()  # a workshop cannot go in a workload file; a read-only document saves a copy
        return self.save_to(path)

    def ask_changed_on_disk(self, path: Path) -> str:
        """The file changed on disk since it was opened: "overwrite", "save as" or "cancel" (tests replace this)."""
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME,
                          shown(f"{path} was changed on disk since you opened it (by another program or window).\n\n"
                                "Saving over it would lose those changes. Save your version as a copy instead?"),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.button(QMessageBox.StandardButton.Save).setText(tr("Save as a copy..."))
        overwrite = box.addButton(tr("Overwrite"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if box.clickedButton() is overwrite:
            return "overwrite"
        return "save as" if answer == QMessageBox.StandardButton.Save else "cancel"

    def suggested_save_path(self) -> Path:
        """Where Save As starts: the document's own file (a workshop gets .workshop.json), or a safe name made from
        it in the last folder saved to; a document open read-only starts from a copy's name beside it."""
        workshop = self.session.state.needs_workshop_file or self.session.workbench.is_workshop_file
        suffix = WORKSHOP_SUFFIX if workshop else SUFFIX
        path = self.session.path
        if path is not None:
            stem = path.name.removesuffix(WORKSHOP_SUFFIX).removesuffix(SUFFIX).removesuffix(".json")
            if self.session.workbench.locked_by is not None:
                return path.with_name(f"{safe_file_stem(stem)}-copy{suffix}")
            if path.name.endswith(suffix) or not workshop:
                return path
            return path.with_name(stem + suffix)
        name = "Workshop" if workshop else self.session.workload.name
        return self._save_folder() / f"{safe_file_stem(name)}{suffix}"

    def _save_folder(self) -> Path:
        remembered = self.settings.value(SAVE_FOLDER_KEY)
        if remembered and Path(str(remembered)).is_dir():
            return Path(str(remembered))
        return Path.home()

    def save_as(self) -> bool:
        start = self.suggested_save_path()
        workshop = start.name.endswith(WORKSHOP_SUFFIX)
        filters = ";;".join((WORKSHOP_FILTER, WORKLOAD_FILTER) if workshop else (WORKLOAD_FILTER, WORKSHOP_FILTER))
        name, chosen = QFileDialog.getSaveFileName(self, "Save workshop" if workshop else "Save workload",
                                                   str(start), filters)
        if not name:
            return False
        target = Path(name)
        if not target.name.endswith(".json"):
            target = target.with_name(target.name + (WORKSHOP_SUFFIX if chosen == WORKSHOP_FILTER else SUFFIX))
        saved = self.save_to(target)
        if saved:
            self.settings.setValue(SAVE_FOLDER_KEY, str(target.parent))
        return saved

    def save_to(self, path: Path, overwrite_changed: bool = False) -> bool:
        self.workshop.list.commit_note()  # a note still being typed belongs in the file
        try:
            self.session.run(Workbench.save, path, overwrite_changed)
        except FileChangedError:
            answer = self.ask_changed_on_disk(path)
            if answer == "overwrite":
                return self.save_to(path, overwrite_changed=True)
            return self.save_as() if answer == "save as" else False
        except WorkloadFileError as exc:
            self._warn("Save workshop" if self.session.is_workshop else "Save workload", str(exc))
            return False
        saved = self.session.path
        assert saved is not None  # a save gives the document its file
        self.recent.add(saved)
        self.status.showMessage(tr(f"Saved {saved}"), 5000)
        return True

    def _warn(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile() and urls[0].toLocalFile().endswith((".json", FLEET_SUFFIX)):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            path = Path(urls[0].toLocalFile())
            QTimer.singleShot(0, lambda: self.open_path(path, ask=True))  # let the drag finish first

    # --- view -------------------------------------------------------------------------------------
    def show_prices(self) -> None:
        """The Prices dialog (one, not modal: the quote stays in view while prices change)."""
        from desktop.qt.views.price_book_dialog import PriceBookDialog

        advice = self.session.advice
        if self.price_dialog is None:
            quote = advice.quote
            self.price_dialog = PriceBookDialog(advice.book, advice.workload.region, self,
                                                used=quote.prices_used(), missing=_missing(advice),
                                                editor=self.prices)
            self.price_dialog.shared.apply = self._apply_shared_lines
            self._show_shared_lines(advice)
        elif self.price_dialog.isVisible():  # open already, maybe behind the window: bring it forward
            self.price_dialog.raise_()
            self.price_dialog.activateWindow()
            return
        else:
            self._show_prices_of(advice)
        self.price_dialog.show()

    def _show_prices_of(self, advice: Advice) -> None:
        assert self.price_dialog is not None
        self.price_dialog.show_book(advice.book, advice.workload.region, advice.quote.prices_used(),
                                    _missing(advice))
        self._show_shared_lines(advice)

    def _show_shared_lines(self, advice: Advice) -> None:
        assert self.price_dialog is not None
        self.price_dialog.shared.show_lines(advice.workload.shared_lines,
                                            [(o.id, o.short_label) for o in compared(advice.workload)])

    def _apply_shared_lines(self, lines: list[dict[str, Any]]) -> str:
        """The Prices dialog's shared lines, as one undoable edit of the workload ('' or the problem)."""
        problems = self.session.run(Workbench.apply_changes, {"shared_lines": lines or None}, "Shared lines")
        return "; ".join(f"{p.path}: {p.message}" if p.path else p.message for p in problems)

    # --- the price book ---------------------------------------------------------------------------
    def set_book(self, book: PriceBook) -> None:
        """Price with another book from now on: one recomputation; every view, the form's region list and
        instance choices follow."""
        problems = self.session.run(Workbench.set_book, book)
        if problems:
            self.status.show_problem("; ".join(f"{p.path}: {p.message}" if p.path else p.message
                                               for p in problems))

    def import_prices_dialog(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Import AWS Price List files", str(self._import_start()),
                                                PRICE_LIST_FILTER)
        if names:
            self.import_prices([Path(n) for n in names])

    def import_folder_dialog(self) -> None:
        name = QFileDialog.getExistingDirectory(self, "Import a folder of AWS Price List files",
                                                str(self._import_start()))
        if name:
            self.import_prices([Path(name)])

    def _import_start(self) -> Path:
        last = self.settings.value("prices/import_folder")
        return Path(str(last)) if last else Path.home()

    def import_prices(self, paths: list[Path]) -> bool:
        """Import AWS Price List files into the user book, off the GUI thread (a progress dialog with Cancel)."""
        if paths:
            self.settings.setValue("prices/import_folder", str(paths[0] if paths[0].is_dir() else paths[0].parent))
        problem = self.prices.start_import(paths)
        if problem:
            self._warn("Import prices", problem)
            return False
        self.status.showMessage(tr("Importing prices..."))
        return True

    def _import_ended(self, outcome: ImportOutcome) -> None:
        self.status.clearMessage()
        if outcome.status == "done":
            self.status.showMessage(tr("Prices imported"), 8000)
            first, _, details = outcome.message.partition("\n")
            where = self.prices.setup.user_path
            self._inform(tr("Import prices"), shown(first), QMessageBox.Icon.Information,
                         shown(f"The quote now uses them. Saved in the user price book {where}."),
                         "\n".join(shown(line) for line in details.splitlines()))
        elif outcome.status == "cancelled":
            self.status.showMessage(shown(outcome.message), 8000)
        else:
            self._inform(tr("Import prices"), tr("The prices could not be imported; nothing changed."),
                         QMessageBox.Icon.Warning, shown(outcome.message))

    def _inform(self, title: str, text: str, icon: QMessageBox.Icon, more: str = "", details: str = "") -> None:
        """A message that does not block (the window stays usable); tests find it by its object name."""
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("price_import_result")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(more)
        box.setDetailedText(details)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _prices_busy(self, busy: bool) -> None:
        for action in (self.import_action, self.import_folder_action):
            action.setEnabled(not busy)
        if self.price_dialog is not None and self.price_dialog.isVisible():
            self._show_prices_of(self.session.advice)

    def present(self) -> None:
        """Present mode: full screen, large type, high contrast; Esc leaves."""
        if self.presenting is not None:
            self.presenting.close()
            return
        from desktop.qt.present_mode import PresentWindow

        window = PresentWindow(self.session)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.left.connect(self._left_present_mode)
        self.presenting = window
        window.showFullScreen()
        window.activateWindow()
        window.setFocus()

    def _left_present_mode(self) -> None:
        self.presenting = None
        self.activateWindow()

    def current_chart(self) -> ChartBase:
        """The chart on the shown tab."""
        return self.charts.charts[self.charts.currentIndex()]

    def copy_chart(self) -> None:
        from desktop.qt.charts.chart_export import copy_chart

        copy_chart(self.current_chart())
        self.status.showMessage(tr("Copied the chart as an image with its title, the scenario and the price book's "
                                   "date (File > Save chart for SVG; Edit > Chart as table for its numbers)"), 4000)

    def show_chart_table(self) -> None:
        """The shown chart's numbers as a table (screen readers; exact figures to copy)."""
        from desktop.qt.charts.chart_export import show_chart_table

        show_chart_table(self.current_chart(), self)

    def save_chart(self) -> None:
        from desktop.qt.charts.chart_export import save_chart_dialog

        saved = save_chart_dialog(self.current_chart(), self)
        if saved is not None:
            self.status.showMessage(tr(f"Saved the chart to {saved}"), 5000)

    def set_appearance(self, mode: str) -> None:
        self.settings.setValue("view/appearance", mode)
        apply_appearance(mode)

    def about_text(self) -> str:
        """Version, what it compares (from the options' registry) and the price book."""
        from desktop import __version__
        from desktop.model.options.registry import all_options

        book = self.session.book
        options = [o.label for o in all_options()]
        listed = ", ".join(options[:-1]) + f" and {options[-1]}" if len(options) > 1 else options[0]
        return (f"{APP_NAME} {__version__}\nCompares {_count_word(len(options))} AWS compute options, priced "
                f"offline in US dollars: {listed}.\n"
                f"Price book {book.effective_date.isoformat()}: {book.confidence_summary}.\n"
                f"It never opens a network connection. Help > ComputeFit Help (F1) explains the words it uses.")

    def _about(self) -> None:
        QMessageBox.about(self, shown(f"About {APP_NAME}"), self.about_shown())

    def about_shown(self) -> str:
        """The About text in the window's language (each line translated)."""
        return "\n".join(shown(line) for line in self.about_text().split("\n"))

    def show_help(self) -> None:
        """Help > ComputeFit Help: the bundled manual, offline (one dialog, not modal)."""
        from desktop.qt.help_dialog import HelpDialog

        if self.help_dialog is None:
            self.help_dialog = HelpDialog(self)
        if self.help_dialog.isVisible():  # open already, maybe behind the window: bring it forward
            self.help_dialog.raise_()
            self.help_dialog.activateWindow()
        self.help_dialog.show()

    def show_preferences(self) -> None:
        from desktop.qt.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self.set_appearance, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        for key, splitter in (("window/main_splitter", self.splitter), ("window/right_splitter", self.right)):
            state = self.settings.value(key)
            if isinstance(state, QByteArray) and not state.isEmpty():
                splitter.restoreState(state)
        docks = self.settings.value("window/docks")
        if isinstance(docks, QByteArray) and not docks.isEmpty():
            self.restoreState(docks)
        else:
            self.workshop.size_docks()
        if len(self.session.state.scenarios) > 1:
            self.workshop.comparison_dock.show()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_discard():
            event.ignore()
            return
        if self.presenting is not None:
            self.presenting.close()
        self.session.discard_recovery()
        self.session.workbench.release()
        self.prices.wait()  # an import still running is cancelled: the user book stays as it was
        self.usage.controller.wait()  # a usage import still running is cancelled: nothing is written
        self.usage.fleet.opener.wait()  # so is a fleet still being ranked
        if self.exporter is not None:
            self.exporter.stop()  # an export still running is cancelled: nothing is written
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/main_splitter", self.splitter.saveState())
        self.settings.setValue("window/right_splitter", self.right.saveState())
        self.settings.setValue("window/docks", self.saveState())
        self.settings.sync()
        event.accept()


def unique_shortcuts(shortcuts: list[str | QKeySequence.StandardKey]) -> list[QKeySequence]:
    """Each standard key's bindings on this platform and each literal key, in order, every key once."""
    keys: list[QKeySequence] = []
    for shortcut in shortcuts:
        bound = QKeySequence.keyBindings(shortcut) if isinstance(shortcut, QKeySequence.StandardKey) \
            else [QKeySequence(shortcut)]
        keys += [k for k in bound if not k.isEmpty() and k not in keys]
    return keys


def _no_guessed_roles(actions: list[QAction]) -> None:
    """Every entry keeps its menu on macOS unless given a role: Qt would otherwise move any whose text starts
    with "About", "Options", "Settings", "Quit" and the like into the application menu."""
    for action in actions:
        if action.menuRole() == QAction.MenuRole.TextHeuristicRole:
            action.setMenuRole(QAction.MenuRole.NoRole)
        menu = action.menu()
        if isinstance(menu, QMenu):
            _no_guessed_roles(menu.actions())


def _count_word(count: int) -> str:
    words = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    return words[count] if count < len(words) else str(count)


def _missing(advice: Advice) -> list[str]:
    return [m for option in advice.quote.options.values() for m in option.missing_prices]
