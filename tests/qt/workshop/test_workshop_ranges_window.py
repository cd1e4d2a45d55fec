"""The workshop's comparison shows each ranged scenario's P10-P90 and how sure: the point figures at once, the spread
from the session's worker thread (the one the shown advice's Monte Carlo runs on), a result asked for by an older
comparison dropped; a ranged growth's horizon draws run on that worker too; the German workshop stays German."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QSettings

from desktop.model.advice import uncertainty
from desktop.model.options.registry import missing_prices
from desktop.model.pricing.book import PriceBook
from desktop.model.workshop.spreads import known_spread
from desktop.present.workshop import COMPUTING, POINT_ONLY, SPREAD_HEADER
from desktop.qt.main_window import MainWindow
from desktop.workbench.workbench import Workbench
from tests.german_check import untranslated
from tests.qt.make_ranges_screenshots import UNSURE, build_ranged_workshop, ranged_workloads
from tests.qt.test_german_window import _open, _shown
from tests.qt.visible_texts import settle


def _held(monkeypatch: Any, release: threading.Event, names: list[str], threads: list[str]) -> None:
    """Each Monte Carlo of a workload named in `names` waits for `release`, noting its thread."""
    original = uncertainty.monte_carlo

    def held(workload: Any, *args: object) -> object:
        if workload.name in names:
            threads.append(threading.current_thread().name)
            release.wait(10)
        return original(workload, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(uncertainty, "monte_carlo", held)


def test_the_point_figures_come_first_and_the_spreads_from_the_worker(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                     monkeypatch) -> None:
    release, threads = threading.Event(), []  # type: ignore[var-annotated]
    _held(monkeypatch, release, [UNSURE], threads)
    session = window.session
    session.run(Workbench.add_scenario, ranged_workloads()[0])
    session.run(Workbench.select, 0)  # the point-only baseline shown: the ranged row's run is the workshop's ask
    view = window.workshop.comparison
    view.render_comparison(session.comparison)
    assert view.text(0, SPREAD_HEADER) == POINT_ONLY and view.text(1, SPREAD_HEADER) == COMPUTING
    assert view.text(1, "Fargate") == "$62.44"  # the point figures, not waiting for the run
    with qtbot.waitSignal(session.scenarios_completed, timeout=10_000):
        session.frame_painted()
        release.set()
    assert threads == ["computefit_ranges"]  # not the GUI thread
    qtbot.waitUntil(lambda: view.text(1, SPREAD_HEADER) != COMPUTING, timeout=5000)
    spread = known_spread(session.workbench.advice_for(1))
    assert spread is not None and spread.p10 is not None
    single = uncertainty.known_monte_carlo(session.workbench.advice_for(1).quote)[1]  # the single workload's
    assert single is not None and (single.options["fargate"].p10, single.options["fargate"].p90) == \
        (spread.p10, spread.p90)
    assert view.text(1, SPREAD_HEADER) == "$61.78-$65.86 \u00b7 96%" and view.text(0, SPREAD_HEADER) == POINT_ONLY
    tip = view.table.item(1, 0).toolTip()
    assert "Fargate: P10 $61.78, P50 $63.42, P90 $65.86 a month; the cheapest in 96% of 10,000 samples (seed 7)" in tip


def test_a_spread_asked_for_by_an_older_comparison_is_dropped(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    release, threads = threading.Event(), []  # type: ignore[var-annotated]
    _held(monkeypatch, release, [UNSURE], threads)
    session = window.session
    completed: list[bool] = []
    session.scenarios_completed.connect(lambda: completed.append(True))
    unsure, years = ranged_workloads()
    session.run(Workbench.add_scenario, unsure)
    session.run(Workbench.select, 0)
    view = window.workshop.comparison
    view.render_comparison(session.comparison)
    session.frame_painted()
    qtbot.waitUntil(lambda: threads == ["computefit_ranges"], timeout=5000)  # the first ask is running
    session.run(Workbench.add_scenario, years)  # a newer comparison asks again while it runs
    session.run(Workbench.select, 0)
    view.render_comparison(session.comparison)
    release.set()
    assert session.wait_for_ranges(30)
    assert completed == [True] and session.stale_ranges == 1  # the older ask's end was not announced
    qtbot.waitUntil(lambda: COMPUTING not in (view.text(1, SPREAD_HEADER), view.text(2, SPREAD_HEADER)),
                    timeout=5000)
    assert view.text(1, SPREAD_HEADER) == "$61.99-$63.22 \u00b7 99%"  # added after the shown baseline
    assert view.text(2, SPREAD_HEADER) == "$61.78-$65.86 \u00b7 96%"


def test_a_ranged_growths_draws_run_on_the_worker(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    threads: list[str] = []
    original = uncertainty.horizon_spread

    def noted(advice: Any) -> object:
        threads.append(threading.current_thread().name)
        return original(advice)

    monkeypatch.setattr(uncertainty, "horizon_spread", noted)
    session = window.session
    session.run(Workbench.add_scenario, ranged_workloads()[1])  # shown: its panel says the draws are coming
    assert "Growth ranged: drawing the horizon&#x27;s totals (200 draws)..." in window.recommendation.details.text()
    assert window.charts.horizon.bands == {}
    assert session.wait_for_ranges(30)
    assert threads == ["computefit_ranges"]
    assert "Growth ranged (monthly growth 0-3-8%): over 36 months P10-P90" in window.recommendation.details.text()
    window.charts.setCurrentIndex(4)
    qtbot.waitUntil(lambda: set(window.charts.horizon.bands) == {"lambda", "fargate", "ec2"}, timeout=5000)


def test_the_german_ranged_workshop_shows_no_english(german: None, qtbot, book: PriceBook,  # type: ignore[no-untyped-def]
                                                     settings: QSettings) -> None:
    win = _open(qtbot, book, settings, "http-api")
    session = win.session
    build_ranged_workshop(win)
    assert session.wait_for_ranges(30)
    view = win.workshop.comparison
    view.render_comparison(session.comparison)
    assert session.wait_for_ranges(30)
    settle()
    assert view.text(1, "P10-P90 \u00b7 wie sicher") == "$61,78-$65,86 \u00b7 96%"
    assert view.text(0, "P10-P90 \u00b7 wie sicher") == POINT_ONLY
    texts = _shown(win)
    rows = session.comparison.rows
    verbatim = {text for row in rows for text in (row.name, row.note)} | set(missing_prices(book, "us-east-1"))
    left = untranslated([text for _kind, text, _widget in texts], verbatim)
    assert not left, "\n".join(f"{sorted(words)} | {line}" for line, words in left)
    tip = view.table.item(1, 0).toolTip()
    assert "Seed 7" in tip and "am günstigsten in 96% von 10.000 Stichproben" in tip
    assert "Anfragen (Spanne) keins -&gt; 10M-30M-90M" in tip
    years = view.table.item(2, 0).toolTip()
    assert "Horizont keins -&gt; 36 Monate, Wachstum 3% im Monat" in years
    assert "monatliches Wachstum (Spanne) keins -&gt; 0-3-8%" in years
    for text in (tip, years):
        assert not untranslated([text], verbatim | {"10M", "30M", "90M", "20M", "45M"})
