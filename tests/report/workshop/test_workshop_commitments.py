"""The workshop comparison and its exports show the commitment each scenario's recommended total assumes: the
plan, term and payment, the committed charges a month (upfront amortised) and the upfront payment whole."""

from __future__ import annotations

import csv
import datetime as dt
import io

from desktop.model.advice.advise import advise
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.spec import Workload
from desktop.model.workshop.compare import Comparison, compare
from desktop.model.workshop.compare_json import comparison_json
from desktop.present.workshop import commitment_text
from desktop.report.workshop.csv_export import workshop_csv
from desktop.report.workshop.html import workshop_summary_html
from tests.conftest import make_workload

ALL_UPFRONT = "Standard RI 1y all upfront, 100%: $41.17 a month, $494.00 upfront"  # K7: 494 / 12 a month


def _ec2(payment: str | None) -> Workload:
    """One m5.large all month (ECS on EC2 only), with or without a 1-year Standard RI."""
    assumptions = {"commitment": {"plan": "standard_ri", "term": "1yr", "payment": payment}} if payment else {}
    return make_workload(name=f"m5 {payment or 'on demand'}", options=["ec2"], front_door="none",
                         traffic={"kind": "jobs", "runs_per_month": 1, "duration_ms": 730 * 3600 * 1000},
                         container={"vcpu": 1, "memory_gb": 2},
                         ec2={"instance_type": "m5.large", "root_volume_gb": 0}, assumptions=assumptions)


def comparison(book: PriceBook) -> Comparison:
    return compare([("", advise(_ec2(p), book)) for p in (None, "all_upfront", "partial_upfront")])


def test_each_scenario_says_its_commitment_and_what_it_costs(book: PriceBook) -> None:
    found = comparison(book)
    base, upfront, partial = found.rows
    assert commitment_text(base) == ""
    assert commitment_text(upfront) == ALL_UPFRONT
    assert commitment_text(partial) == ("Standard RI 1y partial upfront, 100%: $42.17 a month, $253.02 upfront "
                                        "(half: assumed)")  # KW3: (252 / 8,760 + 0.029) x 730; half upfront assumed
    rows = list(csv.DictReader(io.StringIO(workshop_csv(found, book))))
    assert rows[0]["commitment"] == "" and rows[1]["commitment"] == ALL_UPFRONT
    assert (rows[1]["commitment_monthly_usd"], rows[1]["commitment_upfront_usd"]) == ("41.17", "494.00")
    scenarios = comparison_json(found)["scenarios"]
    terms = scenarios[2]["commitment_terms"]["ec2"]
    assert terms["payment"] == "partial_upfront" and terms["upfront_usd"] == 253.02
    assert "assumption (grade C)" in terms["upfront_note"] and "commitment_terms" not in scenarios[0]
    html = workshop_summary_html(found, "t", book, generated=dt.date(2026, 12, 6), version="t")
    assert ">Commitment</th>" in html and f'<td class="small">{ALL_UPFRONT}</td>' in html


def test_a_workshop_without_commitments_has_no_commitment_column(book: PriceBook,
                                                                 examples: dict[str, Workload]) -> None:
    found = compare([("", advise(examples["http-api"], book)), ("", advise(examples["event-processor"], book))])
    html = workshop_summary_html(found, "t", book, generated=dt.date(2026, 12, 6), version="t")
    assert ">Commitment</th>" not in html


def test_a_plan_whose_rate_is_missing_has_no_figure_never_zero() -> None:
    """The goldens' frozen book has no m5.large Reserved Instance rows: the commitment's charges are left out of
    the total, so the cell and the CSV give no figure (never $0.00)."""
    from pathlib import Path

    from desktop.model.pricing.book import load_price_book

    frozen = load_price_book(Path(__file__).resolve().parents[2] / "goldens" / "price-book.json")
    found = compare([("", advise(_ec2(p), frozen)) for p in (None, "all_upfront")])
    assert commitment_text(found.rows[1]) == "Standard RI 1y all upfront, 100%: not priced (a rate is missing)"
    row = list(csv.DictReader(io.StringIO(workshop_csv(found, frozen))))[1]
    assert row["commitment_monthly_usd"] == "" and row["commitment_upfront_usd"] == ""
    assert comparison_json(found)["scenarios"][1]["commitment_terms"]["ec2"]["rate_missing"] is True
