"""What a compute option is: one object that prices, sizes, rules on and describes one way to run the work.

A new option is one folder `desktop/model/options/<id>/` (its `option.py` defines a `ComputeOption`; its
`sections.py` its sections of the workload file and the price book) and one line in `registry.py`. Everything else
(the engine, curves, break-even, sensitivity, findings, the window, the sheet, the price coverage and register, the
Price List import) iterates the registry and asks the option; the two file formats list its sections, one line
each (see docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from desktop.model.options.common.style import OptionStyle

if TYPE_CHECKING:
    from desktop.model.options.common.calc import Calc
    from desktop.model.pricing.book import PriceBook
    from desktop.model.pricing.context import PricingContext
    from desktop.model.pricing.quote import Capacity, Quote
    from desktop.model.schema.questions import Question
    from desktop.model.workload.spec import Workload
    from desktop.model.workload.validation import FieldProblem

Severity = Literal["info", "warning", "strong"]
Concern = Literal["cost", "operations", "latency", "flexibility"]
FrontDoorKind = Literal["api_gateway_http", "alb"]


@dataclass(frozen=True, slots=True)
class HardRule:
    """A limit that rules an option out: its id, where the limit is written, and a check that returns the reason
    a person reads (naming the limit and the workload's value) or None."""

    rule_id: str
    source: str
    check: Callable[[Workload], str | None]


@dataclass(frozen=True, slots=True)
class Signal:
    text: str
    severity: Severity
    favours: tuple[str, ...] = ()  # option ids
    against: tuple[str, ...] = ()
    origin: str | None = None  # the field that raised it, when not the rule's usual one


@dataclass(frozen=True, slots=True)
class SoftRule:
    """A finding: moves the score, never rules an option out. `rank` orders findings across all options."""

    rank: int
    rule_id: str
    origin: str  # the workload field (dotted path) it reads
    concern: Concern
    source: str
    check: Callable[[Workload, Quote], Signal | None]


@dataclass(frozen=True, slots=True)
class Sizing:
    """What pricing an option found besides its lines: the capacity, warnings, and why it cannot run (if so)."""

    capacity: Capacity | None = None
    warnings: tuple[str, ...] = ()
    reason: str | None = None  # the option cannot run this workload at all (e.g. no instance fits the task)


@dataclass(frozen=True, slots=True)
class Traits:
    """What the shared findings need to know about an option, in words they can weigh."""

    kind: Literal["function", "container"]
    operations: int  # 0 = AWS runs everything ... 3 = the team patches and scales hosts
    control: int  # 0 = a managed runtime ... 3 = full control of the host
    spot: bool = False  # can run on Spot capacity
    always_on: bool = False  # keeps a floor of capacity running when idle (never scales to zero)
    operations_work: str = ""  # what operating it asks of the team, in a few words ("patching AMIs and ...")


@dataclass(frozen=True, slots=True)
class SavingsPlan:
    """The workload field of the option's Savings Plans percentage; AWS's "up to" rate for it is the field's upper
    bound, declared once on the schema (with its source in the field's description)."""

    field: str  # under assumptions.savings_plans
    name: str  # what the plan covers, as AWS names it ("EC2")

    @property
    def up_to(self) -> float:
        from desktop.model.lean.bounds import shape_bounds  # the schema's bounds, derived: no pydantic

        top = shape_bounds(f"assumptions.savings_plans.{self.field}")[1]
        if top is None:
            raise ValueError(f"assumptions.savings_plans.{self.field} has no upper bound in the workload schema")
        return float(top)


@dataclass(frozen=True, slots=True)
class PriceListRow:
    """One kind of row of an AWS Price List offer file, as plain data, and where its price goes in the book.

    A row is told by its usage type without the region prefix (`match="exact"`), or for rows AWS names per instance
    type, by a usage type that starts with (`"prefix"`) or contains (`"contains"`, compared loosely) `usage`, the
    type then read from the attribute `type_attribute`; then by the attribute values it must have (`where`) and
    those it must have when the file has the attribute (`where_if_set`). `key` names what the price is ("*" = the
    instance type); `path` is where it goes in a region of the book ("*" = the key's last part), in the book's
    `unit` at AWS's price x scale / divide; `path=None` = read but not written (the reason beside it).
    """

    offer: str  # "AWSLambda"
    usage: str
    key: tuple[str, ...]
    aws_units: str  # the units AWS gives it in, by family: see desktop/pricelist/offers/rules.py UNIT_FAMILIES
    path: tuple[str, ...] | None = None
    unit: str = ""
    scale: int = 1
    divide: int = 1
    tiered: bool = False
    where: tuple[tuple[str, str], ...] = ()
    where_if_set: tuple[tuple[str, str], ...] = ()
    allowance: bool = False  # a free-tier row: the allowance is the range's end, the price 0
    match: Literal["exact", "prefix", "contains"] = "exact"
    type_attribute: str = ""


@dataclass(frozen=True, slots=True)
class BookSection:
    """The option's own section of a region's prices (`sections.py` declares its model): its key in the book, the
    names the sheet's price register and the Prices dialog give it and its parts, what the book lacks for it (the
    names the engine's "no sourced price for ..." uses), and its AWS Price List rows."""

    key: str  # "lambda_managed"
    name: str  # "Lambda Managed Instances"
    missing: Callable[[PriceBook, str], list[str]]
    parts: Mapping[str, str] = field(default_factory=dict)  # part of a price's path -> its words
    rows: tuple[PriceListRow, ...] = ()


@dataclass(frozen=True)
class ComputeOption:
    """One compute option. Subclasses implement `price`; the rest is data."""

    id: str
    label: str  # "Amazon ECS on AWS Fargate"
    short_label: str  # "Fargate"
    front_door: FrontDoorKind  # what `front_door: auto` means for this option's requests
    alb_gb_per_lcu: float  # GB processed per LCU-hour for this kind of target (ALB pricing)
    traits: Traits
    savings_plan: SavingsPlan | None = None
    hard_rules: tuple[HardRule, ...] = ()
    soft_rules: tuple[SoftRule, ...] = field(default=())
    compared_by_default: bool = True  # False: compared only when the workload's `options` lists it
    settings: str = ""  # the workload section of the option's own settings (shown only while it is compared)
    style: OptionStyle | None = None  # the colour, line style and marker the window and the sheet draw it with
    book: BookSection | None = None  # its own section of the price book, if it has one
    # (the question it follows, a question only it needs), made when the questionnaire asks: a quote builds none
    questions: Callable[[], tuple[tuple[str, Question], ...]] | None = None
    vended_logs: bool = False  # its logs are Lambda function logs: billed as vended logs, in volume tiers

    def check(self, workload: Workload, book: PriceBook) -> list[FieldProblem]:
        """Bad input in the option's own settings that only the price book can tell (e.g. an unknown type)."""
        return []

    def price(self, ctx: PricingContext, calc: Calc) -> Sizing | None:
        """Add the option's lines to `calc`; None when a price it cannot do without is missing (recorded in
        calc.missing) or the option cannot be sized. The same code runs exactly and fast (see calc.py)."""
        raise NotImplementedError
