"""Regenerate docs/screenshots/prices-*.png: the Prices dialog, the import's progress dialog and the status bar.

Run: `python -m tests.qt.make_price_screenshots [OUTPUT_DIR]` (offscreen, light; a temporary data folder, so
your own user price book is never read or written). The window imports the Price List samples in
tests/fixtures/pricelist, prices the HTTP API example in eu-west-2, overrides Lambda requests with a note and
sets a 10% Fargate discount; the progress dialog is caught reading a generated EC2-shaped file.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from desktop.workbench.workbench import Workbench
from tests.qt.screenshots import run_script

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "pricelist"


def main(out: Path) -> list[Path]:
    from PySide6.QtCore import QEventLoop, QSettings
    from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

    from desktop.qt.appearance import apply_appearance
    from tests.pricelist.offer_files import write_ec2_json

    app = QApplication.instance() or QApplication([])
    apply_appearance("light")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["COMPUTEFIT_DATA_DIR"] = folder
        from desktop.app import create_main_window

        window = create_main_window(settings=QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        window.resize(1280, 800)
        window.show()
        ended: list[object] = []
        window.prices.import_ended.connect(ended.append)

        def settle(until: object = None, seconds: float = 120) -> None:
            start = time.monotonic()
            while (until is not None and not until()) and time.monotonic() - start < seconds:  # type: ignore[operator]
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            for _ in range(20):
                app.processEvents()

        big = Path(folder) / "AmazonEC2-index.json"
        write_ec2_json(big, 150_000_000)
        window.import_prices([big])
        progress = window.findChild(QProgressDialog, "price_import_progress")
        assert progress is not None
        settle(lambda: window.prices.progress is None or progress.value() >= 300)
        if window.prices.progress is None:
            raise SystemExit("the import ended before its progress dialog could be caught: try again")
        written = [out / "prices-import-progress.png"]
        progress.grab().save(str(written[-1]))
        window.prices.cancel_import()
        settle(lambda: ended)
        window.import_prices([FIXTURES])
        settle(lambda: len(ended) > 1)
        for box in window.findChildren(QMessageBox):
            box.done(0)
        window.session.run(Workbench.apply_changes, {"region": "eu-west-2"}, "region")
        window.session.recompute()
        window.prices.override("eu-west-2/lambda/requests", "0.18", "private pricing 2026 contract")
        window.prices.set_discount("fargate", "10")
        window.show_prices()
        dialog = window.price_dialog
        assert dialog is not None
        dialog.select_path("eu-west-2/lambda/requests")
        settle()
        written.append(out / "prices-dialog.png")
        dialog.grab().save(str(written[-1]))
        written.append(out / "prices-status-bar.png")
        window.statusBar().grab().save(str(written[-1]))
        dialog.close()
        window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
        window.close()
    return written


if __name__ == "__main__":
    run_script(main)
