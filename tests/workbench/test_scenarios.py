"""Scenario operations in the Qt-free workbench: each one undoable step that says what changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.model.pricing.book import PriceBook
from desktop.model.workload.files import WorkloadFileError, load_workload, save_workload
from desktop.model.workload.spec import Workload
from desktop.model.workshop.files import load_document
from desktop.workbench.workbench import Change, Workbench, document_json


@pytest.fixture
def bench(book: PriceBook) -> Workbench:
    return Workbench(book, Workload(name="base"))


def _names(bench: Workbench) -> list[str]:
    return list(bench.state.names)


def test_every_operation_is_one_undoable_step(bench: Workbench) -> None:
    steps = [
        (lambda: bench.duplicate(), ["base", "base (copy)"]),
        (lambda: bench.apply_changes({"traffic.requests_per_month": 30_000_000}, "Requests"), None),
        (lambda: bench.add_scenario(), ["base", "base (copy)", "Scenario 3"]),
        (lambda: bench.rename(2, "Frankfurt"), ["base", "base (copy)", "Frankfurt"]),
        (lambda: bench.move(2, 0), ["Frankfurt", "base", "base (copy)"]),
        (lambda: bench.set_baseline(2), None),
        (lambda: bench.set_note(0, "what if we move?"), None),
        (lambda: bench.set_kind("parts"), None),
        (lambda: bench.delete(1), ["Frankfurt", "base (copy)"]),
    ]
    states = [bench.state]
    for run, names in steps:
        result = run()
        change = result[0]
        assert isinstance(change, Change) and change.history and change.dirty
        assert result[1] in ("", [])
        if names is not None:
            assert _names(bench) == names
        states.append(bench.state)
    assert bench.state.kind == "parts" and bench.state.scenarios[0].note == "what if we move?"
    assert bench.state.names[bench.state.baseline] == "base (copy)"  # the baseline followed its scenario
    for state in reversed(states[:-1]):
        assert bench.undo().history
        assert bench.state == state
    assert not bench.dirty and bench.undo() == Change()
    for state in states[1:]:
        assert bench.redo().history
        assert bench.state == state


def test_selecting_shows_another_scenario_without_an_undo_step(bench: Workbench) -> None:
    bench.duplicate()
    bench.apply_changes({"lambda.memory_mb": 2048}, "Memory")
    count = bench.history.undo_count
    change = bench.select(0)
    assert change == Change(workload=True, scenarios=True)
    assert bench.workload.name == "base" and bench.history.undo_count == count
    assert bench.select(0) == Change() and bench.select(9) == Change()
    bench.undo()  # undoes the memory edit of the copy, and shows the copy again
    assert bench.workload.name == "base (copy)" and bench.workload.lambda_.memory_mb == 1024


def test_refused_operations_change_nothing_and_say_why(bench: Workbench) -> None:
    before = bench.state
    assert bench.delete(0)[1] == "A workshop keeps at least one scenario."
    assert "must not be blank" in bench.rename(0, "   ")[1]
    assert "at most 2,000 characters" in bench.set_note(0, "x" * 2001)[1]
    assert "no scenario 5" in bench.set_baseline(4)[1]
    assert bench.state is before and bench.history.undo_count == 0


def test_switching_and_comparing_reuse_the_advice_of_untouched_scenarios(bench: Workbench) -> None:
    for _ in range(3):
        bench.duplicate()
    bench.compare()
    computed = bench.cache.computed
    bench.select(1)
    bench.advise()
    bench.select(2)
    bench.advise()
    assert bench.cache.computed == computed  # switching computes nothing
    bench.apply_changes({"traffic.duration_ms": 250}, "Duration")
    comparison = bench.compare()
    assert bench.cache.computed == computed + 1  # the edited scenario only
    assert comparison.rows[2].differences_text == "duration 100 ms -> 250 ms"


def test_a_workload_file_saves_back_as_one_and_a_workshop_needs_a_workshop_file(bench: Workbench,
                                                                                tmp_path: Path) -> None:
    single = tmp_path / "base.workload.json"
    save_workload(single, Workload(name="base"))
    bench.open(single)
    bench.apply_changes({"lambda.memory_mb": 2048}, "Memory")
    bench.save()
    assert load_workload(single).lambda_.memory_mb == 2048  # still a plain workload file
    bench.duplicate()
    assert "holds 2 scenarios" in bench.save_problem(single)
    with pytest.raises(WorkloadFileError, match="save it as a workshop file"):
        bench.save()
    assert load_workload(single).lambda_.memory_mb == 2048  # untouched
    target = tmp_path / "room.workshop.json"
    change = bench.save(target)
    assert change.path and bench.path == target and bench.is_workshop_file and not bench.dirty
    reopened = Workbench(bench.book, Workload(name="x"))
    reopened.open(target)
    assert reopened.state.names == ("base", "base (copy)")
    assert json.loads(document_json(bench.state)) == json.loads(target.read_text(encoding="utf-8"))


def test_the_questionnaire_result_never_keeps_a_workload_files_path(bench: Workbench, tmp_path: Path) -> None:
    first = tmp_path / "first.workload.json"
    bench.save(first)
    change, _ = bench.replace_workload(Workload(name="from questions"), "New from questions", detach=True)
    assert change.path and bench.path is None
    bench.save(tmp_path / "two.workshop.json")
    bench.add_scenario(Workload(name="another"), text="New from questions", detach=True)
    assert bench.path == tmp_path / "two.workshop.json"  # a workshop keeps its own file
    assert load_workload(first).name == "base"


def test_adding_from_a_file_adds_its_scenarios_and_names_a_bad_field(bench: Workbench, tmp_path: Path) -> None:
    bench.duplicate()
    bench.save(tmp_path / "pair.workshop.json")
    bench.new()
    change, problem = bench.add_from_file(tmp_path / "pair.workshop.json")
    assert problem == "" and change.scenarios and _names(bench) == ["New workload", "base", "base (copy)"]
    bad = tmp_path / "bad.workshop.json"
    data = json.loads((tmp_path / "pair.workshop.json").read_text(encoding="utf-8"))
    data["scenarios"][1]["workload"]["region"] = "mars-north-1"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(WorkloadFileError, match=r"bad.workshop.json: scenarios.1.workload.region"):
        bench.add_from_file(bad)
    with pytest.raises(WorkloadFileError, match=r"scenarios.1.workload.region"):
        bench.open(bad)
    assert load_document(tmp_path / "pair.workshop.json").is_workshop
