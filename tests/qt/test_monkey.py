"""A monkey at the window: a few hundred random edits (typed into the real editors), undos, redos, saves and
opens. After each step the quote on screen equals `estimate` of the workload on screen, the form shows that
workload, and what was saved reads back as what was shown: nothing is lost, nothing crashes."""

from __future__ import annotations

import json
import random
from pathlib import Path

from desktop.cli import main
from desktop.model.format import usd
from desktop.model.workload.files import load_workload
from desktop.qt.main_window import MainWindow
from desktop.qt.views.comparison_table import MONTHLY_COL
from desktop.workbench.workbench import Workbench
from tests.qt.interact import type_into

STEPS = 240
SEED = 20261201
# (field, values a person might type, valid and not)
EDITS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("traffic.requests_per_month", ("30M", "1.5k", "2B", "0", "-5", "lots", "999T")),
    ("traffic.duration_ms", ("120", "5", "900000", "0", "1e400", "")),
    ("lambda.memory_mb", ("128", "2048", "10240", "99999", "abc")),
    ("container.vcpu", ("0.25", "2", "16", "0", "500")),
    ("container.memory_gb", ("0.5", "4", "120", "-1")),
    ("container.concurrency_per_task", ("1", "20", "500", "0")),
    ("requirements.payload_kb", ("8", "900", "7000", "-3")),
    ("requirements.latency_slo_ms", ("200", "", "5000")),
    ("name", ("Orders <b>API</b>", "  ", "x" * 130, "Batch & co")),
)


def _check_screen_equals_estimate(window: MainWindow, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    advice = session.advice  # computes now if an edit is waiting
    workload = session.workload
    assert advice.workload == workload
    file = tmp_path / "shown.workload.json"
    file.write_text(json.dumps(workload.to_json_dict()), encoding="utf-8")
    assert main(["estimate", str(file), "--json"]) == 0
    estimate = json.loads(capsys.readouterr().out)
    for row, (option_id, option) in enumerate(advice.quote.options.items()):
        expected = estimate["options"][option_id]["monthly_usd"]
        assert (None if option.monthly_usd is None else float(option.monthly_usd)) == expected
        shown = window.table.item(row, MONTHLY_COL).text().split("\n")[0]  # a second line says what is left out
        assert shown == ("-" if option.monthly_usd is None else usd(option.monthly_usd, option.estimated))


def test_a_few_hundred_random_steps_lose_nothing(qtbot, window: MainWindow, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(SEED)
    saved_path = tmp_path / "monkey.workload.json"
    saved = None
    counts = {"edit": 0, "undo": 0, "redo": 0, "save": 0, "open": 0}
    for step in range(STEPS):
        action = rng.choices(("edit", "undo", "redo", "save", "open"), weights=(14, 3, 2, 1, 1))[0]
        counts[action] += 1
        if action == "edit":
            field, values = rng.choice(EDITS)
            type_into(qtbot, window, field, rng.choice(values))
        elif action == "undo":
            window.undo_action.trigger()
        elif action == "redo":
            window.redo_action.trigger()
        elif action == "save":
            window.session.run(Workbench.save, saved_path)
            saved = window.session.workload
            assert not window.session.dirty
            assert load_workload(saved_path) == saved
        elif saved is not None:  # open what was saved: it is exactly what was on screen then
            window.open_path(saved_path)
            assert window.session.workload == saved and not window.session.dirty
        if step % 12 == 0 or action in ("save", "open"):
            _check_screen_equals_estimate(window, tmp_path, capsys)
    _check_screen_equals_estimate(window, tmp_path, capsys)
    assert counts["edit"] > 150 and counts["undo"] > 20 and counts["save"] > 3
