"""What only the price book can check about a workload: that its region and a fixed instance type exist in it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.model.workload.problem import FieldProblem

if TYPE_CHECKING:
    from desktop.model.pricing.book import PriceBook
    from desktop.model.workload.spec import Workload



def check_against_book(workload: Workload, book: PriceBook) -> list[FieldProblem]:
    """Facts only the price book can check: the region and a fixed instance type must exist in it."""
    found: list[FieldProblem] = []
    if workload.region not in book.regions:
        known = ", ".join(sorted(book.regions))
        found.append(FieldProblem("region", f"{workload.region!r} is not in the price book (known: {known})"))
    wanted = workload.ec2.instance_type
    if wanted != "auto" and wanted not in book.instance_types:
        found.append(FieldProblem("ec2.instance_type",
                                  f"{wanted!r} is not in the price book's instance catalogue "
                                  f"(use \"auto\" or one of {len(book.instance_types)} known types)"))
    return found
