"""What a workload derives from its fields, shared by the validated Workload (spec.py) and the lean path's plain
workload (desktop.model.lean): one definition, no pydantic."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any


class WorkloadDerived:
    """The derived values the engine and the rules share."""

    __slots__ = ()
    if TYPE_CHECKING:  # the fields of the class that has these (not declared here: pydantic would take them)
        traffic: Any
        container: Any

    @property
    def is_jobs(self) -> bool:
        return bool(self.traffic.kind == "jobs")

    @property
    def min_tasks(self) -> int:
        if self.container.min_tasks is not None:
            return int(self.container.min_tasks)
        return 0 if self.is_jobs else 2

    @property
    def units_per_month(self) -> int:
        return int(self.traffic.runs_per_month if self.is_jobs else self.traffic.requests_per_month)
