"""File > Open fleet...: a JSON-lines fleet of thousands of scenarios ranked off the GUI thread with `usage rank`'s
pool, shown in the fleet review dock (a model and a filter proxy, no widget per row) with the numbers `usage rank`
writes for the same file; sorted, filtered, a row opened as the document; Cancel and a bad line leave the window
as it was."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop.qt.main_window import MainWindow
from desktop.qt.workshop.fleet_model import COLUMNS

SIZE = 2000
REPO = Path(__file__).resolve().parents[2]


GENERATE = """
import sys
from pathlib import Path
from desktop.cli import main
from tests.benchmarks.bench_fleet import _imported_scenarios, write_fleet
folder = Path(sys.argv[1])
write_fleet(folder / "fleet.jsonl", int(sys.argv[2]), _imported_scenarios(folder))
sys.exit(main(["usage", "rank", str(folder / "fleet.jsonl"), "-o", str(folder / "ranked.jsonl"), "--jobs", "2"]))
"""


@pytest.fixture(scope="module")
def fleet(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]], str]:
    """A generated fleet (typed-in workloads and imported scenarios in turn), and `usage rank`'s records and
    summary line for it: written by another process (DuckDB and the command's pool, not in the window's)."""
    folder = tmp_path_factory.mktemp("fleet")
    done = subprocess.run([sys.executable, "-c", GENERATE, str(folder), str(SIZE)], cwd=REPO, capture_output=True,
                          text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    records = [json.loads(line) for line in (folder / "ranked.jsonl").read_text(encoding="utf-8").splitlines()]
    return folder / "fleet.jsonl", records, done.stderr


def _open(qtbot, window: MainWindow, path: Path) -> None:  # type: ignore[no-untyped-def]
    part = window.usage.fleet
    assert window.open_path(path)
    assert part.opener.busy
    qtbot.waitUntil(lambda: not part.opener.busy, timeout=120_000)


def _column(name: str) -> int:
    return COLUMNS.index(name)


def test_a_fleet_opens_ranked_as_usage_rank_ranks_it_then_sorts_and_filters(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, fleet: tuple[Path, list[dict[str, Any]], str],
        dialogs: list[tuple[str, str]]) -> None:
    path, records, summary = fleet
    document = window.session.state
    _open(qtbot, window, path)
    assert dialogs == []
    review = window.usage.review
    assert review.fleet is not None and window.usage.dock.isVisible()
    proxy, view = review.fleet.proxy, review.table
    assert view.model() is proxy and proxy.rowCount() == len(records) == SIZE
    assert window.session.state is document  # the document is untouched until a row is chosen
    # the top rows: the same resources, savings and recommendations as `usage rank` wrote
    for row, record in enumerate(records[:25]):
        texts = [proxy.index(row, c).data() for c in range(len(COLUMNS))]
        assert texts[0] == str(record["rank"]) and texts[1] == record["name"]
        assert texts[_column("Saving a month")] == f"${Decimal(record['saving_usd']):,.2f}"
    total = sum((Decimal(r["saving_usd"]) for r in records
                 if r["saving_usd"] is not None and not r["thin"] and Decimal(r["saving_usd"]) > 0), Decimal(0))
    headline = review.headline.text()
    assert f"{SIZE:,} of {SIZE:,} resources in fleet.jsonl" in headline
    assert f"would save ${total:,.2f} a month" in headline
    assert f"could save {total:,.2f} USD a month" in summary  # the command's own total, the same
    blocked = sum(bool(r["blocked"]) for r in records)
    thin = sum(bool(r["thin"]) for r in records)
    assert f"{blocked:,} with an option ruled out, {thin:,} too thin to say" in headline
    # a row ruled out says its limit
    first_blocked = next(r for r in records if r["blocked"])
    row = first_blocked["rank"] - 1
    assert first_blocked["blocked"][0]["limit"] in proxy.index(row, _column("Why")).data()

    # sorted by the saving, smallest first: rows without a saving last
    view.sortByColumn(_column("Saving a month"), Qt.SortOrder.AscendingOrder)
    savings = [r["saving_usd"] for r in records if r["saving_usd"] is not None]
    smallest = min(Decimal(s) for s in savings)
    assert proxy.index(0, _column("Saving a month")).data() == (f"-${-smallest:,.2f}" if smallest < 0
                                                                 else f"${smallest:,.2f}")
    assert proxy.index(len(savings) - 1, _column("Saving a month")).data() != "-"
    assert proxy.index(len(savings), _column("Saving a month")).data() == "-"
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert proxy.index(0, 1).data() == records[0]["name"]

    # filters: a region, an account, the rows ruled out; the headline totals what is kept
    filters = review.fleet
    filters.set_filter(region="eu-west-1")
    in_region = [r for r in records if r["region"] == "eu-west-1"]
    assert proxy.rowCount() == len(in_region) and proxy.index(0, 1).data() == in_region[0]["name"]
    assert review.headline.text().startswith(f"{len(in_region):,} of {SIZE:,} resources")
    filters.set_filter(account="222222222222", region="eu-west-1")
    assert proxy.rowCount() == sum(r["account"] == "222222222222" for r in in_region)
    filters.set_filter(show=1)
    assert proxy.rowCount() == blocked
    filters.set_filter(text="THUMBS 10")
    assert proxy.rowCount() == sum("thumbs 10" in r["name"] for r in records)
    filters.set_filter()
    assert proxy.rowCount() == SIZE


def test_selecting_a_row_opens_that_one_scenario_as_the_document(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, fleet: tuple[Path, list[dict[str, Any]], str],
        dialogs: list[tuple[str, str]]) -> None:
    path, records, _summary = fleet
    _open(qtbot, window, path)
    review = window.usage.review
    assert review.fleet is not None
    review.fleet.set_filter(region="eu-west-1")
    wanted = next(r for r in records if r["region"] == "eu-west-1")
    with qtbot.waitSignal(window.session.scenarios_changed, timeout=10_000):
        review.table.selectRow(0)
    state = window.session.state
    assert len(state.scenarios) == 1 and state.scenarios[0].workload.name == wanted["name"]
    assert state.scenarios[0].usage is not None and state.scenarios[0].usage.resource == wanted["resource"]
    assert window.session.path is None and not window.session.dirty
    qtbot.waitUntil(lambda: window.session.advice.workload.name == wanted["name"], timeout=10_000)
    assert window.session.advice.recommendation.option == wanted["recommended"]
    assert review.fleet is not None and review.fleet.proxy.rowCount() == len(
        [r for r in records if r["region"] == "eu-west-1"])  # the fleet stays, filtered as it was
    review.table.sortByColumn(COLUMNS.index("Saving a month"), Qt.SortOrder.AscendingOrder)
    qtbot.wait(50)
    assert window.session.state is state  # the selected row moved with the sort: it is not opened again
    window.new_file()  # another document: the dock follows the document again
    assert review.fleet is None and review.table.model() is review.model


def test_cancel_leaves_the_window_as_it_was(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, fleet: tuple[Path, list[dict[str, Any]], str],
        dialogs: list[tuple[str, str]]) -> None:
    path, _records, _summary = fleet
    state, shown = window.session.state, window.usage.dock.isVisible()
    part = window.usage.fleet
    advised: list[int] = []

    def cancel_once_advising(_text: str, done: int, _total: int) -> None:
        if done > 0 and not advised:  # the pool is at work: Cancel stops it
            advised.append(done)
            part.opener.cancel()

    assert part.open(path) == ""
    assert part.opener.job is not None
    part.opener.job.progressed.connect(cancel_once_advising)
    qtbot.waitUntil(lambda: not part.opener.busy, timeout=60_000)
    assert advised and advised[0] < SIZE
    assert window.usage.review.fleet is None and window.usage.review.table.model() is window.usage.review.model
    assert window.session.state is state and window.usage.dock.isVisible() == shown
    assert dialogs == [] and "cancelled" in window.statusBar().currentMessage()


def test_a_bad_line_is_one_message_naming_the_file_and_the_line(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, tmp_path: Path, fleet: tuple[Path, list[dict[str, Any]], str],
        dialogs: list[tuple[str, str]]) -> None:
    source, _records, _summary = fleet
    lines = source.read_text(encoding="utf-8").splitlines()[:300]
    lines[212] = lines[212].replace('"memory_mb": ', '"memory_mb": -', 1) if '"memory_mb": ' in lines[212] \
        else '{"name": "broken", "traffic": {"requests_per_month": "many"}}'
    bad = tmp_path / "bad fleet.jsonl"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    state = window.session.state
    _open(qtbot, window, bad)
    qtbot.waitUntil(lambda: len(dialogs) > 0, timeout=5_000)
    assert len(dialogs) == 1
    title, text = dialogs[0]
    assert title == "Open fleet" and text.startswith(f"{bad}:213: ") and "\n" not in text
    assert "Traceback" not in text
    assert window.usage.review.fleet is None and window.session.state is state


def test_in_german_the_fleet_dock_its_filters_and_the_menu_are_german(  # type: ignore[no-untyped-def]
        qtbot, german: None, book, settings, tmp_path: Path,
        fleet: tuple[Path, list[dict[str, Any]], str]) -> None:
    from desktop.app import create_main_window

    source, _records, _summary = fleet
    small = tmp_path / "small.jsonl"
    small.write_text("\n".join(source.read_text(encoding="utf-8").splitlines()[:60]) + "\n", encoding="utf-8")
    window = create_main_window(book=book, settings=settings)
    qtbot.addWidget(window)
    file_menu = window.menuBar().actions()[0].menu()
    assert "&Flotte öffnen..." in [a.text() for a in file_menu.actions()]  # type: ignore[union-attr]
    part = window.usage.fleet
    assert part.open(small) == ""
    qtbot.waitUntil(lambda: not part.opener.busy, timeout=60_000)
    review = window.usage.review
    assert review.fleet is not None
    assert review.headline.text().startswith("60 von 60 Ressourcen in small.jsonl, abgerechnet $")
    assert "mit einer ausgeschlossenen Option" in review.headline.text()
    assert review.fleet.proxy.headerData(COLUMNS.index("Account"), Qt.Orientation.Horizontal) == "Konto"
    assert review.fleet.account.itemText(0) == "Jedes Konto" and review.fleet.show_kind.itemText(2) == (
        "Zu wenig Daten für eine Aussage")
    assert window.usage.dock.windowTitle() == "Flottenprüfung: small.jsonl"
    review.fleet.set_filter(region="eu-west-1")
    assert part.open(small) == ""  # opened again over itself: the filters start afresh
    qtbot.waitUntil(lambda: not part.opener.busy, timeout=60_000)
    assert review.fleet.proxy.rowCount() == 60 and review.fleet.region.currentIndex() == 0
