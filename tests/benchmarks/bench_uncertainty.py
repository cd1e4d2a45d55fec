"""Median time of the seeded Monte Carlo: 10,000 samples of six options (target: under 0.5 s), with only the
volume ranged and with three more inputs ranged (32 joint draws), against a floor measured in the same run: one
fast-calc call pricing the same 10,000 volumes (what the volume-only Monte Carlo cannot beat).

Run: python -m tests.benchmarks.bench_uncertainty
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.model.advice.engine import compute_quote
from desktop.model.advice.fast import fast_costs
from desktop.model.advice.uncertainty import monte_carlo
from desktop.model.pricing.book import load_price_book
from desktop.model.workload.files import load_workload
from desktop.model.workload.spec import Workload
from desktop.resources import examples_dir, price_book_path
from tests.benchmarks.timing import median_s

TARGET_S = 0.5
RUNS = 9
SIX = ["lambda", "fargate", "ec2", "lambda_managed", "ecs_managed", "eks_fargate"]


def _ranged(base: Workload, fields: dict[str, object]) -> Workload:
    data = base.to_json_dict()
    data["options"] = SIX
    data["ranges"] = {"seed": 1, "samples": 10_000, "fields": fields}
    return Workload.model_validate(data)


def measure(runs: int = RUNS) -> dict[str, float]:
    """Median seconds: "volume only", "four inputs" (the Monte Carlo) and "floor" (one fast-calc call)."""
    book = load_price_book(price_book_path())
    base = load_workload(examples_dir() / "http-api.workload.json")
    volume = {"traffic.requests_per_month": {"low": 5e6, "likely": 30e6, "high": 90e6}}
    many = {**volume, "traffic.duration_ms": {"low": 80, "high": 300},
            "container.concurrency_per_task": {"low": 5, "high": 40}, "traffic.burst_ratio": {"low": 1, "high": 3}}
    volume_only, four = _ranged(base, volume), _ranged(base, many)
    found = {"floor": median_s(lambda: fast_costs(volume_only, book, np.linspace(5e6, 9e7, 10_000), options=SIX),
                               runs)}
    for name, workload in (("volume only", volume_only), ("four inputs", four)):
        quote = compute_quote(workload, book)
        assert sum(1 for q in quote.options.values() if q.feasible) == len(SIX)
        found[name] = median_s(lambda w=workload, q=quote: monte_carlo(w, book, q), runs)  # type: ignore[misc]
    return found


def main() -> int:
    found = measure()
    floor = found.pop("floor")
    for name, took in found.items():
        print(f"{name:12s} 10,000 samples, {len(SIX)} priced options: median {took * 1000:7.1f} ms "
              f"({took / floor:.2f}x the floor)")
    print(f"floor (one fast-calc call, 10,000 volumes, six options): {floor * 1000:.1f} ms")
    ok = max(found.values()) < TARGET_S
    print(f"target < {TARGET_S * 1000:.0f} ms: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
