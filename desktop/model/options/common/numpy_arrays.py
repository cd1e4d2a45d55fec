"""numpy for the calcs' arrays where it pays: the calcs take numpy's arrays once the process has numpy
(`calc.exact_arrays`), else plain-Python ones. One workload's advice (`computefit estimate --json`) is quicker
without numpy's import; the advice of several in one process (a workshop's scenarios, a fleet with its
sensitivity) is quicker with its arrays, so those paths import it first."""

from __future__ import annotations

MANY = 3  # workloads advised in one process from which numpy's import (about three advices' break-even search) pays


def use_numpy(workloads: int = MANY) -> None:
    """Import numpy when `workloads` are to be advised in this process and that is enough for it to pay."""
    if workloads >= MANY:
        import numpy  # noqa: F401
