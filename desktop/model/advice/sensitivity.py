"""Sensitivity: how the recommended option's cost and the winner move when a main assumption moves.

Each assumption is data (label, field, how to read it, how to set it) and is tried at -50% and +100% of
its value, kept inside the field's valid range. An assumption at 0 (no Savings Plans, no Spot, no task
floor) is tried at a what-if value instead, said in its label. Rows are sorted by impact on the
recommended option's monthly cost: the data behind a tornado chart. A row "flips" when the low or high
value changes the recommended option; the first such row (biggest impact first) is the assumption the verdict
hinges on, and a short search between its value and the end that flips finds the value nearest today's at which
another option wins.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from desktop.model.advice.engine import compute_quote
from desktop.model.advice.findings import find_findings
from desktop.model.advice.recommend import winner
from desktop.model.advice.types import Hinge, SensitivityRow
from desktop.model.advice.variants import fields_by_key, variant, variant_quotes
from desktop.model.lean.bounds import shape_bounds
from desktop.model.options.registry import compared, short_label
from desktop.model.pricing.quote import Quote

if TYPE_CHECKING:  # annotations only: the lean `estimate --json` advises on plain objects, without pydantic
    from desktop.model.pricing.book import PriceBook
    from desktop.model.workload.spec import Workload

LOW_FACTOR = 0.5
HIGH_FACTOR = 2.0
WHAT_IF_SAVINGS_SHARE = 0.5
WHAT_IF_SPOT_SHARE = 0.5
MAX_BURST_RATIO = shape_bounds("traffic.burst_ratio")[1]  # = desktop.model.workload.spec's (a test checks it)
MAX_MIN_TASKS = shape_bounds("container.min_tasks")[1]
HINGE_STEPS = 6  # halvings of the interval between today's value and the one that flips the winner


Vary = Callable[["Workload", float], tuple[float, float]]


@dataclass(frozen=True, slots=True)
class Assumption:
    label: str
    path: str
    applies: Callable[[Workload], bool]
    read: Callable[[Workload], float]
    vary: Vary  # (workload, base) -> (low, high), inside the field's valid range
    write: Callable[[Workload, float], dict[str, Any]]  # value -> dotted-path changes
    note: str = ""  # what the value means when the label alone does not say
    words: str = "{}"  # today's value in words, "{} concurrent requests per task" (the value in the braces; {s}
    # is "s" unless the value is 1)
    show: Callable[[float], str] = lambda v: f"{v:,.4g}"  # a value as the verdict prints it: "5", "35%", "240 ms"
    whole: bool = False  # a count: "5 or fewer", not "5 or less"


def _scaled(low_min: float, high_max: float, integer: bool = False) -> Vary:
    def vary(w: Workload, base: float) -> tuple[float, float]:
        low, high = max(low_min, base * LOW_FACTOR), min(high_max, base * HIGH_FACTOR)
        if integer:
            return float(max(low_min, math.floor(low))), float(min(high_max, round(high)))
        return low, high
    return vary


def _within(path: str, integer: bool = False) -> Vary:
    """-50% and +100%, inside the range the workload schema declares for the field."""
    low, high = shape_bounds(path)
    if low is None or high is None:
        raise ValueError(f"{path} has no bounds in the workload schema")
    return _scaled(float(low), float(high), integer)


def _duration_vary(w: Workload, base: float) -> tuple[float, float]:
    """-50% and +100%, never beyond the month the workload assumes (a run may last that long, not longer)."""
    return _scaled(0.001, w.assumptions.month_hours * 3600 * 1000)(w, base)


def _floor_vary(w: Workload, base: float) -> tuple[float, float]:
    if base <= 0:
        return 0.0, 1.0
    return float(math.floor(base * LOW_FACTOR)), float(min(MAX_MIN_TASKS, base * HIGH_FACTOR))


def _share_vary(what_if: float) -> Vary:
    def vary(w: Workload, base: float) -> tuple[float, float]:
        return (base * LOW_FACTOR, min(1.0, base * HIGH_FACTOR)) if base > 0 else (0.0, what_if)
    return vary


def _burst_vary(w: Workload, base: float) -> tuple[float, float]:
    """From an even hour (1) to twice today's burst (at least 2): the burst is at least 1 by definition."""
    return max(1.0, base * LOW_FACTOR), min(MAX_BURST_RATIO, max(2.0, base * HIGH_FACTOR))


_PLAN_TOPS: dict[tuple[str, ...], dict[str, float]] = {}  # by the options compared (a rate is read off the schema)


def savings_plan_max(w: Workload) -> dict[str, float]:
    """The Savings Plans field of each option the workload compares and AWS's "up to" rate for it (a field shared
    by several options, e.g. EC2's, once)."""
    options = compared(w)
    key = tuple(o.id for o in options)
    found = _PLAN_TOPS.get(key)
    if found is None:
        found = _PLAN_TOPS[key] = {o.savings_plan.field: o.savings_plan.up_to for o in options
                                   if o.savings_plan is not None}
    return dict(found)


def _savings_note(w: Workload) -> str:
    names = {o.savings_plan.field: o.savings_plan.name for o in compared(w) if o.savings_plan is not None}
    rates = ", ".join(f"{names[key]} {top:g}%" for key, top in savings_plan_max(w).items())
    return f"share of AWS's 'up to' rates ({rates})"


def _savings_share(w: Workload) -> float:
    plans = w.assumptions.savings_plans
    tops = savings_plan_max(w)
    return sum(float(getattr(plans, key)) / top for key, top in tops.items()) / len(tops) if tops else 0.0


def _savings_changes(w: Workload, share: float) -> dict[str, Any]:
    base = _savings_share(w)
    plans = w.assumptions.savings_plans
    changes: dict[str, Any] = {}
    for key, top in savings_plan_max(w).items():
        value = top * share if base == 0 else getattr(plans, key) * share / base
        changes[f"assumptions.savings_plans.{key}"] = min(top, value)
    return changes


def _count(v: float) -> str:
    return f"{v:,.0f}"


def _share(v: float) -> str:
    return f"{v:.0%}"


_TASK_MEMORY_GB = shape_bounds("container.memory_gb")[1] or 1024.0


def _memory_changes(w: Workload, memory_mb: float) -> dict[str, Any]:
    """Lambda memory to the value; the task's memory by the same factor (within ECS's range)."""
    factor = memory_mb / w.lambda_.memory_mb
    return {"lambda.memory_mb": int(memory_mb),
            "container.memory_gb": min(_TASK_MEMORY_GB, max(0.001, w.container.memory_gb * factor))}


def _volume_path(w: Workload) -> str:
    return "traffic.runs_per_month" if w.is_jobs else "traffic.requests_per_month"


def _always(w: Workload) -> bool:
    return True


def _flat_savings(w: Workload) -> bool:
    """The flat Savings Plans percentages price the quote (a commitment, when set, replaces them)."""
    return w.assumptions.commitment.plan == "none"


def _requests_only(w: Workload) -> bool:
    return not w.is_jobs


ASSUMPTIONS: tuple[Assumption, ...] = (
    Assumption("Monthly volume", "traffic.units_per_month", _always, lambda w: float(w.units_per_month),
               _within("traffic.requests_per_month", integer=True),
               lambda w, v: {_volume_path(w): int(v)}, words="{} a month", show=_count, whole=True),
    Assumption("Duration (ms)", "traffic.duration_ms", _always,
               lambda w: w.traffic.duration_ms, _duration_vary,
               lambda w, v: {"traffic.duration_ms": v}, words="{} per request or run", show=lambda v: f"{v:,.4g} ms"),
    Assumption("Memory (MB)", "lambda.memory_mb", _always,
               lambda w: float(w.lambda_.memory_mb), _within("lambda.memory_mb", integer=True), _memory_changes,
               "Lambda memory; the task's memory moves by the same factor", words="{} of memory",
               show=lambda v: f"{v:,.0f} MB", whole=True),
    Assumption("Concurrency per task", "container.concurrency_per_task", _requests_only,
               lambda w: float(w.container.concurrency_per_task),
               _within("container.concurrency_per_task", integer=True),
               lambda w, v: {"container.concurrency_per_task": int(v)},
               words="{} concurrent requests per task", show=_count, whole=True),
    Assumption("Target utilisation", "container.target_utilization", _requests_only,
               lambda w: w.container.target_utilization, _within("container.target_utilization"),
               lambda w, v: {"container.target_utilization": v},
               words="a target utilisation of {}", show=_share),
    Assumption("Burst within the hour", "traffic.burst_ratio", _always, lambda w: w.traffic.burst_ratio,
               _burst_vary, lambda w, v: {"traffic.burst_ratio": v},
               "containers are sized for the peak within the hour (peak / average)",
               words="a peak of {} the hour's average", show=lambda v: f"{v:.3g}x"),
    Assumption("Minimum tasks", "container.min_tasks", _always, lambda w: float(w.min_tasks),
               _floor_vary, lambda w, v: {"container.min_tasks": int(v)},
               words="{} always-on task{s}", show=_count, whole=True),
    Assumption("Savings Plans", "assumptions.savings_plans",
               _flat_savings, _savings_share, _share_vary(WHAT_IF_SAVINGS_SHARE), _savings_changes, "",
               words="Savings Plans at {} of AWS's 'up to' rates", show=_share),
    Assumption("Spot share", "container.spot_share", _always,
               lambda w: w.container.spot_share, _share_vary(WHAT_IF_SPOT_SHARE),
               lambda w, v: {"container.spot_share": v}, words="{} of container capacity on Spot", show=_share),
)


def _changed(model: Any, changes: dict[str, Any]) -> Any:
    """A copy of `model` with dotted-path changes (file names: "lambda" for lambda_), each value of the type the
    field holds (an int given to a float field becomes a float, as validation makes it)."""
    by_field: dict[str, dict[str, Any]] = {}
    update: dict[str, Any] = {}
    aliases = fields_by_key(model) or {}
    for path, value in changes.items():
        head, _, rest = path.partition(".")
        name = aliases.get(head, head)
        if rest:
            by_field.setdefault(name, {})[rest] = value
        else:
            before = getattr(model, name)
            update[name] = float(value) if isinstance(before, float) and isinstance(value, int) else value
    for name, inner in by_field.items():
        update[name] = _changed(getattr(model, name), inner)
    return model.model_copy(update=update)


def varied(workload: Workload, changes: dict[str, Any]) -> Workload:
    """`workload.with_changes(changes)` without its file round trip and validation (about a fifth of the
    sensitivity's time): the values the assumptions write are inside their fields' bounds by construction
    (`vary`), so the copy equals the validated one (tests/model/test_sensitivity_fast.py checks it on every
    variant of the examples and of generated workloads)."""
    found: Workload = _changed(workload, changes)
    return found


def _outcomes(workload: Workload, book: PriceBook, quote: Quote, option: str, changes: list[dict[str, Any]]
              ) -> list[tuple[Decimal | None, str | None]]:
    """For each set of changes applied, the option's monthly cost and the recommended option (each variant's
    options priced together: variants.py)."""
    workloads = [varied(workload, c) for c in changes]
    quotes = variant_quotes(workload, book, quote, [variant(w, c) for w, c in zip(workloads, changes, strict=True)])
    return [(q.options[option].monthly_usd, winner(w, q, find_findings(w, q)))
            for w, q in zip(workloads, quotes, strict=True)]


def _volume_cap(w: Workload) -> float:
    return 10**9 if w.is_jobs else 10**13


def tried(workload: Workload) -> list[tuple[Assumption, float, float, float]]:
    """Each assumption that applies to the workload: (the assumption, today's value, its low, its high)."""
    found = []
    for item in ASSUMPTIONS:
        if not item.applies(workload):
            continue
        base = item.read(workload)
        low, high = item.vary(workload, base)
        if item.path == "traffic.units_per_month":
            high = min(high, _volume_cap(workload)) if base > 0 else high
        found.append((item, base, low, high))
    return found


def sensitivity(workload: Workload, book: PriceBook, quote: Quote, recommended: str | None
                ) -> tuple[SensitivityRow, ...]:
    """Each main assumption at -50% and +100%: the recommended option's cost and the winner, biggest impact first."""
    if recommended is None:
        return ()
    base_cost = quote.options[recommended].monthly_usd
    rows: list[SensitivityRow] = []
    moves = tried(workload)
    outcomes = iter(_outcomes(workload, book, quote, recommended, [
        item.write(workload, value) for item, base, low, high in moves for value in (low, high) if value != base]))
    for item, base, low, high in moves:
        (low_cost, low_winner), (high_cost, high_winner) = (
            (base_cost, recommended) if value == base else next(outcomes) for value in (low, high))
        impact = abs((high_cost or Decimal(0)) - (low_cost or Decimal(0))) \
            if low_cost is not None and high_cost is not None else Decimal(0)
        path = _volume_path(workload) if item.path == "traffic.units_per_month" else item.path
        label = ("Runs per month" if workload.is_jobs else "Requests per month") \
            if item.path == "traffic.units_per_month" else item.label
        notes = [item.note] if item.note else []
        if item.path == "assumptions.savings_plans":
            notes.append(_savings_note(workload))
        if base == 0 and high != 0:
            notes.append(f"now 0: tried at {high:g}, a what-if")
        note = "; ".join(notes)
        rows.append(SensitivityRow(label, path, base, low, high, low_cost, high_cost, low_winner, high_winner,
                                   impact, recommended, base_cost, note))
    order = {row.label: n for n, row in enumerate(rows)}
    return tuple(sorted(rows, key=lambda r: (-r.impact_usd, order[r.label])))


def _assumption(row: SensitivityRow) -> Assumption | None:
    by_path = {a.path: a for a in ASSUMPTIONS}
    return by_path.get("traffic.units_per_month" if row.path.startswith("traffic.") and row.path.endswith(
        "_per_month") else row.path)


def _winner_at(workload: Workload, book: PriceBook, item: Assumption, value: float) -> str | None:
    changed = varied(workload, item.write(workload, value))
    quote = compute_quote(changed, book)
    return winner(changed, quote, find_findings(changed, quote))


def _rounded_outwards(value: float, down: bool) -> float:
    """Large values to 3 significant figures, rounded away from today's value (so "at 9.22M or more" stays true
    where 9,218,750 was found); small ones as found."""
    if abs(value) < 1000:
        return value
    step = 10.0 ** (math.floor(math.log10(abs(value))) - 2)
    return (math.floor(value / step) if down else math.ceil(value / step)) * step


def hinge(workload: Workload, book: PriceBook, rows: tuple[SensitivityRow, ...]) -> Hinge | None:
    """The assumption the verdict hinges on: the first row (biggest impact first) whose low or high value makes
    another option the recommendation, with the value nearest today's found where it does."""
    row = next((r for r in rows if r.flips), None)
    item = _assumption(row) if row is not None else None
    if row is None or item is None:
        return None
    low_side = row.low_winner != row.base_winner
    far = row.low_value if low_side else row.high_value
    flipped = row.low_winner if low_side else row.high_winner
    near = row.base_value
    for _ in range(HINGE_STEPS):
        middle = (near + far) / 2
        if item.whole:
            middle = float(math.floor(middle) if low_side else math.ceil(middle))
        if middle in (near, far):
            break
        found = _winner_at(workload, book, item, middle)
        if found == row.base_winner:
            near = middle
        else:
            far, flipped = middle, found
    words = item.words
    if item.path == "traffic.units_per_month":
        words = "{} " + ("runs" if workload.is_jobs else "requests") + " a month"
    which = f"{short_label(flipped)} wins" if flipped is not None else "no option is feasible"
    beyond = ("fewer" if item.whole else "less") if low_side else "more"
    today = words.format(item.show(row.base_value), s="" if row.base_value == 1 else "s")
    text = f"depends on: {today}; at {item.show(_rounded_outwards(far, low_side))} or {beyond}, {which}"
    return Hinge(row.label, row.path, row.base_value, far, flipped, text)
