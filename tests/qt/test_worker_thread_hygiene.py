"""Qt from the GUI thread only: during ranged edits the session's worker thread (the Monte Carlo, the hinge, the
scenarios' spreads) calls no Qt function but the emit of its `finished` signal, and every receiver of a signal
emitted off the GUI thread is a declared slot (in its class's meta-object from the start, not registered by
PySide at run time when the connection is made)."""

from __future__ import annotations

import sys
import threading
from types import FrameType

from PySide6.QtCore import QMetaObject

from desktop.model.workload.spec import Workload
from desktop.qt.main_window import MainWindow
from desktop.qt.session import Session
from desktop.workbench.workbench import Workbench

RANGES = {"seed": 5, "samples": 2000,
          "fields": {"traffic.requests_per_month": {"low": 5e6, "likely": 20e6, "high": 40e6},
                     "traffic.duration_ms": {"low": 80, "high": 300}}}


def _declared_slot(meta: QMetaObject, signature: str) -> bool:
    return meta.indexOfSlot(QMetaObject.normalizedSignature(signature).data().decode()) >= 0


def test_the_receivers_of_worker_signals_are_declared_slots() -> None:
    assert _declared_slot(Session.staticMetaObject, "_ranges_done(PyObject,PyObject)")


def _qt_name(function: object) -> str | None:
    """`Class.method` when `function` is a PySide6 function or a method of a PySide6 object, else None."""
    owner = getattr(function, "__self__", None)
    module = getattr(type(owner), "__module__", "") or getattr(function, "__module__", "") or ""
    if not module.startswith(("PySide6", "shiboken6")):
        return None
    return f"{type(owner).__name__}.{getattr(function, '__name__', '?')}"


def test_ranged_edits_call_qt_from_the_worker_only_to_emit_its_result(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    session.wait_for_ranges(20)
    calls: list[tuple[str, str]] = []  # (thread, Qt function) seen on the worker thread
    work = session.ranges._work

    def profile(_frame: FrameType, event: str, function: object) -> None:
        if event == "c_call" and (name := _qt_name(function)) is not None:
            calls.append((threading.current_thread().name, name))

    def watched(request: object) -> object:  # the worker's runs (and what follows them) under the profiler
        sys.setprofile(profile)
        return work(request)

    session.ranges._work = watched
    try:
        for i in range(4):
            data = session.workload.to_json_dict()
            data["ranges"] = {**RANGES, "seed": 5 + i}
            data["traffic"]["duration_ms"] = 131 + 10 * i
            session.run(Workbench.replace_workload, Workload.model_validate(data), "Ranges")
            assert session.wait_for_ranges(20)
        assert window.charts.cost_curve.bands  # the Monte Carlo's bands are drawn (on the GUI thread)
    finally:
        session.ranges._work = work
    assert calls, "the profiler saw the worker's emit"
    assert set(calls) == {("computefit_ranges", "SignalInstance.emit")}


def test_the_cyclic_collector_runs_on_the_gui_thread_only(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Python's automatic collections are off in a process with a window; the GUI thread's timer makes them, so a
    cycle holding Qt objects (pyqtgraph's items, a closed window) is never freed on the worker."""
    import gc
    import weakref

    from desktop.qt.gui_gc import GuiThreadCollector, collect_on_gui_thread

    collector = collect_on_gui_thread()
    assert isinstance(collector, GuiThreadCollector) and collect_on_gui_thread() is collector and not gc.isenabled()
    threads: list[str] = []

    def seen(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            threads.append(threading.current_thread().name)

    class Cycle:
        def __init__(self) -> None:
            self.me = self

    gc.callbacks.append(seen)
    try:
        session = window.session
        for i in range(4):  # ranged edits: the worker allocates a great deal while the GUI thread draws
            data = session.workload.to_json_dict()
            data["ranges"] = {**RANGES, "seed": 11 + i}
            session.run(Workbench.replace_workload, Workload.model_validate(data), "Ranges")
            garbage = [Cycle() for _ in range(3 * collector.thresholds[0])]
            gone = weakref.ref(garbage[0])
            del garbage
            assert session.wait_for_ranges(20)
            qtbot.waitUntil(lambda gone=gone: gone() is None, timeout=5000)  # collected by the GUI thread's timer
    finally:
        gc.callbacks.remove(seen)
    assert threads and set(threads) == {"MainThread"}
