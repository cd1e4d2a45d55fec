"""Stream an offer file in AWS's CSV format: metadata lines, the column row, then one row per price dimension.

    "FormatVersion","v1.0"
    "Disclaimer","..."
    "Publication Date","2026-08-31T09:23:18Z"
    "Version","20260831092318"
    "OfferCode","AWSLambda"
    "SKU","OfferTermCode","RateCode","TermType",...,"usageType",...

Columns differ from offer to offer and are found by name. Rows are read one at a time (the csv module); only
the kept ones become records, so memory does not grow with the file. A row with fewer or more fields than the
column row (a file cut mid-row) or an unterminated quote is refused; a file cut exactly at a line end cannot be
told from a complete one (CSV has no end marker).
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.pricelist.records import ON_DEMAND_TERM, OfferHeader, PriceListError, PriceRecord
from desktop.pricelist.rules import OFFERS, base_usage, norm
from desktop.pricelist.stream import CountingReader, make_record, unknown_offer

CsvReader = Any  # the csv module's reader (its type is private to typeshed)
MAX_META_LINES = 20
REQUIRED = ("sku", "offertermcode", "termtype", "effectivedate", "startingrange", "endingrange", "unit",
            "priceperunit", "currency", "usagetype")
FIELD_NAMES = ("Unit", "Currency", "PricePerUnit", "StartingRange", "EndingRange")


def read_csv_offer(path: Path, known_types: frozenset[str], on_bytes: Callable[[int], None]
                   ) -> tuple[OfferHeader, list[PriceRecord]]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with path.open("rb") as raw:
        counting = CountingReader(raw, on_bytes)
        text = io.TextIOWrapper(io.BufferedReader(counting, 1 << 20), encoding="utf-8-sig", newline="")
        reader = csv.reader(text, strict=True)
        try:
            header, columns, width = _head(path, reader)
            return header, _rows(path, header, columns, width, reader, known_types)
        except UnicodeDecodeError:
            raise PriceListError(path, f"line {reader.line_num + 1}", "not UTF-8 text") from None
        except csv.Error as exc:
            raise PriceListError(path, f"line {reader.line_num}", f"not valid CSV ({exc}); is the file cut short?"
                                 ) from None


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
          known_types: frozenset[str]) -> list[PriceRecord]:
    rules = OFFERS[header.offer_code]
    i_usage, i_term = columns["usagetype"], columns["termtype"]
    kept: list[PriceRecord] = []
    for row in reader:
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
        kept.append(make_record(
            header, rule, key, rules.region(get), rules.location(get), unit=get("unit"), currency=get("currency"),
            price=get("priceperunit"), begin=get("startingrange"), end=get("endingrange"),
            effective=get("effectivedate"), sku=get("sku"), usage_type=row[i_usage], where=f"line {reader.line_num}",
            field_names=FIELD_NAMES))
    return kept
