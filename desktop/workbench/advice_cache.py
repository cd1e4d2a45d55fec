"""Advice (and differences) per workload object, so switching scenarios and comparing them recomputes only what
an edit changed.

The key is the workload object, the book and the options registered when it was advised (registering or
removing an option, as tests do, gives new keys rather than stale advice)."""

from __future__ import annotations

from collections import OrderedDict

from desktop.model.advice.advise import Advice, advise
from desktop.model.options.registry import all_options
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.spec import Workload
from desktop.model.workshop.differences import Difference, differences

CACHE_SIZE = 512  # advice for 200 scenarios and their recent edits


class AdviceCache:
    """Advice keyed by the workload object (states share unchanged workloads) and the book priced with."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._entries: OrderedDict[tuple[int, int, tuple[int, ...]], Advice] = OrderedDict()
        self.computed = 0  # how many advices were computed (tests check a switch reuses them)

    def advice(self, workload: Workload, book: PriceBook) -> Advice:
        key = (id(workload), id(book), tuple(id(o) for o in all_options()))
        found = self._entries.get(key)
        if found is not None and found.workload is workload and found.book is book:  # ids are only unique while alive
            self._entries.move_to_end(key)
            return found
        advice = advise(workload, book)
        self.computed += 1
        self._entries[key] = advice  # the advice holds the workload and the book: their ids stay theirs
        if len(self._entries) > self.size:
            self._entries.popitem(last=False)
        return advice

    def clear(self) -> None:
        self._entries.clear()


class DifferencesCache:
    """What differs between two workload objects, kept while both live (a pair's answer never changes)."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._entries: OrderedDict[tuple[int, int], tuple[Workload, Workload, tuple[Difference, ...]]] = OrderedDict()

    def __call__(self, base: Workload, other: Workload) -> tuple[Difference, ...]:
        key = (id(base), id(other))
        found = self._entries.get(key)
        if found is not None and found[0] is base and found[1] is other:
            return found[2]
        answer = differences(base, other)
        self._entries[key] = (base, other, answer)
        if len(self._entries) > self.size:
            self._entries.popitem(last=False)
        return answer
