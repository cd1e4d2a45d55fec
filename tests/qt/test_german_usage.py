"""The usage import and the fleet review dock in German, with a real imported fleet (the small CUR 2.0 and FOCUS
exports of tests/usage/fixtures.py): the file choice, the tag question, the progress dialog, the import summary
with its rows skipped by reason, the refusals, the dock's headline, headers, cells and tooltips are German, with
German numbers; the resources' names, file names and a file's own words stay as written; no text is cut."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QLabel, QMessageBox

from desktop.qt.main_window import MainWindow
from desktop.workbench.workbench import Workbench
from tests.german_check import untranslated
from tests.qt.visible_texts import settle, widget_texts
from tests.usage import fixtures as fx


def _boxes() -> list[tuple[str, str, str]]:
    """The message boxes open now, as (title, text, details), each closed."""
    found = []
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            found.append((widget.windowTitle(), widget.text(), widget.detailedText()))
            widget.done(0)
    return found


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The file dialogs' and the tag question's own texts (captions, filters, the question), answered."""
    seen: list[str] = []

    def files(_parent: Any, caption: str, _where: str, kinds: str) -> tuple[list[str], str]:
        seen.extend([caption, kinds])
        return [str(p) for p in monkeypatch.chosen], ""  # type: ignore[attr-defined]

    def save(_parent: Any, caption: str, where: str, kinds: str) -> tuple[str, str]:
        seen.extend([caption, kinds])
        return str(Path(where).parent / "fleet.workshop.json"), ""

    def folder(_parent: Any, caption: str, _where: str) -> str:
        seen.append(caption)
        return ""

    def text(_parent: Any, title: str, label: str) -> tuple[str, bool]:
        seen.extend([title, label])
        return "", True

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", files)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", folder)
    monkeypatch.setattr(QInputDialog, "getText", text)
    return seen


def _import(qtbot, window: MainWindow, asked: list[str], monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
            *chosen: Path) -> tuple[list[str], list[tuple[str, str, str]]]:
    """File > Import usage... on the files `chosen`, as a user does it: the texts of the progress dialog, and the
    message boxes."""
    monkeypatch.chosen = chosen  # type: ignore[attr-defined]
    window.usage.import_folder_dialog()  # asked for a folder, and cancelled
    window.usage.import_dialog()
    progress = window.usage.controller.progress
    assert progress is not None
    seen = [progress.windowTitle(), *(text for _kind, text, _widget in widget_texts(progress))]
    qtbot.waitUntil(lambda: window.usage.controller.last_outcome is not None, timeout=60_000)
    boxes: list[tuple[str, str, str]] = []
    qtbot.waitUntil(lambda: bool(boxes.extend(_boxes()) or boxes), timeout=5_000)
    return seen, boxes


def rough_fleet() -> list[dict[str, str]]:
    """The fixtures' CUR 2.0 rows and what makes the review say more: a GPU instance (options ruled out), a large
    credit (a difference flagged) and a function used in 5 hours only (too thin to say)."""
    rows = fx.cur_rows()
    rows += [fx._cur(i, "Usage", "AmazonEC2", "BoxUsage:g5.xlarge", "i-0gpu", "1", "1.006", "us-east-1",
                     "g5.xlarge") for i in range(fx.HOURS)]
    rows.append(fx._cur(20, "Credit", "AWSLambda", "USE1-Lambda-GB-Second", fx.ORDERS_ARN, "0", "-4.00",
                        "us-east-1"))
    rare = fx.ORDERS_ARN.replace("orders", "rare")
    rows += [fx._cur(i, "Usage", "AWSLambda", "USE1-Request", rare, "1000", "0.0002", "us-east-1") for i in range(5)]
    return rows


def test_the_german_usage_import_and_fleet_review(german: None, qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                  asked: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    export = fx.write_csv(tmp_path / "cur.csv", rough_fleet())
    services, task = fx.write_ecs(tmp_path)  # and the ECS service's describe output: JSON files too
    window.resize(1280, 720)
    progress, boxes = _import(qtbot, window, asked, monkeypatch, export, services, task)
    assert window.usage.controller.last_outcome.status == "done"
    (title, text, details), = boxes
    assert title == "Nutzung importieren"
    assert text.startswith("CUR 2.0 (1 CSV-Datei) importiert: 3 Datei(en), 1.293 Zeilen gelesen")
    assert "Übersprungene Zeilen nach Grund:" in details
    assert "Steuer-, Gebühren- oder Kaufzeile (line_item_line_item_type)" in details
    qtbot.waitUntil(lambda: window.usage.review.review is not None, timeout=10_000)
    names = [s.name for s in window.session.state.scenarios]
    window.session.run(Workbench.select, names.index("thumbs"))  # its work now takes 20 minutes: Lambda is out
    assert window.session.run(Workbench.apply_changes, {"traffic.duration_ms": 1_200_000}, "Change duration") == []
    view = window.usage.review
    qtbot.waitUntil(lambda: view.review is not None and len(view.review.blocked) == 1, timeout=10_000)
    settle()
    model = view.model
    cells = [model.data(model.index(r, c), role) for r in range(model.rowCount()) for c in range(model.columnCount())
             for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[1:4] == ["Ressource", "Heute", "Abgerechnet im Monat"]
    assert "$36,04" in cells and "$36.04" not in cells
    assert view.headline.text().startswith("6 Ressourcen, abgerechnet $")
    why = [model.shown_cell(r, len(headers) - 1) for r in range(model.rowCount())]
    assert any(w.startswith("wahrscheinlich Gutschriften, Erstattungen oder Rabatte in der Rechnung (-4,00 USD")
               for w in why)
    assert any(w.startswith("Lambda ausgeschlossen: ") for w in why)
    assert any(w.endswith("zu wenig Daten: Nutzung in nur 5 Stunden") for w in why)
    assert "Abbrechen" in progress and progress[0] == "Nutzung importieren"
    texts = [*asked, *progress, title, text, details, *cells, *headers, window.usage.dock.windowTitle(),
             *(t for _kind, t, _widget in widget_texts(window.usage.dock))]
    for index in range(len(window.session.state.scenarios)):  # each scenario's form: where each value came from
        window.session.run(Workbench.select, index)
        settle()
        texts += [t for _kind, t, _widget in widget_texts(window.form)]
    assert any(t.startswith("Importiert, gemessen: Abrechnung: ") for t in texts)
    names = {s.name for s in window.session.state.scenarios}
    verbatim = {*names, str(export), str(tmp_path / "fleet.workshop.json"), *fx.CUR_COLUMNS}  # a file's words
    left = untranslated(texts, verbatim)
    assert not left, "\n".join(f"{sorted(words)} | {line}" for line, words in left)
    label = view.headline
    assert label.wordWrap() or label.sizeHint().width() <= label.width() + 1, label.text()
    assert window.minimumSizeHint().width() <= 1280 and window.width() <= 1280  # the dock never widens the window
    header = view.table.horizontalHeader()
    for column, name in enumerate(headers):
        assert header.fontMetrics().horizontalAdvance(name) <= header.sectionSize(column), name


@pytest.mark.parametrize(("write", "says"), [
    (lambda p: p.write_text("lineItem/UsageType,lineItem/UnblendedCost\nRequest,0.2\n", encoding="utf-8"),
     ": lineItem/UnblendedCost: dies ist eine CUR-1.0-Datei"),
    (lambda p: p.write_text("a,b\n1,2\n", encoding="utf-8"), ": weder ein CUR-2.0- noch ein FOCUS-Export"),
])
def test_a_refused_export_is_said_in_german(german: None, qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                            asked: list[str], monkeypatch: pytest.MonkeyPatch, write, says: str
                                            ) -> None:
    export = tmp_path / "export.csv"
    write(export)
    _progress, boxes = _import(qtbot, window, asked, monkeypatch, export)
    (title, text, _details), = boxes
    assert title == "Nutzung importieren" and text.startswith(str(export)) and says in text
    assert untranslated([text], {str(export)}) == []
    assert not (tmp_path / "fleet.workshop.json").exists()


def test_a_tag_filter_that_is_not_one_is_said_in_german(german: None, qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("team", True))
    assert window.usage.ask_tags() is None
    boxes: list[tuple[str, str, str]] = []
    qtbot.waitUntil(lambda: bool(boxes.extend(_boxes()) or boxes), timeout=5_000)
    assert boxes == [("Nutzung importieren", "Tag-Filter: 'team' ist nicht KEY=VALUE (z. B. team=orders)", "")]
    assert window.usage.start([Path("x.csv")], Path("y.workshop.json")) == ""
    assert window.usage.start([Path("x.csv")], Path("y.workshop.json")) != ""  # busy: said in German
    qtbot.waitUntil(lambda: bool(boxes.extend(_boxes()) or len(boxes) > 2), timeout=60_000)
    assert any(text.startswith("Ein Nutzungsimport läuft") for _t, text, _d in boxes)
    assert isinstance(window.usage.review.headline, QLabel)


def test_a_german_focus_import_says_what_it_left_out(german: None, qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                     asked: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A FOCUS export with other providers' rows and a tax line: its summary's reasons in German."""
    export = fx.write_csv(tmp_path / "focus.csv", fx.focus_rows(), fx.FOCUS_COLUMNS)
    _progress, boxes = _import(qtbot, window, asked, monkeypatch, export)
    (title, text, details), = boxes
    assert title == "Nutzung importieren"
    assert text.startswith("FOCUS (1 CSV-Datei) importiert: 1 Datei(en), 387 Zeilen gelesen")
    assert "von einem anderen Anbieter als AWS (ProviderName)" in details
    left = untranslated([text, details], {str(export), str(tmp_path / "fleet.workshop.json"), *fx.FOCUS_COLUMNS})
    assert not left, "\n".join(f"{sorted(words)} | {line}" for line, words in left)
