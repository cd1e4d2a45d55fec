"""The session runs every workbench operation through one call: it returns the operation's answer and emits
what the operation's Change says, once each; it repeats none of the workbench's operations itself."""

from __future__ import annotations

import inspect

from desktop.model.pricing.book import PriceBook
from desktop.model.workload.spec import Workload
from desktop.qt.session import Session
from desktop.workbench.workbench import Workbench


def _recorder(session: Session) -> list[str]:
    seen: list[str] = []
    for name in ("workload_changed", "advice_changed", "scenarios_changed", "history_changed", "dirty_changed",
                 "book_changed", "path_changed"):
        getattr(session, name).connect(lambda *_a, n=name: seen.append(n))
    return seen


def test_an_edit_returns_its_problems_and_emits_what_changed(qtbot, book: PriceBook) -> None:  # type: ignore[no-untyped-def]
    session = Session(book, Workload(name="w"))
    seen = _recorder(session)
    assert session.run(Workbench.apply_changes, {"lambda.memory_mb": 2048}, "Memory") == []
    assert session.workload.lambda_.memory_mb == 2048
    assert sorted(seen) == ["advice_changed", "dirty_changed", "history_changed", "workload_changed"]
    seen.clear()
    problems = session.run(Workbench.apply_changes, {"lambda.memory_mb": -1}, "Memory")
    assert [p.path for p in problems] == ["lambda.memory_mb"] and seen == []  # a refused edit changes nothing
    assert session.workload.lambda_.memory_mb == 2048


def test_a_scenario_step_returns_why_not_and_is_advised_at_once(qtbot, book: PriceBook) -> None:  # type: ignore[no-untyped-def]
    session = Session(book, Workload(name="w"))
    seen = _recorder(session)
    assert session.run(Workbench.duplicate) == ""
    assert len(session.state.scenarios) == 2 and "scenarios_changed" in seen and "advice_changed" in seen
    assert not session.pending  # the scenario list changed: no waiting for a burst to settle
    assert session.run(Workbench.rename, 1, "Peak") == "" and session.state.scenarios[1].name == "Peak"
    assert session.run(Workbench.rename, 1, "  ") == "A scenario name must not be blank."  # and nothing changed
    assert [s.name for s in session.state.scenarios][1] == "Peak"
    session.run(Workbench.undo)
    assert session.state.scenarios[1].name != "Peak"


def test_the_session_repeats_no_workbench_operation() -> None:
    operations = {name for name, _ in inspect.getmembers(Workbench, inspect.isfunction) if not name.startswith("_")}
    own = {name for name, value in vars(Session).items() if callable(value) and not name.startswith("_")}
    assert {"apply_changes", "rename", "undo", "save", "open", "set_book"} <= operations
    assert own & operations == set()
