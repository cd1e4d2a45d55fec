"""Numbers typed by a person: "30M", "1.5k", "30,000,000", "120 ms", "70 %", "2,5" in German, and rates such as
"2000/s" for a monthly volume. One parser for the form and the questionnaire, so both accept the same units.

Separators follow a NumberFormat (the Qt side makes it from the user's locale; English by default): in German
"2,5" is 2.5 and "1.234,5" is 1234.5. An entry that only makes sense as the other convention's decimal ("2,5" or
"0,25" in English, "1.5" in German) is refused with a message, never misread as 25 or 15.

A rate ("2000/s", "120/min", "5M/day", "3k per hour") is accepted where the field is a monthly volume and turned
into a month of the workload's stated length (assumptions.month_hours, 730 hours by default: AWS's month).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

MULTIPLIERS = {"k": 1e3, "m": 1e6, "b": 1e9, "g": 1e9}
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_SPACES = " \u00a0\u202f\u2009_"  # spaces (a group separator in French and others) and underscores are ignored
# Hours in one of each period: a rate per period times (month hours / these) is the monthly volume.
PERIOD_HOURS = {"s": 1 / 3600, "min": 1 / 60, "h": 1.0, "day": 24.0, "week": 168.0, "month": None}
_PERIODS = {"s": "s", "sec": "s", "second": "s", "min": "min", "minute": "min", "h": "h", "hr": "h", "hour": "h",
            "d": "day", "day": "day", "w": "week", "wk": "week", "week": "week", "mo": "month", "month": "month"}
# "2000/s", "5M/day", "120 requests per minute", "3k a day": a number, maybe a noun (two letters or more, so that
# "5 M/day" keeps its M), then "/", "per" or "a", then the period.
_RATE = re.compile(r"^(?P<number>.*?)(?:\s+[a-z]{2,})?\s*(?:/|\bper\b|\ba\b)\s*(?P<period>[a-z]+?)s?$",
                   re.IGNORECASE)
RATE_EXAMPLE = "2000/s, 120/min or 5M/day"


class ParseError(ValueError):
    """Text that is not a number in the editor's terms; str() is the message shown at the field."""


@dataclass(frozen=True, slots=True)
class NumberFormat:
    """A locale's decimal and group separators."""

    decimal: str = "."
    group: str = ","
    name: str = "English"

    def format(self, english: str) -> str:
        """A number formatted the English way ("1,234.5") in this format ("1.234,5")."""
        if (self.decimal, self.group) == (".", ","):
            return english
        return english.translate({ord(","): "\0", ord("."): self.decimal}).replace("\0", self.group)


ENGLISH = NumberFormat()
GERMAN = NumberFormat(",", ".", "German")
# A number as the app writes it in English text: "1,234", "36.04", "1,024.5" (not part of "6.11.3" or a date, nor
# a runtime's version: "Python 3.13").
_ENGLISH_NUMBER = re.compile(r"(?<![\d.,])(?<!Python )(?<!CUR )(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)(?![\d.,]?\d)")


def localize_numbers(text: str, fmt: NumberFormat) -> str:
    """`text` (the app's English wording) with each number written in `fmt`'s separators: "$1,234.56 a month"
    becomes "$1.234,56 a month" in German. Punctuation commas and points are left alone."""
    if (fmt.decimal, fmt.group) == (".", ","):
        return text
    return _ENGLISH_NUMBER.sub(lambda m: fmt.format(m.group(0)), text)


@dataclass(frozen=True, slots=True)
class Parsed:
    value: float
    note: str = ""  # how a rate became a monthly volume ("" when the text was a plain number)


def parse_number(text: str, unit: str = "", allow_multiplier: bool = True, fmt: NumberFormat = ENGLISH,
                 month_hours: float | None = None) -> float:
    """'30M', '1.5k', '30,000,000', '120 ms', '70 %' -> a float (raises ParseError). See parse_quantity."""
    return parse_quantity(text, unit, allow_multiplier, fmt, month_hours).value


def parse_quantity(text: str, unit: str = "", allow_multiplier: bool = True, fmt: NumberFormat = ENGLISH,
                   month_hours: float | None = None) -> Parsed:
    """A number in `fmt`, with an optional unit and k/M/B multiplier; when `month_hours` is given (a monthly
    volume), also a rate per second, minute, hour, day or week, turned into a month of that many hours."""
    cleaned = text.strip()
    if unit and cleaned.lower().endswith(unit.lower()):
        cleaned = cleaned[: -len(unit)].strip()
    per_hours, period = _rate_period(cleaned, month_hours)
    if period:
        cleaned = _RATE.sub(r"\g<number>", cleaned)
    cleaned = "".join(c for c in cleaned if c not in _SPACES)
    factor = 1.0
    if allow_multiplier and cleaned and cleaned[-1].lower() in MULTIPLIERS:
        factor = MULTIPLIERS[cleaned[-1].lower()]
        cleaned = cleaned[:-1]
    plain = _plain_number(cleaned, fmt, allow_multiplier)
    value = float(plain) * factor
    note = ""
    if period and per_hours is not None and month_hours is not None:
        value = value * month_hours / per_hours
        note = (f"{text.strip()} over a {fmt.format(f'{month_hours:g}')}-hour month (Assumptions > Month length) "
                f"= {fmt.format(f'{value:,.0f}')} a month")
    if not math.isfinite(value):
        raise ParseError("is too large")
    return Parsed(value, note)


def _rate_period(text: str, month_hours: float | None) -> tuple[float | None, str]:
    """(hours in the period, its name) when `text` is a rate ("2000/s"); (None, "") when it is not."""
    match = _RATE.match(text)
    if match is None:
        return None, ""
    period = _PERIODS.get(match.group("period").lower())
    if period is None:
        raise ParseError(f"is not a rate this field reads (per second, minute, hour, day, week or month: "
                         f"e.g. {RATE_EXAMPLE})")
    if month_hours is None:
        raise ParseError("is a rate: only the monthly volumes (requests, job runs) take one")
    return PERIOD_HOURS[period] or month_hours, period


def typed_decimal(text: str, fmt: NumberFormat) -> str:
    """A plain number typed in `fmt` ("0,18" in German) as the digits Decimal reads ("0.18"), a leading "$" and
    spaces dropped; ParseError when it is not one, or is one only in the other convention ("0,18" in English)."""
    cleaned = "".join(c for c in text.strip().removeprefix("$") if c not in _SPACES)
    return _plain_number(cleaned, fmt, allow_multiplier=False)


def _plain_number(text: str, fmt: NumberFormat, allow_multiplier: bool) -> str:
    """`text` in `fmt` as Python reads a float ("1.234,5" in German -> "1234.5"); ParseError when it is not a
    number, or is one only in the other convention (a comma decimal in English, a point decimal in German)."""
    example = (f"e.g. 30M, {fmt.format('1.5')}k or {fmt.format('2,000,000')}" if allow_multiplier
               else f"e.g. {fmt.format('0.5')}")
    head, decimal_sep, tail = text.partition(fmt.decimal)
    if fmt.decimal in tail or fmt.group in tail:
        raise ParseError(f"is not a number ({example})")
    foreign = "." if fmt.decimal != "." else ","  # the other convention's decimal, where it is no separator
    if foreign != fmt.group and foreign in head:
        raise ParseError(f"is not a number in the {fmt.name} number format: the decimal separator is "
                         f"'{fmt.decimal}' ({example})")
    if fmt.group in head:
        groups = head.lstrip("+-").split(fmt.group)
        if not _grouped(groups):
            raise ParseError(_ambiguous(text, fmt))
        head = head.replace(fmt.group, "")
    english = head + ("." + tail if decimal_sep else "")
    if not _NUMBER.match(english):
        raise ParseError(f"is not a number ({example})")
    return english


def _grouped(groups: list[str]) -> bool:
    """Digit groups as a group separator makes them: the first 1-3 digits, the last 3, those between 2 or 3
    (India's lakh grouping has twos)."""
    if not all(g.isdigit() for g in groups) or not 1 <= len(groups[0]) <= 3 or len(groups[-1]) != 3:
        return False
    return all(len(g) in (2, 3) for g in groups[1:-1])


def _ambiguous(text: str, fmt: NumberFormat) -> str:
    """The message for '2,5' in English or '1.5' in German: which reading the format gives, and how to type the
    other."""
    if fmt.group == ",":
        return (f"is ambiguous: in this {fmt.name} number format a comma separates thousands, so '{text}' is "
                f"not read as a decimal; type {text.replace(',', '.')} for a decimal, or 1,000 for a thousand")
    return (f"is ambiguous: in this {fmt.name} number format '{fmt.group}' separates thousands; type "
            f"{text.replace(fmt.group, fmt.decimal)} for a decimal, or 1{fmt.group}000 for a thousand")
