"""Nothing lost on a crash: unsaved edits reach a recovery file within seconds, off the edit path; saving or
discarding removes it; after kill -9 the next start offers the edits back, and a corrupt file is set aside."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from desktop.model.pricing.book import PriceBook
from desktop.qt.main_window import MainWindow
from desktop.qt.recovery_offer import offer_recovery
from desktop.workbench.recovery import Recovered, RecoveryStore, Unreadable
from desktop.workbench.workbench import Workbench
from tests.conftest import REPO
from tests.owners import dead_owner


def test_the_store_writes_finds_and_ages_documents(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path / "recovery", dead_owner())
    assert store.found() == []
    slot = store.slot()
    slot.write("Orders <API>", None, {"name": "Orders <API>"})
    (tmp_path / "recovery" / "junk.recovery.json").write_text("{not json", encoding="utf-8")
    found = store.found()
    recovered = [f for f in found if isinstance(f, Recovered)]
    unreadable = [f for f in found if isinstance(f, Unreadable)]
    assert [r.name for r in recovered] == ["Orders <API>"] and recovered[0].path is None
    assert recovered[0].age(recovered[0].saved_at + dt.timedelta(minutes=3)) == "3 min ago"
    assert "junk.recovery.json" in str(unreadable[0]) and "cannot be read" in str(unreadable[0])
    slot.remove()
    slot.remove()  # twice is fine
    assert all(isinstance(f, Unreadable) for f in store.found())


def test_edits_reach_the_recovery_file_and_saving_removes_it(qtbot, book: PriceBook, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop.model.workload.spec import Workload
    from desktop.qt.session import Session

    store = RecoveryStore(tmp_path / "recovery")
    session = Session(book, Workload(name="w"), recovery=store.slot(), autosave_ms=50)
    session.run(Workbench.apply_changes, {"lambda.memory_mb": 2048}, "Memory")
    assert not session.recovery.file.exists()  # not on the edit path
    qtbot.waitUntil(session.recovery.file.exists, timeout=2000)
    data = json.loads(session.recovery.file.read_text(encoding="utf-8"))
    assert data["document"]["lambda"]["memory_mb"] == 2048 and data["name"] == "w"
    session.run(Workbench.save, tmp_path / "w.workload.json")
    qtbot.waitUntil(lambda: not session.recovery.file.exists(), timeout=2000)
    session.run(Workbench.apply_changes, {"lambda.memory_mb": 4096}, "Memory")
    qtbot.waitUntil(session.recovery.file.exists, timeout=2000)
    session.discard_recovery()
    assert not session.recovery.file.exists()


CRASH = textwrap.dedent("""
    import os, signal, sys, time
    from pathlib import Path
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication
    from desktop.app import create_main_window
    from desktop.workbench.recovery import RecoveryStore
    from desktop.workbench.workbench import Workbench
    app = QApplication([])
    window = create_main_window(recovery=RecoveryStore(Path(sys.argv[1])).slot())
    window.show()
    window.session.run(Workbench.apply_changes, {"traffic.requests_per_month": 123_456_789,
                                                 "name": "Crashed <b>API</b>"}, "edit")
    deadline = time.monotonic() + 10
    while window.session.recovery.file.exists() is False and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.05)
    os.kill(os.getpid(), signal.SIGKILL)
""")


def test_kill_9_mid_edit_then_restart_restores_the_edits(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "recovery"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", CRASH, str(folder)], env=env, timeout=120, capture_output=True)
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()
    asked: list[str] = []

    def ask(_parent, item: Recovered) -> bool:  # type: ignore[no-untyped-def]
        asked.append(f"{item.name}, {item.age()}")
        return True

    assert offer_recovery(window, RecoveryStore(folder), lambda: window.session, ask=ask) == []
    assert asked and asked[0].startswith("Crashed <b>API</b>, ")
    assert window.session.workload.traffic.requests_per_month == 123_456_789
    assert window.session.dirty and window.session.path is None
    assert not list(folder.glob("*.recovery.json"))  # taken over by the window's own slot


def test_a_corrupt_recovery_file_is_set_aside_with_a_message(window: MainWindow, tmp_path: Path) -> None:
    folder = tmp_path / "recovery"
    folder.mkdir()
    (folder / "bad.recovery.json").write_bytes(b"\\x00\\xff not json")
    told: list[str] = []
    problems = offer_recovery(window, RecoveryStore(folder), lambda: window.session,
                              ask=lambda _p, _i: True, tell=lambda _p, msgs: told.extend(msgs))
    assert problems == told and "bad.recovery.json" in problems[0]
    assert (folder / "bad.recovery.json.unreadable").exists() and not window.session.dirty


def test_the_restore_question_is_plain_text_with_the_name_as_data(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                   monkeypatch) -> None:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.qt.recovery_offer import ask_restore

    store = RecoveryStore(tmp_path, dead_owner())
    store.slot().write("<b>Bold</b> & co", None, {"name": "x"})
    (item,) = store.found()
    assert isinstance(item, Recovered)
    seen: list[tuple[Qt.TextFormat, str]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append((box.textFormat(), box.text()))
        box.button(QMessageBox.StandardButton.Discard).click()

    QTimer.singleShot(50, answer)
    assert ask_restore(window, item) is False
    assert seen[0][0] == Qt.TextFormat.PlainText and "\u201c<b>Bold</b> & co\u201d" in seen[0][1]
