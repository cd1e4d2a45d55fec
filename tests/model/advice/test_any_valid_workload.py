"""Any workload the schema accepts is advised and rendered: no exception, and every total finite and non-negative.

The strategy is built from the workload's own pydantic models, so a field added later is drawn too: every number
across its whole range, with its bounds and their neighbours (the next float, the next integer) drawn often, since
that is where the crashes were (min_tasks 5,001-10,000 in the sensitivity, vCPU 5e-324 in the EC2 fit, a subnormal
or 1e308 daily profile). Each example pushes up to eight fields so; the others keep their defaults. Each example
runs `advise` with its sensitivity, the hinge and the curves, and every renderer: the JSON, the estimate and
advise texts, the CSV and the sheet's HTML.

COMPUTEFIT_PROPERTY_EXAMPLES raises the number of examples for a longer local hunt (CI: the default below).
"""

from __future__ import annotations

import math
import os
import sys
import types
import typing
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from desktop.model.advice.advise import Advice, advise
from desktop.model.advice.quote_json import advice_json
from desktop.model.options.registry import option_ids
from desktop.model.pricing.book import PriceBook, load_price_book
from desktop.model.workload.fields import info_bounds
from desktop.model.workload.spec import Workload, set_dotted
from desktop.report.sheet.csv_export import comparison_csv
from desktop.report.sheet.html import sheet_html
from desktop.report.sheet.text import advice_text, quote_table
from desktop.resources import price_book_path

EXAMPLES = int(os.environ.get("COMPUTEFIT_PROPERTY_EXAMPLES", "400"))  # about 12 s; 3,000 found nothing either
BOOK = load_price_book(price_book_path())
HOSTILE_NAMES = ('<img src="http://example.com/x.png"> & <b>Co</b>', "=cmd|' /C calc'!A0",
                 "\u00e9t\u00e9 \u2014 \U0001f680")
PROFILES = (
    (5e-324,) + (0.0,) * 23,  # one subnormal hour among zeros
    (1e308,) * 24,  # the sum overflows a float
    (sys.float_info.max,) + (0.0,) * 23,
    (0.0,) * 23 + (1.0,),
    tuple(float(h) for h in range(24)),
)


def _limits(info: FieldInfo) -> tuple[float | None, bool, float | None, bool]:
    """(low, low excluded, high, high excluded) from the field's ge/gt/le/lt."""
    bounds = info_bounds(info)
    return bounds.low, bounds.low_open, bounds.high, bounds.high_open


def _integers(info: FieldInfo) -> st.SearchStrategy[int]:
    low, low_open, high, high_open = _limits(info)
    lo = int(low) + (1 if low_open else 0) if low is not None else -(10**6)
    hi = int(high) - (1 if high_open else 0) if high is not None else 10**6
    edges = sorted({v for v in (lo, lo + 1, lo + 2, hi - 2, hi - 1, hi, (lo + hi) // 2) if lo <= v <= hi})
    return st.one_of(st.sampled_from(edges), st.integers(lo, hi))


def _floats(info: FieldInfo) -> st.SearchStrategy[float]:
    low, low_open, high, high_open = _limits(info)
    lo = float(low) if low is not None else -1e9
    hi = float(high) if high is not None else 1e9
    first = math.nextafter(lo, math.inf) if low_open else lo
    last = math.nextafter(hi, -math.inf) if high_open else hi
    edges = sorted({first, math.nextafter(first, math.inf), last, math.nextafter(last, -math.inf), (lo + hi) / 2})
    spread = st.floats(min_value=lo, max_value=hi, exclude_min=low_open, exclude_max=high_open,
                       allow_nan=False, allow_infinity=False)
    return st.one_of(st.sampled_from([e for e in edges if first <= e <= last]), spread)


def _profile() -> st.SearchStrategy[tuple[float, ...] | None]:
    hours = st.lists(st.one_of(st.just(0.0), st.floats(0, 1e308, allow_nan=False, allow_infinity=False)),
                     min_size=24, max_size=24).filter(lambda p: sum(p) > 0)
    return st.one_of(st.none(), st.sampled_from(PROFILES), hours.map(tuple))


def _shared_line() -> st.SearchStrategy[dict[str, Any]]:
    amounts = st.one_of(st.sampled_from(["0", "1", "1e12"]), st.decimals(0, 10**9, places=4).map(str))
    return st.fixed_dictionaries({
        "label": st.sampled_from((*HOSTILE_NAMES, "database")), "quantity": amounts,
        "unit_usd": st.one_of(st.sampled_from(["0", "1000000000"]), st.decimals(0, 10**9, places=6).map(str)),
        "as_of": st.just("2026-12-01"),
        "options": st.one_of(st.none(), st.lists(st.sampled_from(option_ids()), min_size=1, unique=True))})


def _for_annotation(annotation: Any, info: FieldInfo, path: str) -> st.SearchStrategy[Any]:
    if path == "name":
        return st.one_of(st.sampled_from(HOSTILE_NAMES), st.text(min_size=1, max_size=120).filter(str.strip))
    if path == "region":
        return st.sampled_from(sorted(BOOK.regions))
    if path in ("ec2.instance_type", "lambda_managed.instance_type", "ecs_managed.instance_type"):
        return st.one_of(st.just("auto"), st.sampled_from(sorted(BOOK.instance_types)))
    if path == "options":  # none (the classic three) or any set of the registered options, in any order
        return st.one_of(st.none(), st.lists(st.sampled_from(option_ids()), min_size=1, unique=True).map(tuple))
    if path == "traffic.daily_profile":
        return _profile()
    if path in ("answers", "horizon", "ranges"):  # optional sections with their own tests (horizon, uncertainty)
        return st.none()
    if path == "shared_lines":  # the user's own lines, up to their bounds (tests/model/options/test_shared_lines.py)
        return st.one_of(st.none(), st.lists(_shared_line(), max_size=3).map(tuple))
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        drawn = _for_annotation(inner[0], info, path)
        return st.one_of(st.none(), drawn) if len(inner) < len(args) else drawn
    if origin is typing.Annotated:
        return _for_annotation(args[0], info, path)
    if origin is typing.Literal:
        return st.sampled_from(args)
    if annotation is bool:
        return st.booleans()
    if annotation is int:
        return _integers(info)
    if annotation is float:
        return _floats(info)
    raise AssertionError(f"{path}: no strategy for {annotation!r}: teach this test the new kind of field")


def _leaves(model: type[BaseModel], prefix: str = "") -> list[tuple[str, st.SearchStrategy[Any]]]:
    """Every field of the file (dotted path) with a strategy over its whole valid range."""
    found: list[tuple[str, st.SearchStrategy[Any]]] = []
    for name, info in model.model_fields.items():
        path = f"{prefix}{info.alias or name}"
        if isinstance(info.annotation, type) and issubclass(info.annotation, BaseModel):
            found.extend(_leaves(info.annotation, f"{path}."))
        elif path != "schema_version":
            found.append((path, _for_annotation(info.annotation, info, path)))
    return found


LEAVES = _leaves(Workload)
MAX_PUSHED = 8  # fields drawn over their whole range in one example; the others keep their defaults


def _valid(data: dict[str, Any]) -> Workload:
    """The drawn file, with a run no longer than the month it assumes (a cross-field rule the schema enforces)."""
    month_ms = data["assumptions"]["month_hours"] * 3600 * 1000
    data["traffic"]["duration_ms"] = min(data["traffic"]["duration_ms"], month_ms)
    return Workload.model_validate(data)


@st.composite
def workloads(draw: st.DrawFn) -> Workload:
    """A plausible workload (volume, duration, region, front door, load shape drawn on every example) with up to
    eight other fields pushed anywhere in their valid range, bounds and neighbours included; a workload with every
    field at random would rule out every option (GPUs, privileged mode, huge tasks) and test little else."""
    data = Workload(name="property").to_json_dict()
    for path in ("name", "region", "front_door", "traffic.kind", "traffic.daily_profile"):
        set_dotted(data, path, draw(dict(LEAVES)[path]))
    set_dotted(data, "traffic.requests_per_month", draw(st.integers(0, 10**10)))
    set_dotted(data, "traffic.runs_per_month", draw(st.integers(0, 10**6)))
    set_dotted(data, "traffic.duration_ms", draw(st.floats(1, 900_000)))
    for index in draw(st.lists(st.integers(0, len(LEAVES) - 1), max_size=MAX_PUSHED, unique=True)):
        path, strategy = LEAVES[index]
        set_dotted(data, path, draw(strategy))
    return _valid(data)


def _finite(value: Decimal | float | None) -> bool:
    return value is None or (math.isfinite(float(value)) and value >= 0)


def _check(advice: Advice, book: PriceBook) -> None:
    for option in advice.quote.options.values():
        assert _finite(option.monthly_usd), (option.option, option.monthly_usd)
        assert (option.monthly_usd is None) == (not option.feasible) or not option.priced
        assert all(math.isfinite(float(i.usd)) for i in option.line_items)
        if not option.feasible:
            assert option.monthly_usd is None and not option.line_items
    for costs in advice.curves.costs.values():
        assert all(c is None or (math.isfinite(c) and c >= -0.005) for c in costs)
    for row in advice.sensitivity:
        assert _finite(row.low_cost) and _finite(row.high_cost)
    assert advice.verdict or advice.recommendation.option is None
    data = advice_json(advice, book)
    for name, option in data["options"].items():
        assert option["complete"] == advice.quote.options[name].complete
        if not option["feasible"]:
            assert option["monthly_usd"] is None
    text = (advice_text(advice, book) + quote_table(advice.quote, book)).replace(advice.workload.name, "")
    words = text.lower().replace(",", " ").split()
    assert "$-" not in text and "nan" not in words and "inf" not in words
    comparison_csv(advice, book)
    html = sheet_html(advice, advice.workload, book, generated=advice.quote.price_book_date, version="test")
    assert "<img" not in html


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workloads())
def test_any_valid_workload_is_advised_and_rendered(workload: Workload) -> None:
    advice = advise(workload, BOOK)
    event(f"{len(advice.quote.feasible_options())} feasible option(s)")
    _check(advice, BOOK)


# --- the four the fuzzing found, pinned ----------------------------------------------------------------------------
def _flat_and(profile: tuple[float, ...]) -> tuple[Advice, Advice]:
    from tests.conftest import make_workload

    sections: dict[str, Any] = {"front_door": "alb", "traffic": {"requests_per_month": 50_000_000}}
    flat = advise(make_workload(**sections), BOOK)
    shaped = advise(make_workload(**{**sections, "traffic": {**sections["traffic"], "daily_profile": profile}}), BOOK)
    return flat, shaped


def test_a_profile_of_huge_hours_prices_like_a_flat_one() -> None:
    """24 hours of 1e308 overflowed the profile's sum and priced the ALB's LCUs at $0.00."""
    flat, huge = _flat_and((1e308,) * 24)
    for option in flat.quote.options:
        assert huge.quote.options[option].monthly_usd == flat.quote.options[option].monthly_usd
    lcus = [i for i in huge.quote.options["fargate"].line_items if i.label.endswith("LCUs")]
    assert lcus and lcus[0].usd > 0


def test_one_subnormal_hour_among_zeros_is_one_busy_hour() -> None:
    """A profile of 5e-324 and 23 zeros divided by zero; it is the same shape as 1 and 23 zeros."""
    _, tiny = _flat_and((5e-324,) + (0.0,) * 23)
    _, one = _flat_and((1.0,) + (0.0,) * 23)
    assert {o: q.monthly_usd for o, q in tiny.quote.options.items()} == \
        {o: q.monthly_usd for o, q in one.quote.options.items()}


def test_a_vanishing_task_fits_an_instance_without_overflow() -> None:
    from tests.conftest import make_workload

    advice = advise(make_workload(container={"vcpu": 5e-324, "memory_gb": 5e-324}), BOOK)
    ec2 = advice.quote.options["ec2"]
    assert ec2.feasible and ec2.capacity is not None and ec2.capacity.peak_instances == 2
    _check(advice, BOOK)


def test_a_floor_near_the_schema_limit_is_advised() -> None:
    from tests.conftest import make_workload

    _check(advise(make_workload(container={"min_tasks": 9_999}), BOOK), BOOK)


def test_a_vanishing_vcpu_per_request_does_not_divide_by_zero_in_lambda_managed_instances(book) -> None:  # type: ignore[no-untyped-def]
    """Found by the suite above: 5e-324 vCPU / 10 requests underflows to 0 vCPU per request."""
    from desktop.model.advice.advise import advise
    from tests.conftest import make_workload

    w = make_workload(container={"vcpu": 5e-324}, options=["lambda", "lambda_managed"], front_door="none")
    advice = advise(w, book)
    assert advice.quote.options["lambda_managed"].capacity is not None
