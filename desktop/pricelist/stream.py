"""What both readers share: counting the bytes read (for progress), telling CSV from JSON, and turning a kept
row into a record with its unit, currency, price and range checked."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from desktop.pricelist.records import OfferHeader, PriceListError, PriceRecord, parse_bound, parse_day, parse_usd
from desktop.pricelist.rules import OFFERS, Rule

SNIFF_BYTES = 4096


class CountingReader(io.RawIOBase):
    """A binary file that reports every chunk it hands out (the progress bar and a Cancel read it)."""

    def __init__(self, raw: BinaryIO, on_bytes: Callable[[int], None]):
        super().__init__()
        self._raw = raw
        self._on_bytes = on_bytes

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        count = self._raw.readinto(buffer)  # type: ignore[attr-defined]
        if count:
            self._on_bytes(count)
        return int(count or 0)


def sniff(path: Path) -> str:
    """"json" or "csv" from the first non-blank byte; PriceListError for an empty or binary file."""
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except IsADirectoryError:
        raise PriceListError(path, "", "is a folder") from None
    except FileNotFoundError:
        raise PriceListError(path, "", "file not found") from None
    except OSError as exc:
        raise PriceListError(path, "", f"cannot be read ({exc.strerror or exc})") from None
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not text:
        raise PriceListError(path, "", "empty file")
    if b"\0" in head:
        raise PriceListError(path, "", "not an AWS Price List offer file (binary data)")
    return "json" if text[:1] == b"{" else "csv"


def unknown_offer(path: Path, code: str) -> PriceListError:
    return PriceListError(path, "OfferCode", f"{code!r} is not an offer ComputeFit uses (it reads "
                          f"{', '.join(sorted(OFFERS))})")


def make_record(header: OfferHeader, rule: Rule, key: tuple[str, ...], region: str, location: str, *,
                unit: str, currency: str, price: object, begin: object, end: object, effective: object, sku: str,
                usage_type: str, where: str, field_names: tuple[str, str, str, str, str]) -> PriceRecord:
    """A checked record: the unit is one the rule expects, USD, a price that can be a price, a sane range.

    `field_names` names, for messages, the unit, currency, price, begin and end fields in the file's own terms.
    """
    path = header.path
    unit_name, currency_name, price_name, begin_name, end_name = field_names
    if unit not in rule.units:
        raise PriceListError(path, f"{where} {unit_name}", f"unit {unit!r} for {usage_type}, expected "
                             f"{' or '.join(sorted(rule.units))}")
    if currency != "USD":
        raise PriceListError(path, f"{where} {currency_name}", f"currency {currency!r}, expected USD")
    if not rule.allowance and not region:
        raise PriceListError(path, where, f"{usage_type} has no region code")
    usd = parse_usd(price, path, f"{where} {price_name}")
    low = parse_bound(begin, path, f"{where} {begin_name}")
    high = parse_bound(end, path, f"{where} {end_name}")
    if high is not None and high <= (low or Decimal(0)):
        raise PriceListError(path, f"{where} {end_name}", f"range ends at {high}, not above its start {low or 0}")
    return PriceRecord(
        offer=header.offer_code, version=header.version, key=key, region="" if rule.allowance else region,
        location=location, usd=usd, unit=unit, begin=low or Decimal(0), end=high,
        effective=parse_day(effective, header.publication_date), sku=sku, usage_type=usage_type, where=where,
        allowance=rule.allowance)
