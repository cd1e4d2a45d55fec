"""Numbers typed by a person: "30M", "1.5k", "30,000,000", "120 ms", "70 %". One parser for the form and the
questionnaire, so both accept the same units."""

from __future__ import annotations

import math
import re

MULTIPLIERS = {"k": 1e3, "m": 1e6, "b": 1e9, "g": 1e9}
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


class ParseError(ValueError):
    """Text that is not a number in the editor's terms; str() is the message shown at the field."""


def parse_number(text: str, unit: str = "", allow_multiplier: bool = True) -> float:
    """'30M', '1.5k', '30,000,000', '120 ms', '70 %' -> a float (raises ParseError)."""
    cleaned = text.strip().replace(",", "").replace("_", "").replace("\u00a0", "").replace(" ", "")
    if unit:
        unit_key = unit.replace(" ", "").lower()
        if cleaned.lower().endswith(unit_key):
            cleaned = cleaned[: -len(unit_key)]
    factor = 1.0
    if allow_multiplier and cleaned and cleaned[-1].lower() in MULTIPLIERS:
        factor = MULTIPLIERS[cleaned[-1].lower()]
        cleaned = cleaned[:-1]
    if not _NUMBER.match(cleaned):
        example = "e.g. 30M, 1.5k or 2,000,000" if allow_multiplier else "e.g. 0.5"
        raise ParseError(f"is not a number ({example})")
    value = float(cleaned) * factor
    if not math.isfinite(value):
        raise ParseError("is too large")
    return value
