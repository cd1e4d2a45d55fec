"""The compute options ComputeFit compares, in the order every table, chart and sheet shows them.

Adding an option: write its folder (see base.py and one of the existing options) and add it here; the tables
that depend on the options (what the price book lacks, the names of its sections) are read from them here.
`register` adds one at run time (tests use it to prove an option needs nothing else).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.model.options.aws_lambda import option as aws_lambda
from desktop.model.options.base import BookSection, ComputeOption
from desktop.model.options.ecs_ec2 import option as ecs_ec2
from desktop.model.options.ecs_managed import option as ecs_managed
from desktop.model.options.eks_fargate import option as eks_fargate
from desktop.model.options.fargate import option as fargate
from desktop.model.options.lambda_managed import option as lambda_managed
from desktop.model.pricing.coverage import SHARED_SERVICES, shared_missing
from desktop.model.workload.problem import FieldProblem

if TYPE_CHECKING:
    from desktop.model.pricing.book import PriceBook
    from desktop.model.workload.spec import Workload

_OPTIONS: list[ComputeOption] = [aws_lambda.OPTION, fargate.OPTION, ecs_ec2.OPTION, lambda_managed.OPTION,
                                 ecs_managed.OPTION, eks_fargate.OPTION]


def all_options() -> tuple[ComputeOption, ...]:
    return tuple(_OPTIONS)


def option_ids() -> tuple[str, ...]:
    return tuple(o.id for o in _OPTIONS)


def compared(workload: Workload) -> tuple[ComputeOption, ...]:
    """The options the workload compares, in registry order: those its `options` lists, or by default every
    option not marked `compared_by_default=False` (so older files keep their three-way comparison)."""
    if workload.options is None:
        return tuple(o for o in _OPTIONS if o.compared_by_default)
    return tuple(o for o in _OPTIONS if o.id in workload.options)


def check_workload(workload: Workload, book: PriceBook) -> list[FieldProblem]:
    """What only the registry can check: the option ids the workload lists exist, and each option's own settings
    (e.g. an instance type) make sense with this book."""
    known = option_ids()
    unknown = [o for o in workload.options or () if o not in known]
    found = [FieldProblem("options", f"{o!r} is not a compute option (known: {', '.join(known)})") for o in unknown]
    found += [FieldProblem(f"shared_lines.{i}.options", f"{o!r} is not a compute option (known: {', '.join(known)})")
              for i, line in enumerate(workload.shared_lines or ()) for o in line.options or () if o not in known]
    for option in _OPTIONS:  # every option's settings, compared or not: a bad value is refused when the file opens
        found.extend(option.check(workload, book))
    return found


def get(option_id: str) -> ComputeOption:
    for option in _OPTIONS:
        if option.id == option_id:
            return option
    raise KeyError(f"no compute option {option_id!r} is registered")


def label(option_id: str) -> str:
    """The option's full name, or the id itself for an option no longer registered."""
    return next((o.label for o in _OPTIONS if o.id == option_id), option_id)


def short_label(option_id: str) -> str:
    return next((o.short_label for o in _OPTIONS if o.id == option_id), option_id)


def register(option: ComputeOption) -> None:
    """Add an option at the end of the list (replacing one with the same id)."""
    unregister(option.id)
    _OPTIONS.append(option)


def unregister(option_id: str) -> None:
    _OPTIONS[:] = [o for o in _OPTIONS if o.id != option_id]


def book_sections() -> tuple[BookSection, ...]:
    """The options' own sections of the price book, in registry order."""
    return tuple(o.book for o in _OPTIONS if o.book is not None)


def services() -> tuple[str, ...]:
    """What the coverage list groups by: each option's own section, then the shared ones."""
    return (*(s.name for s in book_sections()), *SHARED_SERVICES)


def missing_prices(book: PriceBook, region: str) -> list[str]:
    """Every price the book lacks for `region`: each option's own section in registry order, then the shared
    sections (KeyError for a region not in the book)."""
    shared = shared_missing(book, region)
    return [item for section in book_sections() for item in section.missing(book, region)] + shared


def coverage_name(what: str) -> str:
    """The coverage list's name for what a quote leaves out: table cells shorten an option's own prices with its
    short label ("Lambda MI requests"); the list names its book section ("Lambda Managed Instances requests")."""
    for option in sorted(_OPTIONS, key=lambda o: len(o.short_label), reverse=True):  # "Lambda MI" before "Lambda"
        if option.book is not None and what.startswith(option.short_label + " "):
            return option.book.name + what[len(option.short_label):]
    return what


def missing_by_service(book: PriceBook, region: str) -> dict[str, list[str]]:
    """missing_prices grouped by service (in services() order; services with nothing missing are left out)."""
    names = services()
    grouped: dict[str, list[str]] = {}
    for item in missing_prices(book, region):
        service = next(s for s in sorted(names, key=len, reverse=True) if item.startswith(s))
        grouped.setdefault(service, []).append(item)
    return {s: grouped[s] for s in names if s in grouped}
