"""Regenerate docs/screenshots/window-*.png: the window on each chart at 1280x720 (a projector) and 1920x1080, light
and dark, in English; the five-way comparison; and the window in German (window-light-1280x720-de.png).

Run: `python -m tests.qt.make_screenshots [OUTPUT_DIR]` (offscreen; settings in a temporary file).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from desktop.workbench.workbench import Workbench
from tests.qt.screenshots import run_script

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZES = ((1280, 720), (1920, 1080))
CHARTS = ("cost-curve", "breakdown", "sensitivity", "hourly-capacity", "over-the-years")


def main(out: Path) -> list[Path]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.app import create_main_window
    from desktop.qt.appearance import apply_appearance

    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as folder:
        for mode in ("light", "dark"):
            apply_appearance(mode)
            # a settings file of its own: nothing of the other appearance's window (docks, geometry) carries over
            window = create_main_window(settings=QSettings(str(Path(folder) / f"{mode}.ini"),
                                                           QSettings.Format.IniFormat))
            window.show()
            for width, height in SIZES:
                window.resize(width, height)
                for index, name in enumerate(CHARTS):
                    window.charts.setCurrentIndex(index)
                    for _ in range(8):
                        app.processEvents()
                    path = out / f"window-{mode}-{width}x{height}-{name}.png"
                    window.grab().save(str(path))
                    written.append(path)
            if mode == "light":  # the five-way comparison (View > Options compared), on the cost curve
                from desktop.model.options.registry import option_ids

                window.resize(*SIZES[0])
                window.session.run(Workbench.apply_changes, {"options": list(option_ids())}, "Compare all")
                window.session.recompute()
                window.charts.setCurrentIndex(0)
                for _ in range(8):
                    app.processEvents()
                path = out / f"window-{mode}-{SIZES[0][0]}x{SIZES[0][1]}-five-options.png"
                window.grab().save(str(path))
                written.append(path)
                window.session.run(Workbench.undo)  # back to the file as opened: closing asks nothing
            window.close()
        written.append(_german(out, QSettings(str(Path(folder) / "german.ini"), QSettings.Format.IniFormat)))
    return written


def _german(out: Path, settings: object) -> Path:
    """The window in German at 1280x720, light, on the cost curve."""
    from PySide6.QtWidgets import QApplication

    from desktop.app import create_main_window
    from desktop.qt.appearance import apply_appearance
    from desktop.qt.translation import install_language

    app = QApplication.instance()
    apply_appearance("light")
    install_language("de")
    try:
        window = create_main_window(settings=settings)  # type: ignore[arg-type]
        window.show()
        window.resize(*SIZES[0])
        for _ in range(8):
            app.processEvents()  # type: ignore[union-attr]
        path = out / f"window-light-{SIZES[0][0]}x{SIZES[0][1]}-de.png"
        window.grab().save(str(path))
        window.close()
    finally:
        install_language("en")
    return path


if __name__ == "__main__":
    run_script(main)
