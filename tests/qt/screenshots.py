"""What the screenshot scripts (`python -m tests.qt.make_*_screenshots [OUTPUT_DIR]`) share: where they write
by default, and running one from the command line."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def run_script(main: Callable[..., list[Path]]) -> None:
    """Write the screenshots into the folder the command line names (docs/screenshots by default), passing on
    any further arguments, and print each file written."""
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else SCREENSHOTS
    for path in main(target, *sys.argv[2:]):
        print(path)


@contextmanager
def screenshot_window(mode: str = "light") -> Iterator[tuple[Any, Callable[[], None], Path]]:
    """A main window for screenshots in the `mode` appearance, shown, its settings in a temporary folder (never the
    user's); with a settle() that lets it draw, and the folder (for files written on the way). Closed after, its
    document marked saved (no question asked)."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.app import create_main_window
    from desktop.qt.appearance import apply_appearance

    app = QApplication.instance() or QApplication([])

    def settle() -> None:
        for _ in range(10):
            app.processEvents()

    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "shots.ini"), QSettings.Format.IniFormat)
        apply_appearance(mode)
        window = create_main_window(settings=settings)
        window.show()
        yield window, settle, Path(folder)
        window.session.workbench.history.mark_saved()
        window.close()


def present_at(window: Any, width: int, height: int) -> Any:
    """The window's present mode as a window of width x height (the offscreen screen is 800x800: a room's projector
    is shown as a window of its size)."""
    window.present()
    present = window.presenting
    assert present is not None
    present.showNormal()
    present.setFixedSize(width, height)
    return present


def run_on_xvfb(display: str, width: int, height: int, argv: list[str], scale: float = 1.0,
                timeout_s: int = 300) -> None:
    """Run `python -m ARGV...` from the repository on an Xvfb server of `width` x `height` at `display` (Qt's
    scale factor `scale`, its data in a fresh folder), then stop the server."""
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
        env.update(DISPLAY=display, QT_SCALE_FACTOR=f"{scale:g}", QT_QPA_PLATFORM="xcb",
                   COMPUTEFIT_DATA_DIR=tempfile.mkdtemp(prefix="computefit-shots-"))
        subprocess.run([sys.executable, "-m", *argv], cwd=SCREENSHOTS.parents[1], env=env, check=True,
                       timeout=timeout_s)
    finally:
        server.terminate()
        server.wait(10)
