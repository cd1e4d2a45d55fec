"""File > Import usage... in the window: off the GUI thread, the fleet opened, the review dock filled; a failed or
cancelled import writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog

from desktop.qt.main_window import MainWindow
from tests.usage import fixtures as fx


def test_an_import_opens_the_fleet_and_the_review_dock_ranks_it(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                 dialogs: list[tuple[str, str]]) -> None:
    cur = fx.write_csv(tmp_path / "cur.csv", fx.cur_rows())
    output = tmp_path / "fleet.workshop.json"
    assert window.usage.start([cur], output) == ""
    assert window.usage.controller.progress is not None and window.usage.controller.busy
    qtbot.waitUntil(lambda: window.usage.controller.last_outcome is not None, timeout=60_000)
    assert window.usage.controller.last_outcome.status == "done"
    assert output.is_file() and window.session.path == output
    assert [s.name for s in window.session.state.scenarios] == ["i-0abc", "thumbs", "shop/web", "orders"]
    qtbot.waitUntil(lambda: window.usage.review.review is not None, timeout=10_000)
    assert window.usage.dock.isVisible()
    model = window.usage.review.model
    assert model.rowCount() == 4
    by_name = {model.rows[r][1]: model.rows[r] for r in range(model.rowCount())}
    assert by_name["shop/web"][3:6] == ("$36.04", "$36.04", "0%")
    assert window.usage.review.headline.text().startswith("4 resources billed $195.78 a month")
    assert any(title == "Import usage" and text.startswith("Imported CUR 2.0 (1 csv file)") for title, text in dialogs)


def test_a_failed_import_writes_nothing_and_says_why(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                     dialogs: list[tuple[str, str]]) -> None:
    legacy = tmp_path / "legacy.csv"
    legacy.write_text("lineItem/UsageType,lineItem/UnblendedCost\nRequest,0.2\n", encoding="utf-8")
    output = tmp_path / "fleet.workshop.json"
    assert window.usage.start([legacy], output) == ""
    qtbot.waitUntil(lambda: window.usage.controller.last_outcome is not None, timeout=60_000)
    outcome = window.usage.controller.last_outcome
    assert outcome.status == "failed" and "this is a CUR 1.0" in outcome.message
    assert not output.exists() and not window.usage.dock.isVisible()


def test_cancel_before_the_engine_runs_writes_nothing(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                      dialogs: list[tuple[str, str]]) -> None:
    cur = fx.write_csv(tmp_path / "cur.csv", fx.cur_rows())
    output = tmp_path / "fleet.workshop.json"
    assert window.usage.start([cur], output) == ""
    window.usage.controller.cancel()
    qtbot.waitUntil(lambda: window.usage.controller.last_outcome is not None, timeout=60_000)
    assert window.usage.controller.last_outcome.status == "cancelled" and not output.exists()


def test_the_import_dialog_s_tag_filter_keeps_the_rows_so_tagged(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                dialogs: list[tuple[str, str]],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.usage.records import TagFilter

    answers = iter([("team=shop", True), ("team", True), ("", False), (" ", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: next(answers))
    tags = window.usage.ask_tags()
    assert tags == (TagFilter("team", "shop"),)
    assert window.usage.ask_tags() is None  # not KEY=VALUE: said, and nothing starts
    qtbot.waitUntil(lambda: len(dialogs) > 0, timeout=5_000)
    assert dialogs[-1] == ("Import usage", "Tag filter: 'team' is not KEY=VALUE (e.g. team=orders)")
    assert window.usage.ask_tags() is None  # cancelled
    assert window.usage.ask_tags() == ()  # empty: every row
    cur = fx.write_csv(tmp_path / "cur.csv", fx.cur_rows())
    output = tmp_path / "fleet.workshop.json"
    assert window.usage.start([cur], output, tags) == ""
    qtbot.waitUntil(lambda: window.usage.controller.last_outcome is not None, timeout=60_000)
    assert window.usage.controller.last_outcome.status == "done"
    assert [s.name for s in window.session.state.scenarios] == ["shop/web"]
    assert "not tagged team=shop (resource_tags)" in window.usage.controller.last_outcome.message


def test_the_form_says_where_an_imported_value_came_from_and_that_an_edit_is_the_user_s(
        qtbot, window: MainWindow, tmp_path: Path, book) -> None:  # type: ignore[no-untyped-def]
    from desktop.model.workshop.files import save_workshop
    from desktop.usage.importer import import_usage
    from desktop.workbench.workbench import Workbench
    from tests.qt.interact import type_into

    workshop, _ = import_usage([fx.write_csv(tmp_path / "cur.csv", fx.cur_rows())], book)
    path = tmp_path / "fleet.workshop.json"
    save_workshop(path, workshop)
    assert window.open_path(path)
    window.session.run(Workbench.select, [s.name for s in window.session.state.scenarios].index("orders"))
    form = window.form
    form.build_all()
    assert form.origin_at("lambda.memory_mb") == "Imported, a default: check it: not in a billing export or metrics"
    assert form.origin_at("traffic.requests_per_month") == ("Imported, measured: billing: 1,920,000 requests over "
                                                             "192 h, scaled to 730 h")
    assert form.origin_at("traffic.runs_per_month") == ""  # not imported: nothing said
    with qtbot.waitSignal(window.session.advice_changed, timeout=5000):
        type_into(qtbot, window, "lambda.memory_mb", "2048")
    assert form.origin_at("lambda.memory_mb") == ("Edited: imported 1,024 (a default: check it: not in a billing "
                                                  "export or metrics)")
    assert form.rows["lambda.memory_mb"].origin.property("edited") is True
    window.resize(1280, 720)
    form.ensureWidgetVisible(form.editor("lambda.memory_mb"))
    qtbot.wait(200)
    window.grab().save(str(tmp_path / "edited.png"))
    window.session.run(Workbench.undo)
    assert form.origin_at("lambda.memory_mb").startswith("Imported, a default")


def test_in_german_the_form_s_origin_lines_are_german_detail_included(
        qtbot, window: MainWindow, tmp_path: Path, book) -> None:  # type: ignore[no-untyped-def]
    from desktop.model.workshop.files import save_workshop
    from desktop.qt.translation import install_language
    from desktop.usage.importer import import_usage
    from desktop.workbench.workbench import Workbench
    from tests.qt.interact import type_into

    workshop, _ = import_usage([fx.write_csv(tmp_path / "cur.csv", fx.cur_rows())], book)
    path = tmp_path / "fleet.workshop.json"
    save_workshop(path, workshop)
    assert install_language("de") == "de"
    try:
        assert window.open_path(path)
        window.session.run(Workbench.select, [s.name for s in window.session.state.scenarios].index("orders"))
        form = window.form
        form.build_all()
        assert form.origin_at("lambda.memory_mb") == ("Importiert, ein Standardwert, bitte prüfen: weder in einem "
                                                      "Abrechnungsexport noch in Metriken")
        with qtbot.waitSignal(window.session.advice_changed, timeout=5000):
            type_into(qtbot, window, "lambda.memory_mb", "2048")
        assert form.origin_at("lambda.memory_mb") == ("Geändert: importiert 1.024 (ein Standardwert, bitte prüfen: "
                                                      "weder in einem Abrechnungsexport noch in Metriken)")
    finally:
        install_language("en")
