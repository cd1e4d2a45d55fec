"""Regenerate docs/screenshots/wizard-*.png: each questionnaire page at 1280x800 (offscreen, light by default).

Run: `python -m tests.qt.make_wizard_screenshots [OUTPUT_DIR] [light|dark]`. The answers are the spiky public
HTTP API archetype, except the first page, which shows the 40-minute nightly batch so the panel rules Lambda out.
"""

from __future__ import annotations

import os
from pathlib import Path

from tests.qt.screenshots import run_script

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZE = (1280, 800)
SPIKY_API = {"app_size": "small", "work_duration": "fast", "trigger": "http", "monthly_volume": 2_000_000,
             "traffic_shape": "spiky", "latency": "interactive", "ops_capacity": "none"}
NIGHTLY_BATCH = {"app_size": "medium", "work_duration": "long", "trigger": "schedule", "monthly_volume": 30,
                 "traffic_shape": "mostly_idle"}


def main(out: Path, mode: str = "light") -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from desktop.model.pricing.book import load_price_book
    from desktop.qt.appearance import apply_appearance
    from desktop.qt.wizard import QuestionnaireWizard
    from desktop.resources import price_book_path

    app = QApplication.instance() or QApplication([])
    apply_appearance(mode)
    out.mkdir(parents=True, exist_ok=True)
    book = load_price_book(price_book_path())
    suffix = "" if mode == "light" else f"-{mode}"
    written = []
    for answers, pages in ((NIGHTLY_BATCH, (0,)), (SPIKY_API, None)):
        wizard = QuestionnaireWizard(book, answers=answers)
        wizard.resize(*SIZE)
        wizard.show()
        index = 0
        while True:
            for _ in range(5):
                app.processEvents()
            page = wizard.currentPage()
            name = page.objectName().removeprefix("page.")
            if pages is None or index in pages:
                label = f"{index + 1}-{name}" + ("-lambda-ruled-out" if answers is NIGHTLY_BATCH else "")
                path = out / f"wizard-{label}{suffix}.png"
                wizard.grab().save(str(path))
                written.append(path)
            if (pages is not None and index >= max(pages)) or wizard.currentId() == wizard.pageIds()[-1]:
                break
            wizard.next()
            index += 1
        wizard.reject()
        wizard.deleteLater()
    return written


if __name__ == "__main__":
    run_script(main)
