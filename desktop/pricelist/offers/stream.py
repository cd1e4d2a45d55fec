"""What both readers share: opening an offer file (regular files only) and telling CSV from JSON, counting the
bytes read (for progress), turning a kept row into a record with its unit, currency, price and range checked, and
keeping the records compactly: one per distinct price band, at most MAX_PRICES_PER_FILE of them, so the memory
an import holds does not grow with the file."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from desktop.files.bounded_read import ReadError, open_regular
from desktop.pricelist.offers.mapping import plain
from desktop.pricelist.offers.records import OfferHeader, PriceListError, PriceRecord, parse_bound, parse_day, parse_usd
from desktop.pricelist.offers.rules import OFFERS, Rule

SNIFF_BYTES = 4096
MAX_PRICES_PER_FILE = 50_000  # distinct kept price bands; AWS's EC2 offer has about 2,500 for the book's types
MAX_REGION_CHARS = 40  # "us-gov-west-1", "ap-southeast-5"...
MAX_LOCATION_CHARS = 120  # "Asia Pacific (Hyderabad)"...
BOM = b"\xef\xbb\xbf"


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


def open_offer(path: Path) -> tuple[BinaryIO, str, int]:
    """The offer file open for reading, "json" or "csv", and the offset of its first byte after a UTF-8 byte-order
    mark; PriceListError for what is not a regular file (a FIFO or device is refused before any read, so nothing
    blocks and no byte of a pipe is eaten), an empty or a binary file. The caller closes the file."""
    try:
        handle = open_regular(path)
    except ReadError as exc:
        raise PriceListError(path, "", exc.message) from None
    try:
        head = handle.peek(SNIFF_BYTES)[:SNIFF_BYTES]  # type: ignore[attr-defined]
        start = len(BOM) if head.startswith(BOM) else 0
        text = head[start:].lstrip()
        if not text:
            raise PriceListError(path, "", "empty file")
        if b"\0" in head:
            raise PriceListError(path, "", "not an AWS Price List offer file (binary data)")
        handle.seek(start)
    except OSError as exc:
        handle.close()
        raise PriceListError(path, "", f"cannot be read ({exc.strerror or exc})") from None
    except BaseException:
        handle.close()
        raise
    return handle, "json" if text[:1] == b"{" else "csv", start


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
    _check_text(path, where, "region code", region, MAX_REGION_CHARS)
    _check_text(path, where, "location", location, MAX_LOCATION_CHARS)
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


def _check_text(path: Path, where: str, name: str, text: str, limit: int) -> None:
    """A name the book will keep: short, and without control characters (it is printed and rendered)."""
    if len(text) > limit:
        raise PriceListError(path, where, f"the {name} has {len(text):,} characters (at most {limit})")
    if not text.isprintable():
        raise PriceListError(path, where, f"the {name} {text!r} has control characters")


Group = tuple[str, tuple[str, ...]]  # (region, key)


def second_price(header: OfferHeader, group: Group, seen: PriceRecord, record: PriceRecord) -> PriceListError:
    """Two different prices for the same band of one price in the same publication."""
    return PriceListError(header.path, record.where, f"a second price for {'.'.join(group[1])} in "
                          f"{group[0] or 'all regions'} from {plain(record.begin)} ({seen.where} has "
                          f"{plain(seen.usd)}, this row {plain(record.usd)})")


class KeptPrices:
    """The records of one file, one per distinct (region, key, start of band): a row repeating a kept one is
    dropped as it is read, a row contradicting it refused; more than MAX_PRICES_PER_FILE bands are refused."""

    def __init__(self, header: OfferHeader, limit: int | None = None):
        self.header = header
        self.limit = MAX_PRICES_PER_FILE if limit is None else limit
        self.count = 0
        self._bands: dict[Group, dict[Decimal, PriceRecord]] = {}

    def add(self, record: PriceRecord) -> None:
        group = (record.region, record.key)
        bands = self._bands.setdefault(group, {})
        seen = bands.get(record.begin)
        if seen is None:
            if self.count >= self.limit:
                raise PriceListError(self.header.path, record.where, f"more than {self.limit:,} distinct prices "
                                     "ComputeFit uses in one file (AWS's largest offer has a few thousand)")
            bands[record.begin] = record
            self.count += 1
        elif (seen.end, seen.usd) != (record.end, record.usd):
            raise second_price(self.header, group, seen, record)

    def records(self) -> list[PriceRecord]:
        return [record for bands in self._bands.values() for record in bands.values()]
