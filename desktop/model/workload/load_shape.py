"""How the monthly volume spreads over the 24 hours of a day, and the concurrency it needs.

Little's law: concurrency = arrival rate x duration. Each hour of the day repeats month_hours / 24 times
a month; capacity is sized hour by hour (an Auto Scaling policy that follows the daily shape).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from desktop.model.workload.spec import Workload

HOURS = 24
_FLAT = (1.0,) * HOURS


def hour_weights(profile: tuple[float, ...] | None) -> tuple[float, ...]:
    """Relative load per hour scaled to a mean of 1 (flat when no profile is given)."""
    if profile is None:
        return _FLAT
    mean = sum(profile) / HOURS
    return tuple(v / mean for v in profile)


@dataclass(frozen=True, slots=True)
class LoadShape:
    """Concurrency (units of work in flight) in each hour of the day, and what drives it."""

    units_per_month: int
    duration_s: float
    month_hours: float
    hourly_concurrency: tuple[float, ...]
    hourly_rate_per_s: tuple[float, ...]

    @property
    def peak_concurrency(self) -> float:
        return max(self.hourly_concurrency)

    @property
    def average_concurrency(self) -> float:
        return sum(self.hourly_concurrency) / HOURS

    @property
    def peak_rate_per_s(self) -> float:
        return max(self.hourly_rate_per_s)


def load_shape(workload: Workload, units_per_month: int | None = None) -> LoadShape:
    units = workload.units_per_month if units_per_month is None else units_per_month
    month_hours = workload.assumptions.month_hours
    duration_s = workload.traffic.duration_ms / 1000.0
    average_rate = units / (month_hours * 3600.0)
    weights = hour_weights(workload.traffic.daily_profile)
    rates = tuple(average_rate * w for w in weights)
    return LoadShape(
        units_per_month=units,
        duration_s=duration_s,
        month_hours=month_hours,
        hourly_concurrency=tuple(r * duration_s for r in rates),
        hourly_rate_per_s=rates,
    )


def ceil_count(value: float) -> int:
    """Round a needed count up, forgiving float noise (2.0000000001 -> 2)."""
    return math.ceil(value - 1e-9) if value > 0 else 0


def tasks_per_hour(workload: Workload, shape: LoadShape) -> tuple[int, ...]:
    """ECS tasks running in each hour of the day: enough for the load, never below min_tasks."""
    floor = workload.min_tasks
    if workload.is_jobs:
        per_task = 1.0
    else:
        per_task = workload.container.concurrency_per_task * workload.container.target_utilization
    return tuple(max(floor, ceil_count(c / per_task)) for c in shape.hourly_concurrency)
