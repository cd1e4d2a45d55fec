"""What the container options share: how many ECS tasks the load needs in each hour of the day."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.model.options.common.calc import Array, Calc

if TYPE_CHECKING:
    from desktop.model.workload.spec import Workload


def tasks_per_hour(workload: Workload, calc: Calc) -> Array:
    """ECS tasks running in each hour of the day, shape (volumes, 24): enough for the load at its peak within
    the hour (the hour's concurrency x traffic.burst_ratio), never below min_tasks. A count is rounded up,
    forgiving float noise (2.0000000001 tasks is 2)."""
    found = calc.memo.get("tasks")
    if found is not None:
        return found
    if workload.is_jobs:
        per_task = 1.0
    else:
        per_task = workload.container.concurrency_per_task * workload.container.target_utilization
    need = calc.concurrency() * workload.traffic.burst_ratio / per_task
    xp = calc.xp
    counts = xp.where(need > 0, xp.ceil(need - 1e-9), 0.0)
    found = calc.memo["tasks"] = xp.maximum(float(workload.min_tasks), counts)
    return found


def hourly_counts(values: Array) -> tuple[int, ...]:
    """The exact calc's one row of hourly counts as whole numbers."""
    return tuple(values[0].astype(int).tolist())
