"""Screenshots of the workshop: the window with its scenario list and comparison, the comparison view, present
mode at 1920x1080, and the workshop PDF's summary page.

Run: `python -m tests.qt.make_workshop_screenshots [OUTPUT_DIR]` (offscreen; settings in a temporary file).
Writes workshop-*.png; docs/screenshots/workshop-comparison.png is the one the README shows.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from desktop.workbench.workbench import Workbench
from tests.qt.screenshots import present_at, run_script, screenshot_window

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")



def build_workshop(window) -> None:  # type: ignore[no-untyped-def]
    """The workshop of the README: the example API, ten times the traffic, in Frankfurt on Graviton, a batch job."""
    from desktop.model.workload.files import load_workload
    from desktop.resources import examples_dir

    session = window.session
    session.run(Workbench.duplicate)
    session.run(Workbench.apply_changes, {"traffic.requests_per_month": 300_000_000}, "Requests")
    session.run(Workbench.rename, 1, "Orders API at 10x traffic")
    session.run(Workbench.set_note, 1, "Black Friday peak: what if the traffic grows tenfold?")
    session.run(Workbench.duplicate, 0)
    session.run(Workbench.apply_changes, {"region": "eu-central-1", "architecture": "arm64"}, "Region")
    session.run(Workbench.rename, 1, "Orders API in Frankfurt on Graviton")
    session.run(Workbench.duplicate, 0)
    session.run(Workbench.apply_changes, {"traffic.requests_per_month": 1_000_000}, "Requests")
    session.run(Workbench.rename, 1, "Orders API at 1M requests")
    session.run(Workbench.set_note, 1, "The first months after launch")
    session.run(Workbench.add_scenario, load_workload(examples_dir() / "nightly-batch.workload.json"))
    session.run(Workbench.select, 3)


def main(out: Path) -> list[Path]:
    from PySide6.QtCore import Qt

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with screenshot_window("light") as (window, settle, folder):
        build_workshop(window)
        for width, height in ((1280, 800), (1920, 1080)):
            window.resize(width, height)
            settle()
            window.resizeDocks([window.workshop.comparison_dock], [height // 3], Qt.Orientation.Vertical)
            settle()
            path = out / f"workshop-window-{width}x{height}.png"
            window.grab().save(str(path))
            written.append(path)
        dock = window.workshop.comparison_dock
        path = out / "workshop-comparison.png"
        dock.grab().save(str(path))
        written.append(path)
        path = out / "workshop-scenarios.png"
        window.workshop.list_dock.grab().save(str(path))
        written.append(path)
        present = present_at(window, 1920, 1080)
        for index in range(present.chart_count):
            present.show_chart(index)
            settle()
            path = out / f"workshop-present-1920x1080-{index + 1}.png"
            present.grab().save(str(path))
            written.append(path)
        present.close()
        pdf = folder / "workshop.pdf"
        window.exporter.title = lambda: "Orders platform workshop"
        from desktop.report.workshop.export import write_workshop_report

        session = window.session
        write_workshop_report(session.advices(), session.comparison, "Orders platform workshop", session.book, pdf)
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(out / "workshop-pdf-summary")], check=True)
        written.append(out / "workshop-pdf-summary.png")
    return written


if __name__ == "__main__":
    run_script(main)
