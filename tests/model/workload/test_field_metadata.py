"""Each workload field is described once, beside it on the schema, and everything that names or bounds a field
reads that one declaration."""

from __future__ import annotations

from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from desktop.model.advice.sensitivity import ASSUMPTIONS
from desktop.model.options.registry import get
from desktop.model.questionnaire.data import QUESTIONS_BY_ID
from desktop.model.schema.fields import Describe
from desktop.model.workload.fields import GROUPS, all_fields, field_bounds
from desktop.model.workload.spec import Workload
from tests.conftest import make_workload


def _described(model: type[BaseModel], prefix: str = "") -> dict[str, tuple[Describe, Any]]:
    found: dict[str, tuple[Describe, Any]] = {}
    for name, info in model.model_fields.items():
        path = f"{prefix}{info.alias or name}"
        if isinstance(info.annotation, type) and issubclass(info.annotation, BaseModel):
            found.update(_described(info.annotation, f"{path}."))
        for meta in info.metadata:
            if isinstance(meta, Describe):
                found[path] = (meta, info.annotation)
    return found


def test_every_described_field_is_in_the_form_once() -> None:
    paths = [f.path for f in all_fields()]
    assert len(paths) == len(set(paths))
    assert set(paths) == set(_described(Workload))
    assert sum(len(g.fields) for g in GROUPS) == len(paths) == 76  # 67, the commitment (4), the rules (5)


def test_choice_labels_cover_exactly_the_values_the_schema_accepts() -> None:
    for path, (described, annotation) in _described(Workload).items():
        if described.kind != "choice":
            continue
        assert get_origin(annotation) is Literal, path
        assert sorted(value for value, _label in described.choices) == sorted(get_args(annotation)), path


def test_ranges_are_read_from_the_field_not_restated() -> None:
    memory = field_bounds("lambda.memory_mb")
    assert (memory.low, memory.high) == (128, 10240)
    vary = next(a for a in ASSUMPTIONS if a.path == "lambda.memory_mb").vary
    assert vary(make_workload(), 10240.0) == (5120.0, 10240.0)  # +100% capped at the field's bound
    volume = QUESTIONS_BY_ID["monthly_volume"]
    requests = field_bounds("traffic.requests_per_month")
    assert (volume.minimum, volume.maximum) == (requests.low, requests.high) == (0, 10**13)


def test_the_ec2_savings_plans_up_to_is_the_fields_bound_everywhere() -> None:
    top = field_bounds("assumptions.savings_plans.ec2_pct").high
    assert top == 72  # EC2 Instance Savings Plans and Standard RIs: up to 72% (AWS Savings Plans page)
    assert {get(o).savings_plan.up_to for o in ("ec2", "lambda_managed", "ecs_managed")} == {72.0}  # type: ignore[union-attr]
    full = QUESTIONS_BY_ID["savings_plans"].choice("full")
    assert full is not None and full.sets["assumptions.savings_plans.ec2_pct"] == 72.0
