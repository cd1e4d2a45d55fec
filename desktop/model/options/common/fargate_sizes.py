"""Valid Fargate task sizes (vCPU: memory GB).

Source: docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html
(see shared reference aws-limits.md). The 32 vCPU sizes appear only on the pricing page and are
not confirmed, so they are left out: the largest confirmed task is 16 vCPU / 120 GB.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

SIZES_SOURCE = "Amazon ECS developer guide, task CPU and memory (task-cpu-memory-error.html)"


def _steps(start: int, stop: int, step: int) -> tuple[float, ...]:
    return tuple(float(v) for v in range(start, stop + 1, step))


LINUX_SIZES: dict[float, tuple[float, ...]] = {
    0.25: (0.5, 1.0, 2.0),
    0.5: _steps(1, 4, 1),
    1.0: _steps(2, 8, 1),
    2.0: _steps(4, 16, 1),
    4.0: _steps(8, 30, 1),
    8.0: _steps(16, 60, 4),
    16.0: _steps(32, 120, 8),
}
WINDOWS_SIZES: dict[float, tuple[float, ...]] = {cpu: LINUX_SIZES[cpu] for cpu in (1.0, 2.0, 4.0)}


@dataclass(frozen=True, slots=True)
class FargateSize:
    vcpu: float
    memory_gb: float


@cache
def valid_sizes(os: str) -> tuple[FargateSize, ...]:
    table = WINDOWS_SIZES if os == "windows" else LINUX_SIZES
    return tuple(FargateSize(cpu, mem) for cpu, mems in table.items() for mem in mems)


@lru_cache(maxsize=256)
def round_up_size(vcpu: float, memory_gb: float, os: str, vcpu_weight: float, gb_weight: float
                  ) -> FargateSize | None:
    """The cheapest valid size with at least the requested vCPU and memory (None if none is big enough).

    Weights are the per-vCPU and per-GB prices, so "cheapest" follows the price book.
    """
    best: FargateSize | None = None
    best_cost = 0.0
    for size in valid_sizes(os):
        if size.vcpu + 1e-9 < vcpu or size.memory_gb + 1e-9 < memory_gb:
            continue
        cost = size.vcpu * vcpu_weight + size.memory_gb * gb_weight
        if best is None or cost < best_cost - 1e-15:
            best, best_cost = size, cost
    return best


@cache
def largest(os: str) -> FargateSize:
    sizes = valid_sizes(os)
    return FargateSize(max(s.vcpu for s in sizes), max(s.memory_gb for s in sizes))
