"""Edits survive steady typing: the autosave runs on a fixed interval whatever the typing rate, a note is committed
while it is typed, and a kill -9 of a real window edited every 0.5 s loses at most the autosave interval."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

from desktop.model.pricing.book import PriceBook
from desktop.model.workload.spec import Workload
from desktop.qt.main_window import MainWindow
from desktop.qt.recovery_offer import offer_recovery
from desktop.qt.session import AUTOSAVE_MS, Session
from desktop.qt.workshop.scenario_list import NOTE_COMMIT_MS
from desktop.workbench.recovery import RecoveryStore
from desktop.workbench.workbench import Workbench
from tests.conftest import REPO

TICK_S = 0.5  # the driver's edit rate


class Driver:
    """A window in its own process (tests/qt/instance_driver.py); the JSON lines it prints, as they come."""

    def __init__(self, data: Path, *args: str) -> None:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
        self.process = subprocess.Popen([sys.executable, "-m", "tests.qt.instance_driver", str(data), *args],
                                        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                        text=True)
        self.lines: list[dict[str, object]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        import json

        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("{"):
                self.lines.append(json.loads(line))

    def wait_for(self, key: str, timeout: float = 90.0) -> dict[str, object]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in list(self.lines):
                if key in line:
                    return line
            if self.process.poll() is not None and not self._reader.is_alive():
                break
            time.sleep(0.02)
        raise AssertionError(f"the window never said {key!r}: {self.lines[-5:]}")

    def edits(self) -> int:
        return max((int(str(line["edit"])) for line in list(self.lines) if "edit" in line), default=0)

    def kill(self) -> None:
        self.process.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no clean-up runs
        self.process.wait(timeout=30)
        self._reader.join(timeout=10)

    def end(self) -> None:
        if self.process.poll() is None:
            self.kill()
        self._reader.join(timeout=10)
        if self.process.stdout is not None:
            self.process.stdout.close()


def test_the_autosave_runs_on_a_fixed_interval_during_steady_editing(qtbot, book: PriceBook,  # type: ignore[no-untyped-def]
                                                                     tmp_path: Path) -> None:
    session = Session(book, Workload(name="w"), recovery=RecoveryStore(tmp_path).slot(), autosave_ms=200)
    deadline = time.monotonic() + 0.9
    value = 1000
    while time.monotonic() < deadline:  # an edit every 50 ms, far more often than the interval
        value += 1
        session.run(Workbench.apply_changes, {"traffic.requests_per_month": value}, "edit")
        qtbot.wait(50)
    assert session.recovery is not None and session.recovery.file.exists()
    (found,) = tmp_path.glob("*.recovery.json")
    import json

    written = json.loads(found.read_text(encoding="utf-8"))["document"]["traffic"]["requests_per_month"]
    assert value - written <= 200 // 50 + 1


def test_a_note_is_committed_while_it_is_typed_as_one_undo_step(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtTest import QTest

    note = window.workshop.list.note
    note.setFocus()
    steps = window.session.workbench.history.undo_count
    for _ in range(8):  # steady typing, every 150 ms, without leaving the box
        QTest.keyClicks(note, "ab")
        qtbot.wait(150)
    assert note.hasFocus()
    committed = window.session.state.scenarios[0].note
    assert len(committed) >= 16 - 2 * (NOTE_COMMIT_MS // 150 + 1) and "ab" * 4 in committed
    assert window.session.dirty
    assert window.session.workbench.history.undo_count == steps + 1  # the whole note is one step
    window.session.run(Workbench.undo)
    assert window.session.state.scenarios[0].note == ""


def test_kill_9_while_editing_every_half_second_loses_at_most_the_interval(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                           tmp_path: Path) -> None:
    data = tmp_path / "data"
    driver = Driver(data, "--tick-ms", str(int(TICK_S * 1000)))
    try:
        driver.wait_for("ready")
        # A random moment past the first interval, counted in edits made (a loaded machine runs the driver late):
        # at least the interval's edits and four more, then up to 2 s further.
        started = time.monotonic()
        while driver.edits() < AUTOSAVE_MS / 1000 / TICK_S + 4 and time.monotonic() - started < 60:
            time.sleep(0.05)
        time.sleep(random.uniform(0.0, 2.0))
        moment = time.monotonic() - started
        made = driver.edits()
        driver.kill()
        made = max(made, driver.edits())
    finally:
        driver.end()
    asked: list[str] = []
    problems = offer_recovery(window, RecoveryStore(data / "recovery"), lambda: window.session,
                              ask=lambda _p, item: asked.append(item.name) or True)
    assert problems == [] and asked, f"nothing recovered after {made} edits"
    kept_field = window.session.workload.traffic.requests_per_month - 1_000_000
    kept_note = len(window.session.state.scenarios[0].note)
    allowed = AUTOSAVE_MS / 1000 / TICK_S + 1  # the interval's edits, and the one being made at the kill
    print(f"\nkill -9 after {moment:.1f} s: {made} edits made, field kept {kept_field}, note kept {kept_note}, "
          f"lost {made - kept_field} / {made - kept_note} (at most {allowed:.0f})")
    assert made >= 6
    assert made - kept_field <= allowed
    assert made - kept_note <= allowed + NOTE_COMMIT_MS / 1000 / TICK_S
