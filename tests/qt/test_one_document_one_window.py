"""One document, one window: a second instance opening a file another has open says so and opens it read-only; a
file changed on disk since it was opened is never silently overwritten; recovery files belong to the instance that
wrote them; every document the app can save can be recovered, and no writer writes what the readers refuse."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.app import create_main_window
from desktop.files import WriteError
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.files import load_workload, save_workload
from desktop.model.workload.spec import Workload
from desktop.model.workshop.files import MAX_FILE_BYTES, load_document, parse_workshop, save_workshop
from desktop.model.workshop.spec import MAX_SCENARIOS, ScenarioEntry, WorkshopSpec
from desktop.qt.main_window import MainWindow
from desktop.qt.recovery_offer import offer_recovery
from desktop.workbench.ownership import DocumentLocks, Owner
from desktop.workbench.recovery import Recovered, RecoveryStore, Unreadable
from desktop.workbench.workbench import FileChangedError, Workbench
from tests.owners import dead_owner
from tests.qt.test_steady_editing import Driver


def _workload_file(path: Path, requests: int) -> Path:
    save_workload(path, Workload(name="Orders", traffic={"requests_per_month": requests}))  # type: ignore[arg-type]
    return path


# --- locks ------------------------------------------------------------------------------------------------
def test_a_lock_is_held_by_a_live_instance_and_taken_over_when_stale(tmp_path: Path) -> None:
    document = _workload_file(tmp_path / "a.workload.json", 1)
    first, second = DocumentLocks(tmp_path / "locks"), DocumentLocks(tmp_path / "locks")
    assert first.acquire(document) is None and first.acquire(document) is None  # again: still ours
    assert second.acquire(document) == first.owner  # same process, another window: held
    first.release(document)
    assert second.acquire(document) is None and first.holder(document) == second.owner
    crashed = DocumentLocks(tmp_path / "locks", dead_owner())
    other = tmp_path / "b.workload.json"
    assert crashed.acquire(other) is None
    assert first.acquire(other) is None  # the crashed instance's lock is stale: taken over
    remote = DocumentLocks(tmp_path / "locks", Owner(os.getpid(), socket.gethostname() + "-elsewhere", "r"))
    third = tmp_path / "c.workload.json"
    assert remote.acquire(third) is None and first.acquire(third) == remote.owner  # cannot be checked: held
    garbage = next(p for p in (tmp_path / "locks").iterdir() if p.read_text().find('"r"') >= 0)
    garbage.write_text("{not json")
    os.utime(garbage, (time.time() - 60, time.time() - 60))
    assert first.acquire(third) is None  # an old half-written lock is stale


def test_a_workbench_refuses_to_save_over_a_changed_file_unless_told(book: PriceBook, tmp_path: Path) -> None:
    path = _workload_file(tmp_path / "w.workload.json", 5)
    bench = Workbench(book, Workload(name="x"))
    bench.open(path)
    bench.apply_changes({"traffic.requests_per_month": 6}, "edit")
    _workload_file(path, 99)  # another program writes it meanwhile
    with pytest.raises(FileChangedError, match="changed on disk since it was opened"):
        bench.save()
    assert load_workload(path).traffic.requests_per_month == 99 and bench.dirty
    bench.save(overwrite_changed=True)
    assert load_workload(path).traffic.requests_per_month == 6
    bench.apply_changes({"traffic.requests_per_month": 7}, "edit")
    bench.save()  # unchanged since our own save: no question
    assert load_workload(path).traffic.requests_per_month == 7


def test_the_window_asks_before_overwriting_a_changed_file_and_saves_a_copy(  # type: ignore[no-untyped-def]
        window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    path = _workload_file(tmp_path / "w.workload.json", 5)
    assert window.open_path(path)
    window.session.run(Workbench.apply_changes, {"traffic.requests_per_month": 6}, "edit")
    _workload_file(path, 99)
    asked: list[Path] = []
    copy = tmp_path / "mine.workload.json"
    window.ask_changed_on_disk = lambda p: asked.append(p) or "save as"  # type: ignore[method-assign]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), ""))
    assert window.save()
    assert asked == [path]
    assert load_workload(path).traffic.requests_per_month == 99  # theirs kept
    assert load_workload(copy).traffic.requests_per_month == 6  # ours kept
    window.session.run(Workbench.apply_changes, {"traffic.requests_per_month": 8}, "edit")
    window.ask_changed_on_disk = lambda p: "cancel"  # type: ignore[method-assign]
    _workload_file(copy, 100)
    assert not window.save() and window.session.dirty
    assert load_workload(copy).traffic.requests_per_month == 100


# --- recovery files belong to their instance ----------------------------------------------------------------
def test_a_live_instances_recovery_file_is_neither_offered_nor_discarded(tmp_path: Path) -> None:
    folder = tmp_path / "recovery"
    live = RecoveryStore(folder)  # this process: running
    live_slot = live.slot()
    live_slot.write("Live", None, {"name": "Live"})
    crashed = RecoveryStore(folder, dead_owner())
    crashed.slot().write("Crashed", None, {"name": "Crashed"})
    second = RecoveryStore(folder)  # a second instance starting now
    found = second.found()
    assert [i.name for i in found if isinstance(i, Recovered)] == ["Crashed"]
    problems = offer_recovery(None, second, lambda: None, ask=lambda _p, _i: False)  # type: ignore[arg-type,return-value]
    assert problems == [] and live_slot.file.exists()  # Discard removed the crashed one only
    assert [p.name for p in folder.iterdir()] == [live_slot.file.name]


def test_a_recovery_file_with_a_naive_time_is_offered_not_a_crash(tmp_path: Path) -> None:
    folder = tmp_path / "recovery"
    folder.mkdir()
    naive = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(minutes=5)
    (folder / "old.recovery.json").write_text(json.dumps({
        "format": 1, "saved_at": naive.isoformat(), "name": "Old", "path": None, "kind": "workload",
        "document": {"name": "Old"}}), encoding="utf-8")
    RecoveryStore(folder, dead_owner()).slot().write("New", None, {"name": "New"})
    items = RecoveryStore(folder).found()
    assert [i.name for i in items if isinstance(i, Recovered)] == ["New", "Old"]
    old = next(i for i in items if isinstance(i, Recovered) and i.name == "Old")
    assert old.age() == "5 min ago"


def _big_workshop(scenarios: int, answer_chars: int, count: int = 25) -> WorkshopSpec:
    answers = {f"q{i}": ("é" * 10 + "a" * (answer_chars - 10)) for i in range(count)}
    return WorkshopSpec(scenarios=tuple(ScenarioEntry(note="n" * 2000, workload=Workload(
        name=f"Scenario {i}", answers=answers)) for i in range(scenarios)))  # type: ignore[arg-type]


def test_a_10_mb_workshop_can_be_saved_opened_and_recovered(tmp_path: Path) -> None:
    spec = _big_workshop(MAX_SCENARIOS, 1900)
    path = tmp_path / "big.workshop.json"
    save_workshop(path, spec)
    assert 9 * 2**20 < path.stat().st_size <= MAX_FILE_BYTES
    assert load_document(path).workshop == spec
    folder = tmp_path / "recovery"
    RecoveryStore(folder, dead_owner()).slot().write("big", path, spec.to_json_dict(), "workshop")
    (item,) = RecoveryStore(folder).found()
    assert not isinstance(item, Unreadable), str(item)
    assert parse_workshop(item.document, str(item.file)) == spec


def test_no_writer_writes_a_document_its_reader_would_refuse(tmp_path: Path) -> None:
    big = _big_workshop(MAX_SCENARIOS, 2000, 60)  # valid, about 24 MB as a file
    target = tmp_path / "huge.workshop.json"
    with pytest.raises(WriteError, match=r"more than a workshop file may hold.*nothing was written"):
        save_workshop(target, big)
    assert not target.exists()
    small_name = tmp_path / "ten.json"  # not a .workshop.json name: read with the workload file's limit
    with pytest.raises(WriteError, match="more than a workload file may hold"):
        save_workshop(small_name, _big_workshop(120, 1900))
    assert not small_name.exists()


# --- two instances ------------------------------------------------------------------------------------------
def _second_window(qtbot, book: PriceBook, data: Path, path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = QSettings(str(data / "second.ini"), QSettings.Format.IniFormat)
    store = RecoveryStore(data / "recovery")
    window = create_main_window(path, book=book, settings=settings, recovery=store.slot(),
                                locks=DocumentLocks(data / "locks", store.owner))
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(window)
    window.show()
    return window


def test_two_instances_on_one_file_lose_nothing(qtbot, book: PriceBook, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                dialogs, monkeypatch) -> None:
    data, shared = tmp_path / "data", _workload_file(tmp_path / "shared.workload.json", 111)
    commands = tmp_path / "commands.txt"
    first = Driver(data, "--open", str(shared), "--commands", str(commands))
    try:
        assert first.wait_for("ready")["read_only"] is False
        commands.write_text("edit 333\n", encoding="utf-8")
        first.wait_for("done")
        second = _second_window(qtbot, book, data, shared)
        qtbot.waitUntil(lambda: any("open in another ComputeFit window" in text for _t, text in dialogs),
                        timeout=5000)
        assert second.session.workbench.locked_by is not None and "(read-only)" in second.windowTitle()
        time.sleep(3.5)  # the first instance's autosave interval: its unsaved edit is in its recovery file now
        assert RecoveryStore(data / "recovery").found() == []  # a live instance's edits are not "crashed"
        second.session.run(Workbench.apply_changes, {"traffic.requests_per_month": 222}, "edit")
        copy = tmp_path / "second.workload.json"
        offered: list[str] = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            lambda _w, _t, start, *_a: offered.append(start) or (str(copy), ""))
        assert second.save()  # Save of a read-only document is a Save As
        assert offered == [str(tmp_path / "shared-copy.workload.json")]
        assert load_workload(shared).traffic.requests_per_month == 111  # not overwritten by the second window
        commands.write_text("edit 333\nsave\n", encoding="utf-8")
        assert first.wait_for("saved")["saved"] is True
        assert load_workload(shared).traffic.requests_per_month == 333
        assert load_workload(copy).traffic.requests_per_month == 222
        commands.write_text("edit 333\nsave\nedit 444\n", encoding="utf-8")
        qtbot.waitUntil(lambda: sum("done" in line for line in first.lines) >= 3, timeout=10000)
        time.sleep(3.5)  # one autosave interval
        first.kill()  # a crash: its lock is stale, its unsaved edit recoverable
        second.close()
        third = _second_window(qtbot, book, data, shared)
        assert third.session.workbench.locked_by is None
        recovered = [i for i in RecoveryStore(data / "recovery").found() if isinstance(i, Recovered)]
        assert [json.dumps(i.document).count("444") for i in recovered] == [1]
    finally:
        first.end()
