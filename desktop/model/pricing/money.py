"""Decimal money helpers: exact arithmetic, cents rounding as AWS does it (`desktop.model.format` writes amounts)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal(0)
MILLION = Decimal(1_000_000)


def dec(value: float | int | str | Decimal) -> Decimal:
    """An exact Decimal of a float as it prints (0.1 -> 0.1, not 0.1000000000000000055...)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def cents(value: Decimal) -> Decimal:
    """Round to cents, half up: AWS rounds each line to cents, then adds the lines."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)
