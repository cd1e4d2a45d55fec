"""Every editable workload field, grouped the way an architect thinks, with units, meaning and AWS limits.

The field catalogue, read from the schema: each field is described once, beside it (`Describe` in
workload/spec.py or in an option's options/<id>/sections.py), and its range is its Field's (`field_bounds`). The
form builds one editor per FieldSpec (objectName = the dotted path) and the sheet's assumption register names each
field by its `title`. The shared groups below name their fields' paths; each section with a FORM_TITLE adds a group
of its other described fields, so an option's group comes from its folder.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic.fields import FieldInfo

from desktop.model.schema.fields import Describe
from desktop.model.schema.fields import FieldSpec as FieldSpec
from desktop.model.schema.fields import GroupSpec as GroupSpec
from desktop.model.schema.fields import Kind as Kind
from desktop.model.schema.workload import Section
from desktop.model.workload.spec import Workload
from desktop.model.workload.validation import field_info

# The groups the options share, by the fields they list in order; what the form, the sheet and the texts say of
# each field (label, help, unit, the AWS limit and its source, choice labels) is declared beside the field on the
# schema (`Describe`), its range on the field itself. Each section with a FORM_TITLE adds a group of its other fields.
_TRAFFIC = ("Traffic and load shape", (
    "name", "traffic.kind", "traffic.requests_per_month", "traffic.runs_per_month", "traffic.daily_profile",
    "traffic.burst_ratio"))
_PER_UNIT = ("Per request or run", (
    "traffic.duration_ms", "requirements.payload_kb", "requirements.latency_slo_ms", "requirements.vcpu_per_unit",
    "requirements.memory_mb_per_unit", "requirements.scratch_gb", "requirements.artifact_mb", "requirements.gpus",
    "requirements.trigger", "requirements.long_lived_connections", "requirements.in_memory_state",
    "requirements.interruption_tolerant", "requirements.checkpointable", "requirements.privileged",
    "requirements.daemon_per_host"))
_AFTER_SECTIONS = (
    ("Front door", ("front_door", "network.alb_rules", "network.alb_subnets", "network.connection_minutes",
                    "network.open_connections")),
    ("Network and logs", ("network.nat_gateways", "network.nat_kb_per_unit", "network.public_ipv4",
                          "network.log_kb_per_unit", "network.log_retention_days", "network.response_kb")),
    ("Pricing options", ("region", "architecture", "lambda.free_tier", "assumptions.api_gateway_free_tier",
                         "assumptions.savings_plans.lambda_pct", "assumptions.savings_plans.fargate_pct",
                         "assumptions.savings_plans.ec2_pct", "assumptions.commitment.plan",
                         "assumptions.commitment.term", "assumptions.commitment.payment",
                         "assumptions.commitment.covered_pct", "container.spot_share",
                         "assumptions.fargate_spot_discount_pct", "assumptions.ec2_spot_discount_pct",
                         "assumptions.month_hours")),
    ("Team and priorities", ("team.operations_appetite", "team.configuration_control", "priorities.cost",
                             "priorities.operations", "priorities.latency", "priorities.flexibility")),
)
_LISTED = frozenset(path for _title, paths in (_TRAFFIC, _PER_UNIT, *_AFTER_SECTIONS) for path in paths)


def _field_info(path: str) -> FieldInfo | None:
    """The schema's field at a dotted path of the file form (aliases as in the file: "lambda.memory_mb")."""
    return field_info(Workload, tuple(path.split(".")))


def field_spec(path: str) -> FieldSpec:
    """What the form and the texts say of a field, as declared beside it on the schema."""
    info = _field_info(path)
    described = next((m for m in info.metadata if isinstance(m, Describe)), None) if info is not None else None
    if described is None:
        raise KeyError(f"{path} has no Describe(...) beside it in the workload schema")
    return described.spec(path)


def _group(title: str, paths: tuple[str, ...]) -> GroupSpec:
    return GroupSpec(title, tuple(field_spec(path) for path in paths))


def _section_titles() -> dict[str, str]:
    titles = {"": "Workload"}
    for name, info in Workload.model_fields.items():
        model = info.annotation
        if isinstance(model, type) and issubclass(model, Section) and model.TITLE:
            titles[info.alias or name] = model.TITLE
    return titles


def _section_groups() -> list[GroupSpec]:
    """Each section with a form title, in file order: its described fields no shared group lists."""
    groups = []
    for name, info in Workload.model_fields.items():
        model = info.annotation
        if not (isinstance(model, type) and issubclass(model, Section) and model.FORM_TITLE):
            continue
        key = info.alias or name
        paths = tuple(f"{key}.{field.alias or field_name}" for field_name, field in model.model_fields.items()
                      if any(isinstance(m, Describe) for m in field.metadata))
        groups.append(_group(model.FORM_TITLE, tuple(p for p in paths if p not in _LISTED)))
    return groups


def _groups() -> tuple[GroupSpec, ...]:
    """The traffic and the unit of work, then each section's own group in file order (an option's fields are
    described in its folder, beside its section), then the shared groups."""
    return (_group(*_TRAFFIC), _group(*_PER_UNIT), *_section_groups(),
            *(_group(title, paths) for title, paths in _AFTER_SECTIONS))


# The workload file's sections as the sheet titles them, in file order.
SECTION_TITLES = _section_titles()
GROUPS = _groups()


@dataclass(frozen=True, slots=True)
class Bounds:
    """A numeric field's accepted range as the schema declares it (its pydantic Field's ge/gt/le/lt)."""

    low: float | None = None
    high: float | None = None
    low_open: bool = False  # gt rather than ge
    high_open: bool = False  # lt rather than le


def field_bounds(path: str) -> Bounds:
    """The schema's bounds of a workload field (dotted path as in the file, e.g. "lambda.memory_mb"): declared once
    on the field, read by the form, the questionnaire, sensitivity and the options' "up to" rates."""
    info = _field_info(path)
    return info_bounds(info) if info is not None else Bounds()


def info_bounds(info: FieldInfo) -> Bounds:
    """The bounds a pydantic field declares (its ge/gt/le/lt)."""
    return metadata_bounds(info.metadata)


def metadata_bounds(metadata: Iterable[Any]) -> Bounds:
    """The bounds a field's metadata declares (ge/gt/le/lt; the last of each wins)."""
    low = high = None
    low_open = high_open = False
    for meta in metadata:
        if getattr(meta, "ge", None) is not None:
            low = meta.ge
        if getattr(meta, "gt", None) is not None:
            low, low_open = meta.gt, True
        if getattr(meta, "le", None) is not None:
            high = meta.le
        if getattr(meta, "lt", None) is not None:
            high, high_open = meta.lt, True
    return Bounds(low, high, low_open, high_open)


def all_fields() -> tuple[FieldSpec, ...]:
    return tuple(f for group in GROUPS for f in group.fields)
