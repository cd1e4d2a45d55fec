"""The exact calc's plain-Python arrays (desktop.model.options.common.rows) give numpy's numbers, so a quote is the
same whichever the exact calc uses; and the fast (vectorised) calc agrees with the exact quote to the cent."""

from __future__ import annotations

import random
from typing import Any

import numpy as np
import pytest

from desktop.model.advice import engine
from desktop.model.advice.engine import compute_quote
from desktop.model.advice.fast import fast_costs
from desktop.model.advice.quote_json import quote_json
from desktop.model.options.common import rows
from desktop.model.options.common.calc import exact_arrays
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.spec import Workload
from tests.conftest import make_workload
from tests.goldens.make_goldens import cases

ALL_OPTIONS = ["lambda", "fargate", "ec2", "ecs_managed", "lambda_managed", "eks_fargate"]


def _same(found: Any, expected: Any) -> None:
    as_list = expected.tolist() if isinstance(expected, np.ndarray) else expected
    assert (found.tolist() if isinstance(found, rows.Rows) else found) == as_list
    if isinstance(expected, np.ndarray):
        assert found.shape == expected.shape


def test_the_operations_the_cost_code_uses_give_numpys_numbers() -> None:
    draw = random.Random(26)
    load = [[draw.uniform(0, 40) if draw.random() > 0.2 else 0.0 for _ in range(24)]]
    per = [1.0, 3.0, 7.0, 16.0]
    for xp in (np, rows):  # the same expressions, written once, as the cost code writes them
        tasks = xp.array(load)
        counts = xp.maximum(2.0, xp.where(tasks > 0, xp.ceil(tasks - 1e-9), 0.0))
        t, sizes = counts[None, :, :], xp.array(per, dtype=float)[:, None, None]
        instances = xp.where(t == 0, 0.0, xp.maximum(xp.ceil(t / sizes), xp.minimum(t, 2.0)))
        instances[:, :, [3, 4]] = 0.0
        floor = xp.full(24, 1.0)
        floor[[0, 23]] = 0.0
        instances = xp.maximum(floor[None, None, :], instances)
        totals = xp.sum(instances, axis=2)
        chosen = xp.array([2])
        shape = instances[chosen, xp.arange(len(chosen))]
        sums = shape.sum(axis=1, keepdims=True)
        weights = xp.where(sums > 0, shape / xp.where(sums > 0, sums, 1.0), 1.0 / 24)
        lcus = xp.maximum.reduce([tasks / 25.0, tasks * 3600 * 0.00002 / 1.0, xp.broadcast_to(
            5.0 * xp.array([0.5] * 24)[None, :], tasks.shape)])
        keyed = totals * xp.array([0.1, 0.2, 0.35, 0.8])[:, None]
        found = {"counts": counts, "instances": instances, "totals": totals, "picked": totals[chosen, xp.arange(1)],
                 "weights": weights, "lcus": lcus, "column": keyed[:, 0], "row": instances[2, 0],
                 "peak": instances[2, 0].max(), "whole": instances[2].astype(int), "fee": xp.array(
                     [True, False, True, True])[chosen], "ones": xp.ones((1, 24)) * 0.5}
        if xp is np:
            expected = found
        else:
            for name, value in found.items():
                _same(value, expected[name])
    assert rows.any(rows.asarray(3.0, dtype=float) > 0) and not rows.any(rows.array([[0.0, 0.0]]) > 0)


def _workloads() -> list[Workload]:
    """The golden cases (every example and its variants), and each at other volumes, durations and options."""
    found = [Workload.model_validate(data) for data in cases().values()]
    draw = random.Random(2026)
    for base in list(found):
        data = base.to_json_dict()
        traffic = data["traffic"]
        volume_key = "runs_per_month" if "runs_per_month" in traffic else "requests_per_month"
        for _ in range(3):
            traffic[volume_key] = int(10 ** draw.uniform(3, 9.3))
            traffic["duration_ms"] = round(10 ** draw.uniform(1, 4.5), 1) if volume_key != "runs_per_month" else \
                traffic["duration_ms"]
            data["options"] = ALL_OPTIONS
            data["name"] = f"{base.name} at {traffic[volume_key]:,}"
            try:
                found.append(Workload.model_validate(data))
            except ValueError:
                continue  # a draw the workload's rules refuse
    return found


WORKLOADS = _workloads()


def test_the_exact_calc_quotes_the_same_with_either_arrays(book: PriceBook, monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(WORKLOADS) > 60
    assert exact_arrays() is np  # numpy is imported here: the exact calc uses it, as the window does
    with_numpy = [quote_json(compute_quote(w, book), book) for w in WORKLOADS]
    monkeypatch.setattr(engine, "exact_arrays", lambda: rows)
    with_rows = [quote_json(compute_quote(w, book), book) for w in WORKLOADS]
    for workload, one, other in zip(WORKLOADS, with_numpy, with_rows, strict=True):
        assert one == other, workload.name


def test_the_fast_calc_agrees_with_the_exact_quote_to_the_cent(book: PriceBook,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "exact_arrays", lambda: rows)
    compared = 0
    for workload in WORKLOADS:
        quote = compute_quote(workload, book)
        fast = fast_costs(workload, book, [float(workload.units_per_month)])
        for option, costs in fast.items():
            total = quote.option(option).monthly_usd
            assert (costs is None) == (total is None), (workload.name, option)
            if costs is not None and total is not None:
                assert costs[0] == pytest.approx(float(total), abs=0.011), (workload.name, option)
                compared += 1
    assert compared > 200


def test_a_quote_alone_imports_no_numpy() -> None:
    """`computefit estimate` (the table) runs the exact calc without numpy: see tests/test_start_up_work.py for the
    command itself; here the calc's choice when numpy is absent."""
    import sys

    saved = sys.modules.pop("numpy")
    try:
        assert exact_arrays() is rows
    finally:
        sys.modules["numpy"] = saved


@pytest.mark.parametrize("commitment", [{"plan": "compute_sp", "hourly_usd": 0.05},
                                        {"plan": "ec2_instance_sp", "term": "1yr", "payment": "no_upfront"}])
def test_commitments_and_off_hours_quote_the_same_with_rows(book: PriceBook, monkeypatch: pytest.MonkeyPatch,
                                                            commitment: dict[str, Any]) -> None:
    """A commitment (hour by hour) and Managed Instances with off hours, paths the examples do not reach."""
    w = make_workload(traffic={"requests_per_month": 30_000_000, "duration_ms": 120}, options=ALL_OPTIONS,
                      assumptions={"commitment": commitment}, lambda_managed={"off_hours_per_day": 6})
    expected = quote_json(compute_quote(w, book), book)
    monkeypatch.setattr(engine, "exact_arrays", lambda: rows)
    assert quote_json(compute_quote(w, book), book) == expected


def test_sums_and_floor_are_numpys_to_the_bit_on_floats() -> None:
    """Float sums (LCU-hours, a commitment's hourly shares, the fast calc's totals over the hours) added in numpy's
    order: pairwise along the last axis, so the plain-Python fast calc gives numpy's floats, not only whole numbers."""
    draw = np.random.default_rng(26)
    for width in (1, 5, 8, 23, 24, 40, 129, 300):
        for _ in range(20):
            values = draw.random((int(draw.integers(1, 9)), width)) * 10.0 ** draw.integers(-3, 9, (1, width))
            plain = rows.array(values.tolist())
            for axis in (1, 0, None):
                found = rows.sum(plain, axis=axis)
                expected = np.sum(values, axis=axis)
                assert (found.tolist() if axis is not None else found) == expected.tolist(), (width, axis)
            assert rows.floor(plain * 100.0 + 0.5).tolist() == np.floor(values * 100.0 + 0.5).tolist()
