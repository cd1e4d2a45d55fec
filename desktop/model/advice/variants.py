"""The quotes of a workload's sensitivity variants, each option priced as few times as the variants need.

A variant is the workload with one assumption moved (`sensitivity.tried`): some 16 of them per workload, and a full
quote of each repeats every option's code 16 times. Instead, per option:
1. The option's exact quote is run once on the workload itself through a view that records every field its code
   reads (its pricing, its front door, network and shared lines, its hard limits). A variant that moves none of
   those fields has the workload's own quote of the option, as it is.
2. The other variants run together, once, in the fast calc (floats, one row per variant, as the charts and
   the Monte Carlo price many volumes at once), the load arrays (arrivals, requests in flight, tasks) set row by row
   from each variant's own workload. A row counts when the option's code read none of that variant's moved fields
   but through those arrays, the run left nothing unpriced, and the findings read nothing of the option's quote but
   its total and whether it can run (TOTALS_ONLY): its total is the row's, to the cent.
3. Anything else is the option's exact quote of that variant, as before.
The rows of `sensitivity` are equal to those priced by a full quote of each variant (tests/model/advice/
test_sensitivity_fast.py compares them on every example and hundreds of generated workloads).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from desktop.model.advice.engine import hard_reasons, quote_option
from desktop.model.options.base import ComputeOption
from desktop.model.options.common.calc import Array, exact_arrays
from desktop.model.options.common.containers import tasks_per_hour
from desktop.model.options.common.fast_calc import FastCalc
from desktop.model.options.common.front_door import price_front_door
from desktop.model.options.common.network import price_network
from desktop.model.options.common.shared_lines import price_shared_lines
from desktop.model.options.registry import compared
from desktop.model.pricing.context import PricingContext
from desktop.model.pricing.money import cents
from desktop.model.pricing.quote import OptionQuote, Quote

if TYPE_CHECKING:  # annotations only: the lean `estimate --json` advises on plain objects, without pydantic
    from desktop.model.pricing.book import PriceBook
    from desktop.model.workload.spec import Workload

# Options whose findings read of their quote only the total and whether it can run (not its capacity or lines, as
# Lambda's concurrency and Lambda Managed Instances' fleet findings do): a fast total can stand for their quote.
TOTALS_ONLY = frozenset({"fargate", "ec2", "ecs_managed", "eks_fargate"})
# What the workload's derived values read (anything else not a field counts as reading the whole model).
DERIVED = {"is_jobs": ("traffic.kind",), "min_tasks": ("container.min_tasks", "traffic.kind"),
           "units_per_month": ("traffic.requests_per_month", "traffic.runs_per_month", "traffic.kind")}
VOLUMES = ("traffic.requests_per_month", "traffic.runs_per_month")  # read by every quote, through its context
EVERYTHING = ""


def fields_by_key(model: Any) -> dict[str, str] | None:
    """A model's field names by their file names ("lambda" for lambda_): a validated model's, or a plain node's of
    the lean path (desktop.model.lean.nodes, `plain_fields`); None for a value that is no model."""
    fields = getattr(type(model), "model_fields", None)
    if fields is not None:
        return {info.alias or name: name for name, info in fields.items()}
    plain: dict[str, str] | None = getattr(model, "plain_fields", None)
    return plain


def _is_field(model: Any, name: str) -> bool:
    fields = getattr(type(model), "model_fields", None)
    return name in fields if fields is not None else name in vars(model)


def _is_model(value: Any) -> bool:
    return hasattr(type(value), "model_fields") or hasattr(type(value), "plain_fields")


class _Traced:
    """A read-only view of a model (validated or plain) that records the path of each field read through it."""

    __slots__ = ("_model", "_path", "_reads")

    def __init__(self, model: Any, path: str, reads: set[str]) -> None:
        self._model, self._path, self._reads = model, path, reads

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._model, name)
        path = f"{self._path}.{name}" if self._path else name
        if _is_field(self._model, name):
            if _is_model(value):
                return _Traced(value, path, self._reads)
            self._reads.add(path)
        elif not self._path and name in DERIVED:
            self._reads.update(DERIVED[name])
        else:  # a method or a derived value: it may read anything of this model
            self._reads.add(self._path or EVERYTHING)
        return value


def _conflicts(reads: set[str], moved: tuple[str, ...]) -> bool:
    """Whether a moved field (a dotted path of attribute names, never a whole section) is read, or is inside a
    section read whole."""
    return EVERYTHING in reads or any(part in reads for part in moved)


@dataclass(frozen=True, slots=True)
class Variant:
    workload: Workload
    moved: tuple[str, ...]  # the fields moved and the sections holding them, as attribute paths ("lambda_.memory_mb")


def variant(workload: Workload, changes: dict[str, Any]) -> Variant:
    """The variant with each moved field and the sections holding it ("container", "container.spot_share")."""
    paths = ("lambda_" + path[len("lambda"):] if path.startswith("lambda.") else path for path in changes)
    parts = (path.split(".") for path in paths)
    return Variant(workload, tuple(dict.fromkeys(".".join(p[:n]) for p in parts for n in range(1, len(p) + 1))))


def _traced_ctx(workload: Workload, book: PriceBook, base: PricingContext, reads: set[str]) -> PricingContext:
    return PricingContext(_Traced(workload, "", reads), book, base.prices, base.units,  # type: ignore[arg-type]
                          base.weights)


def _exact_reads(workload: Workload, book: PriceBook, ctx: PricingContext, option: ComputeOption) -> set[str]:
    """The fields the option's exact quote reads (its volume always, through the context)."""
    reads: set[str] = set(VOLUMES)
    try:
        quote_option(_traced_ctx(workload, book, ctx, reads), option)
    except (TypeError, AttributeError):  # code the view cannot stand in for: every variant is quoted exactly
        reads.add(EVERYTHING)
    return reads


def _loads(book: PriceBook, ctx: PricingContext, variants: list[Variant], xp: Any) -> dict[str, Array]:
    """The load arrays of the fast calc (made with the array functions `xp`), one row per variant, each from the
    variant's own workload."""
    rows: dict[str, list[list[float]]] = {"rate": [], "concurrency": [], "tasks": []}
    for v in variants:
        units = v.workload.units_per_month
        calc = FastCalc(PricingContext(v.workload, book, ctx.prices, units, ctx.weights), [float(units)], None, xp)
        rows["rate"] += calc.rate_per_s().tolist()
        rows["concurrency"] += calc.concurrency().tolist()
        rows["tasks"] += tasks_per_hour(v.workload, calc).tolist()
    return {key: xp.array(found, dtype=float) for key, found in rows.items()}


def _fast_totals(workload: Workload, book: PriceBook, ctx: PricingContext, option: ComputeOption,
                 variants: list[Variant], loads: dict[str, Array], xp: Any) -> tuple[Array | None, set[str]]:
    """The option's total for every variant in one fast run (None when it cannot stand for them), and the fields
    its code read other than through the load arrays."""
    reads: set[str] = set()
    traced = _traced_ctx(workload, book, ctx, reads)
    volumes = [float(v.workload.units_per_month) for v in variants]
    calc = FastCalc(traced, volumes, dict(loads), xp)
    try:
        sizing = option.price(traced, calc)
        price_front_door(traced, calc, option)
        price_network(traced, calc, option)
        price_shared_lines(traced, calc, option)
    except (TypeError, AttributeError):
        return None, reads
    if sizing is None or sizing.reason or calc.missing:
        return None, reads
    return calc.total, reads


def variant_quotes(workload: Workload, book: PriceBook, quote: Quote, variants: list[Variant]) -> list[Quote]:
    """Each variant's quote of the options the workload compares: equal, in every option's feasibility and total,
    to `compute_quote(variant.workload, book)`; an option priced by the fast run has no line items."""
    if not variants:
        return []
    ctx = PricingContext(workload, book, book.regions[workload.region], workload.units_per_month)
    options = compared(workload)
    xp = exact_arrays()  # numpy once the process has it, else plain Python: the same floats
    loads = _loads(book, ctx, variants, xp) if any(o.id in TOTALS_ONLY for o in options) else {}
    found: list[dict[str, OptionQuote]] = [{} for _ in variants]
    exact_ctx: dict[int, tuple[PricingContext, dict[str, Array]]] = {}
    for option in options:
        own = quote.options[option.id]
        reads, totals, fast_reads = {EVERYTHING}, None, {EVERYTHING}
        if option.id in TOTALS_ONLY:
            totals, fast_reads = _fast_totals(workload, book, ctx, option, variants, loads, xp)
        else:
            reads = _exact_reads(workload, book, ctx, option)
        for row, v in enumerate(variants):
            if not _conflicts(reads, v.moved):
                found[row][option.id] = own
            elif totals is not None and not _conflicts(fast_reads, v.moved):
                found[row][option.id] = _light(option, own, v.workload, float(totals[row]))
            else:  # as compute_quote prices it: the variant's context, its load arrays shared by its options
                if row not in exact_ctx:
                    exact_ctx[row] = (PricingContext(v.workload, book, ctx.prices, v.workload.units_per_month), {})
                variant_ctx, memo = exact_ctx[row]
                found[row][option.id] = quote_option(variant_ctx, option, memo)
    return [dataclasses.replace(quote, options=options) for options in found]


def _light(option: ComputeOption, own: OptionQuote, workload: Workload, total: float) -> OptionQuote:
    """A fast-priced option's quote: ruled out by the variant's hard limits, or its total to the cent."""
    reasons = hard_reasons(workload, option)
    if reasons:
        return OptionQuote(option.id, own.label, own.short_label, False, None, reasons=reasons)
    return OptionQuote(option.id, own.label, own.short_label, True, cents(Decimal(repr(total))))
