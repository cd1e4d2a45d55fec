"""Small helpers the options' hard rules share: what one unit of work needs, and durations as people read them.

Source of the limits themselves: shared reference aws-limits.md, "Decision rules derived from the limits";
each option module cites the page behind each of its rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.model.workload.spec import Workload



def duration_text(seconds: float) -> str:
    """A duration as a person reads it, exact near the 15-minute limit (901 s is "15 min 1 s", not "15 min")."""
    if seconds < 120:
        return f"{seconds:g} s"
    if seconds >= 3600:
        hours = seconds / 3600
        return f"{hours:g} h" if abs(hours - round(hours)) < 1e-9 else f"{hours:.1f} h"
    minutes, rest = divmod(seconds, 60)
    if rest < 1e-9:
        return f"{minutes:.0f} min"
    return f"{minutes:.0f} min {rest:.3g} s"


def unit_phrase(workload: Workload) -> str:
    return "a run" if workload.is_jobs else "a request"


def unit_vcpu(workload: Workload) -> float:
    if workload.requirements.vcpu_per_unit is not None:
        return workload.requirements.vcpu_per_unit
    if workload.is_jobs:
        return workload.container.vcpu
    return workload.container.vcpu / workload.container.concurrency_per_task


def unit_memory_mb(workload: Workload) -> float:
    if workload.requirements.memory_mb_per_unit is not None:
        return workload.requirements.memory_mb_per_unit
    if workload.is_jobs:
        return workload.container.memory_gb * 1024
    return workload.lambda_.memory_mb
