"""The fast float curves equal the exact Decimal engine, volume by volume, for the examples and random workloads."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.model.advice.advise import advise
from desktop.model.advice.curves import CURVE_POINTS, FastCosts, curve_volumes, volume_range
from desktop.model.advice.engine import compute_quote
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.spec import Workload

RELATIVE = 1e-6


def assert_matches_engine(workload: Workload, book: PriceBook, volumes: list[int]) -> None:
    fast = FastCosts(workload, book)
    curves = fast.costs(np.array(volumes, dtype=float))
    for i, volume in enumerate(volumes):
        exact = compute_quote(workload, book, units_per_month=volume)
        for option, costs in curves.items():
            expected = exact.options[option].monthly_usd
            if costs is None:
                assert expected is None, (option, volume)
                continue
            assert expected is not None, (option, volume)
            assert math.isclose(costs[i], float(expected), rel_tol=RELATIVE, abs_tol=1e-9), \
                (workload.name, option, volume, costs[i], expected)


def _grid(workload: Workload, count: int) -> list[int]:
    low, high = volume_range(workload)
    return sorted({round(v) for v in np.logspace(math.log10(low), math.log10(high), count)}
                  | {0, 1, workload.units_per_month})


def test_examples_match_the_engine(book: PriceBook, examples: dict[str, Workload]) -> None:
    for workload in examples.values():
        assert_matches_engine(workload, book, _grid(workload, 120))


def test_curves_shape(book: PriceBook, examples: dict[str, Workload]) -> None:
    for name, workload in examples.items():
        curves = advise(workload, book).curves
        assert len(curves.volumes) == CURVE_POINTS >= 200
        assert list(curves.volumes) == sorted(curves.volumes)
        ratios = np.diff(np.log10(curves.volumes))
        assert np.allclose(ratios, ratios[0])  # log-spaced
        assert curves.volumes[0] <= workload.units_per_month <= curves.volumes[-1], name
        assert set(curves.costs) == {"lambda", "fargate", "ec2"}
        assert all(len(c) == len(curves.volumes) for c in curves.costs.values())
        assert curves.current_volume == workload.units_per_month
    gpu = advise(examples["gpu-inference"], book).curves
    assert gpu.feasible == {"lambda": False, "fargate": False, "ec2": True}


def test_curve_volumes_cover_the_range(examples: dict[str, Workload]) -> None:
    volumes = curve_volumes(examples["nightly-batch"])
    assert (volumes[0], round(volumes[-1])) == (1.0, 100_000)


PROFILE = st.one_of(st.none(), st.lists(st.floats(0, 5), min_size=24, max_size=24).filter(lambda p: sum(p) > 0.1))
FARGATE_SIZES = st.sampled_from([(0.25, 0.5), (0.5, 1.0), (0.5, 3.0), (1.0, 2.0), (1.0, 7.5), (2.0, 4.0), (4.0, 16.0),
                                 (0.3, 0.7), (8.0, 20.0), (16.0, 64.0)])


@st.composite
def workloads(draw: Any) -> Workload:
    jobs = draw(st.booleans())
    vcpu, memory = draw(FARGATE_SIZES)
    os_name = draw(st.sampled_from(["linux", "linux", "windows"]))
    arch = "x86_64" if os_name == "windows" else draw(st.sampled_from(["x86_64", "arm64"]))
    data: dict[str, Any] = {
        "name": "random",
        "region": draw(st.sampled_from(["us-east-1", "eu-west-1", "ap-northeast-1", "sa-east-1"])),
        "architecture": arch,
        "traffic": {"kind": "jobs" if jobs else "requests",
                    "requests_per_month": draw(st.integers(0, 10**10)),
                    "runs_per_month": draw(st.integers(0, 10**6)),
                    "duration_ms": draw(st.floats(1, 3_600_000)),
                    "daily_profile": draw(PROFILE)},
        "lambda": {"memory_mb": draw(st.integers(128, 10240)),
                   "ephemeral_storage_mb": draw(st.sampled_from([512, 1024, 10240])),
                   "free_tier": draw(st.booleans()),
                   "provisioned_concurrency": draw(st.sampled_from([0, 0, 5])),
                   "provisioned_hours_per_month": draw(st.sampled_from([0.0, 730.0])),
                   "provisioned_share": draw(st.floats(0, 1))},
        "container": {"vcpu": vcpu, "memory_gb": memory, "os": os_name,
                      "ephemeral_storage_gb": draw(st.sampled_from([20.0, 21.0, 100.0])),
                      "concurrency_per_task": draw(st.integers(1, 200)),
                      "target_utilization": draw(st.floats(0.1, 1)),
                      "min_tasks": draw(st.sampled_from([None, 0, 1, 2, 5])),
                      "spot_share": draw(st.sampled_from([0.0, 0.3, 1.0]))},
        "ec2": {"instance_type": draw(st.sampled_from(["auto", "auto", "m5.large", "t3.medium"])),
                "root_volume_gb": draw(st.sampled_from([0.0, 30.0]))},
        "front_door": draw(st.sampled_from(["auto", "none", "alb", "api_gateway_http", "api_gateway_rest"])),
        "requirements": {"gpus": draw(st.sampled_from([0, 0, 0, 1])), "payload_kb": draw(st.floats(0, 3000))},
        "assumptions": {"savings_plans": {"lambda_pct": draw(st.sampled_from([0.0, 17.0])),
                                          "fargate_pct": draw(st.sampled_from([0.0, 20.0])),
                                          "ec2_pct": draw(st.sampled_from([0.0, 40.0]))},
                        "month_hours": draw(st.sampled_from([730.0, 672.0, 744.0])),
                        "api_gateway_free_tier": draw(st.booleans())},
    }
    return Workload.model_validate(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workload=workloads(), seed=st.integers(0, 2**31))
def test_random_workloads_match_the_engine(book: PriceBook, workload: Workload, seed: int) -> None:
    if workload.ec2.instance_type != "auto" and workload.ec2.instance_type not in \
            book.regions[workload.region].ec2.on_demand:
        workload = workload.with_changes({"ec2.instance_type": "auto"})
    rng = np.random.default_rng(seed)
    low, high = volume_range(workload)
    volumes = sorted({int(v) for v in 10 ** rng.uniform(math.log10(low), math.log10(high), 12)})
    assert_matches_engine(workload, book, [*volumes, workload.units_per_month])


def test_the_volumes_are_numpys_logspace_and_linspace_to_the_bit() -> None:
    """The curves' volumes and the break-even search's samples, made without numpy, are numpy's floats: every
    volume range the charts span, and brackets of any width."""
    from desktop.model.advice.curves import linspace, log_volumes

    for low in (1, 10, 100, 1000):
        for high in (10**5, 10**9, 10**10, 10**11, 10**12, 10**13):
            assert log_volumes(low, high) == np.logspace(math.log10(low), math.log10(high), CURVE_POINTS).tolist()
    draw = np.random.default_rng(26)
    for _ in range(2000):
        low = int(draw.integers(0, 10**12))
        high = low + int(draw.integers(0, 10 ** int(draw.integers(0, 10))))
        assert [float(round(v)) for v in linspace(low, high, 129)] == np.linspace(low, high, 129).round().tolist()
