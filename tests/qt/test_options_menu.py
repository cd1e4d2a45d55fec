"""View > Options compared: checking an option adds it to the table and the charts as one undoable workload edit;
the last option cannot be hidden; undo, open and new move the checks with the workload."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.qt.main_window import MainWindow


def _checked(window: MainWindow) -> list[str]:
    return [o for o, action in window.options_menu.option_actions.items() if action.isChecked()]


def test_older_files_show_three_options_and_the_managed_ones_can_be_added(qtbot, window: MainWindow) -> None:
    session = window.session
    assert _checked(window) == ["lambda", "fargate", "ec2"]
    assert window.table.option_ids == ("lambda", "fargate", "ec2")
    with qtbot.waitSignal(session.advice_changed, timeout=5000):
        window.options_menu.option_actions["lambda_managed"].trigger()
    assert session.workload.options == ("lambda", "fargate", "ec2", "lambda_managed")
    assert window.table.option_ids == ("lambda", "fargate", "ec2", "lambda_managed")
    assert window.table.text("lambda_managed", 0) == "AWS Lambda Managed Instances"
    assert window.table.text("lambda_managed", 3) == "c5.large (auto) x 3, 16 requests per environment"
    assert window.table.text("lambda_managed", 4) == "Feasible"  # us-east-1's request price is in the book now
    assert "lambda_managed" in window.charts.cost_curve.curves
    assert session.workbench.history.undo_text == "Compare Lambda MI" and session.dirty
    assert _checked(window) == ["lambda", "fargate", "ec2", "lambda_managed"]

    with qtbot.waitSignal(session.advice_changed, timeout=5000):
        window.undo_action.trigger()
    assert session.workload.options is None and _checked(window) == ["lambda", "fargate", "ec2"]
    assert window.table.option_ids == ("lambda", "fargate", "ec2")
    assert "lambda_managed" not in window.charts.cost_curve.curves


def test_hiding_options_down_to_the_last_one(qtbot, window: MainWindow) -> None:
    session = window.session
    menu = window.options_menu
    for option in ("lambda", "fargate"):
        with qtbot.waitSignal(session.advice_changed, timeout=5000):
            menu.option_actions[option].trigger()
    assert session.workload.options == ("ec2",)
    assert session.workbench.history.undo_text == "Hide Fargate"
    assert window.table.option_ids == ("ec2",)
    assert not menu.option_actions["ec2"].isEnabled()  # the last one compared stays
    assert menu.option_actions["lambda"].isEnabled() and not menu.option_actions["lambda"].isChecked()
    menu.set_compared("ec2", False)
    assert session.workload.options == ("ec2",)


def test_back_to_the_three_classic_options_stores_nothing(qtbot, window: MainWindow, tmp_path: Path) -> None:
    session = window.session
    menu = window.options_menu
    with qtbot.waitSignal(session.advice_changed, timeout=5000):
        menu.option_actions["ecs_managed"].trigger()
    path = tmp_path / "five.workload.json"
    assert window.save_to(path)
    assert json.loads(path.read_text(encoding="utf-8"))["options"] == ["lambda", "fargate", "ec2", "ecs_managed"]
    with qtbot.waitSignal(session.advice_changed, timeout=5000):
        menu.option_actions["ecs_managed"].trigger()
    assert session.workload.options is None  # the default set: saved files stay as older versions wrote them
    assert window.save_to(path)
    assert "options" not in json.loads(path.read_text(encoding="utf-8"))
