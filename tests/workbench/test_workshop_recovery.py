"""A workshop's unsaved edits reach the recovery file whole (every scenario, the baseline, the kind) and come
back as they were; a document that is one workload still writes the workload, as before."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.model.pricing.book import PriceBook
from desktop.model.workload.spec import Workload
from desktop.qt.recovery_offer import offer_recovery
from desktop.qt.session import Session
from desktop.workbench.recovery import RecoveryStore
from desktop.workbench.workbench import Workbench
from tests.owners import dead_owner


def test_a_workshop_is_recovered_whole(qtbot, book: PriceBook, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = RecoveryStore(tmp_path / "recovery", dead_owner())  # as if its window had crashed since
    session = Session(book, Workload(name="base"), recovery=store.slot(), autosave_ms=30)
    session.run(Workbench.apply_changes, {"lambda.memory_mb": 2048}, "Memory")
    qtbot.waitUntil(session.recovery.file.exists, timeout=2000)
    assert json.loads(session.recovery.file.read_text(encoding="utf-8"))["kind"] == "workload"
    session.run(Workbench.duplicate)
    session.run(Workbench.apply_changes, {"region": "eu-central-1"}, "Region")
    session.run(Workbench.set_baseline, 1)
    session.run(Workbench.set_kind, "parts")
    session.run(Workbench.set_note, 0, "the one we run today")
    qtbot.waitUntil(lambda: json.loads(session.recovery.file.read_text(encoding="utf-8"))["kind"] == "workshop",
                    timeout=2000)
    written = session.state
    other = Session(book, Workload(name="fresh"))
    assert offer_recovery(None, store, lambda: other, ask=lambda _p, _i: True) == []  # type: ignore[arg-type]
    assert other.state.scenarios == written.scenarios
    assert (other.state.baseline, other.state.kind) == (1, "parts") and other.dirty and other.path is None
