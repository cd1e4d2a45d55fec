"""What a scenario changes against the baseline, field by field.

For example "requests 30M -> 300M; region us-east-1 -> eu-central-1". Pure data and plain text, so the
window, the sheet, the CSV and the JSON say it the same way. Fields are named by the field catalogue and
listed in its order; the name and the questionnaire answers are not compared (the
answers only explain the fields, which are compared themselves).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.model.format import usd
from desktop.model.options.registry import all_options, short_label
from desktop.model.workload.fields import FieldSpec, all_fields
from desktop.model.workload.spec import Workload

SKIPPED = frozenset({"schema_version", "name", "answers"})
RANGED = "ranges.fields"  # a ranged input's low / likely / high, under the field's path
MONTE_CARLO = {"ranges.seed": "Monte Carlo seed", "ranges.samples": "Monte Carlo samples"}
GROWTH = {"horizon.growth.monthly_pct": ("monthly growth", "monthly growth range", "%"),  # label, ranged, unit
          "horizon.growth.step_factor": ("step factor", "step factor range", "x")}
SAME = "same as the baseline"
_FIELDS = {f.path: f for f in all_fields()}
_ORDER = {f.path: i for i, f in enumerate(all_fields())}
_KEEP_CASE = ("Lambda", "API", "EC2", "Fargate", "Savings")
_NO_UNIT = ("requests/month", "runs/month", "requests", "tasks", "envs")


@dataclass(frozen=True, slots=True)
class Difference:
    path: str  # the workload field, dotted as in the file
    label: str
    before: str  # the baseline's value, as text
    after: str  # this scenario's value, as text

    def __str__(self) -> str:
        return f"{self.label} {self.before} -> {self.after}"


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        path = f"{prefix}{key}"
        if path in SKIPPED:
            continue
        if path == "horizon" and isinstance(value, dict):  # the horizon is one difference, in a few words
            flat[path] = horizon_words(value)
        elif path == RANGED and isinstance(value, dict):  # a ranged input is one difference: "5M-20M-40M"
            flat.update({f"{RANGED}.{field}": tuple(spread.get(k) for k in ("low", "likely", "high"))
                         for field, spread in value.items() if isinstance(spread, dict)})
        elif isinstance(value, dict):
            flat.update(_flatten(value, f"{path}."))
        else:
            flat[path] = value
    return flat


def horizon_words(data: dict[str, Any]) -> str:
    """A horizon section in a few words: "36 months, growth 3% a month, one-off costs $5,000.00, people cost at
    $100 an hour" (as the file writes it: every part optional)."""
    def section(name: str) -> dict[str, Any]:
        found = data.get(name)
        return found if isinstance(found, dict) else {}

    growth = section("growth")
    parts = [f"{data.get('months', 36)} months"]
    if growth.get("kind") == "compound":
        parts.append(f"growth {_plain(growth.get('monthly_pct', 0))}% a month")
    elif growth.get("kind") == "step":
        parts.append(f"volume x{_plain(growth.get('step_factor', 1))} from month {growth.get('step_month', 13)}")
    one_offs = [o for o in data.get("one_off") or () if isinstance(o, dict)]
    if one_offs:
        parts.append(f"one-off costs {usd(sum(float(o.get('usd', 0)) for o in one_offs))}")
    people = section("people")
    if people.get("enabled"):
        parts.append(f"people cost at {usd(float(people.get('rate_usd_per_hour', 100)))} an hour")
    return ", ".join(parts)


def field_label(path: str) -> str:
    """A field's short name in running text: "requests", "Lambda memory", "task vCPU"."""
    if path == "options":
        return "options compared"
    if path.startswith(f"{RANGED}."):
        inner = path.removeprefix(f"{RANGED}.")
        return GROWTH[inner][1] if inner in GROWTH else f"{field_label(inner)} range"
    if path in MONTE_CARLO:
        return MONTE_CARLO[path]
    if path in GROWTH:
        return GROWTH[path][0]
    spec = _FIELDS.get(path)
    text = spec.label if spec is not None else path.rsplit(".", 1)[-1].replace("_", " ")
    if path.startswith("lambda.") and "Lambda" not in text:
        text = f"Lambda {text[:1].lower()}{text[1:]}"
    first = text.split(" ", 1)[0]
    if first in _KEEP_CASE or (len(first) > 1 and first[1].isupper()):
        return text
    return text[:1].lower() + text[1:]


def _short(number: float) -> str:
    size = abs(number)
    for limit, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if size >= limit:
            return f"{number / limit:.3g}{suffix}"
    return f"{number:g}"


def _plain(number: float) -> str:
    return f"{number:,.0f}" if float(number).is_integer() else f"{number:,.6g}"


def value_text(path: str, value: Any, exact: bool = False) -> str:
    """A field's value the way the form shows it: "30M", "70%", "1,024 MB", "eu-central-1", "yes"."""
    spec: FieldSpec | None = _FIELDS.get(path)
    if path == "options":
        return _options_text(value)
    if path.startswith("ranges.") or path == "horizon":  # "none" without one
        inner = path.removeprefix(f"{RANGED}.")
        if value is None:
            return "none"
        if isinstance(value, tuple):
            unit = GROWTH[inner][2] if inner in GROWTH else ""
            return "-".join(value_text(inner, v, exact) for v in value if v is not None) + unit
    if spec is not None and spec.choices and isinstance(value, str):  # the form's words, never the file's ids
        return next((label for stored, label in spec.choices if stored == value), value)
    if value is None:
        if path == "traffic.daily_profile":
            return "flat"
        return (spec.empty_text if spec is not None and spec.empty_text else "default")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return "custom" if path == "traffic.daily_profile" else " ".join(str(v) for v in value)
    if isinstance(value, int | float):
        if spec is not None and spec.kind == "volume":
            return _plain(value) if exact else _short(value)
        if spec is not None and spec.scale != 1:
            return f"{value * spec.scale:g}%"
        unit = spec.unit if spec is not None else ""
        text = _plain(value)
        if unit == "%":
            return f"{text}%"
        said = unit.lower() in spec.label.lower() if spec is not None and unit else False  # "Task vCPU", "GPUs"
        return f"{text} {unit}" if unit and unit not in _NO_UNIT and not said else text
    return str(value)


def _options_text(value: Any) -> str:
    """The options compared, by their short names: "Lambda, Fargate" or "default (Lambda, Fargate, ECS on EC2)"."""
    if value is None:
        return f"default ({', '.join(o.short_label for o in all_options() if o.compared_by_default)})"
    return ", ".join(short_label(str(option_id)) for option_id in value)


def differences(baseline: Workload, other: Workload) -> tuple[Difference, ...]:
    """Every field whose value differs between the two workloads, in the field catalogue's order."""
    if baseline is other:
        return ()
    before, after = _flatten(baseline.to_json_dict()), _flatten(other.to_json_dict())
    changed = [p for p in dict.fromkeys([*before, *after]) if before.get(p) != after.get(p)]
    changed.sort(key=lambda p: _ORDER.get(p, len(_ORDER)))
    found = []
    for path in changed:
        old, new = value_text(path, before.get(path)), value_text(path, after.get(path))
        if old == new:  # rounded alike ("123k"): say it exactly
            old, new = value_text(path, before.get(path), exact=True), value_text(path, after.get(path), exact=True)
        if old == new and path == "traffic.daily_profile":
            new = "another custom"
        found.append(Difference(path, field_label(path), old, new))
    return tuple(found)


def differences_text(found: tuple[Difference, ...]) -> str:
    return "; ".join(str(d) for d in found) if found else SAME
