"""The fast sensitivity gives the rows it gave before exactly: on every example and a few hundred generated workloads,
each row's values, costs to the cent (Decimal equality), winners and notes, and the hinge, against the sensitivity as
it was computed before (each variant a validated `with_changes` copy priced by a full quote, its findings and its
winner: `_before`)."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pydantic import BaseModel

from desktop.model.advice import sensitivity as module
from desktop.model.advice.advise import advise
from desktop.model.advice.engine import compute_quote
from desktop.model.advice.findings import find_findings
from desktop.model.advice.recommend import winner
from desktop.model.advice.types import Hinge, SensitivityRow
from desktop.model.options.registry import option_ids
from desktop.model.pricing.book import PriceBook
from desktop.model.pricing.quote import Quote
from desktop.model.workload.spec import Workload

GENERATED = 240
SEED = 26


def _leaves(model: Any, path: str = "") -> Iterator[tuple[str, type, Any]]:
    """Every field of a model, nested, with its value's type (1 and 1.0 are equal, but not the same field)."""
    if isinstance(model, BaseModel):
        for name in type(model).model_fields:
            yield from _leaves(getattr(model, name), f"{path}.{name}")
    else:
        yield path, type(model), model


def _generated(examples: dict[str, Workload], count: int) -> list[Workload]:
    """Workloads from the examples with their sensitivity's inputs (and what decides the winner) drawn at random,
    each a valid workload."""
    rng = random.Random(SEED)
    bases = [examples[name] for name in sorted(examples)]
    found: list[Workload] = []
    while len(found) < count:
        base = rng.choice(bases)
        volume = "traffic.runs_per_month" if base.is_jobs else "traffic.requests_per_month"
        changes: dict[str, Any] = {
            volume: int(10 ** rng.uniform(2, 10)),
            "traffic.duration_ms": round(10 ** rng.uniform(0.5, 6.5), 1),
            "traffic.burst_ratio": round(rng.uniform(1, 6), 2),
            "lambda.memory_mb": rng.choice((128, 256, 512, 1024, 1769, 3008, 6144, 10240)),
            "container.vcpu": rng.choice((0.25, 0.5, 1, 2, 4, 8)),
            "container.memory_gb": rng.choice((0.5, 1, 2, 4, 8, 16, 30)),
            "container.concurrency_per_task": rng.randint(1, 200),
            "container.target_utilization": round(rng.uniform(0.3, 1.0), 2),
            "container.min_tasks": rng.choice((0, 0, 1, 2, 3, 10)),
            "container.spot_share": rng.choice((0.0, 0.0, 0.3, 0.8)),
            "assumptions.savings_plans.lambda_pct": rng.choice((0.0, 0.0, 5.0, 17.0)),
            "assumptions.savings_plans.fargate_pct": rng.choice((0.0, 0.0, 20.0, 52.0)),
            "assumptions.savings_plans.ec2_pct": rng.choice((0.0, 0.0, 30.0, 72.0)),
            "requirements.interruption_tolerant": rng.random() < 0.3,
            "priorities.cost": rng.randint(0, 5),
            "priorities.operations": rng.randint(0, 5),
            "priorities.latency": rng.randint(0, 5),
        }
        if rng.random() < 0.3:  # every option compared, Managed Instances and EKS too (their findings differ)
            changes["options"] = list(option_ids())
        try:
            found.append(base.with_changes(changes).model_copy(update={"name": f"generated {len(found)}"}))
        except ValueError:  # a drawn mix the schema refuses (e.g. a run longer than the month): draw again
            continue
    return found


Outcomes = Callable[[Workload, PriceBook, Quote, str, list[dict[str, Any]]], list[tuple[Any, str | None]]]


def _before(workload: Workload, book: PriceBook, quote: Quote, option: str, changes: list[dict[str, Any]]
            ) -> list[tuple[Any, str | None]]:
    """The outcomes as the sensitivity computed them before: a validated copy and a full quote per variant."""
    found = []
    for change in changes:
        varied = workload.with_changes(change)
        priced = compute_quote(varied, book)
        found.append((priced.options[option].monthly_usd, winner(varied, priced, find_findings(varied, priced))))
    return found


def _computed(workloads: list[Workload], book: PriceBook, outcomes: Outcomes, monkeypatch: pytest.MonkeyPatch
              ) -> list[tuple[tuple[SensitivityRow, ...], Hinge | None]]:
    with monkeypatch.context() as patch:
        patch.setattr(module, "_outcomes", outcomes)
        found = []
        for workload in workloads:
            advice = advise(workload, book)
            found.append((advice.sensitivity, advice.hinge))
    return found


@pytest.fixture(scope="module")
def workloads(examples: dict[str, Workload]) -> list[Workload]:
    return [examples[name] for name in sorted(examples)] + _generated(examples, GENERATED)


def test_each_variant_equals_the_validated_copy(workloads: list[Workload]) -> None:
    tried = 0
    for workload in workloads:
        for item, base, low, high in module.tried(workload):
            for value in {low, high} - {base}:
                changes = item.write(workload, value)
                assert list(_leaves(module.varied(workload, changes))) == \
                    list(_leaves(workload.with_changes(changes))), (workload.name, changes)
                tried += 1
    assert tried > 12 * len(workloads)  # most assumptions move both ways


def test_rows_and_hinge_equal_todays(book: PriceBook, workloads: list[Workload],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    old = _computed(workloads, book, _before, monkeypatch)
    new = _computed(workloads, book, module._outcomes, monkeypatch)
    for workload, (old_rows, old_hinge), (new_rows, new_hinge) in zip(workloads, old, new, strict=True):
        assert new_rows == old_rows, workload.name
        assert new_hinge == old_hinge, workload.name
    flips = sum(1 for rows, _hinge in new for row in rows if row.flips)
    assert flips > len(workloads) // 4  # the draws move winners, so the winners are compared, not only costs
