"""A real ComputeFit window in its own process (offscreen), driven like a user, for the crash and two-instance tests.

    python -m tests.qt.instance_driver DATA_DIR [--open FILE] [--tick-ms N] [--commands FILE]

DATA_DIR is the application data folder (recovery files, document locks). With --tick-ms the workload is edited
every N ms (a field through the session, a character typed into the scenario note) and each edit is printed once
it is made. With --commands, lines appended to FILE are run in order: `edit VALUE` (requests per month), `note
TEXT` (typed into the note box), `save`, `save-as PATH`, `quit`. Every line printed is a JSON object; message boxes
are closed as they appear and printed ({"message": text}); the question about a file changed on disk is answered
"save as" (the path printed as {"asked": ...} and `<file>.mine.workload.json` chosen).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def say(**event: object) -> None:
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("--open", default=None)
    parser.add_argument("--tick-ms", type=int, default=0)
    parser.add_argument("--commands", default=None)
    args = parser.parse_args()
    os.environ["COMPUTEFIT_DATA_DIR"] = args.data

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

    from desktop.app import create_main_window, instance_services
    from desktop.workbench.workbench import Workbench

    app = QApplication(sys.argv[:1])
    settings = QSettings(str(Path(args.data) / "settings.ini"), QSettings.Format.IniFormat)
    store, locks = instance_services()
    window = create_main_window(Path(args.open) if args.open else None, settings=settings,
                                recovery=store.slot(), locks=locks)
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]

    chosen: list[str] = []

    def save_as_mine(path: Path) -> str:
        say(asked=str(path))
        chosen.append(str(path.with_name(path.name.removesuffix(".workload.json") + ".mine.workload.json")))
        return "save as"

    window.ask_changed_on_disk = save_as_mine  # type: ignore[method-assign]
    QFileDialog.getSaveFileName = lambda *a, **k: (chosen.pop(0) if chosen else "", "")  # type: ignore[method-assign]

    def close_boxes() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                say(message=widget.text())
                widget.done(0)

    boxes = QTimer()
    boxes.timeout.connect(close_boxes)
    boxes.start(20)
    window.show()
    note = window.workshop.list.note
    count = [0]

    def tick() -> None:
        count[0] += 1
        window.session.run(Workbench.apply_changes, {"traffic.requests_per_month": 1_000_000 + count[0]}, "edit")
        QTest.keyClicks(note, "x")
        say(edit=count[0])

    def run(line: str) -> None:
        verb, _, rest = line.partition(" ")
        if verb == "edit":
            window.session.run(Workbench.apply_changes, {"traffic.requests_per_month": int(rest)}, "edit")
        elif verb == "note":
            QTest.keyClicks(note, rest)
        elif verb == "save":
            say(saved=window.save(), path=str(window.session.path))
        elif verb == "save-as":
            chosen.append(rest)
            say(saved=window.save_as(), path=str(window.session.path))
        elif verb == "quit":
            window.close()
            app.quit()
        say(done=line)

    read = [0]

    def poll() -> None:
        assert args.commands is not None
        try:
            lines = Path(args.commands).read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return
        while read[0] < len(lines):
            read[0] += 1
            run(lines[read[0] - 1])

    timers = []
    if args.tick_ms:
        ticker = QTimer()
        ticker.timeout.connect(tick)
        ticker.start(args.tick_ms)
        timers.append(ticker)
    if args.commands:
        commands = QTimer()
        commands.timeout.connect(poll)
        commands.start(50)
        timers.append(commands)
    QTimer.singleShot(0, lambda: say(ready=True, read_only=window.session.workbench.locked_by is not None))
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
