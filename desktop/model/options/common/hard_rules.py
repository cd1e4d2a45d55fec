"""The checks of hard rules several options share: a need the option refuses (GPUs, privileged mode, an agent on
every host, Windows) or a measure above the option's limit. Each option keeps its own reason and its source.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.model.workload.spec import Workload


Check = Callable[["Workload"], "str | None"]


def needs_gpu(workload: Workload) -> bool:
    return workload.requirements.gpus > 0


def needs_privileged(workload: Workload) -> bool:
    return workload.requirements.privileged


def needs_daemon(workload: Workload) -> bool:
    return workload.requirements.daemon_per_host


def needs_windows(workload: Workload) -> bool:
    return workload.container.os == "windows"


def refused_when(need: Callable[[Workload], bool], reason: str) -> Check:
    """A hard rule's check: the option's reason when the workload has the need, else None."""
    return lambda workload: reason if need(workload) else None


def no_gpus(name: str, why: str) -> Check:
    """The check of an option without GPUs: "<name>: the work needs N GPU(s); <why>"."""
    return lambda w: f"{name}: the work needs {w.requirements.gpus} GPU(s); {why}" if needs_gpu(w) else None


def no_privileged(name: str, why: str) -> Check:
    """The check of an option that runs no privileged containers: "<name>: the work needs privileged mode, host
    devices or kernel tuning; <why>"."""
    return refused_when(needs_privileged,
                        f"{name}: the work needs privileged mode, host devices or kernel tuning; {why}")


def no_daemon(name: str, why: str) -> Check:
    """The check of an option that runs no agent on each host: "<name>: the work needs an agent ... (DAEMON); <why>"."""
    return refused_when(needs_daemon, f"{name}: the work needs an agent on every host (DAEMON); {why}")


def no_windows(name: str, why: str) -> Check:
    """The check of an option that runs no Windows containers: "<name>: the work needs Windows containers; <why>"."""
    return refused_when(needs_windows, f"{name}: the work needs Windows containers; {why}")


def above(measure: Callable[[Workload], float], limit: float, reason: Callable[[Workload, float], str]) -> Check:
    """A hard rule's check: the option's reason (given the workload and its measure) when the measure is above the
    option's limit, else None."""

    def check(workload: Workload) -> str | None:
        need = measure(workload)
        return reason(workload, need) if need > limit else None

    return check


def scratch_gb(workload: Workload) -> float:
    return workload.requirements.scratch_gb
