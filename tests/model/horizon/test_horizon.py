"""A horizon of years: months priced by the quote's engine, growth, one-off and people costs, upfront payments in
their month, the month the cheapest option so far changes; the total is the sum of the months to the cent."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.model.advice.advise import advise
from desktop.model.advice.engine import compute_quote
from desktop.model.advice.horizon_costs import horizon_of
from desktop.model.advice.quote_json import advice_json, option_json
from desktop.model.horizon.plan import HorizonPlan
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.spec import Workload
from tests.conftest import make_workload


def _with(workload: Workload, horizon: dict[str, object]) -> Workload:
    data = workload.to_json_dict()
    data["horizon"] = horizon
    return Workload.model_validate(data)


def test_a_36_month_total_is_the_sum_of_its_months_to_the_cent(examples: dict[str, Workload],
                                                               book: PriceBook) -> None:
    workload = _with(examples["http-api"], {"months": 36, "growth": {"kind": "compound", "monthly_pct": 3.7},
                                            "one_off": [{"label": "migration", "usd": 1234.567, "month": 4}],
                                            "people": {"enabled": True, "rate_usd_per_hour": 87.5}})
    found = horizon_of(advise(workload, book))
    assert found is not None and found.months == 36
    for option in found.options.values():
        months = option.months
        assert len(months) == 36 and all(m is not None and m == m.quantize(Decimal("0.01")) for m in months)
        assert option.total == sum((m for m in months if m is not None), Decimal(0))
        assert option.cumulative[-1] == option.total


def test_each_month_is_the_quote_at_that_months_volume(examples: dict[str, Workload], book: PriceBook) -> None:
    base = examples["http-api"]
    workload = _with(base, {"months": 12, "growth": {"kind": "compound", "monthly_pct": 10}})
    advice = advise(workload, book)
    found = horizon_of(advice)
    assert found is not None
    assert found.volumes[0] == base.units_per_month and found.volumes[1] == 33_000_000
    for option, h in found.options.items():
        assert h.usage[0] == advice.quote.options[option].monthly_usd  # month 1 is today's exact quote
        exact = compute_quote(workload, book, units_per_month=found.volumes[5]).options[option].monthly_usd
        assert exact is not None and h.usage[5] is not None and abs(h.usage[5] - exact) <= Decimal("0.01")


def test_one_offs_people_and_a_step_change_the_winner_in_a_stated_month(examples: dict[str, Workload],
                                                                        book: PriceBook) -> None:
    workload = _with(examples["http-api"], {
        "months": 48, "growth": {"kind": "step", "step_month": 7, "step_factor": 20},
        "one_off": [{"label": "containerise", "usd": 3000, "month": 1, "option": "fargate"}],
        "people": {"enabled": True, "rate_usd_per_hour": 100, "hours_per_month": {"fargate": 3}}})
    advice = advise(workload, book)
    found = horizon_of(advice)
    assert found is not None
    assert found.volumes[5] == 30_000_000 and found.volumes[6] == 600_000_000
    fargate, lam = found.options["fargate"], found.options["lambda"]
    assert fargate.payments[0].month == 1 and fargate.months[0] == fargate.usage[0] + Decimal(300) + Decimal(3000)
    assert lam.people[0] == Decimal("200.00") and "default" in lam.people_basis  # 2 h x $100, the stated default
    assert found.leaders[0][1] == "lambda"
    month, before, after = found.winner_changes[0]
    assert (before, after) == ("lambda", "fargate") and month > 7
    cumulative = {o: h.cumulative for o, h in found.options.items()}
    assert cumulative["fargate"][month - 1] < cumulative["lambda"][month - 1]  # type: ignore[operator]
    assert cumulative["fargate"][month - 2] >= cumulative["lambda"][month - 2]  # type: ignore[operator]
    text = advice_json(advice, book)["horizon"]["text"]
    assert f"Lambda is cheapest until month {month - 1}, then Fargate from month {month}" in text


def _committed(book: PriceBook, payment: str, horizon: dict[str, object]) -> tuple[Workload, HorizonPlan]:
    """ECS on EC2, one m5.large all month under a 1-year Standard RI (K7), over a horizon."""
    w = make_workload(traffic={"kind": "jobs", "runs_per_month": 1, "duration_ms": 730 * 3600 * 1000},
                      container={"vcpu": 1, "memory_gb": 2}, ec2={"instance_type": "m5.large", "root_volume_gb": 0},
                      options=["ec2"], front_door="none", horizon=horizon,
                      assumptions={"commitment": {"plan": "standard_ri", "term": "1yr", "payment": payment}})
    found = horizon_of(advise(w, book))
    assert found is not None
    return w, found


def test_an_all_upfront_payment_is_paid_whole_at_each_term_start_not_again_each_month(book: PriceBook) -> None:
    """m5.large 1-year all upfront: 494 upfront (K7), amortised 41.17 a month in the monthly quote; over 24 months
    it is paid in months 1 and 13 and the months hold only the rest of the bill (none here: one covered instance)."""
    _w, found = _committed(book, "all_upfront", {"months": 24})
    ec2 = found.options["ec2"]
    assert [(p.month, p.usd) for p in ec2.payments] == [(1, Decimal("494.00")), (13, Decimal("494.00"))]
    assert "paid upfront" in ec2.payments[0].label
    # the step, then (but for the cent the monthly quote rounds 494 / 12 = 41.1667 to) nothing more to pay
    assert ec2.months[0] == Decimal("494.00") and all(abs(m or 0) <= Decimal("0.01") for m in ec2.months[1:12])
    assert ec2.months[12] is not None and abs(ec2.months[12] - Decimal("494.00")) <= Decimal("0.01")
    assert ec2.total is not None and abs(ec2.total - Decimal("988.00")) <= Decimal("0.24")


def test_a_partial_upfront_payment_takes_the_stated_assumed_half(book: PriceBook) -> None:
    """m5.large 1-year partial upfront: effective 0.0577671 $/h x 8,760 h = 506.04 a year; half of it upfront is
    ComputeFit's assumption (AWS lets the buyer pay 50-99%), said with the payment; the total is unchanged."""
    w, found = _committed(book, "partial_upfront", {"months": 12})
    quote = advise(w, book).quote.options["ec2"]
    assert quote.commitment is not None and quote.commitment.upfront_usd == Decimal("253.02")
    assert "assumption (grade C)" in quote.commitment.upfront_note and "assumed" in quote.status
    assert option_json(quote)["commitment"]["upfront_note"] == quote.commitment.upfront_note
    ec2 = found.options["ec2"]
    assert [(p.month, p.usd) for p in ec2.payments] == [(1, Decimal("253.02"))]
    assert "(half: assumed)" in ec2.payments[0].label
    assert ec2.total == sum((m for m in ec2.months if m is not None), Decimal(0))
    monthly = quote.monthly_usd
    assert monthly is not None and abs(ec2.total - monthly * 12) <= Decimal("0.06")  # when, not how much


def test_a_file_without_a_horizon_is_written_and_estimated_as_before(examples: dict[str, Workload],
                                                                     book: PriceBook) -> None:
    workload = examples["http-api"]
    assert "horizon" not in workload.to_json_dict()
    assert "horizon" not in advice_json(advise(workload, book), book)


@pytest.mark.parametrize("bad", [{"months": 6}, {"months": 61}, {"growth": {"kind": "compound", "monthly_pct": 500}},
                                 {"one_off": [{"label": "", "usd": 1}]}, {"people": {"rate_usd_per_hour": -1}}])
def test_a_horizon_out_of_bounds_is_refused(examples: dict[str, Workload], bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        _with(examples["http-api"], bad)


def test_the_sheet_and_the_workshop_show_the_horizon_total_beside_the_monthly(examples: dict[str, Workload],
                                                                              book: PriceBook) -> None:
    import datetime as dt

    from desktop.model.workshop.compare import compare
    from desktop.model.workshop.compare_json import comparison_json
    from desktop.present.workshop import horizon_text
    from desktop.report.sheet.html import sheet_html

    base = examples["http-api"]
    workload = _with(base, {"months": 24})  # no growth, no extras: 24 x the monthly total
    advice = advise(workload, book)
    fargate = advice.quote.options["fargate"].monthly_usd
    assert fargate is not None
    html = sheet_html(advice, workload, book, generated=dt.date(2026, 12, 6), version="t")
    assert f"<b>${fargate * 24:,.2f}</b> over 24 months" in html
    assert "Over 24 months: " in html
    comparison = compare([("", advise(base, book)), ("", advice)])
    rows = comparison_json(comparison)["scenarios"]
    assert rows[0]["horizon_months"] is None and rows[0]["horizon_usd"] == {}
    assert rows[1]["horizon_usd"]["fargate"] == float(fargate * 24)
    assert horizon_text(comparison.rows[1]) == f"${fargate * 24:,.2f} / 24 mo"
