"""What a reader keeps from an offer file: the offer's header and one neutral record per kept price row."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

ON_DEMAND_TERM = "JRTCKXETXF"  # every on-demand offer term has this code; free-tier rows have others
MAX_WHERE_CHARS = 240  # a row or JSON path in a message (a SKU or key from the file may be 64 KB)
MAX_PROBLEM_CHARS = 400
MAX_PRICE = Decimal("1e9")  # USD per unit: no AWS price is a billion dollars a unit
MAX_BOUND = Decimal("1e18")  # a tier's range, in units (requests, GB-seconds...)
MAX_NUMBER_CHARS = 40  # a price or bound as written: AWS writes at most about 20 characters


def clip(text: str, limit: int) -> str:
    """`text` at most `limit` characters: its start and end kept around "...", for messages."""
    if len(text) <= limit:
        return text
    keep = max(limit - 3, 2)
    return text[: keep - keep // 3] + "..." + text[len(text) - keep // 3:]


class PriceListError(Exception):
    """A file that cannot be imported: str() is one line naming the file and the row or field, bounded in length
    (the row or path and the problem are clipped: either may quote the file)."""

    def __init__(self, path: Path | str, where: str, problem: str):
        self.path = str(path)
        self.where = clip(where, MAX_WHERE_CHARS)
        self.problem = clip(problem, MAX_PROBLEM_CHARS)
        super().__init__(f"{path}: {self.where}: {self.problem}" if where else f"{path}: {self.problem}")


@dataclass(frozen=True, slots=True)
class OfferHeader:
    """The offer a file holds: code, version and publication date, from the file's own header."""

    offer_code: str
    version: str
    publication: str  # ISO timestamp as the file gives it, e.g. 2026-08-31T09:23:18Z
    path: Path
    fmt: str  # "csv" or "json"

    @property
    def source_key(self) -> str:
        return f"PL-{self.offer_code}-{self.version}"

    @property
    def publication_date(self) -> dt.date:
        return dt.date.fromisoformat(self.publication[:10])


@dataclass(frozen=True, slots=True)
class PriceRecord:
    """One kept price row, in AWS's own terms (the unit and price as the file gives them).

    `key` names what the price is, independently of the book, e.g. ("lambda", "duration", "arm64"),
    ("ec2", "on_demand", "m5.large"), ("nat_gateway", "hour"), ("free", "lambda_requests").
    For a free-tier allowance row (`allowance`), the allowance is `end` and the price is 0.
    """

    offer: str
    version: str
    key: tuple[str, ...]
    region: str  # region code; "" for a global row (free-tier allowances)
    location: str
    usd: Decimal
    unit: str
    begin: Decimal
    end: Decimal | None  # None = open ("Inf")
    effective: dt.date
    sku: str
    usage_type: str
    where: str  # "row 12" or the JSON path of the price
    allowance: bool = False


def _shown(text: object) -> str:
    return repr(clip(str(text), MAX_NUMBER_CHARS + 10) if isinstance(text, str) else text)


def parse_usd(text: object, path: Path, where: str) -> Decimal:
    """A price as a Decimal, or PriceListError: not a number, NaN, infinite, negative, or out of all proportion
    (over MAX_PRICE, or more than MAX_NUMBER_CHARS characters: "1e999999" is not a price)."""
    if not isinstance(text, str | int | Decimal) or isinstance(text, bool):
        raise PriceListError(path, where, f"price {_shown(text)} is not a number")
    raw = str(text).strip()
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise PriceListError(path, where, f"price {_shown(text)} is not a number") from None
    if value.is_nan() or value.is_infinite():
        raise PriceListError(path, where, f"price {_shown(text)} is not a finite number")
    if value < 0:
        raise PriceListError(path, where, f"price {_shown(text)} is negative")
    if value > MAX_PRICE or len(raw) > MAX_NUMBER_CHARS:
        raise PriceListError(path, where, f"price {_shown(text)} is out of range (a price is at most "
                             f"{MAX_PRICE:,f} USD a unit, written in at most {MAX_NUMBER_CHARS} characters)")
    return value


def parse_bound(text: object, path: Path, where: str) -> Decimal | None:
    """A tier bound: "Inf" (or empty) is open (None); otherwise a non-negative number up to MAX_BOUND."""
    raw = "" if text is None else str(text).strip()
    if raw == "" or raw.lower() in ("inf", "infinity"):
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise PriceListError(path, where, f"range bound {_shown(raw)} is not a number") from None
    if not value.is_finite() or value < 0:
        raise PriceListError(path, where, f"range bound {_shown(raw)} is not a non-negative number")
    if value > MAX_BOUND or len(raw) > MAX_NUMBER_CHARS:
        raise PriceListError(path, where, f"range bound {_shown(raw)} is out of range (at most {MAX_BOUND:.0e}, "
                             f"written in at most {MAX_NUMBER_CHARS} characters; use Inf for an open end)")
    return value


def parse_day(text: object, fallback: dt.date) -> dt.date:
    raw = str(text or "").strip()[:10]
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        return fallback
