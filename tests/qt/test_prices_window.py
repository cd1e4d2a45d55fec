"""The window's price book: import through File > Import prices (progress dialog, Cancel, off the GUI thread),
override and reset a price and set a discount in the Prices dialog, --price-book, and a corrupt user book at
start. Each checks the quote follows, and that what failed changed nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QProgressDialog, QPushButton

from desktop.app import create_main_window, price_setup
from desktop.model.pricing.book import PriceBook
from desktop.pricelist.book.setup import open_setup
from desktop.qt.main_window import MainWindow
from desktop.qt.prices_controller import ImportOutcome
from desktop.qt.views.price_book_dialog import ORIGIN_COLUMN, USD_COLUMN, PriceBookDialog
from desktop.workbench.workbench import Workbench
from tests.pricelist.offer_files import read_csv_offer, write_csv_offer, write_ec2_json

D = Decimal
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pricelist"


def _window(qtbot, tmp_path: Path, setup=None) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "computefit.ini"), QSettings.Format.IniFormat)
    win = create_main_window(settings=settings, setup=setup or open_setup(None)[0])
    win.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.charts.built and win.form.complete, timeout=5000)  # start-up's work after the paint
    return win


@pytest.fixture
def window(qtbot, tmp_path: Path, data_dir: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = _window(qtbot, tmp_path)
    yield win
    win.prices.wait()
    for box in win.findChildren(QMessageBox):
        box.done(0)


@pytest.fixture
def stall_half_way(monkeypatch: pytest.MonkeyPatch) -> None:
    """An import of a file reads it to half way, then waits for Cancel (up to 20 s) before reading on: a test's
    Cancel or close then always lands while the file is being read, however loaded the machine."""
    from desktop.qt.prices_controller import _ImportWorker

    original = _ImportWorker._progress

    def progress(self: _ImportWorker, done: int, total: int, path: Path) -> None:
        original(self, done, total, path)
        if done * 2 >= total and total > 1_000_000:
            self._cancel.wait(20)
            original(self, done, total, path)

    monkeypatch.setattr(_ImportWorker, "_progress", progress)


def _in_london(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.session.advice_changed, timeout=5000):
        window.session.run(Workbench.apply_changes, {"region": "eu-west-2"}, "region")
        window.session.recompute()


def _line(window: MainWindow, option: str, label: str):  # type: ignore[no-untyped-def]
    return next(i for i in window.session.advice.quote.options[option].line_items if i.label == label)


def _import(qtbot, window: MainWindow, paths: list[Path]) -> ImportOutcome:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.prices.import_ended, timeout=60_000) as ended:
        assert window.import_prices(paths)
        progress = window.findChild(QProgressDialog, "price_import_progress")
        assert progress is not None and progress.isVisible()  # the progress dialog is up while it reads
    outcome: ImportOutcome = ended.args[0]
    # closed and deleted once the event loop runs (deleteLater): waitSignal may return before it has
    qtbot.waitUntil(lambda: window.findChild(QProgressDialog, "price_import_progress") is None, timeout=5000)
    return outcome


def _stockholm(tmp_path: Path) -> Path:
    """The London Lambda sample's rows moved to eu-north-1, a region the bundled book lacks (synthetic)."""
    meta, rows = read_csv_offer(FIXTURES / "AWSLambda-eu-west-2.csv")
    moved = [{**row, "Region Code": "eu-north-1", "Location": "EU (Stockholm)",
              "usageType": row["usageType"].replace("EUW2-", "EUN1-")}
             for row in rows if row.get("Region Code") == "eu-west-2"]
    return write_csv_offer(tmp_path / "AWSLambda-eu-north-1.csv", meta, moved)


def test_import_through_the_window_switches_the_book_once_and_everything_follows(
        qtbot, window: MainWindow, data_dir: Path, tmp_path: Path, book: PriceBook) -> None:  # type: ignore[no-untyped-def]
    _in_london(qtbot, window)
    before = window.session.book
    assert _line(window, "fargate", "vCPU").price.origin == "bundled"
    region_editor = window.form.editor("region")
    assert region_editor.findData("eu-north-1") < 0
    count = window.session.advise_count
    outcome = _import(qtbot, window, [FIXTURES, _stockholm(tmp_path)])
    assert outcome.status == "done", outcome.message
    assert window.session.advise_count == count + 1  # one recomputation for the new book
    assert window.session.book is not before and window.session.book is window.prices.setup.book
    vcpu = _line(window, "fargate", "vCPU")
    assert (vcpu.unit_price_usd, vcpu.price.origin, vcpu.price.source) == (
        D("0.04656"), "imported", "PL-AmazonECS-20260831092155")
    assert window.findChild(QProgressDialog, "price_import_progress") is None  # closed
    assert region_editor.findData("eu-north-1") >= 0  # the region list follows at once
    assert region_editor.itemText(region_editor.findData("eu-north-1")) == "eu-north-1 (EU (Stockholm))"
    status = window.status.price_book.text()
    # 37 prices for London, 7 for Virginia, 10 for Stockholm
    assert status.startswith("Price book dated 2026-12-01 + user book (54 imported)")
    assert "AWS Price List, AmazonECS 20260831092155 (published 2026-08-31T09:21:55Z)" in \
        window.status.price_book.toolTip()
    saved = json.loads((data_dir / "user-price-book.json").read_text(encoding="utf-8"))
    assert saved["regions"]["eu-west-2"]["fargate"]["linux_x86_64"]["vcpu"]["usd"] == "0.04656"
    result = window.findChild(QMessageBox, "price_import_result")
    assert result is not None and result.text() == "Imported 54 prices for eu-north-1, eu-west-2 and us-east-1."
    assert "Imported 37 price(s) for eu-west-2" in result.detailedText()
    assert "AmazonECS-eu-west-2.csv: AmazonECS 20260831092155, published 2026-08-31T09:21:55Z" in result.detailedText()
    # The new region can be chosen in the form and is priced with the imported prices.
    with qtbot.waitSignal(window.session.advice_changed, timeout=5000):
        region_editor.setCurrentIndex(region_editor.findData("eu-north-1"))
        region_editor.activated.emit(region_editor.currentIndex())
    quote = window.session.advice.quote
    assert quote.region == "eu-north-1" and quote.options["lambda"].monthly_usd is not None
    assert _line(window, "lambda", "Requests").price.source == "PL-AWSLambda-20260831092318"


def test_the_import_runs_off_the_gui_thread_and_cancel_changes_nothing(
        qtbot, window: MainWindow, data_dir: Path, tmp_path: Path, stall_half_way: None) -> None:  # type: ignore[no-untyped-def]
    first = _import(qtbot, window, [FIXTURES / "AmazonECS-eu-west-2.csv"])
    assert first.status == "done"
    saved = (data_dir / "user-price-book.json").read_bytes()
    book = window.session.book
    big = tmp_path / "AmazonEC2-index.json"
    write_ec2_json(big, 40_000_000)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    assert window.import_prices([big])
    progress = window.findChild(QProgressDialog, "price_import_progress")
    assert progress is not None and progress.isVisible() and progress.windowModality() == Qt.WindowModality.NonModal
    qtbot.waitUntil(lambda: progress.value() > 0, timeout=30_000)  # progress reaches the dialog...
    first_value = progress.value()
    qtbot.waitUntil(lambda: progress.value() > first_value, timeout=30_000)  # ... and keeps moving
    assert window.prices.busy and not window.import_action.isEnabled()
    # The window stays usable: an edit is applied and priced while the import reads.
    with qtbot.waitSignal(window.session.advice_changed, timeout=5000):
        window.session.run(Workbench.apply_changes, {"traffic.requests_per_month": 40_000_000}, "volume")
    assert window.session.advice.quote.units_per_month == 40_000_000
    assert "import of prices is running" in window.prices.override("us-east-1/lambda/requests", "0.1", "n")
    seen = len(ticks)
    qtbot.waitUntil(lambda: len(ticks) >= seen + 10, timeout=10_000)  # the GUI thread's timers keep firing
    assert window.prices.busy  # ... while the import is still reading
    cancel = next(b for b in progress.findChildren(QPushButton) if b.text() == "Cancel")
    with qtbot.waitSignal(window.prices.import_ended, timeout=30_000) as ended:
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    timer.stop()
    assert ended.args[0].status == "cancelled"
    assert (data_dir / "user-price-book.json").read_bytes() == saved
    assert window.session.book is book
    assert sorted(p.name for p in data_dir.iterdir()) == ["user-price-book.json"]  # no temporary file left
    assert window.import_action.isEnabled() and not window.prices.busy


def test_a_bad_file_is_one_message_and_changes_nothing(qtbot, window: MainWindow, data_dir: Path,
                                                       tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    notes = tmp_path / "notes.csv"
    notes.write_text("a,b\n1,2\n", encoding="utf-8")
    book = window.session.book
    outcome = _import(qtbot, window, [FIXTURES / "AWSLambda-eu-west-2.csv", notes])
    assert outcome.status == "failed"
    assert outcome.message.startswith(f"{notes}: not an AWS Price List offer file")
    assert outcome.message.endswith(f"nothing imported, {data_dir / 'user-price-book.json'} unchanged")
    box = window.findChild(QMessageBox, "price_import_result")
    assert box is not None and box.text() == "The prices could not be imported; nothing changed."
    assert box.informativeText() == outcome.message and "Traceback" not in outcome.message
    assert window.session.book is book and not (data_dir / "user-price-book.json").exists()


def _dialog(window: MainWindow) -> PriceBookDialog:
    window.show_prices()
    dialog = window.price_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def _row(dialog: PriceBookDialog, path: str) -> int:
    dialog.select_path(path)
    return dialog.table.currentRow()


def test_override_and_reset_a_price_in_the_dialog_and_the_quote_follows(
        qtbot, window: MainWindow, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    path = "us-east-1/lambda/requests"
    requests = _line(window, "lambda", "Requests")
    listed, total = requests.unit_price_usd, window.session.advice.quote.options["lambda"].monthly_usd
    assert (listed, requests.price.origin) == (D("0.20"), "bundled") and total is not None
    dialog = _dialog(window)
    row = _row(dialog, path)
    assert dialog.table.item(row, ORIGIN_COLUMN).text() == "bundled"
    assert not dialog.reset_button.isEnabled()
    qtbot.keyClicks(dialog.override_usd, "0.10")
    qtbot.keyClicks(dialog.override_note, "private pricing 2026 contract")
    count = window.session.advise_count
    qtbot.mouseClick(dialog.override_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() == ""
    assert window.session.advise_count == count + 1
    requests = _line(window, "lambda", "Requests")
    assert (requests.unit_price_usd, requests.price.origin) == (D("0.1"), "overridden")
    assert requests.price.note == "private pricing 2026 contract" and requests.price.confidence == "B"
    after = window.session.advice.quote.options["lambda"].monthly_usd
    assert after is not None and total - after == (requests.quantity * D("0.10")).quantize(D("0.01"))
    row = _row(dialog, path)  # the dialog shows the new book, the price marked where it is shown
    assert dialog.table.item(row, ORIGIN_COLUMN).text() == "overridden"
    assert dialog.table.item(row, ORIGIN_COLUMN).font().bold()
    assert dialog.table.item(row, USD_COLUMN).text() == "0.1"
    assert "Note: private pricing 2026 contract" in dialog.selected.text()
    assert "+ user book (1 overridden, in this quote)" in window.status.price_book.text()
    saved = json.loads((data_dir / "user-price-book.json").read_text(encoding="utf-8"))
    assert saved["overrides"][path]["usd"] == "0.10" and saved["overrides"][path]["note"] == \
        "private pricing 2026 contract"
    assert dialog.reset_button.isEnabled()
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    requests = _line(window, "lambda", "Requests")
    assert (requests.unit_price_usd, requests.price.origin) == (listed, "bundled")
    assert window.session.advice.quote.options["lambda"].monthly_usd == total
    assert json.loads((data_dir / "user-price-book.json").read_text(encoding="utf-8"))["overrides"] == {}
    assert "user book" not in window.status.price_book.text()


@pytest.mark.parametrize(("usd", "note", "problem"), [
    ("abc", "n", "'abc' is not a price in USD"),
    ("-1", "n", "it must be a number of 0 or more"),
    ("0.1", "", "Give the override a note"),
    ("1e9", "typo", "less than or equal to 10000"),
    ("0,18", "n", "\u201c0,18\u201d is ambiguous"),  # an English window never reads a decimal comma as thousands
])
def test_a_bad_override_is_said_at_the_dialog_and_changes_nothing(qtbot, window: MainWindow, data_dir: Path,  # type: ignore[no-untyped-def]
                                                                  usd: str, note: str, problem: str) -> None:
    dialog = _dialog(window)
    _row(dialog, "us-east-1/lambda/requests")
    book, count = window.session.book, window.session.advise_count
    qtbot.keyClicks(dialog.override_usd, usd)
    qtbot.keyClicks(dialog.override_note, note)
    qtbot.mouseClick(dialog.override_button, Qt.MouseButton.LeftButton)
    assert problem in dialog.problem.text()
    assert window.session.book is book and window.session.advise_count == count
    assert not (data_dir / "user-price-book.json").exists()


def test_a_discount_per_service_and_overall_prices_the_quote(qtbot, window: MainWindow, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    duration = next(i for i in window.session.advice.quote.options["lambda"].line_items
                    if i.label.startswith("Duration"))
    vcpu = _line(window, "fargate", "vCPU").unit_price_usd
    dialog = _dialog(window)
    dialog.discount_section.setCurrentIndex(dialog.discount_section.findData("lambda"))
    qtbot.keyClicks(dialog.discount_percent, "10")
    qtbot.mouseClick(dialog.discount_button, Qt.MouseButton.LeftButton)
    dialog.discount_section.setCurrentIndex(dialog.discount_section.findData("all"))
    dialog.discount_percent.setText("5")
    qtbot.mouseClick(dialog.discount_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() == ""
    discounted = next(i for i in window.session.advice.quote.options["lambda"].line_items
                      if i.label.startswith("Duration"))
    assert discounted.unit_price_usd == duration.unit_price_usd * D("0.9")  # lambda's own 10% wins over 5%
    assert _line(window, "fargate", "vCPU").unit_price_usd == vcpu * D("0.95")
    assert dialog.discounts.text().startswith("Discounts: 10% on Lambda; 5% on all services")
    row = _row(dialog, "us-east-1/fargate/linux_x86_64/vcpu")
    assert dialog.table.item(row, ORIGIN_COLUMN).text() == "bundled, 5% off"
    assert "discounts" in window.status.price_book.text()
    qtbot.mouseClick(dialog.reset_all_button, Qt.MouseButton.LeftButton)
    assert _line(window, "fargate", "vCPU").unit_price_usd == vcpu
    assert json.loads((data_dir / "user-price-book.json").read_text(encoding="utf-8"))["discounts"] == {}


def test_the_window_takes_price_book_and_a_full_book_cannot_be_changed(
        qtbot, tmp_path: Path, data_dir: Path, book: PriceBook, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    from desktop.cli import main

    mine = tmp_path / "mine.json"
    assert main(["prices", "import", str(FIXTURES / "AmazonECS-eu-west-2.csv"), "--into", str(mine)]) == 0
    capsys.readouterr()
    setup, problem = price_setup(book, mine)
    assert problem == "" and setup.user_path == mine
    window = _window(qtbot, tmp_path, setup)
    assert window.session.book.regions["eu-west-2"].fargate.linux_x86_64.vcpu.origin == "imported"  # type: ignore[union-attr]
    assert window.prices.override("us-east-1/lambda/requests", "0.1", "negotiated") == ""
    assert "us-east-1/lambda/requests" in json.loads(mine.read_text(encoding="utf-8"))["overrides"]
    assert not (data_dir / "user-price-book.json").exists()  # changes go to the book given
    window.close()
    full = tmp_path / "full.json"
    full.write_text(json.dumps(book.model_dump(mode="json", by_alias=True, exclude_defaults=False)), encoding="utf-8")
    setup, problem = price_setup(book, full)
    assert problem == "" and setup.user_path is None
    window = _window(qtbot, tmp_path, setup)
    reason = window.prices.override("us-east-1/lambda/requests", "0.1", "negotiated")
    assert reason.startswith("A price book given with --price-book prices this session as it is")
    dialog = _dialog(window)
    assert not dialog.override_usd.isEnabled() and "cannot be changed" in dialog.where.text()
    window.close()
    setup, problem = price_setup(book, tmp_path / "nope.json")
    assert problem.startswith("The price book given with --price-book cannot be used, so the bundled one prices")
    assert f"{tmp_path / 'nope.json'}: price book not found" in problem


@pytest.mark.parametrize(("text", "why"), [
    ('{"kind": "computefit-user-price-book", "regions": {"us-east-1": {"lambda": {"requests": {"usd": "-1"',
     "not valid JSON"),
    ('{"kind": "computefit-user-price-book", "regions": {"us-east-1": {"lambda": {"requests": {"usd": "-1", '
     '"unit": "1M requests", "source": "S2", "as_of": "2026-01-01", "confidence": "A"}}}}}',
     "regions.us-east-1.lambda.requests.usd"),
])
def test_a_corrupt_user_book_at_start_falls_back_to_the_bundled_one_with_a_message(
        qtbot, data_dir: Path, monkeypatch: pytest.MonkeyPatch, book: PriceBook,  # type: ignore[no-untyped-def]
        capsys: pytest.CaptureFixture[str], dialogs: list[tuple[str, str]], text: str, why: str) -> None:
    from desktop.app import run_gui
    from desktop.resources import default_example_path

    corrupt = data_dir / "user-price-book.json"
    corrupt.write_text(text, encoding="utf-8")
    seen = dialogs
    monkeypatch.setattr("desktop.qt.appearance.apply_appearance", lambda mode: None)
    monkeypatch.setattr(QApplication, "exec", lambda *_a: qtbot.waitUntil(lambda: bool(seen), timeout=10_000) or 0)
    settings_dir = data_dir.parent / "settings"
    monkeypatch.setattr("desktop.qt.settings_file.open_settings", lambda *_a: (
        QSettings(str(settings_dir / "c.ini"), QSettings.Format.IniFormat), ""))
    assert run_gui(default_example_path()) == 0
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    try:
        assert seen[0][0] == "Price book"
        assert seen[0][1].startswith("The user price book cannot be used, so the bundled one prices this session:\n"
                                     f"{corrupt}: ")
        assert why in seen[0][1] and seen[0][1].endswith("Move it away (or fix it) to import or override prices.")
        assert windows and windows[0].session.book == book  # the bundled prices, untouched
        assert "user book" not in windows[0].status.price_book.text()
        assert corrupt.read_text(encoding="utf-8") == text  # left for the user to look at
        # ... and never replaced from the window: a change is refused, naming the file.
        problem = windows[0].prices.override("us-east-1/lambda/requests", "0.1", "n")
        assert problem.startswith(f"{corrupt}: ") and "not replaced: move it away" in problem
        assert corrupt.read_text(encoding="utf-8") == text
        assert "Traceback" not in capsys.readouterr().err
    finally:
        for window in windows:
            window.setWindowModified(False)
            window.close()
            window.deleteLater()


def test_closing_the_window_during_an_import_cancels_it_and_keeps_the_user_book(
        qtbot, tmp_path: Path, data_dir: Path, stall_half_way: None) -> None:  # type: ignore[no-untyped-def]
    win = _window(qtbot, tmp_path)
    big = tmp_path / "AmazonEC2-index.json"
    write_ec2_json(big, 40_000_000)
    assert win.import_prices([big])
    progress = win.findChild(QProgressDialog, "price_import_progress")
    assert progress is not None
    qtbot.waitUntil(lambda: progress.value() > 0, timeout=30_000)
    win.close()
    assert not win.prices.busy or not win.prices._thread.is_alive()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: win.prices.last_outcome is not None, timeout=10_000)
    assert win.prices.last_outcome.status == "cancelled"  # type: ignore[union-attr]
    assert list(data_dir.iterdir()) == []  # no user book, no temporary file


def test_the_command_line_gives_the_window_its_price_book(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from desktop import app
    from desktop.cli import main

    seen: list[tuple[object, object]] = []
    monkeypatch.setattr(app, "run_gui", lambda path, price_book=None: seen.append((path, price_book)) or 0)
    assert main(["--price-book", str(tmp_path / "mine.json")]) == 0
    assert main([str(tmp_path / "w.workload.json")]) == 0
    assert seen == [(None, tmp_path / "mine.json"), (tmp_path / "w.workload.json", None)]


def test_the_dialog_lists_the_fee_shares_and_adds_a_price_the_book_lacks(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, data_dir: Path) -> None:
    """The ECS MI fee rule and LMI's 15% are rows of the table, overridable by percentage; a price the book lacks
    for the region is typed in the "Add" box and prices the quote as the user's own (issue 21)."""
    with qtbot.waitSignal(window.session.advice_changed, timeout=5000):
        window.session.run(Workbench.apply_changes, {"region": "us-west-2", "options": ["lambda_managed"],
                                                     "front_door": "none"}, "region")
        window.session.recompute()
    assert window.session.advice.quote.options["lambda_managed"].left_out == ("Lambda MI requests",)
    dialog = _dialog(window)
    rows = {dialog.table.item(r, 0).text(): dialog.table.item(r, USD_COLUMN).text()
            for r in range(dialog.table.rowCount())}
    assert rows["ECS Managed Instances management fee rate"] == "12%"
    assert rows["ECS Managed Instances management fee rate (G-family GPU)"] == "7.8%"
    assert rows["Lambda Managed Instances management fee"] == "15%"
    dialog.add_path.setText("lambda_managed/requests")
    dialog.add_usd.setText("0.20")
    dialog.add_unit.setCurrentIndex(dialog.add_unit.findData("1M requests"))
    dialog.add_note.setText("AWS Lambda pricing page, one price")
    with qtbot.waitSignal(window.session.advice_changed, timeout=5000):
        dialog.add_button.click()
    assert dialog.problem.text() == ""
    option = window.session.advice.quote.options["lambda_managed"]
    assert option.complete
    line = next(i for i in option.line_items if i.price is not None and i.price.source == "USER")
    assert (line.price.origin, line.price.confidence, line.price.note) == (
        "yours", "C", "AWS Lambda pricing page, one price")  # the user's own, where the book has none
    dialog.select_path("us-west-2/lambda_managed/requests")
    assert dialog.table.item(dialog.table.currentRow(), ORIGIN_COLUMN).text() == "yours"
    assert dialog.reset_button.isEnabled()  # taking it back leaves the price missing again
    dialog.only_used.setChecked(False)  # ECS MI is not compared here: its fee share is not used by this quote
    dialog.select_path("us-west-2/ecs_managed/management_fee_rate")
    assert "12% of the EC2 Linux on-demand price" in dialog.selected.text()
    dialog.override_usd.setText("10")
    dialog.override_note.setText("private pricing")
    with qtbot.waitSignal(window.session.advice_changed, timeout=5000):
        dialog.override_button.click()
    assert dialog.problem.text() == ""
    rate = window.session.book.regions["us-west-2"].ecs_managed.management_fee_rate
    assert (rate.fraction, rate.origin) == (Decimal("0.1"), "overridden")


def test_the_status_bar_counts_what_the_quote_leaves_out(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                         data_dir: Path) -> None:
    from desktop.model.options.registry import missing_prices

    region = window.statusBar().findChild(QLabel, "status_region")
    with qtbot.waitSignal(window.session.advice_changed, timeout=5000):
        window.session.run(Workbench.apply_changes, {"region": "ap-southeast-2", "front_door": "alb"}, "region")
        window.session.recompute()
    left = {n for o in window.session.advice.quote.options.values() for n in o.left_out}
    assert "Application Load Balancer" in left
    assert region.text() == f"ap-southeast-2 (Asia Pacific (Sydney)); {len(left)} prices missing"
    lacks = missing_prices(window.session.book, "ap-southeast-2")
    assert region.toolTip().startswith(f"The price book lacks {len(lacks)} price(s) for ap-southeast-2: ")
    assert "Application Load Balancer" in region.toolTip()
    with qtbot.waitSignal(window.session.advice_changed, timeout=5000):
        window.session.run(Workbench.apply_changes, {"region": "us-east-1"}, "region")
        window.session.recompute()
    assert region.text() == "us-east-1 (US East (N. Virginia))"  # every price this quote uses is in the book


def test_the_dialog_adds_a_shared_line_to_every_total_and_removes_it(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow) -> None:
    """A database every option carries, typed in the Prices dialog's shared lines: one undoable workload edit,
    priced from the user's input as "yours", in every option's total; a cache for Fargate only; removed again."""
    before = {o: q.monthly_usd for o, q in window.session.advice.quote.options.items()}
    dialog = _dialog(window)
    box = dialog.shared
    assert box.isEnabled() and box.lines.count() == 0 and box.carried.itemData(0) == ""
    box.label.setText("PostgreSQL db.t4g.medium")
    box.quantity.setText("730")
    box.unit.setCurrentIndex(box.unit.findData("hour"))
    box.usd.setText("0.072")
    box.note.setText("RDS quote")
    with qtbot.waitSignal(window.session.advice_changed, timeout=5000):
        box.add_button.click()
    assert box.problem.text() == ""
    quote = window.session.advice.quote
    for option, total in before.items():
        assert total is not None and quote.options[option].monthly_usd == total + Decimal("52.56"), option
        line = next(i for i in quote.options[option].line_items if i.group == "shared")
        assert line.price is not None and line.price.origin == "yours"
    assert box.lines.count() == 1 and box.lines.item(0).text().startswith(
        "PostgreSQL db.t4g.medium: 730 hour x $0.072, every option; yours (")
    box.label.setText("Redis cache")
    box.usd.setText("abc")
    box.add_button.click()  # refused by the workload's own check, nothing changed
    assert "shared_lines.1.unit_usd" in box.problem.text() and box.lines.count() == 1
    box.usd.setText("25")
    box.carried.setCurrentIndex(box.carried.findData("fargate"))
    with qtbot.waitSignal(window.session.advice_changed, timeout=5000):
        box.add_button.click()
    totals = {o: q.monthly_usd for o, q in window.session.advice.quote.options.items()}
    assert totals["fargate"] == before["fargate"] + Decimal("77.56")  # type: ignore[operator]
    assert totals["lambda"] == before["lambda"] + Decimal("52.56")  # type: ignore[operator]
    box.lines.setCurrentRow(0)
    with qtbot.waitSignal(window.session.advice_changed, timeout=5000):
        box.remove_button.click()
    assert [line.label for line in window.session.workbench.workload.shared_lines or ()] == ["Redis cache"]
    with qtbot.waitSignal(window.session.advice_changed, timeout=5000):
        window.session.run(Workbench.undo)  # one edit each: the database is back
    assert len(window.session.workbench.workload.shared_lines or ()) == 2


def test_the_price_import_and_the_other_messages_are_german(german: None, qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                            data_dir: Path, tmp_path: Path) -> None:
    """German everywhere the window speaks: the price import's result (headline, details, refusal), About, an export
    that failed and the question on a file changed on disk; paths and a file's own words stay as written."""
    from desktop.qt.export_controller import ExportController
    from tests.german_check import untranslated

    outcome = _import(qtbot, window, [FIXTURES, _stockholm(tmp_path)])
    assert outcome.status == "done", outcome.message
    box = window.findChild(QMessageBox, "price_import_result")
    assert box is not None and box.windowTitle() == "Preise importieren"
    assert box.text() == "54 Preise für eu-north-1, eu-west-2 und us-east-1 importiert."
    texts = [box.text(), box.informativeText(), *box.detailedText().splitlines()]
    box.done(0)
    notes = tmp_path / "notes.csv"
    notes.write_text("a,b\n1,2\n", encoding="utf-8")
    assert _import(qtbot, window, [notes]).status == "failed"
    refused = window.findChild(QMessageBox, "price_import_result")
    assert refused is not None and refused.text() == "Die Preise konnten nicht importiert werden; nichts geändert."
    texts += [refused.informativeText(), window.about_shown()]
    shown_status: list[str] = []
    exporter = window.exporter
    assert isinstance(exporter, ExportController)
    window.statusBar().messageChanged.connect(shown_status.append)
    exporter._status(f"Writing the comparison sheet to {tmp_path / 'x.pdf'}...")
    exporter._status("Export failed: Permission denied")
    asked: list[str] = []
    original = QMessageBox.exec
    QMessageBox.exec = lambda self: asked.append(self.text()) or QMessageBox.StandardButton.Cancel  # type: ignore[method-assign]
    try:
        window.ask_changed_on_disk(tmp_path / "a.workload.json")
    finally:
        QMessageBox.exec = original  # type: ignore[method-assign]
    texts += shown_status + asked
    verbatim = {str(p) for p in (data_dir / "user-price-book.json", notes, tmp_path / "x.pdf",
                                 tmp_path / "a.workload.json")}
    # the line naming the book's sections a file fills but the quote does not use yet is a list of key paths
    left = untranslated([t for t in texts if t and " -> regions." not in t], verbatim)
    assert not left, "\n".join(f"{sorted(words)} | {line}" for line, words in left)


def test_in_german_the_prices_dialog_reads_and_shows_a_decimal_comma(german: None, qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                     data_dir: Path) -> None:
    """The Prices dialog reads and writes numbers as the form does: "0,10" is 0.10 in German, "0.10" is refused
    as ambiguous (never 10), the table shows "0,0000166667", and the dialog's problems are German."""
    dialog = _dialog(window)
    row = _row(dialog, "us-east-1/lambda/requests")
    assert dialog.table.item(row, USD_COLUMN).text() == "0,2"
    for typed, says in (("0.10", "\u201e0.10\u201c ist mehrdeutig"), ("abc", "ist kein Preis in USD (z. B. 0,18)")):
        dialog.override_usd.setText(typed)
        dialog.override_note.setText("Vertrag")
        qtbot.mouseClick(dialog.override_button, Qt.MouseButton.LeftButton)
        assert says in dialog.problem.text(), dialog.problem.text()
        assert not (data_dir / "user-price-book.json").exists()
    dialog.override_usd.setText("0,10")
    qtbot.mouseClick(dialog.override_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() == ""
    saved = json.loads((data_dir / "user-price-book.json").read_text(encoding="utf-8"))
    assert saved["overrides"]["us-east-1/lambda/requests"]["usd"] == "0.10"
