"""Redraw docs/screenshots/fit-*.png: the window and present mode on the heaviest scenario (every option compared,
the eu-west-1 example whose totals leave prices out, the longest name a workload may have) on the screens issue 22
names: 1280x720, 1366x768 and 1920x1080 at 100%, and 1920x1080 at 125% and 150% and 2560x1440 at 200% (Qt's
QT_SCALE_FACTOR; 1536x864, 1280x720 and 1280x720 logical pixels).

Run: `python -m tests.qt.make_screen_size_screenshots [--display :99]`: each screen in its own process on an Xvfb
server of that size (apt-get install xvfb), the window filling the screen as a maximised one would. The PNGs are
stored as 256-colour images to keep the repository small.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from tests.qt.screenshots import run_on_xvfb

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "docs" / "screenshots"
SCREENS = ((1280, 720, 1.0), (1366, 768, 1.0), (1920, 1080, 1.0), (1920, 1080, 1.25), (1920, 1080, 1.5),
           (2560, 1440, 2.0))
PRESENT_SCREENS = {(1280, 720, 1.0), (1920, 1080, 1.0), (1920, 1080, 1.5), (1366, 768, 1.0)}


def name(kind: str, width: int, height: int, scale: float) -> Path:
    suffix = f"-at-{round(scale * 100)}" if scale != 1.0 else ""
    return OUT / f"fit-{kind}-{width}x{height}{suffix}.png"


def shoot(width: int, height: int, scale: float) -> list[Path]:
    """In this process: the window and present mode on the current display, saved as 256-colour PNGs."""
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from desktop.app import create_main_window
    from desktop.model.options.registry import all_options
    from desktop.model.workload.files import load_workload
    from desktop.model.workload.spec import MAX_NAME_CHARS
    from desktop.qt.appearance import apply_appearance
    from desktop.qt.present_mode import PresentWindow
    from desktop.resources import examples_dir
    from tests.qt.session_ops import session_op

    app = QApplication.instance() or QApplication([])
    apply_appearance("light")
    written: list[Path] = []

    def settle() -> None:  # the form's lower groups are built just after the first paint: let them be laid out
        for _ in range(12):
            app.processEvents()
            time.sleep(0.05)

    def save(widget: object, path: Path) -> None:
        image = widget.grab().toImage()  # type: ignore[attr-defined]
        flags = Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither
        image.convertToFormat(QImage.Format.Format_Indexed8, flags).save(str(path))
        written.append(path)

    with tempfile.TemporaryDirectory() as folder:
        window = create_main_window(settings=QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        ireland = load_workload(examples_dir() / "alb-api-ireland.workload.json")
        long_name = ("Checkout API behind a load balancer, every option compared, " * 4)[:MAX_NAME_CHARS]
        session_op(window.session, "replace_workload", ireland.model_copy(update={
            "options": tuple(o.id for o in all_options()), "name": long_name}), "Open")
        window.setGeometry(window.screen().availableGeometry())  # no window manager: as maximised
        window.show()
        settle()
        save(window, name("window", width, height, scale))
        if (width, height, scale) in PRESENT_SCREENS:
            present = PresentWindow(window.session)
            present.setGeometry(window.screen().geometry())
            present.show()
            settle()
            save(present, name("present", width, height, scale))
            present.close()
        window.session.discard_recovery()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--display", default=":99", help="the X display number for Xvfb")
    parser.add_argument("--one", nargs=3, type=float, metavar=("WIDTH", "HEIGHT", "SCALE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        width, height, scale = int(args.one[0]), int(args.one[1]), args.one[2]
        for path in shoot(width, height, scale):
            print(path.relative_to(REPO))
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    for width, height, scale in SCREENS:
        run_on_xvfb(args.display, width, height, ["tests.qt.make_screen_size_screenshots", "--one", str(width),
                                                  str(height), str(scale)], scale)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
