"""Redraw docs/screenshots/fleet-*.png: the window with a 10,000-scenario fleet open (File > Open fleet...), the
fleet review dock ranked, its first row opened in the form, at 1280x720 and 1920x1080, light and dark.

Run: `python -m tests.qt.make_fleet_screenshots [--display :99]`: each screen size in its own process on an Xvfb
server of that size (apt-get install xvfb), the window filling the screen as a maximised one would. The fleet is
tests/benchmarks/bench_fleet.py's, written to a temporary folder. The PNGs are stored as 256-colour images.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from tests.qt.screenshots import run_on_xvfb

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "docs" / "screenshots"
SCREENS = ((1280, 720), (1920, 1080))
SIZE = 10_000


def shoot(fleet: Path, width: int, height: int) -> list[Path]:
    """In this process: the fleet opened and ranked, then the window in light and dark, as 256-colour PNGs."""
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from desktop.app import create_main_window
    from desktop.qt.appearance import apply_appearance

    app = QApplication.instance() or QApplication([])
    written: list[Path] = []

    def settle(seconds: float = 0.6) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.02)

    with tempfile.TemporaryDirectory() as folder:
        apply_appearance("light")
        window = create_main_window(settings=QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        window.setGeometry(window.screen().availableGeometry())  # no window manager: as maximised
        window.show()
        settle()
        assert window.open_path(fleet)
        while window.usage.fleet.opener.busy:
            settle(0.2)
        review = window.usage.review
        assert review.fleet is not None, "the fleet was not opened"
        window.resizeDocks([window.usage.dock], [round(height * 0.5)], Qt.Orientation.Vertical)
        review.table.selectRow(0)
        settle(1.5)
        for mode in ("light", "dark"):
            apply_appearance(mode)
            settle(1.0)
            path = OUT / f"fleet-{mode}-{width}x{height}.png"
            image = window.grab().toImage()
            flags = Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither
            image.convertToFormat(QImage.Format.Format_Indexed8, flags).save(str(path))
            written.append(path)
        window.session.discard_recovery()
        window.session.workbench.history.mark_saved()
        window.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--display", default=":99", help="the X display number for Xvfb")
    parser.add_argument("--one", nargs=3, metavar=("FLEET", "WIDTH", "HEIGHT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        for path in shoot(Path(args.one[0]), int(args.one[1]), int(args.one[2])):
            print(path.relative_to(REPO))
        return 0
    from tests.benchmarks.bench_fleet import _imported_scenarios, write_fleet

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="fleet-shots-") as tmp:
        fleet = Path(tmp) / "fleet.jsonl"
        write_fleet(fleet, SIZE, _imported_scenarios(Path(tmp)))
        for width, height in SCREENS:
            run_on_xvfb(args.display, width, height, ["tests.qt.make_fleet_screenshots", "--one", str(fleet),
                                                      str(width), str(height)], timeout_s=600)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
