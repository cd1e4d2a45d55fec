"""Commitments as AWS sells them, priced from the book's sourced rates and checked against figures worked by hand
from the shared reference aws-commitments-carbon.md (§2 rates, §4 worked examples KW1-KW8, §1 rules R4-R7, §2.5
the order of discounts).

Month = 730 h. Each line is rounded to cents as AWS does.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np
import pytest

from desktop.model.advice.engine import compute_quote
from desktop.model.advice.fast import fast_costs
from desktop.model.advice.quote_json import option_json
from desktop.model.pricing.book import PriceBook
from desktop.model.pricing.quote import OptionQuote
from desktop.model.pricing.user_book import effective_book
from tests.conftest import make_workload

D = Decimal
STEADY_TASK = {"kind": "jobs", "runs_per_month": 1, "duration_ms": 730 * 3600 * 1000}  # one task all month


def _plan(plan: str, term: str, payment: str, covered: float = 100.0) -> dict[str, Any]:
    return {"commitment": {"plan": plan, "term": term, "payment": payment, "covered_pct": covered}}


def _fargate(book: PriceBook, plan: dict[str, Any], **extra: Any) -> OptionQuote:
    container = {"vcpu": 1, "memory_gb": 2, **extra.pop("container", {})}
    w = make_workload(traffic=STEADY_TASK, container=container, assumptions=plan, options=["fargate"],
                      front_door="none", **extra)
    return compute_quote(w, book).option("fargate")


def _ec2(book: PriceBook, instance_type: str, plan: dict[str, Any], region: str = "us-east-1") -> OptionQuote:
    """ECS on EC2: one task on one instance of the type, every hour of the month."""
    w = make_workload(region=region, traffic=STEADY_TASK, container={"vcpu": 1, "memory_gb": 2},
                      ec2={"instance_type": instance_type, "root_volume_gb": 0}, assumptions=plan,
                      options=["ec2"], front_door="none")
    return compute_quote(w, book).option("ec2")


def _lines(quote: OptionQuote, group: str) -> dict[str, Decimal]:
    return {i.label: i.usd for i in quote.line_items if i.group == group}


# --- done when: a 3-year all-upfront Compute Savings Plan on Fargate ----------------------------------------
def test_fargate_three_year_all_upfront_compute_savings_plan(book: PriceBook) -> None:
    """K3: x86 vCPU 3y AU 0.0194304 $/vCPU-h (-52%); the 3y AU memory rate was not found, so it is missing."""
    q = _fargate(book, _plan("compute_sp", "3yr", "all_upfront"))
    charged = _lines(q, "commitment")
    # 730 vCPU-h x 0.0194304 = 14.184192 -> 14.18, all of it the upfront payment spread over the month
    assert charged == {"Compute Savings Plan, 3-year, all upfront: vCPU, upfront, amortised": D("14.18")}
    # the on-demand vCPU (730 h x 3600 s x 0.000011244 = 29.55) and memory (1,460 GB-h = 6.49) are credited
    assert _lines(q, "discount") == {"Compute Savings Plan covers vCPU": D("-29.55"),
                                     "Compute Savings Plan covers Memory": D("-6.49")}
    assert q.monthly_usd == D("14.18")
    assert not q.complete
    assert q.missing[0].what == "Compute Savings Plan, 3-year, all upfront rate for Fargate memory (linux_x86_64)"
    assert q.missing[0].usage == ((D("5256000.0000"), "GB-second"),)  # 1,460 GB-hours, in the line's unit
    terms = q.commitment
    assert terms is not None and terms.payment == "all_upfront" and terms.upfront_month == 1
    assert terms.upfront_usd is None  # not known whole: the memory rate is missing
    data = option_json(q)["commitment"]
    assert data["upfront_usd"] is None and data["upfront_month"] == 1 and data["committed_monthly_usd"] == 14.18


def test_the_upfront_payment_whole_for_a_horizon(book: PriceBook) -> None:
    """m5.large Standard RI 3y AU: 949 upfront (K7) = 0.0361111 $/h x 8,760 h x 3 years = 949.00, paid in month 1."""
    q = _ec2(book, "m5.large", _plan("standard_ri", "3yr", "all_upfront"))
    assert q.commitment is not None and q.commitment.upfront_usd == D("949.00")
    assert option_json(q)["commitment"]["upfront_usd"] == 949.0


@pytest.mark.parametrize(("term", "expected"), [("1yr", D("28.83")), ("3yr", D("19.82"))])
def test_fargate_no_upfront_compute_savings_plan_matches_kw5(book: PriceBook, term: str, expected: Decimal) -> None:
    """KW5: 1 vCPU + 2 GB x86 for 730 h: on-demand 36.04, 1y NU 28.83 (23.64 + 5.19), 3y NU 19.82 (16.25 + 3.57)."""
    q = _fargate(book, _plan("compute_sp", term, "no_upfront"))
    assert q.complete and q.monthly_usd == expected
    assert sum(_lines(q, "compute").values()) == D("36.04")
    assert q.commitment is not None and q.commitment.upfront_usd == 0


def test_a_partial_share_leaves_the_rest_on_demand(book: PriceBook) -> None:
    """Half covered at 3y NU: vCPU 29.55 - 14.77 (1,314,000 vCPU-s at 0.000011244) + 8.13 (365 h x 0.022264);
    memory 6.49 - 3.25 (2,628,000 GB-s at 0.000001235) + 1.78 (730 GB-h x 0.00244475)."""
    q = _fargate(book, _plan("compute_sp", "3yr", "no_upfront", covered=50))
    charged = _lines(q, "commitment")
    assert charged["Compute Savings Plan, 3-year, no upfront: vCPU, recurring"] == D("8.13")  # 8.12636
    assert charged["Compute Savings Plan, 3-year, no upfront: Memory, recurring"] == D("1.78")  # 1.7846675
    assert q.monthly_usd == D("36.04") - D("14.77") - D("3.25") + D("8.13") + D("1.78") == D("27.93")


# --- done when: a 1-year no-upfront EC2 Instance Savings Plan ---------------------------------------------
def test_ec2_instance_savings_plan_one_year_no_upfront_is_the_standard_ri_rate(book: PriceBook) -> None:
    """R4: ISP rate = Std RI rate. m7i.large us-east-1: OD 0.1008, Std RI 1y NU 0.06668 (K10): 730 h -> 48.68."""
    q = _ec2(book, "m7i.large", _plan("ec2_instance_sp", "1yr", "no_upfront"))
    assert _lines(q, "discount") == {"EC2 Instance Savings Plan covers EC2 instances (m7i.large)": D("-73.58")}
    charged = [i for i in q.line_items if i.group == "commitment"]
    assert [(i.label, i.quantity, i.unit_price_usd, i.usd) for i in charged] == [
        ("EC2 Instance Savings Plan, 1-year, no upfront: EC2 instances (m7i.large), recurring", D(730),
         D("0.06668"), D("48.68"))]
    assert charged[0].estimated  # derived by rule R4: grade C
    assert "rule R4" in (charged[0].price.note if charged[0].price else "")
    assert q.complete


def test_an_instance_savings_plan_row_of_its_own_is_used_where_the_book_has_it(book: PriceBook) -> None:
    """ap-northeast-1 c5.xlarge Linux (derived by R5 from the Windows rows, K5): ISP 1y NU 0.135 = Std RI 1y NU."""
    isp = _ec2(book, "c5.xlarge", _plan("ec2_instance_sp", "1yr", "no_upfront"), "ap-northeast-1")
    ri = _ec2(book, "c5.xlarge", _plan("standard_ri", "1yr", "no_upfront"), "ap-northeast-1")
    assert _lines(isp, "commitment") == {
        "EC2 Instance Savings Plan, 1-year, no upfront: EC2 instances (c5.xlarge), recurring": D("98.55")}
    assert sum(_lines(ri, "commitment").values()) == D("98.55")  # 730 x 0.135


# --- done when: a Standard RI ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("instance_type", "term", "payment", "charged", "upfront"), [
    ("t3.medium", "1yr", "no_upfront", D("19.05"), D(0)),  # KW4: 0.0261 x 730 = 19.053
    ("t3.medium", "3yr", "no_upfront", D("13.14"), D(0)),  # K11: 0.018 x 730
    ("m5.large", "1yr", "partial_upfront", D("42.17"), D("253.02")),  # KW3: (252 / 8,760 + 0.029) x 730; half
    # of 0.0577671 x 8,760 upfront: the assumed split (the row's own is 252, AWS lets a buyer pay 50-99%)
    ("m5.large", "1yr", "all_upfront", D("41.17"), D("494.00")),  # K7: 494 upfront, 494 / 12 a month
    ("m5.large", "3yr", "all_upfront", D("26.36"), D("949.00")),  # K7: 949 upfront over 36 months
])
def test_standard_reserved_instances(book: PriceBook, instance_type: str, term: str, payment: str,
                                     charged: Decimal, upfront: Decimal | None) -> None:
    q = _ec2(book, instance_type, _plan("standard_ri", term, payment))
    assert sum(_lines(q, "commitment").values()) == charged
    assert q.commitment is not None
    found = q.commitment.upfront_usd
    assert (found if found is None else round(found, 2)) == upfront
    words = {"no_upfront": "recurring", "partial_upfront": "recurring and upfront, amortised",
             "all_upfront": "upfront, amortised"}[payment]
    assert all(label.endswith(words) for label in _lines(q, "commitment"))


# --- the rules ---------------------------------------------------------------------------------------------
def test_compute_savings_plans_discount_older_families_less_one_percentage_is_wrong(book: PriceBook) -> None:
    """R7: CSP 1y NU is -17.3% on c5.xlarge (ap-northeast-1) but -27.7% on c7i.xlarge (us-east-1); a type without
    a rate is missing, never priced at another family's percentage."""
    ec2 = book.region("us-east-1").commitments
    old = book.region("ap-northeast-1").commitments
    assert ec2 is not None and old is not None
    newer = ec2.ec2.compute_sp["1yr_no_upfront"]["c7i.xlarge"].usd / D("0.1785")
    older = old.ec2.compute_sp["1yr_no_upfront"]["c5.xlarge"].usd / book.region("ap-northeast-1").ec2.on_demand[
        "c5.xlarge"].usd
    assert round(1 - newer, 3) == D("0.277") and round(1 - older, 3) == D("0.173")
    q = _ec2(book, "m6i.large", _plan("compute_sp", "1yr", "no_upfront"))
    assert not _lines(q, "commitment")
    assert q.left_out == ("Compute Savings Plan, 1-year, no upfront rate for EC2 m6i.large",)


def test_no_commitment_discounts_the_windows_licence(book: PriceBook) -> None:
    """R5: the Fargate Windows OS licence is never covered; the Windows vCPU and memory rates are missing."""
    q = _fargate(book, _plan("compute_sp", "1yr", "no_upfront"), container={"os": "windows"})
    credited = _lines(q, "discount")
    assert set(credited) == {"Compute Savings Plan covers vCPU", "Compute Savings Plan covers Memory"}
    assert "Windows OS licence" in _lines(q, "compute")
    assert {m.what for m in q.missing} >= {
        "Compute Savings Plan, 1-year, no upfront rate for Fargate vcpu (windows_x86_64)",
        "Compute Savings Plan, 1-year, no upfront rate for Fargate memory (windows_x86_64)"}


def test_lambda_compute_savings_plan_covers_duration_not_requests(book: PriceBook) -> None:
    """KW6: 1M GB-s x86 in us-east-1: on-demand 16.67, Compute SP 0.0000147 -> 14.70; requests unchanged (R6)."""
    w = make_workload(traffic={"requests_per_month": 1_000_000, "duration_ms": 1000},
                      **{"lambda": {"memory_mb": 1024, "free_tier": False}}, options=["lambda"], front_door="none",
                      assumptions=_plan("compute_sp", "1yr", "no_upfront"))
    plain = make_workload(**{k: v for k, v in w.model_dump(by_alias=True).items() if k != "assumptions"})
    q, od = compute_quote(w, book).option("lambda"), compute_quote(plain, book).option("lambda")
    assert _lines(q, "commitment") == {"Compute Savings Plan, 1-year, no upfront: Duration, recurring": D("14.70")}
    assert _lines(q, "discount") == {"Compute Savings Plan covers Duration": D("-16.67")}
    assert _lines(q, "requests") == _lines(od, "requests")
    assert q.monthly_usd == od.monthly_usd - D("16.67") + D("14.70")


def test_an_instance_savings_plan_does_not_cover_fargate_or_lambda(book: PriceBook) -> None:
    q = _fargate(book, _plan("ec2_instance_sp", "1yr", "no_upfront"))
    assert not _lines(q, "discount") and q.monthly_usd == D("36.04")
    assert any("covers EC2 instances only" in w for w in q.warnings)
    assert q.commitment is not None and not q.commitment.applies


def test_the_lambda_managed_instances_fee_stays_at_on_demand_under_a_savings_plan(book: PriceBook) -> None:
    """KW7: the fee is 15% of the on-demand price with or without a Savings Plan."""
    base = {"traffic": {"requests_per_month": 50_000_000, "duration_ms": 100}, "options": ["lambda_managed"],
            "front_door": "none", "lambda_managed": {"instance_type": "m7g.large"}, "architecture": "arm64"}
    od = compute_quote(make_workload(**base), book).option("lambda_managed")
    sp = compute_quote(make_workload(**base, assumptions=_plan("compute_sp", "1yr", "no_upfront")), book).option(
        "lambda_managed")
    fee = {k: v for k, v in _lines(od, "compute").items() if k.startswith("Management fee")}
    assert fee and fee == {k: v for k, v in _lines(sp, "compute").items() if k.startswith("Management fee")}
    hours = next(i.quantity for i in sp.line_items if i.label.startswith("EC2 instances"))
    assert _lines(sp, "commitment") == {
        "Compute Savings Plan, 1-year, no upfront: EC2 instances (m7g.large), recurring": round(hours * D("0.0599"),
                                                                                                  2)}


def test_old_files_keep_their_flat_percentages(book: PriceBook, examples: dict[str, Any]) -> None:
    w = make_workload(traffic=STEADY_TASK, container={"vcpu": 1, "memory_gb": 2}, options=["fargate"],
                      front_door="none", assumptions={"savings_plans": {"fargate_pct": 20}})
    q = compute_quote(w, book).option("fargate")
    assert _lines(q, "discount") == {"Compute Savings Plan (Fargate)": D("-7.21")}  # 20% of 36.04
    assert q.commitment is None and "commitment" not in option_json(q)


# --- the order of discounts: the user's own after the commitment ---------------------------------------------
def test_the_users_discount_applies_after_the_commitment(book: PriceBook) -> None:
    """AWS applies Reserved Instances, then EC2 Instance SPs, then Compute SPs (K1); an EDP / private-pricing
    percentage applies to the charges after them (K24, inference, grade C). A 10% Fargate discount therefore
    takes 10% off the committed rate: 3y NU vCPU 0.022264 x 0.9 = 0.0200376 -> 730 h = 14.63; memory
    0.00244475 x 0.9 x 1,460 GB-h = 3.21."""
    mine = effective_book(book, {"discounts": {"fargate": "10"}})
    q = _fargate(mine, _plan("compute_sp", "3yr", "no_upfront"))
    charged = {i.label: (i.unit_price_usd, i.usd) for i in q.line_items if i.group == "commitment"}
    assert charged == {
        "Compute Savings Plan, 3-year, no upfront: vCPU, recurring": (D("0.0200376"), D("14.63")),
        "Compute Savings Plan, 3-year, no upfront: Memory, recurring": (D("0.002200275"), D("3.21"))}
    assert q.monthly_usd == D("17.84")  # the undiscounted 19.82, less 10% (line by line)
    other = effective_book(book, {"discounts": {"lambda": "10"}})  # another service's discount leaves it alone
    assert _fargate(other, _plan("compute_sp", "3yr", "no_upfront")).monthly_usd == D("19.82")


@pytest.mark.parametrize("plan", [
    _plan("compute_sp", "3yr", "all_upfront"), _plan("compute_sp", "1yr", "no_upfront", 60),
    _plan("standard_ri", "1yr", "no_upfront"), _plan("ec2_instance_sp", "1yr", "no_upfront", 80),
    {"commitment": {"plan": "compute_sp", "hourly_usd": 0.05}}])
def test_fast_costs_match_the_exact_quote(book: PriceBook, plan: dict[str, Any]) -> None:
    w = make_workload(traffic={"requests_per_month": 30_000_000, "duration_ms": 120}, assumptions=plan,
                      options=["lambda", "fargate", "ec2", "ecs_managed"])
    volumes = np.array([10_000_000.0, 30_000_000.0, 90_000_000.0])
    fast = fast_costs(w, book, volumes)
    for number, volume in enumerate(volumes):
        exact = compute_quote(w, book, int(volume))
        for option, costs in fast.items():
            total = exact.option(option).monthly_usd
            assert (costs is None) == (total is None), option
            if costs is not None and total is not None:
                assert costs[number] == pytest.approx(float(total), abs=0.011), (option, volume)


# --- an hourly commitment in $ ----------------------------------------------------------------------------
def test_an_hourly_commitment_below_the_usage_covers_its_worth(book: PriceBook) -> None:
    """$0.02/h of a 3y NU Compute SP on a task whose usage is worth 0.022264 + 2 x 0.00244475 = 0.0271535 $/h at the
    plan's rates: it covers 0.02 / 0.0271535 of the usage; the committed lines add up to 0.02 x 730 = 14.60."""
    q = _fargate(book, {"commitment": {"plan": "compute_sp", "term": "3yr", "hourly_usd": 0.02}})
    charged = _lines(q, "commitment")
    assert charged == {"Compute Savings Plan, 3-year, no upfront: vCPU, recurring": D("11.97"),
                       "Compute Savings Plan, 3-year, no upfront: Memory, recurring": D("2.63")}
    assert sum(charged.values()) == D("14.60")
    assert _lines(q, "discount") == {"Compute Savings Plan covers vCPU": D("-21.76"),  # 29.549232 x 0.7365533
                                     "Compute Savings Plan covers Memory": D("-4.78")}  # 6.49116 x 0.7365533
    assert q.monthly_usd == D("36.04") - D("21.76") - D("4.78") + D("14.60")


def test_an_hourly_commitment_above_the_usage_is_paid_in_full(book: PriceBook) -> None:
    """$0.05/h against usage worth 0.0271535 $/h: everything covered (16.25 + 3.57), and the 36.50 committed is
    paid all the same: 16.68 of it unused (AWS: unused commitment in an hour is lost)."""
    q = _fargate(book, {"commitment": {"plan": "compute_sp", "term": "3yr", "hourly_usd": 0.05}})
    assert _lines(q, "commitment") == {"Compute Savings Plan, 3-year, no upfront: vCPU, recurring": D("16.25"),
                                       "Compute Savings Plan, 3-year, no upfront: Memory, recurring": D("3.57"),
                                       "Compute Savings Plan, 3-year, no upfront: unused commitment": D("16.68")}
    assert q.monthly_usd == D("36.50")  # dearer than on demand (36.04): committing too much costs money


def test_an_hourly_commitment_is_applied_hour_by_hour(book: PriceBook) -> None:
    """Lambda, 1M GB-s a month, all of it in 12 hours of the day. At the plan's rate it is worth 14.70 a month,
    1.225 in each busy hour of the day; $0.02/h gives 0.02 x 730 / 24 = 0.6083 in each hour of the day: the busy
    hours use 12 x 0.6083 = 7.30 of it, the quiet hours leave 7.30 unused; half the usage stays on demand
    (7.30 / 14.70 covered: the credit is 16.6667 x 0.4966 = 8.28)."""
    profile = [2.0] * 12 + [0.0] * 12
    w = make_workload(traffic={"requests_per_month": 1_000_000, "duration_ms": 1000, "daily_profile": profile},
                      **{"lambda": {"memory_mb": 1024, "free_tier": False}}, options=["lambda"], front_door="none",
                      assumptions={"commitment": {"plan": "compute_sp", "hourly_usd": 0.02}})
    q = compute_quote(w, book).option("lambda")
    assert _lines(q, "commitment") == {"Compute Savings Plan, 1-year, no upfront: Duration, recurring": D("7.30"),
                                       "Compute Savings Plan, 1-year, no upfront: unused commitment": D("7.30")}
    assert _lines(q, "discount") == {"Compute Savings Plan covers Duration": D("-8.28")}


def test_lambda_duration_above_the_first_tier_is_credited_at_what_it_cost(book: PriceBook) -> None:
    """10B GB-s runs into the cheaper tiers: the credit takes off exactly the on-demand duration lines, never
    more, so a missing committed rate (ap-northeast-1 has none for Lambda) can leave a total incomplete but never
    below the requests it still pays."""
    for region in ("us-east-1", "ap-northeast-1"):
        w = make_workload(region=region, traffic={"requests_per_month": 10_000_000_000, "duration_ms": 1000},
                          **{"lambda": {"memory_mb": 1024, "free_tier": False}}, options=["lambda"],
                          front_door="none", assumptions=_plan("compute_sp", "1yr", "no_upfront"))
        q = compute_quote(w, book).option("lambda")
        duration = sum(v for k, v in _lines(q, "compute").items() if k.startswith("Duration"))
        assert _lines(q, "discount") == {"Compute Savings Plan covers Duration": -duration}
        assert q.monthly_usd is not None and q.monthly_usd >= sum(_lines(q, "requests").values())


def test_the_flat_savings_plans_what_if_leaves_when_a_commitment_replaces_it(book: PriceBook) -> None:
    from desktop.model.advice.advise import advise

    flat = make_workload(traffic={"requests_per_month": 30_000_000})
    committed = make_workload(traffic={"requests_per_month": 30_000_000},
                              assumptions=_plan("compute_sp", "1yr", "no_upfront"))
    assert "Savings Plans" in {row.label for row in advise(flat, book).sensitivity}
    assert "Savings Plans" not in {row.label for row in advise(committed, book).sensitivity}


def test_eu_west_2_has_estimates_from_the_us_east_1_ratio_only(book: PriceBook) -> None:
    """No published eu-west-2 rate was found: the reference's derived C values (eu-west-2 on-demand x the us-east-1
    ratio for the same usage), shown as estimated; EC2 has none there (missing)."""
    w = make_workload(region="eu-west-2", traffic=STEADY_TASK, container={"vcpu": 1, "memory_gb": 2},
                      options=["fargate", "ec2"], front_door="none",
                      assumptions=_plan("compute_sp", "1yr", "no_upfront"))
    quote = compute_quote(w, book)
    fargate = quote.option("fargate")
    charged = [i for i in fargate.line_items if i.group == "commitment"]
    assert [(i.unit_price_usd, i.usd, i.estimated) for i in charged] == [
        (D("0.037248"), D("27.19"), True), (D("0.004088"), D("5.97"), True)]  # 730 h; 1,460 GB-h
    assert "Compute Savings Plan, 1-year, no upfront rate for EC2" in quote.option("ec2").left_out[0]
