"""Regenerate docs/screenshots/*-de.png: the German window at 1280x720 with an imported fleet in its review dock,
the Prices dialog and the Help window (the German manual, at its glossary).

Run: `python -m tests.qt.make_german_screenshots [OUTPUT_DIR]` (offscreen, light; a temporary data folder, so your
own settings and user price book are never read or written). The fleet is tests/qt/test_german_usage.py's: the
small CUR 2.0 export of tests/usage/fixtures.py with a GPU instance, a large credit and a rarely used function.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from tests.qt.screenshots import run_script

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(out: Path) -> list[Path]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.model.workshop.files import save_workshop
    from desktop.qt.appearance import apply_appearance
    from desktop.qt.translation import install_language
    from desktop.usage.importer import import_usage
    from tests.qt.test_german_usage import rough_fleet
    from tests.qt.visible_texts import settle
    from tests.usage import fixtures as fx

    app = QApplication.instance() or QApplication([])
    apply_appearance("light")
    install_language("de")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as folder:
        os.environ["COMPUTEFIT_DATA_DIR"] = folder
        from desktop.app import create_main_window

        window = create_main_window(settings=QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
        window.resize(1280, 720)
        window.show()
        workshop, _summary = import_usage([fx.write_csv(Path(folder) / "cur.csv", rough_fleet())],
                                          window.session.book)
        fleet = Path(folder) / "fleet.workshop.json"
        save_workshop(fleet, workshop)
        window.open_path(fleet)
        for _ in range(40):
            app.processEvents()
            if window.usage.review.review is None:
                window.usage.review.refresh()
        window.usage.dock.raise_()
        settle(30)
        written.append(out / "fleet-review-de.png")
        window.grab().save(str(written[-1]))

        window.show_prices()
        dialog = window.price_dialog
        assert dialog is not None
        dialog.resize(1280, 720)
        settle(30)
        written.append(out / "prices-dialog-de.png")
        dialog.grab().save(str(written[-1]))
        dialog.close()

        window.show_help()
        help_dialog = window.help_dialog
        assert help_dialog is not None
        help_dialog.resize(1280, 720)
        help_dialog.show_topic("glossar")
        settle(30)
        written.append(out / "help-de.png")
        help_dialog.grab().save(str(written[-1]))
        help_dialog.close()
        window.close()
    install_language("en")
    return written


if __name__ == "__main__":
    run_script(main)
