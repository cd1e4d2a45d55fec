"""Screenshots of a workshop with ranged scenarios at 1280x720, light and dark: the window with the comparison's
"P10-P90 · how sure" column, and present mode's "Over the years" chart of the scenario whose growth is ranged.

Run: `python -m tests.qt.make_ranges_screenshots [OUTPUT_DIR]` (offscreen; settings in a temporary file).
Writes workshop-ranges-1280x720-{light,dark}.png and present-over-the-years-1280x720-{light,dark}.png.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from desktop.workbench.workbench import Workbench
from tests.qt.screenshots import present_at, run_script, screenshot_window

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

UNSURE = "Orders API, traffic unsure"
YEARS = "Orders API over 3 years"
TRAFFIC = {"seed": 7, "samples": 10_000,
           "fields": {"traffic.requests_per_month": {"low": 10e6, "likely": 30e6, "high": 90e6},
                      "traffic.duration_ms": {"low": 80, "high": 300}}}
GROWTH = {"seed": 11, "samples": 10_000,
          "fields": {"traffic.requests_per_month": {"low": 20e6, "high": 45e6},
                     "horizon.growth.monthly_pct": {"low": 0, "likely": 3, "high": 8}}}


def ranged_workloads() -> list[Any]:
    """The example API with its traffic ranged, and over three years with a ranged growth."""
    from desktop.model.workload.files import load_workload
    from desktop.model.workload.spec import Workload
    from desktop.resources import examples_dir

    data = load_workload(examples_dir() / "http-api.workload.json").to_json_dict()
    years = {"months": 36, "growth": {"kind": "compound", "monthly_pct": 3}}
    return [Workload.model_validate({**data, "name": UNSURE, "ranges": TRAFFIC}),
            Workload.model_validate({**data, "name": YEARS, "horizon": years, "ranges": GROWTH})]


def build_ranged_workshop(window) -> None:  # type: ignore[no-untyped-def]
    """The example API (point figures, the baseline), then its two ranged variants; the last one shown."""
    session = window.session
    for workload in ranged_workloads():
        session.run(Workbench.add_scenario, workload)
    session.run(Workbench.set_note, 1, "Launch traffic anywhere from 10M to 90M requests")


def main(out: Path) -> list[Path]:
    from PySide6.QtCore import Qt

    out.mkdir(parents=True, exist_ok=True)
    written = []
    for mode in ("light", "dark"):
        with screenshot_window(mode) as (window, settle, _folder):
            window.resize(1280, 720)
            build_ranged_workshop(window)
            window.session.wait_for_ranges(30)
            settle()
            window.resizeDocks([window.workshop.comparison_dock], [260], Qt.Orientation.Vertical)
            view = window.workshop.comparison
            view.split.setSizes([760, 260])
            view.render_comparison(window.session.comparison)
            window.session.wait_for_ranges(30)
            settle()
            path = out / f"workshop-ranges-1280x720-{mode}.png"
            window.grab().save(str(path))
            written.append(path)
            present = present_at(window, 1280, 720)
            present.show_chart(4)
            settle()
            path = out / f"present-over-the-years-1280x720-{mode}.png"
            present.grab().save(str(path))
            written.append(path)
            present.close()
    return written

if __name__ == "__main__":
    run_script(main)
