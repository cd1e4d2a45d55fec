"""The Qt-free workbench: edits, undo and redo as values, saved state, book swaps, and what each operation says
changed."""

from __future__ import annotations

from pathlib import Path

from desktop.model.pricing.book import PriceBook
from desktop.model.workload.spec import Workload
from desktop.workbench.history import History
from desktop.workbench.workbench import EDITED, NOTHING, Change, Workbench


def test_history_undoes_redoes_and_knows_the_saved_state() -> None:
    h: History[int] = History(0)
    h.push(1, "one")
    h.push(2, "two")
    assert (h.state, h.undo_text, h.dirty) == (2, "two", True)
    h.mark_saved()
    assert not h.dirty
    assert h.undo() and h.state == 1 and h.dirty and h.redo_text == "two"
    assert h.redo() and h.state == 2 and not h.dirty
    h.undo()
    h.push(5, "five")  # the saved state (2) is now unreachable
    assert h.redo_count == 0 and h.dirty
    h.undo()
    assert h.state == 1 and h.dirty


def test_history_merges_nudges_of_one_field_but_not_across_a_save() -> None:
    h: History[int] = History(0)
    for value in (1, 2, 3):
        h.push(value, "nudge", merge_key="x")
    assert h.undo_count == 1 and h.undo() and h.state == 0
    h.redo()
    h.mark_saved()
    h.push(4, "nudge", merge_key="x")
    assert h.undo_count == 2  # the saved step stays its own


def test_edits_are_validated_stored_and_undone_as_values(book: PriceBook) -> None:
    bench = Workbench(book, Workload(name="w"))
    change, problems = bench.apply_changes({"lambda.memory_mb": 2048}, "Memory")
    assert (change, problems) == (EDITED, [])
    assert bench.workload.lambda_.memory_mb == 2048 and bench.dirty
    change, problems = bench.apply_changes({"lambda.memory_mb": 1}, "Memory")
    assert change == NOTHING and problems[0].path == "lambda.memory_mb"
    assert bench.workload.lambda_.memory_mb == 2048  # a refused edit changes nothing
    assert bench.undo() == EDITED and bench.workload.lambda_.memory_mb == 1024 and not bench.dirty
    assert bench.undo() == NOTHING
    assert bench.apply_changes({"lambda.memory_mb": 1024}, "same") == (NOTHING, [])


def test_a_new_document_never_keeps_the_old_file(book: PriceBook, tmp_path: Path) -> None:
    bench = Workbench(book, Workload(name="first"))
    change = bench.save(tmp_path / "first.workload.json")
    assert change.path and bench.path == tmp_path / "first.workload.json" and not bench.dirty
    change = bench.new()
    assert change.path and bench.path is None and bench.workload.name == "New workload"


def test_the_book_can_change_at_run_time_and_says_what_it_cannot_price(book: PriceBook) -> None:
    bench = Workbench(book, Workload(name="w", region="eu-west-2"))
    smaller = book.model_copy(update={"regions": {"us-east-1": book.regions["us-east-1"]}})
    change, problems = bench.set_book(smaller)
    assert change == Change(workload=True, book=True) and bench.book is smaller
    assert [p.path for p in problems] == ["region"]
    assert bench.set_book(smaller) == (NOTHING, [])


def test_the_advice_carries_what_it_was_computed_from(book: PriceBook) -> None:
    bench = Workbench(book, Workload(name="w"))
    advice = bench.advise()
    assert advice.workload is bench.workload and advice.book is book
