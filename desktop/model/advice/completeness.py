"""How complete the quotes are, region by region: every bundled example priced with every option compared, and
what each option's totals leave out (the README's completeness table is this module's output).

`left_out` names each item as the coverage list (`registry.missing_prices`) does, so a test can check that what
`computefit prices missing` lists for a region covers what the quotes leave out there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop.model.advice.engine import compute_quote
from desktop.model.options.registry import all_options, coverage_name, option_ids
from desktop.model.pricing.book import PriceBook
from desktop.model.pricing.quote import OptionQuote
from desktop.model.workload.files import load_workload
from desktop.model.workload.spec import Workload


@dataclass(frozen=True, slots=True)
class Cell:
    """One option in one region over the examples: how many it prices in full, of those it can run (not ruled out
    by a limit), and what the others leave out (coverage names, in first-seen order)."""

    complete: int
    feasible: int
    left_out: tuple[str, ...]

    @property
    def is_complete(self) -> bool:
        return self.complete == self.feasible


def all_options_compared(workload: Workload, region: str) -> Workload:
    return workload.model_copy(update={"region": region, "options": list(option_ids())})


UNPRICED = "pricing.missing"  # the rule id of an option that cannot be priced at all for want of a price


def _left_out(option: OptionQuote, region: str) -> tuple[str, ...]:
    """What one option's total leaves out, by coverage name; for an option that cannot be priced at all, the
    missing prices its reason names (the engine says "no sourced price for <name> in <region>")."""
    names = [coverage_name(m.what or m.text) for m in option.missing]
    for reason in option.reasons:
        if reason.rule_id == UNPRICED:  # e.g. "any x86_64 GPU EC2 instance": the catalogue's GPU types, each listed
            names += re.findall(rf"no sourced price for (.+?) in {re.escape(region)}\b", reason.text) or [reason.text]
    return tuple(dict.fromkeys(names))


def _counted(option: OptionQuote) -> bool:
    """Priced, or kept from a price only by a missing price (not ruled out by a limit)."""
    return option.feasible or any(r.rule_id == UNPRICED for r in option.reasons)


def left_out(workload: Workload, book: PriceBook) -> dict[str, tuple[str, ...]]:
    """Per option, what its quote leaves out (coverage names); a ruled-out option leaves nothing out."""
    return {oid: _left_out(option, workload.region)
            for oid, option in compute_quote(workload, book).options.items()}


def completeness(book: PriceBook, workloads: Iterable[Workload]) -> dict[str, dict[str, Cell]]:
    """region -> option id -> Cell, over every workload with all options compared."""
    examples = list(workloads)
    return {region: _region_cells(book, region, examples) for region in book.regions}


def _region_cells(book: PriceBook, region: str, examples: list[Workload]) -> dict[str, Cell]:
    complete = dict.fromkeys(option_ids(), 0)
    feasible = dict.fromkeys(option_ids(), 0)
    names: dict[str, dict[str, None]] = {oid: {} for oid in option_ids()}
    for workload in examples:
        for oid, option in compute_quote(all_options_compared(workload, region), book).options.items():
            if _counted(option):
                gaps = _left_out(option, region)
                feasible[oid] += 1
                complete[oid] += not gaps
                names[oid].update(dict.fromkeys(gaps))
    return {oid: Cell(complete[oid], feasible[oid], tuple(names[oid])) for oid in option_ids()}


def bundled_examples(folder: Path) -> list[Workload]:
    return [load_workload(path) for path in sorted(folder.glob("*.workload.json"))]


def completeness_markdown(table: dict[str, dict[str, Cell]], examples: int) -> str:
    """The table as Markdown: one row per region, one column per option; a cell is "complete (n/n)" or the count
    complete and what the others leave out."""
    options = [o for o in all_options() if any(o.id in row for row in table.values())]
    head = ["Region", *(o.short_label for o in options)]
    rows = [f"| {' | '.join(head)} |", f"|{'---|' * len(head)}"]
    for region, row in table.items():
        cells = [_cell_text(row[o.id]) for o in options]
        rows.append(f"| {region} | {' | '.join(cells)} |")
    done = {o.short_label: sum(row[o.id].is_complete for row in table.values()) for o in options}
    summary = ", ".join(f"{name} {n}/{len(table)}" for name, n in done.items())
    return "\n".join([*rows, "", f"Regions where every one of the {examples} bundled examples is complete (or the "
                      f"option is ruled out): {summary}."])


def _cell_text(cell: Cell) -> str:
    if cell.feasible == 0:
        return "ruled out"
    if cell.is_complete:
        return f"complete ({cell.complete}/{cell.feasible})"
    return f"{cell.complete}/{cell.feasible}; leaves out {', '.join(cell.left_out)}"
