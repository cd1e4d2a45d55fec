"""The file formats' plain names and constants, without pydantic: what the quote's code reads of the schema
(confidence labels, units per second, the commitment plans' names and keys). The schema modules (prices.py,
commitments.py) re-export them, so each is written once."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Literal, cast

# No AWS unit price comes near this (the dearest, an EC2 instance-hour, is a few hundred dollars); above it a
# price is a typo, and at 1e20 and more the cent rounding of a line item would overflow Decimal's precision.
MAX_UNIT_PRICE_USD = Decimal(10_000)

CONFIDENCE_LABELS: dict[str, str] = {
    "A": "AWS published",
    "B": "corroborated",
    "C": "estimated",
}

SECONDS_PER_UNIT: dict[str, Decimal] = {
    "GB-second": Decimal(1),
    "vCPU-second": Decimal(1),
    "vCPU-hour": Decimal(3600),
    "GB-hour": Decimal(3600),
}

PLAN_NAMES: dict[str, str] = {
    "compute_sp": "Compute Savings Plan",
    "ec2_instance_sp": "EC2 Instance Savings Plan",
    "standard_ri": "Standard Reserved Instances",
    "convertible_ri": "Convertible Reserved Instances",
}
PAYMENT_NAMES: dict[str, str] = {"no_upfront": "no upfront", "partial_upfront": "partial upfront",
                                 "all_upfront": "all upfront"}


TermPayment = Literal["1yr_no_upfront", "1yr_partial_upfront", "1yr_all_upfront",
                      "3yr_no_upfront", "3yr_partial_upfront", "3yr_all_upfront"]


def term_payment(term: str, payment: str) -> TermPayment:
    """The key of a term and payment option in the book ("3yr_all_upfront")."""
    return cast(TermPayment, f"{term}_{payment}")


def confidence_summary(counts: dict[str, int]) -> str:
    """A book's prices by confidence level in words ("70% AWS published, 30% corroborated, 0% estimated")."""
    total = sum(counts.values()) or 1
    return (f"{counts['A'] * 100 // total}% AWS published, {counts['B'] * 100 // total}% corroborated, "
            f"{counts['C'] * 100 // total}% estimated")


class PriceValue:
    """What a price-book price derives from its fields, for the validated Price and for the lean path's plain
    price alike (desktop.model.lean): the same code either way."""

    __slots__ = ()
    if TYPE_CHECKING:  # the fields of the class that has these (not declared here: pydantic would take them)
        confidence: str
        usd: Decimal
        unit: str

    @property
    def estimated(self) -> bool:
        return self.confidence == "C"

    def per_second(self) -> Decimal:
        """The price of one unit-second, for prices given per second or per hour."""
        return self.usd / SECONDS_PER_UNIT[self.unit]
