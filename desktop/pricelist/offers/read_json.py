"""Stream an offer file in AWS's JSON format (`index.json`), whatever its size, in two passes with ijson:

    {"formatVersion": "v1.0", "offerCode": "AmazonEC2", "version": "...", "publicationDate": "...",
     "products": {sku: {"sku", "productFamily", "attributes": {...}}},
     "terms": {"OnDemand": {sku: {sku.term: {"offerTermCode", "effectiveDate",
                                              "priceDimensions": {rate: {"unit", "pricePerUnit": {"USD"}, ...}}}}},
               "Reserved": {...}}}

Pass 1 reads `products` one product at a time and remembers only the SKUs a rule keeps, and ends where the
products end; pass 2 resumes there and reads `terms.OnDemand` one SKU at a time, keeping the price dimensions of
those SKUs (when the terms come first, pass 2 reads the file from the start). Together they read the file about
once. The parser's C backend (yajl2_c) builds each product in C and skips everything else (the Reserved terms
are half an EC2 file) without handing it to Python. Memory holds one product or term at a time, plus the kept
SKUs and records (stream.KeptPrices). Pass 2 is skipped when nothing was kept.

The C backend crashes the interpreter on an integer of more than 4,300 digits and its memory grows with the
square of the nesting depth, so it never sees an unchecked byte: every pass reads through
desktop.files.json_guard, which refuses numbers of more than 100 digits, strings over 64 KB, nesting deeper
than 64 and a product or a SKU's terms over 1 MB before the parser receives them.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any, BinaryIO

import ijson

from desktop.files.json_guard import GuardedStream, JsonLimitError, JsonLimits
from desktop.pricelist.offers.records import ON_DEMAND_TERM, OfferHeader, PriceListError, PriceRecord
from desktop.pricelist.offers.rules import OFFERS, OfferRules, Rule, base_usage, norm
from desktop.pricelist.offers.stream import MAX_PRICES_PER_FILE, KeptPrices, make_record, unknown_offer

BUFFER = 1 << 20
HEAD_EVENTS = 100_000
FIELD_NAMES = ("unit", "pricePerUnit", "pricePerUnit.USD", "beginRange", "endRange")
INDEX_KEYS = {"offers", "regions", "currentVersion", "versions"}
HEADER_KEYS = ("offerCode", "version", "publicationDate")
# What the parser may see: products are the values 3 deep, a SKU's terms 4 deep ({"terms": {"OnDemand": {sku: ...}}})
LIMITS = JsonLimits(deeper_items=(("terms", 4),))


def backend() -> ModuleType:
    """ijson's C backend when it is installed (about 5x the pure-Python one), else the best ijson has."""
    try:
        return importlib.import_module("ijson.backends.yajl2_c")
    except ImportError:
        fallback: ModuleType = ijson  # picks the best backend it has
        return fallback


class OfferIndexFile(PriceListError):
    """An AWS offer or region index (lists of URLs), not an offer file: skipped inside a folder."""


def read_json_offer(path: Path, handle: BinaryIO, start: int, known_types: frozenset[str],
                    on_bytes: Callable[[int], None]) -> tuple[OfferHeader, list[PriceRecord]]:
    """The offer in the open file `handle` (its JSON starts at `start`, after any byte-order mark)."""
    parser = backend()
    size = os.fstat(handle.fileno()).st_size
    done = 0

    def counted(count: int) -> None:
        nonlocal done
        done += count
        on_bytes(count)

    try:
        header = _head(path, parser, GuardedStream(handle, LIMITS, start=start))
        rules = OFFERS[header.offer_code]
        handle.seek(start)
        first = GuardedStream(handle, LIMITS, start=start, stop_after="products", on_bytes=counted)
        kept = _products(path, parser, first, rules, known_types)
        if not kept:
            on_bytes(max(size - done, 0))  # the second pass has nothing to look for
            return header, []
        # AWS writes the terms after the products: the second pass resumes there ({"":0 + `, "terms": ...}`)
        resume, prefix = (start, b"") if b"terms" in first.scan.opened_at or not first.stopped else \
            (first.scan.closed_at[b"products"], b'{"":0')
        handle.seek(resume)
        second = GuardedStream(handle, LIMITS, start=resume, prefix=prefix, on_bytes=counted)
        return header, _terms(path, parser, header, kept, second)
    except JsonLimitError as exc:
        raise PriceListError(path, f"line {exc.line:,}", f"{exc.problem} (at byte {exc.offset:,}); not read "
                             "further") from None


def _json_error(path: Path, exc: Exception, where: str) -> PriceListError:
    if "EOF" in str(exc) or "Incomplete JSON" in str(exc):
        return PriceListError(path, where, "the JSON ends before it is complete: the file is cut short")
    return PriceListError(path, where, f"not valid JSON ({str(exc).strip().splitlines()[0][:120]})")


def _head(path: Path, parser: ModuleType, stream: GuardedStream) -> OfferHeader:
    meta: dict[str, str] = {}
    sections: set[str] = set()
    events: Iterator[tuple[str, str, Any]] = parser.parse(stream, buf_size=1 << 16)
    try:
        first = next(events, None)
        if first is None or first[1] != "start_map":
            raise PriceListError(path, "", "not an AWS Price List offer file (not a JSON object)")
        for count, (prefix, event, value) in enumerate(events):
            if prefix == "" and event == "map_key":
                if value in ("products", "terms"):
                    sections.add(value)
                    break
                if value in INDEX_KEYS:
                    sections.add(value)
            elif prefix in HEADER_KEYS and event in ("string", "number"):
                meta[prefix] = str(value)
            elif (prefix == "" and event == "end_map") or count > HEAD_EVENTS:
                break
    except ijson.JSONError as exc:
        raise _json_error(path, exc, "") from None
    code = meta.get("offerCode", "")
    if not code:
        if sections & INDEX_KEYS:
            raise OfferIndexFile(path, "", "an AWS offer index (a list of offer files), not an offer file")
        raise PriceListError(path, "offerCode", "not an AWS Price List offer file (no offerCode before products)")
    if code not in OFFERS:
        raise unknown_offer(path, code)
    header = OfferHeader(code, meta.get("version", ""), meta.get("publicationDate", ""), path, "json")
    if not header.version:
        raise PriceListError(path, "version", "missing from the file's header")
    try:
        header.publication_date  # noqa: B018 (validates the date)
    except ValueError:
        raise PriceListError(path, "publicationDate", f"{header.publication!r} is not a date") from None
    return header


Kept = dict[str, tuple[Rule, tuple[str, ...], str, str, str]]  # sku -> rule, key, region, location, usage type


def _products(path: Path, parser: ModuleType, stream: GuardedStream, rules: OfferRules, known_types: frozenset[str]
              ) -> Kept:
    kept: Kept = {}
    seen = 0
    try:
        for sku, product in parser.kvitems(stream, "products", buf_size=BUFFER):
            seen += 1
            attrs = product.get("attributes") if isinstance(product, dict) else None
            if not isinstance(attrs, dict):
                raise PriceListError(path, f"products.{sku}", "has no attributes object")
            usage = str(attrs.get("usagetype", ""))
            base = base_usage(usage)
            if rules.candidate(base, known_types) is None and not rules.fuzzy:
                continue
            named = {norm(k): str(v) for k, v in attrs.items()}
            named["productfamily"] = str(product.get("productFamily", ""))

            def get(name: str, named: dict[str, str] = named) -> str:
                return named.get(name, "")

            hit = rules.match(base, known_types, get)
            if hit is not None:
                if len(kept) >= MAX_PRICES_PER_FILE:
                    raise PriceListError(path, f"products.{sku}", f"more than {MAX_PRICES_PER_FILE:,} products "
                                         "ComputeFit uses in one file (AWS's largest offer has a few thousand)")
                kept[str(sku)] = (hit[0], hit[1], rules.region(get), rules.location(get), usage)
    except ijson.IncompleteJSONError as exc:
        if not stream.stopped:  # else: the stream ended just after the products, on purpose
            raise _json_error(path, exc, f"after {seen} products") from None
    except ijson.JSONError as exc:
        raise _json_error(path, exc, f"after {seen} products") from None
    if not seen:
        raise PriceListError(path, "products", "no products in the file")
    return kept


def _terms(path: Path, parser: ModuleType, header: OfferHeader, kept: Kept, stream: GuardedStream
           ) -> list[PriceRecord]:
    records = KeptPrices(header)
    found = 0
    try:
        for sku, terms in parser.kvitems(stream, "terms.OnDemand", buf_size=BUFFER):
            found += 1
            entry = kept.get(str(sku))
            if entry is None:
                continue
            if not isinstance(terms, dict):
                raise PriceListError(path, f"terms.OnDemand.{sku}", "is not an object")
            for record in _dimensions(header, str(sku), terms, entry):
                records.add(record)
    except ijson.JSONError as exc:
        raise _json_error(path, exc, "terms.OnDemand") from None
    if not found:
        raise PriceListError(path, "terms.OnDemand", "no on-demand terms in the file")
    return records.records()


def _dimensions(header: OfferHeader, sku: str, terms: dict[str, Any],
                entry: tuple[Rule, tuple[str, ...], str, str, str]) -> Iterator[PriceRecord]:
    rule, key, region, location, usage = entry
    for term_key, term in terms.items():
        where = f"terms.OnDemand.{sku}.{term_key}"
        if not isinstance(term, dict):
            raise PriceListError(header.path, where, "is not an object")
        if not rule.allowance and term.get("offerTermCode") != ON_DEMAND_TERM:
            continue
        dimensions = term.get("priceDimensions")
        if not isinstance(dimensions, dict):
            raise PriceListError(header.path, f"{where}.priceDimensions", "missing or not an object")
        for rate, dim in dimensions.items():
            at = f"{where}.priceDimensions.{rate}"
            if not isinstance(dim, dict):
                raise PriceListError(header.path, at, "is not an object")
            per_unit = dim.get("pricePerUnit")
            per_unit = per_unit if isinstance(per_unit, dict) else {}
            currency = "USD" if "USD" in per_unit else ",".join(per_unit) or "none"
            yield make_record(header, rule, key, region, location, unit=str(dim.get("unit", "")), currency=currency,
                              price=per_unit.get("USD"), begin=dim.get("beginRange"), end=dim.get("endRange"),
                              effective=term.get("effectiveDate"), sku=sku, usage_type=usage, where=at,
                              field_names=FIELD_NAMES)
