"""The workshop shows ranges: a ranged scenario's recommended option P10 / P50 / P90 a month and how sure (the share
of samples in which it is the cheapest), from the scenario's own seeded Monte Carlo, so equal to the single
workload's to the cent, in the comparison, its JSON, CSV, summary page and terminal text; a point-only scenario has
none; a recommended total that leaves out a price in any sample has no band."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop.model.advice.advise import advise
from desktop.model.advice.engine import compute_quote
from desktop.model.advice.uncertainty import monte_carlo
from desktop.model.pricing.book import PriceBook, load_price_book
from desktop.model.workload.spec import Workload
from desktop.model.workshop.compare import Comparison, compare, with_spreads
from desktop.model.workshop.compare_json import comparison_json
from desktop.model.workshop.differences import differences, differences_text
from desktop.model.workshop.spec import ScenarioEntry, WorkshopSpec
from desktop.present.workshop import POINT_ONLY, spread_text, spread_tip
from desktop.report.workshop.csv_export import workshop_csv
from desktop.report.workshop.export import workshop_advice, workshop_json_data
from desktop.report.workshop.html import workshop_summary_html
from desktop.report.workshop.text import comparison_text

RANGES = {"seed": 7, "samples": 10_000,
          "fields": {"traffic.requests_per_month": {"low": 5e6, "likely": 20e6, "high": 40e6},
                     "traffic.duration_ms": {"low": 80, "high": 300}}}
FROZEN = Path(__file__).resolve().parents[2] / "goldens" / "price-book.json"  # its us-east-1 lacks the ECS MI fee


def _ranged(workload: Workload, name: str = "HTTP API, ranged", **changes: Any) -> Workload:
    return Workload.model_validate({**workload.to_json_dict(), "name": name, "ranges": RANGES, **changes})


@pytest.fixture(scope="module")
def room(examples: dict[str, Workload], book: PriceBook) -> tuple[Workload, Comparison]:
    ranged = _ranged(examples["http-api"])
    spec = WorkshopSpec(scenarios=(ScenarioEntry(workload=examples["http-api"]), ScenarioEntry(workload=ranged)))
    return ranged, workshop_advice(spec, book)[1]


def test_a_ranged_scenarios_figures_are_the_single_workloads_monte_carlo_to_the_cent(
        room: tuple[Workload, Comparison], book: PriceBook) -> None:
    ranged, comparison = room
    row = comparison.rows[1]
    assert row.ranged and row.recommended == "fargate" and row.spread is not None
    single = monte_carlo(ranged, book, compute_quote(ranged, book))  # the single workload's, computed afresh
    assert single is not None
    fargate = single.options["fargate"]
    spread = row.spread
    assert (spread.p10, spread.p50, spread.p90) == (fargate.p10, fargate.p50, fargate.p90)
    assert spread.cheapest_share == fargate.cheapest_share and spread.share_kind == "exact"
    assert (spread.p10, spread.p50, spread.p90) == (Decimal("60.85"), Decimal("61.67"), Decimal("62.60"))
    assert spread.cheapest_share == pytest.approx(0.6995) and (spread.samples, spread.seed) == (10_000, 7)
    assert spread_text(row) == "$60.85-$62.60 \u00b7 70%"
    assert spread_tip(row) == ("Fargate: P10 $60.85, P50 $61.67, P90 $62.60 a month; the cheapest in 70% of "
                               "10,000 samples (seed 7)")


def test_a_point_only_scenario_has_no_spread_anywhere(room: tuple[Workload, Comparison], book: PriceBook) -> None:
    _ranged_workload, comparison = room
    point = comparison.rows[0]
    assert not point.ranged and point.spread is None and spread_text(point) == POINT_ONLY
    assert "uncertainty" not in comparison_json(comparison)["scenarios"][0]
    first = next(csv.DictReader(io.StringIO(workshop_csv(comparison, book))))
    assert [first[k] for k in ("p10_usd", "p50_usd", "p90_usd", "cheapest_share", "uncertainty")] == [""] * 5


def test_the_json_and_csv_carry_the_spread_of_a_ranged_scenario(examples: dict[str, Workload],
                                                                  book: PriceBook) -> None:
    advices = [advise(examples["http-api"], book), advise(_ranged(examples["http-api"]), book)]
    comparison = compare([("", a) for a in advices])  # as the window holds it: no spread yet
    assert comparison.rows[1].ranged and comparison.rows[1].spread is None
    data = workshop_json_data(advices, comparison, book)  # the writer adds it
    assert data["comparison"]["scenarios"][1]["uncertainty"] == {
        "option": "fargate", "p10_usd": 60.85, "p50_usd": 61.67, "p90_usd": 62.6, "cheapest_share": 0.6995,
        "cheapest_share_kind": "exact", "samples": 10_000, "seed": 7, "note": None}
    assert data["scenarios"][1]["uncertainty"]["options"]["fargate"]["p50_usd"] == 61.67  # the single workload's
    rows = list(csv.DictReader(io.StringIO(workshop_csv(with_spreads(comparison, advices), book))))
    assert [rows[1][k] for k in ("p10_usd", "p50_usd", "p90_usd", "cheapest_share")] == \
        ["60.85", "61.67", "62.60", "0.6995"]
    assert rows[1]["uncertainty"] == "$60.85-$62.60 \u00b7 70%"


def test_the_summary_page_and_the_terminal_show_the_spread(room: tuple[Workload, Comparison],
                                                            book: PriceBook) -> None:
    import datetime as dt

    _ranged_workload, comparison = room
    html = workshop_summary_html(comparison, "room", book, generated=dt.date(2026, 12, 6), version="t")
    assert '<th class="num">P10-P90</th><th class="num">how sure</th>' in html
    assert '>$60.85-$62.60</td><td class="num">70%</td>' in html  # the band whole on its line, how sure beside it
    text = comparison_text(comparison, book)
    assert "  2 HTTP API, ranged: $60.85-$62.60 \u00b7 70%" in text
    point_only = compare([("", advise(Workload.model_validate({"name": "plain"}), book))])
    assert "how sure" not in workshop_summary_html(point_only, "t", book, generated=dt.date(2026, 12, 6),
                                                   version="t")


def test_a_recommended_total_that_leaves_out_a_price_has_no_band(examples: dict[str, Workload]) -> None:
    frozen = load_price_book(FROZEN)
    managed = _ranged(examples["http-api"], "On ECS MI", options=["ecs_managed"])  # no fee price: incomplete
    mixed = _ranged(examples["http-api"], "Fargate or ECS MI", options=["fargate", "ecs_managed"])
    advices = [advise(managed, frozen), advise(mixed, frozen)]
    comparison = with_spreads(compare([("", a) for a in advices]), advices)
    alone, beside = comparison.rows
    assert alone.spread is not None and alone.spread.p10 is None and alone.spread.cheapest_share is None
    assert spread_text(alone) == "not estimated (a price is missing)" and spread_tip(alone) == ""
    row = comparison_json(comparison)["scenarios"][0]["uncertainty"]
    assert row["p10_usd"] is None and row["cheapest_share"] is None
    assert row["note"] == "not estimated (a price is missing)"
    assert next(csv.DictReader(io.StringIO(workshop_csv(comparison, frozen))))["p50_usd"] == ""
    # Fargate whole in every sample: its band stands; ECS MI's total is a lower bound, so the share is one too
    assert beside.recommended == "fargate" and beside.spread is not None and beside.spread.p10 is not None
    assert beside.spread.share_kind == "lower bound" and spread_text(beside).split(" \u00b7 ")[1] == "at least 100%"


def test_a_refused_draw_is_said_not_banded(examples: dict[str, Workload], book: PriceBook,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.model.advice import uncertainty

    def refused(*_args: object) -> object:
        raise ValueError("ranges: a drawn value is outside a field's bounds (memory_mb: at most 10240)")

    monkeypatch.setattr(uncertainty, "monte_carlo", refused)
    workload = _ranged(examples["http-api"], ranges={**RANGES, "seed": 99})  # a seed no other test has run
    advices = [advise(workload, book)]
    row = with_spreads(compare([("", a) for a in advices]), advices).rows[0]
    assert spread_text(row) == ("not computed (ranges: a drawn value is outside a field's bounds (memory_mb: at "
                                "most 10240))")


def test_what_differs_says_a_range_as_low_likely_high(examples: dict[str, Workload]) -> None:
    base = examples["http-api"]
    assert differences_text(differences(base, _ranged(base))) == (
        "Monte Carlo seed none -> 7; Monte Carlo samples none -> 10,000; requests range none -> 5M-20M-40M; "
        "duration range none -> 80 ms-300 ms")


def test_what_differs_says_a_horizon_in_a_few_words(examples: dict[str, Workload]) -> None:
    base = examples["http-api"]
    years = Workload.model_validate({
        **base.to_json_dict(), "horizon": {"months": 24, "growth": {"kind": "compound", "monthly_pct": 3}},
        "ranges": {"seed": 1, "fields": {"horizon.growth.monthly_pct": {"low": 0, "likely": 3, "high": 8}}}})
    assert differences_text(differences(base, years)) == (
        "horizon none -> 24 months, growth 3% a month; Monte Carlo seed none -> 1; Monte Carlo samples none -> "
        "10,000; monthly growth range none -> 0-3-8%")
    later = years.with_changes({"horizon.growth.kind": "step", "horizon.growth.step_factor": 2.5,
                                "horizon.people.enabled": True})
    assert differences_text(differences(years, later)) == (
        "horizon 24 months, growth 3% a month -> 24 months, volume x2.5 from month 13, people cost at $100.00 an "
        "hour")


def test_a_single_workloads_band_of_an_incomplete_total_is_said_incomplete_and_not_drawn(
        examples: dict[str, Workload]) -> None:
    """The single workload as the workshop: an option whose total leaves out a price has no band drawn (sheet) and
    its P10-P90 in the "How sure" line and the JSON is marked as what it is, a lower bound."""
    from desktop.model.advice.quote_json import advice_json
    from desktop.present.outlook import uncertainty_line
    from desktop.report.sheet.charts import sheet_bands

    frozen = load_price_book(FROZEN)
    advice = advise(_ranged(examples["http-api"], "Fargate or ECS MI", options=["fargate", "ecs_managed"]), frozen)
    line = uncertainty_line(advice)
    assert re.search(r"ECS MI \$[\d,.]+-\$[\d,.]+ \(incomplete\)", line), line
    assert re.search(r"Fargate \$[\d,.]+-\$[\d,.]+[,;]", line), line
    options = advice_json(advice, frozen)["uncertainty"]["options"]
    assert options["ecs_managed"]["complete"] is False and options["fargate"]["complete"] is True
    bands = sheet_bands(advice)
    assert bands is not None and set(bands.options) == {"fargate"}
