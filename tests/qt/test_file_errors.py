"""Bad files and unwritable folders in the window: a clear message naming the problem, nothing lost."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from desktop.qt.main_window import MainWindow
from desktop.workbench.workbench import Workbench


@pytest.fixture
def warnings_shown(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(window, "_warn", lambda title, text: shown.append((title, text)))
    return shown


@pytest.mark.parametrize(("content", "expected"), [
    ('{"name": "x", "lambda": {"memory_mb": 99999}}', "lambda.memory_mb: must be between 128 and 10,240, got 99999"),
    ('{"name": "x", "traffic": {"duration_ms": NaN}}', "traffic.duration_ms: must be a finite number"),
    ('{"name": "x", "schema_version": 2}', "newer than this app reads"),
    ('{"name": "x", "region": "mars-north-1"}', "region: 'mars-north-1' is not in the price book"),
    ("not json at all", "not valid JSON"),
    ('{"name": "<script>alert(1)</script>", "colour": 1}', "colour: is not a known field"),
])
def test_a_bad_file_is_refused_with_its_reason_and_the_workload_kept(
        tmp_path: Path, window: MainWindow, warnings_shown: list[tuple[str, str]], content: str,
        expected: str) -> None:
    before = window.session.workload
    before_advice = window.session.advice
    path = tmp_path / "bad.workload.json"
    path.write_text(content, encoding="utf-8")
    assert window.open_path(path) is False
    assert len(warnings_shown) == 1
    title, text = warnings_shown[0]
    assert title == "Open workload" and str(path) in text and expected in text
    assert window.session.workload is before and window.session.advice is before_advice
    assert window.session.path is None


def test_saving_into_an_unwritable_folder_says_why_and_keeps_the_edits(
        tmp_path: Path, window: MainWindow, warnings_shown: list[tuple[str, str]]) -> None:
    window.session.run(Workbench.apply_changes, {"traffic.requests_per_month": 12_345_678}, "edit")
    assert window.session.dirty
    missing_folder = tmp_path / "no-such-folder" / "w.workload.json"
    assert window.save_to(missing_folder) is False
    title, text = warnings_shown[0]
    assert title == "Save workload" and str(missing_folder) in text
    assert window.session.dirty and window.session.workload.traffic.requests_per_month == 12_345_678
    assert not missing_folder.parent.exists()


def test_a_failed_save_leaves_the_previous_file_whole(
        tmp_path: Path, window: MainWindow, warnings_shown: list[tuple[str, str]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    path = folder / "keep.workload.json"
    assert window.save_to(path)
    before = path.read_bytes()
    window.session.run(Workbench.apply_changes, {"traffic.requests_per_month": 777}, "edit")

    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    assert window.save_to(path) is False
    assert "the disk is full" in warnings_shown[0][1]
    assert path.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["keep.workload.json"]


def test_dropping_a_workload_file_opens_it(qtbot, tmp_path: Path, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(Path("resources/examples/nightly-batch.workload.json").read_text(encoding="utf-8"))
    path = tmp_path / "dropped.workload.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPoint(10, 10).toPointF(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)  # what Qt calls when a file is dropped on the window
    assert event.isAccepted()
    qtbot.waitUntil(lambda: window.session.path == path, timeout=3000)
    assert window.session.workload.name == "Nightly ledger reconciliation"
    assert "dropped.workload.json" in window.windowTitle()


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder"])
def test_opening_what_is_not_a_regular_file_is_refused_without_waiting(
        tmp_path: Path, window: MainWindow, warnings_shown: list[tuple[str, str]], kind: str) -> None:
    path = {"fifo": tmp_path / "pipe.workload.json", "dev-zero": Path("/dev/zero"), "folder": tmp_path}[kind]
    if kind == "fifo":
        os.mkfifo(path)
    before = window.session.workload
    assert window.open_path(path) is False  # returns: a FIFO with no writer would otherwise block here
    expected = {"fifo": "is a named pipe (FIFO), not a regular file", "dev-zero": "is a device, not a regular file",
                "folder": "is a folder, not a file"}[kind]
    assert warnings_shown == [("Open workload", f"{path}: {expected}: ComputeFit reads only regular files")
                              if kind != "folder" else ("Open workload", f"{path}: {expected}")]
    assert window.session.workload is before


def test_saving_through_a_symlink_replaces_its_target_and_keeps_link_and_mode(
        tmp_path: Path, window: MainWindow, warnings_shown: list[tuple[str, str]]) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "team.workload.json"
    assert window.save_to(real)
    os.chmod(real, 0o644)
    link = tmp_path / "mine.workload.json"
    link.symlink_to(real)
    window.session.run(Workbench.apply_changes, {"traffic.requests_per_month": 4_321_000}, "edit")
    assert window.save_to(link) and warnings_shown == []
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert json.loads(real.read_text(encoding="utf-8"))["traffic"]["requests_per_month"] == 4_321_000
    assert os.stat(real).st_mode & 0o777 == 0o644
    assert sorted(p.name for p in shared.iterdir()) == ["team.workload.json"]


def test_saving_over_a_fifo_is_refused_and_keeps_the_edits(
        tmp_path: Path, window: MainWindow, warnings_shown: list[tuple[str, str]]) -> None:
    fifo = tmp_path / "pipe.workload.json"
    os.mkfifo(fifo)
    window.session.run(Workbench.apply_changes, {"traffic.requests_per_month": 555}, "edit")
    assert window.save_to(fifo) is False
    assert warnings_shown[0][0] == "Save workload" and "named pipe (FIFO)" in warnings_shown[0][1]
    assert window.session.dirty and os.path.exists(fifo) and not fifo.is_file()
