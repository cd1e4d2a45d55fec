"""Stream an offer file in AWS's CSV format: metadata lines, the column row, then one row per price dimension.

    "FormatVersion","v1.0"
    "Disclaimer","..."
    "Publication Date","2026-08-31T09:23:18Z"
    "Version","20260831092318"
    "OfferCode","AWSLambda"
    "SKU","OfferTermCode","RateCode","TermType",...,"usageType",...

Columns differ from offer to offer and are found by name. Rows are read one at a time (the csv module); only
the kept ones become records, one per distinct price band (stream.KeptPrices), so memory does not grow with the
file: a line is at most MAX_LINE_BYTES bytes, a field MAX_FIELD_CHARS characters and a row (with its quoted
line breaks) MAX_ROW_BYTES, each refused naming the line before it is held whole. A row with fewer or more fields
than the column row (a file cut mid-row) or an unterminated quote is refused; a file cut exactly at a line end
cannot be told from a complete one (CSV has no end marker).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from desktop.pricelist.offers.records import ON_DEMAND_TERM, OfferHeader, PriceListError, PriceRecord
from desktop.pricelist.offers.rules import OFFERS, base_usage, norm
from desktop.pricelist.offers.stream import CountingReader, KeptPrices, make_record, unknown_offer

CsvReader = Any  # the csv module's reader (its type is private to typeshed)
MAX_META_LINES = 20
MAX_LINE_BYTES = 1024 * 1024  # an EC2 row is about 2 KB
MAX_ROW_BYTES = 1024 * 1024
MAX_FIELD_CHARS = 64 * 1024
READ_AHEAD = 1 << 20
REQUIRED = ("sku", "offertermcode", "termtype", "effectivedate", "startingrange", "endingrange", "unit",
            "priceperunit", "currency", "usagetype")
FIELD_NAMES = ("Unit", "Currency", "PricePerUnit", "StartingRange", "EndingRange")


class BoundedRows(CountingReader):
    """The file's bytes for the CSV reader, counted (progress), refused before they are handed on when a line
    grows over MAX_LINE_BYTES or the bytes since the last complete row over MAX_ROW_BYTES (plus the 1 MB the
    readers above buffer ahead). The row loops call `row_done()` after each row."""

    def __init__(self, path: Path, raw: BinaryIO, on_bytes: Callable[[int], None]):
        super().__init__(raw, on_bytes)
        self.path = path
        self.line_num: Callable[[], int] = lambda: 0  # the CSV reader's line count, for messages
        self.since_newline = 0
        self.since_row = 0

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        count = super().readinto(buffer)
        chunk = bytes(memoryview(buffer)[:count])
        first = chunk.find(b"\n")
        if (first < 0 and self.since_newline + count > MAX_LINE_BYTES) or self.since_newline + first > MAX_LINE_BYTES:
            raise PriceListError(self.path, f"line {self.line_num() + 1:,}", f"longer than "
                                 f"{MAX_LINE_BYTES // 1024:,} KB (a Price List row is a few KB): not read further")
        self.since_newline = self.since_newline + count if first < 0 else count - 1 - chunk.rfind(b"\n")
        self.since_row += count
        if self.since_row > MAX_ROW_BYTES + READ_AHEAD:
            raise PriceListError(self.path, f"line {self.line_num() + 1:,}", f"a row longer than "
                                 f"{MAX_ROW_BYTES // 1024:,} KB (quoted line breaks included): not read further")
        return count

    def row_done(self) -> None:
        self.since_row = 0


def read_csv_offer(path: Path, handle: BinaryIO, known_types: frozenset[str], on_bytes: Callable[[int], None]
                   ) -> tuple[OfferHeader, list[PriceRecord]]:
    """The offer in the open file `handle` (positioned after any byte-order mark)."""
    previous = csv.field_size_limit(MAX_FIELD_CHARS)  # the csv module's limit is the process's: put back after
    try:
        return _read(path, handle, known_types, on_bytes)
    finally:
        csv.field_size_limit(previous)


def _read(path: Path, handle: BinaryIO, known_types: frozenset[str], on_bytes: Callable[[int], None]
          ) -> tuple[OfferHeader, list[PriceRecord]]:
    rows = BoundedRows(path, handle, on_bytes)
    text = io.TextIOWrapper(io.BufferedReader(rows, READ_AHEAD), encoding="utf-8-sig", newline="")
    reader = csv.reader(text, strict=True)
    rows.line_num = lambda: int(reader.line_num)
    try:
        header, columns, width = _head(path, reader)
        rows.row_done()
        return header, _rows(path, header, columns, width, reader, rows, known_types)
    except UnicodeDecodeError:
        raise PriceListError(path, f"line {reader.line_num + 1}", "not UTF-8 text") from None
    except csv.Error as exc:
        problem = f"a field longer than {MAX_FIELD_CHARS // 1024} KB" if "field larger" in str(exc) else \
            f"not valid CSV ({exc}); is the file cut short?"
        raise PriceListError(path, f"line {reader.line_num}", problem) from None


def _head(path: Path, reader: CsvReader) -> tuple[OfferHeader, dict[str, int], int]:
    meta: dict[str, str] = {}
    for row in reader:
        if row and row[0].strip() == "SKU":
            columns = {norm(name): i for i, name in reversed(list(enumerate(row)))}
            width = len(row)
            break
        if len(row) >= 2:
            meta[norm(row[0])] = row[1].strip()
        if reader.line_num >= MAX_META_LINES:
            raise PriceListError(path, "", "not an AWS Price List offer file (no \"SKU\" column row in its first "
                                 f"{MAX_META_LINES} lines)")
    else:
        raise PriceListError(path, "", "not an AWS Price List offer file (no \"SKU\" column row)"
                             if meta else "empty file")
    code = meta.get("offercode", "")
    if not code:
        raise PriceListError(path, "", "not an AWS Price List offer file (no OfferCode line before the columns)")
    if code not in OFFERS:
        raise unknown_offer(path, code)
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise PriceListError(path, f"line {reader.line_num}", f"the column row lacks {', '.join(missing)}")
    header = OfferHeader(code, meta.get("version", ""), meta.get("publicationdate", ""), path, "csv")
    if not header.version or not header.publication[:10]:
        raise PriceListError(path, "", "no Version or Publication Date line in the file's header")
    try:
        header.publication_date  # noqa: B018 (validates the date)
    except ValueError:
        raise PriceListError(path, "", f"Publication Date {header.publication!r} is not a date") from None
    return header, columns, width


def _rows(path: Path, header: OfferHeader, columns: dict[str, int], width: int, reader: CsvReader,
          rows: BoundedRows, known_types: frozenset[str]) -> list[PriceRecord]:
    rules = OFFERS[header.offer_code]
    i_usage, i_term = columns["usagetype"], columns["termtype"]
    kept = KeptPrices(header)
    for row in reader:
        rows.row_done()
        if len(row) != width:
            if not row:
                continue
            raise PriceListError(path, f"line {reader.line_num}",
                                 f"has {len(row)} field{'s' * (len(row) != 1)} where the column row has {width}; "
                                 "is the file cut short?")
        base = base_usage(row[i_usage])
        if rules.candidate(base, known_types) is None and not rules.fuzzy:
            continue
        if row[i_term] != "OnDemand":
            continue

        def get(name: str, row: list[str] = row) -> str:
            index = columns.get(name)
            return "" if index is None else row[index]

        hit = rules.match(base, known_types, get)
        if hit is None:
            continue
        rule, key = hit
        if not rule.allowance and get("offertermcode") != ON_DEMAND_TERM:
            continue
        kept.add(make_record(
            header, rule, key, rules.region(get), rules.location(get), unit=get("unit"), currency=get("currency"),
            price=get("priceperunit"), begin=get("startingrange"), end=get("endingrange"),
            effective=get("effectivedate"), sku=get("sku"), usage_type=row[i_usage], where=f"line {reader.line_num}",
            field_names=FIELD_NAMES))
    return kept.records()
