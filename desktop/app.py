"""Start the window: `create_main_window` for tests and embedding, `run_gui` for the `computefit` command."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.model.pricing.book import PriceBook
from desktop.model.workload.files import load_workload
from desktop.resources import default_example_path, price_book_path
from desktop.workbench.workbench import Workbench

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox, QWidget

    from desktop.pricelist.book.setup import BookSetup
    from desktop.qt.main_window import MainWindow
    from desktop.workbench.ownership import DocumentLocks
    from desktop.workbench.recovery import RecoverySlot, RecoveryStore

ORGANISATION = "ComputeFit"
APPLICATION = "ComputeFit"
EXIT_BROKEN_INSTALLATION = 2
FIRST_START_OFFERED = "wizard/first_start_offered"  # = desktop.qt.wizard.first_start.OFFERED_KEY
BROKEN_INSTALLATION = (
    "ComputeFit cannot start: its installation is broken. A file that comes with the app cannot be used:\n\n"
    "{problem}\n\n"
    "Reinstall ComputeFit:\n"
    "- installed with pipx: pipx reinstall computefit\n"
    "- installed with pip: pip install --force-reinstall computefit (from a source checkout: pip install -e .)\n"
    "- the standalone bundle: extract the downloaded archive again, into an empty folder.")


def create_main_window(workload_path: Path | None = None, *, book: PriceBook | None = None,
                       settings: QSettings | None = None, recovery: RecoverySlot | None = None,
                       setup: BookSetup | None = None, locks: DocumentLocks | None = None) -> MainWindow:
    """Build the window on a workload or workshop file (default: the bundled example). A QApplication must exist.

    The price book: `setup`'s (the base book and the user book over it, which the window can change); else the
    bundled book, or `book`, with the default user book on top. The real chart is built, pyqtgraph with it,
    before the window shows. Raises WorkloadFileError when `workload_path` cannot be used.
    """
    from PySide6.QtCore import QSettings

    from desktop.model.pricing.checks import check_against_book
    from desktop.model.workload.files import WorkloadFileError
    from desktop.qt.gui_gc import collect_on_gui_thread
    from desktop.qt.main_window import MainWindow
    from desktop.qt.session import Session

    collect_on_gui_thread()  # before any worker thread starts: Qt objects are freed on the GUI thread only

    if setup is None:
        from desktop.pricelist.book.setup import open_setup
        from desktop.pricelist.book.store import bundled_book

        setup, _problem = open_setup(None, base=book or bundled_book(), warn=lambda message: sys.stderr.write(
            f"computefit: warning: the user price book cannot be used, so the bundled one is ({message})\n"))
    book = setup.book
    path = Path(workload_path) if workload_path else None
    workshop = path is not None and _is_workshop(path)
    workload = load_workload(default_example_path() if workshop or path is None else path)
    from desktop.model.options.registry import check_workload

    problems = check_against_book(workload, book) + check_workload(workload, book)
    if problems:
        raise WorkloadFileError(str(path or default_example_path()), problems)
    settings = settings if settings is not None else QSettings(ORGANISATION, APPLICATION)
    session = Session(book, workload, None if workshop else path, recovery=recovery, locks=locks)
    if workshop and path is not None:
        session.run(Workbench.open, path)  # every scenario checked against the book; WorkloadFileError names the field
    window = MainWindow(session, settings, setup=setup)
    session.setParent(window)
    if path is not None:
        window.recent.add(path)
    return window


def instance_services() -> tuple[RecoveryStore, DocumentLocks]:
    """This instance's recovery store and document locks, in the user's data folder, with one owner."""
    from desktop.appdata import data_dir, recovery_dir
    from desktop.workbench.ownership import DocumentLocks, Owner
    from desktop.workbench.recovery import RecoveryStore

    owner = Owner.new()
    return RecoveryStore(recovery_dir(), owner), DocumentLocks(data_dir() / "locks", owner)


def _is_workshop(path: Path) -> bool:
    """A workshop file by its name, or (any other .json) by holding scenarios."""
    from desktop.model.workload.files import SUFFIX

    if path.name.lower().endswith(".workshop.json"):
        return True
    if path.name.lower().endswith(SUFFIX):
        return False
    from desktop.model.workload.files import WorkloadFileError
    from desktop.model.workshop.files import load_document

    try:
        return load_document(path).is_workshop
    except WorkloadFileError:
        return False  # load_workload says what is wrong with it


def run_gui(path: Path | None, price_book: Path | None = None) -> int:
    """Run the window until it closes. Nothing in a file stops it with a traceback: a workload that cannot be
    opened is reported and the example shown; bad settings are set aside and defaults used, with a message;
    a user price book (or a --price-book file) that cannot be used is reported and the bundled book prices the
    session; a bundled price book or example that cannot be used (a broken installation) is explained in a
    dialog that says how to reinstall, and the exit status is 2."""
    started = time.perf_counter()
    _import_qt_free_parts_first()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.startup import lazy_pyqtgraph_mirrors, skip_pyside_source_scan

    skip_pyside_source_scan()
    lazy_pyqtgraph_mirrors()

    from desktop.model.pricing.loading import load_book_or_explain
    from desktop.model.workload.files import WorkloadFileError
    from desktop.qt.appearance import apply_appearance
    from desktop.qt.settings_file import open_settings
    from desktop.startup import one_line

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    shown: list[MainWindow] = []  # the window, once there is one: the crash dialog's parent and workload
    _install_crash_handlers(shown)
    from desktop.trusted_books import trusted_books

    book, book_problem = load_book_or_explain(price_book_path(), trusted_books())
    if book is None:
        return broken_installation(book_problem)
    setup, user_book_problem = price_setup(book, price_book)
    settings, settings_problem = open_settings(ORGANISATION, APPLICATION)
    apply_appearance(str(settings.value("view/appearance", "system")))
    from desktop.qt.translation import install_language

    install_language(str(settings.value("view/language", "system")))  # the system's language, if the app speaks it
    problem = None
    store, locks = instance_services()
    try:
        window = create_main_window(path, settings=settings, recovery=store.slot(), setup=setup, locks=locks)
    except WorkloadFileError as exc:
        problem = str(exc)
        try:
            window = create_main_window(None, settings=settings, recovery=store.slot(), setup=setup, locks=locks)
        except WorkloadFileError as example_exc:
            return broken_installation(str(example_exc))
    shown.append(window)
    window.show()
    if store.found():  # a crash left unsaved edits behind: offer them back (name and age) before anything else
        from desktop.qt.recovery_offer import offer_recovery

        QTimer.singleShot(0, lambda: offer_recovery(window, store, lambda: window.session))
    elif path is None and problem is None and not settings.value(FIRST_START_OFFERED, False, type=bool):
        # The first start: offer the questionnaire (once, never in tests). Checked here, so that the starts after
        # it do not import the wizard.
        def offer() -> None:
            from desktop.qt.wizard.first_start import offer_on_first_start

            offer_on_first_start(window, settings, window.open_questionnaire)

        QTimer.singleShot(0, offer)
    for title, text in (("Settings", settings_problem), ("Price book", user_book_problem),
                        ("Open workload", problem)):
        if text:
            sys.stderr.write(f"computefit: {one_line(text)}\n")
            QTimer.singleShot(0, lambda title=title, text=text: show_message(window, title, text))
    if _env_flag("COMPUTEFIT_STARTUP_TIME"):
        QTimer.singleShot(0, lambda: sys.stderr.write(
            f"computefit: first quote painted {time.perf_counter() - started:.3f} s after run_gui\n"))
    return int(app.exec())


def _install_crash_handlers(shown: list[MainWindow]) -> None:
    """faulthandler into the log folder; an unexpected exception logged and shown with "Copy report"."""
    import json

    from desktop.crash import enable_faulthandler
    from desktop.qt.crash_dialog import install_crash_dialog

    enable_faulthandler()

    def workload() -> str:
        return json.dumps(shown[0].session.workload.to_json_dict(), indent=1) if shown else "(no window yet)"

    install_crash_dialog(lambda: shown[0] if shown else None, workload)


def _import_qt_free_parts_first() -> None:
    """Import the Qt-free model, workbench and report helpers the window needs before PySide6.

    Once PySide6 is imported, its import hook reads the source of every module imported after it (looking for
    `from __feature__ import ...`): numpy, pydantic and the model imported first skip that (about a tenth of
    the start-up)."""
    import desktop.model.advice.advise
    import desktop.present.text
    import desktop.pricelist.book.store
    import desktop.report.sheet.export
    import desktop.workbench.recovery
    import desktop.workbench.workbench  # noqa: F401


def price_setup(bundled: PriceBook, price_book: Path | None = None) -> tuple[BookSetup, str]:
    """The window's books: the bundled one with the user's imported and overridden prices on top (or the book
    given with --price-book), and the message to show when one cannot be used: the bundled book then prices
    the session (a user book that cannot be read is left untouched and cannot be changed from the window)."""
    from desktop.pricelist.book.setup import open_setup
    from desktop.pricelist.book.store import BookFileError

    if price_book is not None:
        try:
            return open_setup(price_book, base=bundled)
        except BookFileError as exc:
            setup, problem = open_setup(None, base=bundled)
            given = f"The price book given with --price-book cannot be used, so the bundled one prices this " \
                    f"session:\n{exc}"
            return setup, given + (f"\n\n{problem}" if problem else "")
    return open_setup(None, base=bundled)


def broken_installation(problem: str) -> int:
    """Say that a bundled file is unusable and how to reinstall (stderr and a dialog); the exit status, 2."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.startup import one_line

    sys.stderr.write(f"computefit: {one_line(problem)} (the installation is broken: reinstall ComputeFit)\n")
    show_message(None, "ComputeFit cannot start", BROKEN_INSTALLATION.format(problem=problem),
                 QMessageBox.Icon.Critical)
    return EXIT_BROKEN_INSTALLATION


def show_message(parent: QWidget | None, title: str, text: str, icon: QMessageBox.Icon | None = None) -> None:
    """A modal message shown as plain text (file names and values in it are data, never markup)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(icon or QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def _env_flag(name: str) -> bool:
    import os

    return os.environ.get(name, "") not in ("", "0")
