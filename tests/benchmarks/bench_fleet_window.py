"""File > Open fleet... on a generated 10,000-scenario fleet (not a test): time to ranked and painted, and the
longest stall of the GUI thread meanwhile, beside `computefit usage rank` on the same file (the floor).

Run from the repository root: `python -m tests.benchmarks.bench_fleet_window [--size 10000] [--runs 3] [--jobs 2]`.
The fleet is tests/benchmarks/bench_fleet.py's (half typed-in workloads, half imported scenarios), written to a
temporary folder. Runs alternate: the command in a fresh process (bench_fleet.run_once), then the window in this
process (offscreen) opening the same file through MainWindow.open_path. The window's clock runs from the call to
the end of the first paint of the fleet review's table with the ranked rows; a heartbeat on the GUI thread
(packaging/stall_probe.py, every 10 ms) notes the longest gap meanwhile: the longest time the window could not
answer a key or a click. Then, on the ranked 10,000: the time the GUI thread takes to sort by the saving and to
filter by a region. Prints medians, and the window's time as a ratio of the command's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "packaging"))


def _spin_until(app: Any, done: Any, timeout_s: float) -> None:
    deadline = time.perf_counter() + timeout_s
    while not done():
        app.processEvents()
        time.sleep(0.001)
        if time.perf_counter() > deadline:
            raise SystemExit("the fleet was not ranked and painted in time")


def open_in_window(fleet: Path, jobs: int) -> dict[str, float]:
    """One open of the fleet in a fresh window: seconds to ranked and painted, the longest GUI stall (s), the
    stalls over 50 ms, and the sort and filter times on the GUI thread (s)."""
    from PySide6.QtCore import QEvent, QObject, QSettings, Qt
    from PySide6.QtWidgets import QApplication
    from stall_probe import STALL_S, Heartbeat

    from desktop.app import create_main_window

    app = QApplication.instance() or QApplication([])
    folder = tempfile.mkdtemp(prefix="bench-fleet-window-")
    window = create_main_window(settings=QSettings(str(Path(folder) / "bench.ini"), QSettings.Format.IniFormat))
    window.resize(1280, 800)
    window.show()
    _spin_until(app, lambda: window.charts.built and window.form.complete, 30)
    window.usage.fleet.opener.jobs = jobs
    review = window.usage.review
    state = {"painted": 0.0}

    class TablePaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (event.type() == QEvent.Type.Paint and review.fleet is not None and not state["painted"]
                    and review.table.model() is review.fleet.proxy):
                review.table.viewport().removeEventFilter(self)
                review.table.viewport().event(event)  # the paint itself, then the clock
                state["painted"] = time.perf_counter()
                return True
            return False

    probe = TablePaint()
    review.table.viewport().installEventFilter(probe)
    heartbeat = Heartbeat(watch_s=3600)
    heartbeat.start()
    started = time.perf_counter()
    if not window.open_path(fleet):
        raise SystemExit("the fleet could not be opened")
    _spin_until(app, lambda: state["painted"] > 0, 600)
    heartbeat.stop()
    seconds = state["painted"] - started
    assert review.fleet is not None and review.fleet.proxy.rowCount() > 0
    t = time.perf_counter()
    review.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # the saving
    sort_s = time.perf_counter() - t
    t = time.perf_counter()
    review.fleet.set_filter(region="eu-west-1")
    filter_s = time.perf_counter() - t
    window.close()
    window.deleteLater()
    app.processEvents()
    stalls = float(sum(gap > STALL_S for gap, _at in heartbeat.stalls))
    return {"seconds": seconds, "stall": heartbeat.longest[0], "stalls": stalls, "sort": sort_s, "filter": filter_s}


def main(argv: list[str] | None = None) -> int:
    from tests.benchmarks.bench_fleet import _imported_scenarios, run_once, write_fleet

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    print(f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; {args.size:,} scenarios, --jobs {args.jobs}; "
          f"median of {args.runs} run(s), the command and the window in turn")
    with tempfile.TemporaryDirectory(prefix="bench-fleet-window-") as tmp:
        folder = Path(tmp)
        fleet = folder / "fleet.jsonl"
        write_fleet(fleet, args.size, _imported_scenarios(folder))
        command: list[float] = []
        windows: list[dict[str, float]] = []
        for _ in range(args.runs):
            command.append(run_once(fleet, args.jobs, folder / "ranked.jsonl", [])[0])
            windows.append(open_in_window(fleet, args.jobs))
    cli = statistics.median(command)
    gui = statistics.median(w["seconds"] for w in windows)

    def ms(key: str) -> str:
        return f"{statistics.median(w[key] for w in windows) * 1000:,.0f} ms"

    def each(key: str, scale: float = 1.0) -> str:
        return ", ".join(f"{w[key] * scale:.1f}" for w in windows)

    print(f"usage rank (the floor)        {cli:8.1f} s   runs: {', '.join(f'{c:.1f}' for c in command)}")
    print(f"window: ranked and painted    {gui:8.1f} s   runs: {each('seconds')}"
          f"   ratio to the floor {gui / cli:.2f}")
    print(f"window: longest GUI stall     {ms('stall'):>10}   runs: "
          f"{each('stall', 1000)} ms; stalls over 50 ms (median): "
          f"{statistics.median(w['stalls'] for w in windows):.0f}")
    print(f"window: sort by saving        {ms('sort'):>10}   filter by region {ms('filter')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
