"""A ranged workload's Monte Carlo runs off the GUI thread: the advice is shown at once with its point figures,
the bands and "how sure" follow from the worker, and a result overtaken by a newer edit is never shown."""

from __future__ import annotations

import threading

from desktop.model.advice import uncertainty
from desktop.model.workload.spec import Workload
from desktop.qt.main_window import MainWindow
from desktop.workbench.workbench import Workbench

RANGES = {"seed": 3, "samples": 2000,
          "fields": {"traffic.requests_per_month": {"low": 5e6, "likely": 20e6, "high": 40e6}}}


def _ranged(window: MainWindow, **ranges: object) -> Workload:
    data = window.session.workload.to_json_dict()
    data["ranges"] = {**RANGES, **ranges}
    return Workload.model_validate(data)


def test_the_advice_shows_first_and_the_bands_arrive_from_a_worker_thread(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                          monkeypatch) -> None:
    threads: list[str] = []
    release = threading.Event()
    original = uncertainty.monte_carlo

    def held(*args: object) -> object:  # the run waits until the test has seen the point figures
        threads.append(threading.current_thread().name)
        release.wait(10)
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(uncertainty, "monte_carlo", held)
    with qtbot.waitSignal(window.session.advice_changed, timeout=5000):
        window.session.run(Workbench.replace_workload, _ranged(window), "Open")
    advice = window.session.advice
    assert window.table.rowCount() == len(advice.quote.options)  # the point figures, not waiting for the run
    assert "How sure: computing the ranges (2,000 samples)..." in window.recommendation.details.text()
    assert window.charts.cost_curve.bands == {}
    with qtbot.waitSignal(window.session.advice_completed, timeout=10_000) as ready:
        release.set()
    assert ready.args == [advice]
    assert threads == ["computefit_ranges"]  # not the GUI thread
    assert set(window.charts.cost_curve.bands) == {"lambda", "fargate", "ec2"}
    assert "How sure: Lambda is cheapest in 51% of cases; Fargate in 49%" in window.recommendation.details.text()


def test_a_result_overtaken_by_a_newer_edit_is_not_shown(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    release = threading.Event()
    original = uncertainty.monte_carlo
    seeds: list[int] = []

    def held(workload: Workload, *args: object) -> object:
        seeds.append(workload.ranges.seed if workload.ranges else -1)
        if len(seeds) == 1:
            release.wait(10)  # the first run is still going when the second edit comes
        return original(workload, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(uncertainty, "monte_carlo", held)
    session = window.session
    session.run(Workbench.replace_workload, _ranged(window, seed=11), "first")
    qtbot.waitUntil(lambda: seeds == [11], timeout=5000)
    shown: list[object] = []
    session.advice_completed.connect(shown.append)
    session.run(Workbench.replace_workload, _ranged(window, seed=12), "second")
    newest = session.advice
    release.set()
    assert session.wait_for_ranges(20)
    assert seeds == [11, 12]  # the newer one ran after the first ended
    assert session.stale_ranges == 1 and shown == [newest]  # the first's result was dropped, the newest shown
    assert uncertainty.known_monte_carlo(newest.quote)[1] is not None
    assert "seed 12" in window.recommendation.details.text()


def test_a_refused_draw_is_said_in_one_line_from_the_worker(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def refused(*_args: object) -> object:
        raise ValueError("ranges: a drawn value is outside a field's bounds (memory_mb: at most 10240)")

    monkeypatch.setattr(uncertainty, "monte_carlo", refused)
    session = window.session
    session.run(Workbench.replace_workload, _ranged(window, seed=21), "Open")
    assert session.wait_for_ranges(20)
    said = "How sure: not computed (ranges: a drawn value is outside a field&#x27;s bounds (memory_mb: at most 10240))"
    assert said in window.recommendation.details.text()
    assert window.charts.cost_curve.bands == {}
    session._start_ranges(session.advice)  # known (refused): not run again
    assert not session._ranges_after.isActive() and not session.ranges._running
