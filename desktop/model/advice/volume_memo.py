"""The cost-against-volume analysis, remembered across edits of the volume alone.

The curves and the break-even search span `volume_range(workload)`, which is the same for any volume well inside
it (requests: 1e5 to 1e8 a month keep the range at 1e3..1e10), and price the same cost code at the same volumes.
An edit of the volume alone (the commonest what-if: "and at twice the traffic?") changes none of it, except what
reads the quote at the new volume: which options are priced and feasible there, and why not. So the key is the
workload with its volume set aside, the book and the registered options (by identity), the range, and that state
of every option in the quote; anything else that differs is a new analysis. A few entries are kept (the scenarios
of a workshop that differ only by volume share one).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop.model.options.base import ComputeOption
from desktop.model.options.registry import all_options
from desktop.model.pricing.quote import Quote

if TYPE_CHECKING:  # annotations only: the lean `estimate --json` advises on plain objects, without pydantic
    from desktop.model.pricing.book import PriceBook
    from desktop.model.workload.spec import Workload

SIZE = 8


@dataclass(frozen=True, slots=True, eq=False)
class Key:
    workload: Workload  # the volume set to 0
    book: PriceBook
    options: tuple[ComputeOption, ...]
    span: tuple[int, int]
    states: tuple[tuple[str, bool, bool, tuple[str, ...]], ...]  # id, feasible, priced, the rules that stop it
    unit: str

    def matches(self, other: Key) -> bool:
        return (self.book is other.book and len(self.options) == len(other.options)
                and all(a is b for a, b in zip(self.options, other.options, strict=True))
                and self.span == other.span and self.states == other.states and self.unit == other.unit
                and self.workload == other.workload)


def key_for(workload: Workload, book: PriceBook, quote: Quote, span: tuple[int, int]) -> Key:
    traffic = workload.traffic.model_copy(update={"requests_per_month": 0, "runs_per_month": 0})
    states = tuple((o, q.feasible, q.monthly_usd is not None, tuple(r.rule_id for r in q.reasons))
                   for o, q in quote.options.items())
    return Key(workload.model_copy(update={"traffic": traffic}), book, all_options(), span, states, quote.unit_name)


class VolumeMemo:
    """The last few analyses by key (most recent last)."""

    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self._entries: list[tuple[Key, Any]] = []
        self.hits = 0

    def get(self, key: Key) -> Any | None:
        for index, (known, value) in enumerate(self._entries):
            if known.matches(key):
                self._entries.append(self._entries.pop(index))
                self.hits += 1
                return value
        return None

    def put(self, key: Key, value: Any) -> None:
        self._entries.append((key, value))
        del self._entries[:-self.size]

    def clear(self) -> None:
        self._entries.clear()


MEMO = VolumeMemo()
